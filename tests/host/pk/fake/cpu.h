/*
 * cpu.h (host fake) - the processor accessors of bsp/arch/arm/cpu.h for the
 * kernel's host build (tests/host/pk).
 *
 * Chosen by include path: tests/host/pk/fake comes before bsp/arch/arm, so
 * the kernel's `#include "cpu.h"` finds this file and no kernel source is
 * changed. The bit values are the real ones (cpu_bits.h). Registers the
 * kernel reads (DACR, FAR, DFSR, IFSR, TTBR) are variables of the fake board
 * (tests/host/pk/fake.h) that a test sets; cache and TLB operations do
 * nothing; WFI lets the fake board's time run to the armed timer.
 */
#ifndef ARM_CPU_H
#define ARM_CPU_H

#include <stdint.h>

#include "cpu_bits.h"

/* State of the fake CPU, defined in tests/host/pk/fake_board.c. */
extern uint32_t fake_cpu_dacr;  /* the DACR (written through mmu_set_dacr) */
extern uint32_t fake_cpu_far;   /* FAR a data abort reports */
extern uint32_t fake_cpu_dfsr;  /* DFSR a data abort reports */
extern uint32_t fake_cpu_ifsr;  /* IFSR a prefetch abort reports */
extern uint32_t fake_cpu_ttbr;  /* TTBR: the fake translation table */
void fake_cpu_wfi(void);        /* wait for an interrupt (fake_board.c) */
extern uint32_t fake_cpu_tpidrurw;   /* the user thread ID register */
extern unsigned fake_cpu_clrex_count; /* exclusive-monitor clears */
extern unsigned fake_cpu_thumbee_locks; /* ThumbEE USR access closed */

/* The kernel runs in SVC mode with IRQs masked. */
static inline uint32_t cpu_cpsr_read(void)
{
    return CPU_MODE_SVC | CPU_PSR_I | CPU_PSR_F;
}

static inline uint32_t cpu_mode(void)
{
    return cpu_cpsr_read() & CPU_MODE_MASK;
}

static inline uint32_t cpu_ttbr_read(void)
{
    return fake_cpu_ttbr;
}

static inline uint32_t cpu_dacr_read(void)
{
    return fake_cpu_dacr;
}

static inline uint32_t cpu_dfsr_read(void)
{
    return fake_cpu_dfsr;
}

static inline uint32_t cpu_ifsr_read(void)
{
    return fake_cpu_ifsr;
}

static inline uint32_t cpu_far_read(void)
{
    return fake_cpu_far;
}

/* Caches and TLB: the host has nothing to maintain. */
static inline void cpu_tlb_invalidate_all(void)
{
}

static inline void cpu_icache_invalidate_all(void)
{
}

static inline void cpu_dcache_clean_line(const volatile void *addr)
{
    (void)addr;
}

static inline void cpu_dsb(void)
{
}

static inline void cpu_isb(void)
{
}

#define CPU_MAX_CPUS 1u

static inline unsigned cpu_id(void)
{
    return 0u;
}

static inline void cpu_wfi(void)
{
    fake_cpu_wfi();
}

/* A CPU with a user-writable thread ID register and an exclusive monitor
 * (ARMv6, ARMv7). */
#define CPU_HAS_USER_TID 1
static inline uint32_t cpu_user_tid_read(void)
{
    return fake_cpu_tpidrurw;
}

static inline void cpu_user_tid_write(uint32_t v)
{
    fake_cpu_tpidrurw = v;
}

static inline void cpu_clear_exclusive(void)
{
    fake_cpu_clrex_count++;
}

static inline void cpu_user_thumbee_lock(void)
{
    fake_cpu_thumbee_locks++;
}

static inline void cpu_barrier(void)
{
    __asm__ volatile("" : : : "memory");
}

static inline unsigned cpu_clz(uint32_t x)
{
    return (unsigned)__builtin_clz(x);
}

/* The kernel's block copy (bsp/arch/arm/cpu.h): 32-byte blocks. */
static inline void cpu_copy_blocks32(void *dst, const void *src, uint32_t blocks)
{
    __builtin_memcpy(dst, src, (size_t)blocks * 32u);
}

#endif /* ARM_CPU_H */
