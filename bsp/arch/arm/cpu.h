/*
 * cpu.h - the one place for inline assembly and CP15 (system control
 * coprocessor) access on the ARM cores the boards use (ARMv5 ARM926EJ-S,
 * ARMv6 ARM1176JZF-S, ARMv7-A Cortex-A9).
 *
 * Every other C file reaches processor state through these accessors, so
 * the assembly that a reader has to check lives in two headers: this one,
 * for what every version shares (CPSR, the short-descriptor MMU registers,
 * fault registers), and the version's cpu_arch.h (bsp/arch/arm/v<N>/) for
 * what differs (cache maintenance, barriers, WFI, the vector base).
 */
#ifndef ARM_CPU_H
#define ARM_CPU_H

#include <stdint.h>

#include "cpu_bits.h"

/* ---- CPSR ---- */

static inline uint32_t cpu_cpsr_read(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

/* Writes the control field (mode and I/F bits) only. */
static inline void cpu_cpsr_c_write(uint32_t v)
{
    __asm__ volatile("msr cpsr_c, %0" : : "r"(v) : "memory", "cc");
}

static inline uint32_t cpu_mode(void)
{
    return cpu_cpsr_read() & CPU_MODE_MASK;
}

/* ---- IRQ masking (ARMv5 has no CPS instruction: read-modify-write, the
 * same code on every version) ---- */

static inline void cpu_irq_enable(void)
{
    cpu_cpsr_c_write(cpu_cpsr_read() & ~CPU_PSR_I);
}

static inline void cpu_irq_disable(void)
{
    cpu_cpsr_c_write(cpu_cpsr_read() | CPU_PSR_I);
}

/* Masks IRQs and returns the previous CPSR for cpu_irq_restore(). */
static inline uint32_t cpu_irq_save(void)
{
    uint32_t old = cpu_cpsr_read();
    cpu_cpsr_c_write(old | CPU_PSR_I);
    return old;
}

/* Restores the I bit saved by cpu_irq_save(); the mode is unchanged. */
static inline void cpu_irq_restore(uint32_t old)
{
    cpu_cpsr_c_write((cpu_cpsr_read() & ~CPU_PSR_I) | (old & CPU_PSR_I));
}

/* cpu_irq_restore() for a caller still in the mode, state and F setting it
 * saved in (a save and restore pair of one function, as the tick core's):
 * the saved control field is written back as it was, one instruction
 * instead of a read-modify-write. */
static inline void cpu_irq_restore_same_mode(uint32_t old)
{
    cpu_cpsr_c_write(old);
}

static inline int cpu_irq_enabled(void)
{
    return (cpu_cpsr_read() & CPU_PSR_I) == 0u;
}

/* ---- CP15 registers ---- */

static inline uint32_t cpu_ctrl_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
    return v;
}

static inline void cpu_ctrl_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0" : : "r"(v) : "memory");
}

static inline void cpu_ttbr_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" : : "r"(v) : "memory");
}

static inline uint32_t cpu_ttbr_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c2, c0, 0" : "=r"(v));
    return v;
}

static inline void cpu_dacr_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c3, c0, 0" : : "r"(v) : "memory");
}

static inline uint32_t cpu_dacr_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c3, c0, 0" : "=r"(v));
    return v;
}

/* Data fault status register. */
static inline uint32_t cpu_dfsr_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
    return v;
}

/* Instruction fault status register. */
static inline uint32_t cpu_ifsr_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v));
    return v;
}

/* Fault address register (data aborts). */
static inline uint32_t cpu_far_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
    return v;
}

/* Invalidate the whole unified/split TLB (the same CP15 operation on
 * ARMv5, ARMv6 and ARMv7). The caller orders it with cpu_dsb()/cpu_isb(). */
static inline void cpu_tlb_invalidate_all(void)
{
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0u) : "memory");
}

/* Caches, barriers, WFI and the vector base differ per architecture
 * version: bsp/arch/arm/v<N>/cpu_arch.h, found by include path. */
#include "cpu_arch.h"

/* ---- CPU state USR mode may write outside the registers ---- */

#if CPU_HAS_USER_TID
/* The user read/write thread ID register (TPIDRURW; ARMv6K, ARMv7),
 * writable in USR mode: state a partition may leave for the next one,
 * saved and restored by the partition switch. */
static inline uint32_t cpu_user_tid_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 2" : "=r"(v));
    return v;
}

static inline void cpu_user_tid_write(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c13, c0, 2" : : "r"(v) : "memory");
}

/* Clear the local exclusive monitor (CLREX): a LDREX of one context must
 * not let a STREX of the next one succeed. */
static inline void cpu_clear_exclusive(void)
{
    __asm__ volatile("clrex" : : : "memory");
}
#else
static inline uint32_t cpu_user_tid_read(void)
{
    return 0u;
}

static inline void cpu_user_tid_write(uint32_t v)
{
    (void)v;
}

static inline void cpu_clear_exclusive(void)
{
}
#endif

/* Compiler barrier. */
static inline void cpu_barrier(void)
{
    __asm__ volatile("" : : : "memory");
}

/* Count leading zeros (ARMv5 and later). x must not be 0. */
static inline unsigned cpu_clz(uint32_t x)
{
    return (unsigned)__builtin_clz(x);
}

/* Copy `blocks` (> 0) blocks of 32 bytes, both ends word aligned: one
 * load-multiple and one store-multiple of eight registers per block (the
 * kernel's port messages, partitions/port.c). */
static inline void cpu_copy_blocks32(void *dst, const void *src, uint32_t blocks)
{
    __asm__ volatile("1: ldmia %1!, {r3, r4, r5, r6, r7, r8, r9, r12}\n"
                     "   subs %2, %2, #1\n"
                     "   stmia %0!, {r3, r4, r5, r6, r7, r8, r9, r12}\n"
                     "   bne 1b\n"
                     : "+r"(dst), "+r"(src), "+r"(blocks)
                     :
                     : "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r12", "memory", "cc");
}

/* ---- Semihosting ---- */

/* Semihosting call (ARM state, privileged modes only: from USR mode the
 * SVC lands in the kernel's own handler). */
static inline uint32_t cpu_semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
    return r0;
}

#endif /* ARM_CPU_H */
