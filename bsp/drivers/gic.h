/*
 * gic.h - ARM Generic Interrupt Controller, architecture version 1 (as in
 * the Cortex-A9 MPCore), used with every source in one group and IRQ only.
 *
 * The GIC is two register blocks, and each function takes the block it
 * touches, by kernel virtual address:
 *   dist  the distributor, one for the whole system: which sources are
 *         enabled, their priorities and target cores. On the Cortex-A9 it
 *         lies at PERIPHBASE + 0x1000 (0x1E001000 on vexpress-a9).
 *   cpu   the CPU interface: acknowledge and end of interrupt. Every core
 *         has its own, banked at the same address, so a core always talks
 *         to its own. On the Cortex-A9 it lies at PERIPHBASE + 0x100
 *         (0x1E000100 on vexpress-a9).
 * The distributor's registers of sources 0..31 are banked per core too.
 * The driver keeps no state: everything per core lives in the banked
 * registers, so the same calls serve every core.
 *
 * Source numbers (interrupt IDs): 0..15 software-generated interrupts
 * (SGIs, sent by gic_send_sgi()), 16..31 private peripheral interrupts
 * (PPIs, one per core: on the Cortex-A9 27 is the global timer, 29 the
 * private timer, 30 the watchdog), 32 and up shared peripheral interrupts
 * (SPIs, the board's devices). 1020..1023 are special (1023: nothing
 * pending) and never name a source.
 */
#ifndef GIC_H
#define GIC_H

#include <stdbool.h>
#include <stdint.h>

#ifndef DRV_REG32
#define DRV_REG32(base, off) (*(volatile uint32_t *)((base) + (off)))
#endif

/* Distributor register offsets. The per-source registers are arrays that
 * start at these offsets: one bit per source for the enable and pending
 * sets, one byte per source for priorities and targets. */
#define GIC_DIST_CTLR 0x000u       /* bit 0: forward interrupts to the cores */
#define GIC_DIST_TYPER 0x004u      /* number of sources and of cores */
#define GIC_DIST_IIDR 0x008u       /* implementer and revision */
#define GIC_DIST_ISENABLER 0x100u  /* write 1: enable */
#define GIC_DIST_ICENABLER 0x180u  /* write 1: disable */
#define GIC_DIST_ISPENDR 0x200u    /* write 1: make pending */
#define GIC_DIST_ICPENDR 0x280u    /* write 1: clear pending */
#define GIC_DIST_ISACTIVER 0x300u  /* read: active */
#define GIC_DIST_IPRIORITYR 0x400u /* priority byte, lower is more urgent */
#define GIC_DIST_ITARGETSR 0x800u  /* target core mask byte (SPIs) */
#define GIC_DIST_ICFGR 0xC00u      /* two bits per source: edge or level */
#define GIC_DIST_SGIR 0xF00u       /* software-generated interrupt */

#define GIC_DIST_CTLR_ENABLE 0x1u
#define GIC_TYPER_ITLINES_MASK 0x1Fu /* ITLinesNumber: (sources / 32) - 1 */
#define GIC_TYPER_CPUS_SHIFT 5u      /* CPUNumber: cores - 1, 3 bits */
#define GIC_TYPER_CPUS_MASK 0x7u

/* GICD_SGIR fields. */
#define GIC_SGIR_TARGETS_SHIFT 16u /* CPUTargetList: one bit per core */
#define GIC_SGIR_TARGETS_MASK 0xFFu
#define GIC_SGIR_FILTER_SHIFT 24u  /* TargetListFilter, 2 bits */
#define GIC_SGIR_FILTER_LIST 0u    /* the cores in CPUTargetList */
#define GIC_SGIR_ID_MASK 0xFu

/* CPU interface register offsets. */
#define GIC_CPU_CTLR 0x00u /* bit 0: signal interrupts to the core */
#define GIC_CPU_PMR 0x04u  /* priority mask: only more urgent ones pass */
#define GIC_CPU_BPR 0x08u  /* binary point (preemption grouping) */
#define GIC_CPU_IAR 0x0Cu  /* acknowledge: read the pending source */
#define GIC_CPU_EOIR 0x10u /* end of interrupt: write what IAR gave */
#define GIC_CPU_RPR 0x14u  /* running priority */
#define GIC_CPU_HPPIR 0x18u /* highest pending, without acknowledging */

#define GIC_CPU_CTLR_ENABLE 0x1u
/* IAR / EOIR: interrupt ID in bits 9:0; for an SGI, bits 12:10 name the
 * core that sent it. */
#define GIC_IAR_ID_MASK 0x3FFu
#define GIC_IAR_CPUID_SHIFT 10u
#define GIC_IAR_CPUID_MASK 0x7u
#define GIC_IAR_MASK 0x1FFFu

/* Source number ranges. */
#define GIC_SGI_COUNT 16u   /* 0..15 */
#define GIC_SPI_FIRST 32u   /* PPIs are 16..31 */
#define GIC_ID_SPECIAL 1020u /* 1020..1023: no source (1023: none pending) */
/* The architectural maximum: source numbers are below GIC_SOURCES. A
 * given GIC implements fewer: gic_source_count(). */
