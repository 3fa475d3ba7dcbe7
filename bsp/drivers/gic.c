/* gic.c - ARM GIC v1: distributor and CPU interface, one group, IRQ only. */
#include "gic.h"

#include "cpu.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))
#define REG8(base, off) (*(volatile uint8_t *)((base) + (off)))

/* A priority or target byte repeated over the four sources of a word. */
#define GIC_BYTE_X4(b) ((uint32_t)(b) * 0x01010101u)

/* Offset of the register holding source's bit (one-bit arrays) and the
 * bit itself. */
#define GIC_BIT_REG(array, source) \
    ((array) + GIC_BYTES_PER_REG * ((source) / GIC_BITS_PER_REG))
#define GIC_BIT(source) (1u << ((source) % GIC_BITS_PER_REG))

unsigned gic_source_count(uintptr_t dist)
{
    unsigned lines = (REG(dist, GIC_DIST_TYPER) & GIC_TYPER_ITLINES_MASK) + 1u;
    unsigned n = lines * GIC_BITS_PER_REG;
    return n < GIC_SOURCES ? n : GIC_SOURCES;
}

void gic_init(uintptr_t dist, uintptr_t cpu)
{
    unsigned n = gic_source_count(dist);

    /* Nothing is forwarded while the sources are set up, so no interrupt
     * of an earlier run slips through half-configured. */
    REG(dist, GIC_DIST_CTLR) = 0u;
    for (unsigned s = GIC_SPI_FIRST; s < n; s += GIC_BITS_PER_REG) {
        REG(dist, GIC_BIT_REG(GIC_DIST_ICENABLER, s)) = 0xFFFFFFFFu;
        REG(dist, GIC_BIT_REG(GIC_DIST_ICPENDR, s)) = 0xFFFFFFFFu;
    }
    for (unsigned s = GIC_SPI_FIRST; s < n; s += GIC_BYTES_PER_REG) {
        REG(dist, GIC_DIST_IPRIORITYR + s) = GIC_BYTE_X4(GIC_PRIO_DEFAULT);
        REG(dist, GIC_DIST_ITARGETSR + s) = GIC_BYTE_X4(GIC_TARGET_CPU0);
    }
    REG(dist, GIC_DIST_CTLR) = GIC_DIST_CTLR_ENABLE;
    gic_cpu_init(dist, cpu);
}

void gic_cpu_init(uintptr_t dist, uintptr_t cpu)
{
    /* Sources 0..31 are the calling core's own copies (banked). */
    REG(dist, GIC_DIST_ICENABLER) = 0xFFFFFFFFu;
    REG(dist, GIC_DIST_ICPENDR) = 0xFFFFFFFFu;
    for (unsigned s = 0u; s < GIC_SPI_FIRST; s += GIC_BYTES_PER_REG) {
        REG(dist, GIC_DIST_IPRIORITYR + s) = GIC_BYTE_X4(GIC_PRIO_DEFAULT);
    }
    REG(cpu, GIC_CPU_PMR) = GIC_PMR_ALL;
    REG(cpu, GIC_CPU_CTLR) = GIC_CPU_CTLR_ENABLE;
}

void gic_enable(uintptr_t dist, unsigned source)
{
    /* A value from gic_claim() may carry an SGI's sender above the ID;
     * anything beyond the ID space would reach another register array. */
    source = GIC_SOURCE_ID(source);
    if (source >= GIC_SOURCES)
        return;
    REG(dist, GIC_BIT_REG(GIC_DIST_ISENABLER, source)) = GIC_BIT(source);
}

void gic_disable(uintptr_t dist, unsigned source)
{
    source = GIC_SOURCE_ID(source);
    if (source >= GIC_SOURCES)
        return;
    REG(dist, GIC_BIT_REG(GIC_DIST_ICENABLER, source)) = GIC_BIT(source);
}

void gic_set_target(uintptr_t dist, unsigned source, unsigned cpu_mask)
{
    if (source < GIC_SPI_FIRST || source >= GIC_SOURCES)
        return;
    REG8(dist, GIC_DIST_ITARGETSR + source) = (uint8_t)cpu_mask;
}



void gic_send_sgi(uintptr_t dist, unsigned cpu_mask, unsigned sgi)
{
    /* The receiver may read data the sender just wrote: those stores must
     * be complete before the SGIR store can raise the interrupt. */
    cpu_dsb();
    REG(dist, GIC_DIST_SGIR) =
        (GIC_SGIR_FILTER_LIST << GIC_SGIR_FILTER_SHIFT) |
        ((cpu_mask & GIC_SGIR_TARGETS_MASK) << GIC_SGIR_TARGETS_SHIFT) |
        (sgi & GIC_SGIR_ID_MASK);
}
