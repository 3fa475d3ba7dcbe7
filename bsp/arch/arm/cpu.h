/*
 * cpu.h - the one place for inline assembly and CP15 (system control
 * coprocessor) access on ARMv5/ARMv6 cores (ARM926EJ-S, ARM1176JZF-S).
 *
 * Every other C file reaches processor state through these accessors, so
 * the assembly that a reader has to check lives in one header.
 */
#ifndef ARM_CPU_H
#define ARM_CPU_H

#include <stdint.h>

/* CPSR mode field values (bits 4:0). */
#define CPU_MODE_USR 0x10u
#define CPU_MODE_FIQ 0x11u
#define CPU_MODE_IRQ 0x12u
#define CPU_MODE_SVC 0x13u
#define CPU_MODE_ABT 0x17u
#define CPU_MODE_UND 0x1Bu
#define CPU_MODE_SYS 0x1Fu
#define CPU_MODE_MASK 0x1Fu

/* CPSR flag bits. */
#define CPU_PSR_T 0x20u        /* Thumb state */
#define CPU_PSR_F 0x40u        /* FIQ masked */
#define CPU_PSR_I 0x80u        /* IRQ masked */
#define CPU_PSR_A 0x100u       /* imprecise aborts masked (ARMv6 and later) */
#define CPU_PSR_E 0x200u       /* big-endian data (ARMv6 SETEND) */
#define CPU_PSR_J 0x01000000u  /* Jazelle state (with T: ThumbEE on ARMv7) */
#define CPU_PSR_FLAGS 0xF8000000u /* N, Z, C, V, Q: the condition flags */
#define CPU_PSR_GE 0x000F0000u    /* SIMD greater-or-equal flags (ARMv6) */

/* CP15 control register (c1) bits used by the system. */
#define CPU_CTRL_M 0x0001u /* MMU enable */
#define CPU_CTRL_A 0x0002u /* alignment fault checking */
#define CPU_CTRL_C 0x0004u /* data cache enable */
#define CPU_CTRL_I 0x1000u /* instruction cache enable */
#define CPU_CTRL_V 0x2000u /* high vectors (0xffff0000) */

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

/* ---- IRQ masking (ARMv5 has no CPS instruction: read-modify-write) ---- */

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

/* ---- TLB and caches ---- */

/* Invalidate the whole unified/split TLB. */
static inline void cpu_tlb_invalidate_all(void)
{
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0u) : "memory");
}

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

/* Drain the write buffer: all earlier stores have reached memory. */
static inline void cpu_drain_write_buffer(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0u) : "memory");
}

/* ---- Idle ---- */

/* Wait for interrupt (ARM926 form: a CP15 operation, not the WFI opcode).
 * Returns when an interrupt is pending, even if it is masked. */
static inline void cpu_wfi(void)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0u) : "memory");
}

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
