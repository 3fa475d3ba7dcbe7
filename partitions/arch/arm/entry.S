/*
 * entry.S - exception entry and exit of the partitioning kernel (ARM926EJ-S).
 *
 * The board's vector table (bsp/arch/arm/start.S) branches here. Every
 * exception taken from USR mode (a partition) stores the partition's USR
 * registers r0-r14, the resume PC and the SPSR into *pk_cur_ctx, calls the C
 * handler on the exception mode's own stack, and leaves through
 * pk_arch_resume, which restores *pk_cur_ctx: whichever partition is current
 * by then. A partition switch is therefore only "pk_cur_ctx = &next->ctx"
 * plus a DACR write (done in C): no TTBR change, no TLB or cache work.
 * pk_cur_ctx is this core's pk_cpu cur_ctx, the first word of its struct
 * pk_cpu (pk_kernel.h): one core today, pk_cpus[0].
 *
 * Invariants: the kernel runs with IRQs masked (the CPU masks them on every
 * exception entry and the kernel never unmasks them), so these paths never
 * nest. An exception taken from a privileged mode is a kernel fault:
 * the registers are pushed and pk_trap_kernel() panics.
 */
#include "pk_asm_offsets.h"

    .syntax unified
    .arm
    .text

/* Trap kinds passed to pk_trap_kernel (match pk_trap_kernel in trap.c). */
#define KIND_SVC 0
#define KIND_IRQ 1
#define KIND_DABT 2
#define KIND_PABT 3
#define KIND_UNDEF 4

/*
 * ENTRY kind, adjust, handler: adjust is what the CPU added to the address
 * of the instruction to resume at (IRQ 4, prefetch abort 4, undefined 4 and
 * SVC 0: resume after; data abort 8: the faulting instruction).
 */
.macro PK_ENTRY name, kind, adjust, handler
    .global \name
    .type \name, %function
\name:
    .if \adjust
    sub     lr, lr, #\adjust
    .endif
    /* From USR mode (0x10: low four mode bits zero)? */
    str     r0, [sp, #-4]!
    mrs     r0, spsr
    tst     r0, #0xf
    ldr     r0, [sp], #4
    bne     1f
    /* Save the partition: lr (banked) points at the context. */
    str     lr, [sp, #-4]!
    ldr     lr, =pk_cpus            /* this core's: pk_cpus[0].cur_ctx */
    ldr     lr, [lr]
    stmia   lr, {r0-r14}^
    nop                             /* no banked access right after stm^ */
    ldr     r0, [sp], #4
    str     r0, [lr, #PK_REGS_PC]
    mrs     r0, spsr
    str     r0, [lr, #PK_REGS_CPSR]
    bl      \handler
    b       pk_arch_resume
1:  /* Kernel fault: dump and panic (never returns). */
    stmfd   sp!, {r0-r12}
    mov     r0, #\kind
    mov     r1, sp
    mov     r2, lr
    mrs     r3, spsr
    bl      pk_trap_kernel
    .size \name, . - \name
.endm

    PK_ENTRY arm_vec_svc, KIND_SVC, 0, pk_trap_svc
    PK_ENTRY arm_vec_irq, KIND_IRQ, 4, pk_trap_irq
    PK_ENTRY arm_vec_dabt, KIND_DABT, 8, pk_trap_dabt
    PK_ENTRY arm_vec_pabt, KIND_PABT, 4, pk_trap_pabt
    PK_ENTRY arm_vec_undef, KIND_UNDEF, 4, pk_trap_undef

/*
 * pk_arch_resume: return to the current partition. Loads the SPSR with its
 * CPSR (always USR mode with IRQs enabled: the C code sanitises it), the USR
 * bank from the context, and jumps to its PC with "movs", which copies SPSR
 * to CPSR. Called from any privileged mode; the mode's stack is left as it
 * was found at exception entry.
 */
    .global pk_arch_resume
    .type pk_arch_resume, %function
pk_arch_resume:
#ifdef PK_CONFIG_INVARIANTS
    bl      pk_invariants_check     /* partitions/invariants.c */
#endif
    ldr     lr, =pk_cpus            /* this core's: pk_cpus[0].cur_ctx */
    ldr     lr, [lr]
    ldr     r0, [lr, #PK_REGS_CPSR]
    msr     spsr_cxsf, r0
    ldmia   lr, {r0-r14}^
    nop                             /* no banked access right after ldm^ */
    ldr     lr, [lr, #PK_REGS_PC]
    movs    pc, lr
    .size pk_arch_resume, . - pk_arch_resume

/*
 * pk_arch_copy_regs(dst, src): copy one struct pk_regs (17 words) with two
 * block transfers. The upcall paths move a whole context between a
 * partition's record and its vCPU page on every virtual interrupt; the
 * library memcpy, which cannot assume word alignment, takes about five
 * times as many instructions. Both pointers must be word-aligned.
 */
    .global pk_arch_copy_regs
    .type pk_arch_copy_regs, %function
pk_arch_copy_regs:
    push    {r4-r8, lr}
    ldmia   r1!, {r2-r8, r12, lr}   /* words 0-8 */
    stmia   r0!, {r2-r8, r12, lr}
    ldmia   r1, {r2-r8, r12}        /* words 9-16 */
    stmia   r0, {r2-r8, r12}
    pop     {r4-r8, pc}
    .size pk_arch_copy_regs, . - pk_arch_copy_regs
