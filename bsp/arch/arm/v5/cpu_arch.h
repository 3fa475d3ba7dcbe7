/*
 * cpu_arch.h (ARMv5, ARM926EJ-S) - what differs between the architecture
 * versions in cache maintenance, barriers, WFI, the vector base and the
 * CPU number. Included by bsp/arch/arm/cpu.h only; the v6 and v7 headers
 * define the same names.
 *
 * The ARM926's caches are virtually indexed and tagged (VIVT) and its
 * translation table walk reads memory, not the data cache.
 */
#ifndef ARM_CPU_ARCH_H
#define ARM_CPU_ARCH_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* Architecture version, for the few #if that must remain (start.S). */
#define CPU_ARCH_VERSION 5
/* Bytes per cache line (clean by line steps by this). */
#define CPU_CACHE_LINE 32u
/* No vector base register: the vectors are at 0 (the image is linked at 0). */
#define CPU_HAS_VBAR 0
/* Control-register bits the MMU start-up sets besides M, C and I. */
#define CPU_CTRL_ARCH_SET 0u
/* Most CPUs a board of this version can have. */
#define CPU_MAX_CPUS 1u
/* Address-space identifiers (CONTEXTIDR) tag non-global TLB entries. */
#define CPU_HAS_ASID 0

#ifndef __ASSEMBLER__
/* Invalidate both caches (contents are lost: only before enabling them). */
static inline void cpu_cache_invalidate_all(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c7, 0" : : "r"(0u) : "memory");
}

/* Invalidate the instruction cache. */
static inline void cpu_icache_invalidate_all(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 0" : : "r"(0u) : "memory");
}

/* Clean the data cache line holding addr (write it back to memory). */
static inline void cpu_dcache_clean_line(const volatile void *addr)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(addr) : "memory");
}

/* All earlier memory accesses have completed (ARMv5: drain the write
 * buffer). */
static inline void cpu_dsb(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0u) : "memory");
}

/* Later instructions see the effect of earlier CP15 writes. The ARM926
 * needs nothing beyond the pipeline's own ordering of CP15 writes. */
static inline void cpu_isb(void)
{
    __asm__ volatile("" : : : "memory");
}

/* Wait for interrupt (ARM926: a CP15 operation; there is no WFI opcode).
 * Returns when an interrupt is pending, even if it is masked. */
static inline void cpu_wfi(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0u) : "memory");
}

/* Index of the executing CPU (0 on a single-core version). */
static inline unsigned cpu_id(void)
{
    return 0u;
}

/* ARMv5 has no user-writable thread ID register and no exclusive monitor
 * (no LDREX/STREX): nothing of the CPU state a partition may write outside
 * its registers and CPSR flags survives a partition switch (cpu.h). */
#define CPU_HAS_USER_TID 0
static inline void cpu_user_thumbee_lock(void)
{
}

#endif /* __ASSEMBLER__ */

#endif /* ARM_CPU_ARCH_H */
