/*
 * cpu_bits.h - architectural bit values of ARMv5/ARMv6 processor state
 * (CPSR fields, CP15 control register bits), without any code.
 *
 * Kept apart from cpu.h, whose accessors are inline assembly, so that code
 * built for the host (the kernel's unit tests, tests/host/pk) shares these
 * values with the target instead of repeating them.
 */
#ifndef ARM_CPU_BITS_H
#define ARM_CPU_BITS_H

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

#endif /* ARM_CPU_BITS_H */