#define GIC_SOURCES GIC_ID_SPECIAL
/* Sources per register of the one-bit arrays and of the one-byte arrays. */
#define GIC_BITS_PER_REG 32u
#define GIC_BYTES_PER_REG 4u

/* The priority every source gets at init, and the mask that lets every
 * such priority through. Both use only the top bits, so they hold however
 * many priority bits the GIC implements (at least four; five, 0xF8, in
 * QEMU's Cortex-A9 GIC). */
#define GIC_PRIO_DEFAULT 0xA0u
#define GIC_PMR_ALL 0xF0u
/* Target mask of core 0 (the byte value of ITARGETSR). */
#define GIC_TARGET_CPU0 0x01u

/* The source number in a value gic_claim() returned (an SGI's sender
 * dropped). */
#define GIC_SOURCE_ID(claimed) ((unsigned)(claimed) & GIC_IAR_ID_MASK)

/* Number of source numbers this GIC implements (32 per ITLinesNumber step,
 * at most GIC_SOURCES): sources 0 .. gic_source_count() - 1 exist. */
unsigned gic_source_count(uintptr_t dist);

/*
 * Brings up the whole controller from the core that boots: the
 * distributor off while it is set up, every SPI disabled, its pending
 * state cleared, priority GIC_PRIO_DEFAULT and target core 0; then the
 * distributor on and gic_cpu_init() for the calling core. Trigger modes
 * stay as reset left them (level for the board's SPIs).
 */
void gic_init(uintptr_t dist, uintptr_t cpu);

/*
 * The calling core's part, for every core (gic_init() does it for the
 * boot core; a secondary core calls it itself): its banked SGIs and PPIs
 * disabled and not pending (the GIC v1 keeps SGIs always enabled: those
 * bits ignore writes), their priority GIC_PRIO_DEFAULT, then its CPU
 * interface passing every priority and on.
 */
void gic_cpu_init(uintptr_t dist, uintptr_t cpu);

/* Enables source at the distributor. An SGI or PPI is banked: this enables
 * it for the calling core only. source may be a value gic_claim() returned
 * (an SGI's sender is ignored); a number beyond GIC_SOURCES does nothing. */
void gic_enable(uintptr_t dist, unsigned source);

/* Disables source at the distributor (the calling core's copy for an SGI
 * or PPI), taking source as gic_enable() does. A source already
 * acknowledged still needs gic_complete(). */
void gic_disable(uintptr_t dist, unsigned source);

/* Routes the SPI source (GIC_SPI_FIRST .. GIC_SOURCES - 1, others are
 * ignored) to the cores in cpu_mask (bit n: core n). One byte store: other
 * sources are untouched. A GIC with one
 * core interface reads the targets as 0 and ignores writes (QEMU 7.2): all
 * SPIs go to that core. */
void gic_set_target(uintptr_t dist, unsigned source, unsigned cpu_mask);

/*
 * Acknowledges the highest-priority pending enabled source of the calling
 * core: reads IAR, which makes it active. Returns -1 when there is none
 * (a spurious ID 1020..1023, e.g. 1023). Otherwise returns IAR bits 12:0:
 * the source number, and for an SGI also the sending core in bits 12:10,
 * so the value is the source itself for SGIs from core 0, for PPIs and for
 * SPIs, and source + 1024 * core for an SGI from another core. Index
 * handlers by GIC_SOURCE_ID(value) and pass the value itself to
 * gic_complete(): the architecture ends an SGI only with the sender named
 * (QEMU 7.2 does not check it; silicon may).
 */
static inline int gic_claim(uintptr_t cpu)
{
    uint32_t iar = DRV_REG32(cpu, GIC_CPU_IAR) & GIC_IAR_MASK;
    if ((iar & GIC_IAR_ID_MASK) >= GIC_ID_SPECIAL)
        return -1;
    return (int)iar;
}

/* gic_claim() in two steps, for a dispatch that tests one source first:
 * gic_peek() reads IAR (the acknowledge: the source becomes active),
 * gic_peek_is(w, source) is true when gic_claim() would have returned
 * source (a PPI or SPI), gic_claim_peeked(w) is what it would have
 * returned. */
static inline uint32_t gic_peek(uintptr_t cpu)
{
    return DRV_REG32(cpu, GIC_CPU_IAR) & GIC_IAR_MASK;
}
static inline bool gic_peek_is(uint32_t w, unsigned source)
{
    return w == source;
}
static inline int gic_claim_peeked(uint32_t w)
{
    return (w & GIC_IAR_ID_MASK) >= GIC_ID_SPECIAL ? -1 : (int)w;
}

/* Ends the handling of what gic_claim() returned (writes it to EOIR): the
 * source may be signalled again. */
static inline void gic_complete(uintptr_t cpu, unsigned source)
{
    DRV_REG32(cpu, GIC_CPU_EOIR) = source;
}

/*
 * Sends SGI sgi (0..15) to every core in cpu_mask (bit n: core n; the
 * sender may name itself). Every store the caller made before is visible
 * to the receiving cores before the interrupt can be seen (a DSB comes
 * first).
 */
void gic_send_sgi(uintptr_t dist, unsigned cpu_mask, unsigned sgi);

#endif /* GIC_H */
