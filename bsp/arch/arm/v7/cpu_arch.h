/*
 * cpu_arch.h (ARMv7-A, Cortex-A9) - what differs between the architecture
 * versions in cache maintenance, barriers, WFI, the vector base and the
 * CPU number. Included by bsp/arch/arm/cpu.h only; the v5 and v6 headers
 * define the same names.
 *
 * ARMv7 has DSB/ISB/WFI instructions; the ARMv5/v6 CP15 WFI is a no-op on
 * the Cortex-A9 (it returns at once), so only the instruction idles. There
 * is no "invalidate all data caches" operation: the L1 data cache is
 * invalidated by set/way from its geometry (CCSIDR).
 */
#ifndef ARM_CPU_ARCH_H
#define ARM_CPU_ARCH_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

#define CPU_ARCH_VERSION 7
#define CPU_CACHE_LINE 32u
#define CPU_HAS_VBAR 1
/* SCTLR.Z: branch prediction (XP reads as one on ARMv7). */
#define CPU_CTRL_ARCH_SET 0x00000800u
/* The Cortex-A9 MPCore has up to four. */
#define CPU_MAX_CPUS 4u
/* Address-space identifiers (CONTEXTIDR) tag non-global TLB entries. */
#define CPU_HAS_ASID 1

#ifndef __ASSEMBLER__
static inline void cpu_dsb(void)
{
    __asm__ volatile("dsb" : : : "memory");
}

static inline void cpu_isb(void)
{
    __asm__ volatile("isb" : : : "memory");
}

/* Invalidate the instruction cache and the branch predictor (ICIALLU,
 * BPIALL). */
static inline void cpu_icache_invalidate_all(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 0\n\t"
                     "mcr p15, 0, %0, c7, c5, 6" : : "r"(0u) : "memory");
}

/* Invalidate the L1 caches (contents are lost: only before enabling them):
 * the instruction cache at once, the data cache line by line by set and
 * way, from the geometry CCSIDR reports for level 1 (CSSELR = 0). */
static inline void cpu_cache_invalidate_all(void)
{
    uint32_t ccsidr;
    __asm__ volatile("mcr p15, 2, %1, c0, c0, 0\n\t"
                     "isb\n\t"
                     "mrc p15, 1, %0, c0, c0, 0"
                     : "=r"(ccsidr) : "r"(0u) : "memory");
    uint32_t line_shift = (ccsidr & 7u) + 4u;         /* log2(bytes/line) */
    uint32_t ways = ((ccsidr >> 3) & 0x3FFu) + 1u;
    uint32_t sets = ((ccsidr >> 13) & 0x7FFFu) + 1u;
    /* The way number sits in the top bits: shift = clz(ways - 1). */
    uint32_t way_shift =
        ways == 1u ? 0u : (uint32_t)__builtin_clz(ways - 1u);
    for (uint32_t w = 0; w < ways; w++)
        for (uint32_t s = 0; s < sets; s++) {
            uint32_t sw = (ways == 1u ? 0u : w << way_shift) |
                          (s << line_shift);
            __asm__ volatile("mcr p15, 0, %0, c7, c6, 2" : : "r"(sw));
        }
    cpu_icache_invalidate_all();
    cpu_dsb();
}

/* Clean the data cache line holding addr to the point of coherency
 * (DCCMVAC). */
static inline void cpu_dcache_clean_line(const volatile void *addr)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(addr) : "memory");
}

/* Wait for interrupt: the instruction (the CP15 form is a no-op here). */
static inline void cpu_wfi(void)
{
    __asm__ volatile("dsb\n\twfi" : : : "memory");
}

/* Context ID register: the current ASID in bits 7:0. */
static inline void cpu_contextidr_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c13, c0, 1" : : "r"(v) : "memory");
}

static inline void cpu_vbar_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0" : : "r"(v) : "memory");
}

/* Index of the executing CPU: MPIDR affinity level 0. */
static inline unsigned cpu_id(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(v));
    return v & 3u;
}

/* A user read/write thread ID register (TPIDRURW) and an exclusive
 * monitor (CLREX): their accessors are in cpu.h. */
#define CPU_HAS_USER_TID 1

/* ThumbEE (where ID_PFR0.State3 says it is there, e.g. Cortex-A9): its
 * handler base register TEEHBR is USR-writable unless TEECR.XED is set, a
 * register a partition could leave for the next one; partitions run in ARM
 * state only, so USR access is closed (it is then undefined). */
static inline void cpu_user_thumbee_lock(void)
{
    uint32_t pfr0;
    __asm__ volatile("mrc p15, 0, %0, c0, c1, 0" : "=r"(pfr0));
    if (((pfr0 >> 12) & 0xFu) != 0u) {
        __asm__ volatile("mcr p14, 6, %0, c0, c0, 0" : : "r"(1u) : "memory");
        __asm__ volatile("isb" : : : "memory");
    }
}

#endif /* __ASSEMBLER__ */

#endif /* ARM_CPU_ARCH_H */
