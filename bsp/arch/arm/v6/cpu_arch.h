/*
 * cpu_arch.h (ARMv6, ARM1176JZF-S) - what differs between the architecture
 * versions in cache maintenance, barriers, WFI, the vector base and the
 * CPU number. Included by bsp/arch/arm/cpu.h only; the v5 and v7 headers
 * define the same names.
 *
 * ARMv6 has the barriers as CP15 operations (the DSB/ISB instructions come
 * with ARMv7), a vector base register on the ARM1176 (Security
 * Extensions), and the ARMv6 translation-table format selected by
 * SCTLR.XP (bit 23): execute-never, APX, TEX, nG (bsp/arch/arm/v6/mmu_desc.h).
 */
#ifndef ARM_CPU_ARCH_H
#define ARM_CPU_ARCH_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

#define CPU_ARCH_VERSION 6
#define CPU_CACHE_LINE 32u
/* Vectors through VBAR (c12, c0, 0): the image need not be linked at 0. */
#define CPU_HAS_VBAR 1
/* Control register bits set with the MMU (bsp/arch/arm/mmu.c):
 * XP, the ARMv6 descriptor format (subpage AP off, XN, nG), and U, the
 * ARMv6 unaligned-access model. GCC assumes U for ARMv6 code
 * (-munaligned-access is its default there) and may combine or split
 * accesses into unaligned word loads and stores; with U clear the ARM1176
 * would instead rotate the data of an unaligned load, as ARMv5 does. The
 * firmware's entry state does not promise U, so the kernel sets it.
 * (QEMU 7.2 behaves as with U set either way.) */
#define CPU_CTRL_XP 0x00800000u
#define CPU_CTRL_U 0x00400000u
#define CPU_CTRL_ARCH_SET (CPU_CTRL_XP | CPU_CTRL_U)
#define CPU_MAX_CPUS 1u
/* Address-space identifiers (CONTEXTIDR) tag non-global TLB entries. */
#define CPU_HAS_ASID 1

#ifndef __ASSEMBLER__
/* Invalidate both caches and the branch target cache (contents are lost:
 * only before enabling them). */
static inline void cpu_cache_invalidate_all(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c7, 0" : : "r"(0u) : "memory");
}

/* Invalidate the instruction cache (and with it the branch predictor's
 * entries, c7, c5, 6). */
static inline void cpu_icache_invalidate_all(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 0\n\t"
                     "mcr p15, 0, %0, c7, c5, 6" : : "r"(0u) : "memory");
}

/* Clean the data cache line holding addr (write it back to memory). */
static inline void cpu_dcache_clean_line(const volatile void *addr)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(addr) : "memory");
}

/* Data synchronization barrier (CP15 form). */
static inline void cpu_dsb(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0u) : "memory");
}

/* Instruction synchronization barrier: flush the prefetch buffer. */
static inline void cpu_isb(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 4" : : "r"(0u) : "memory");
}

/* Wait for interrupt (CP15 form, which the ARM1176 implements). */
static inline void cpu_wfi(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0u) : "memory");
}

/* Context ID register: the current ASID in bits 7:0. */
static inline void cpu_contextidr_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c13, c0, 1" : : "r"(v) : "memory");
}

/* Vector base address (32-byte aligned). */
static inline void cpu_vbar_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0" : : "r"(v) : "memory");
}

/* Index of the executing CPU (the BCM2835 has one). */
static inline unsigned cpu_id(void)
{
    return 0u;
}

/* A user read/write thread ID register (TPIDRURW) and an exclusive
 * monitor (CLREX): their accessors are in cpu.h. */
#define CPU_HAS_USER_TID 1

/* No ThumbEE on ARMv6. */
static inline void cpu_user_thumbee_lock(void)
{
}

#endif /* __ASSEMBLER__ */

#endif /* ARM_CPU_ARCH_H */
