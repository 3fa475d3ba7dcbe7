/*
 * port_asm.S - context switch of the native ARM926 port.
 *
 * Tasks run in SYS mode. A task's context is saved on its own stack (the
 * frame of port_frame.h) and the stack pointer stored in os_current->sp.
 * Ways in:
 *   port_switch  a call from task level (port_yield(), the end of a critical
 *                section): the task saves its own frame in SYS mode (a
 *                call: r0-r3, r12 need not survive, so no exception entry
 *                is needed), then os_task_switch() on the SVC stack, restore.
 *   port_switch_yield  the same with os_task_yield_switch() (os_task_yield():
 *                the task also moves behind its equals).
 *   arm_vec_svc  "svc #0" (r12 = 0: os_task_switch(); r12 = 1:
 *                os_task_yield_switch()): the same switch through the
 *                exception, saving every register.
 *   arm_vec_irq  any interrupt: the caller-saved registers on the IRQ
 *                stack, bsp_irq_dispatch(), and back; only when a handler
 *                asked for it (port_yield_from_isr) the full save,
 *                os_task_switch() and the restore of the new os_current.
 * All run with IRQs masked from the store of the saved sp to the final
 * return ("movs pc, lr" or an ldm with pc^), which restores the task's CPSR
 * (mode, I bit) and pc at once.
 */
#include "asm_offsets.h"
#include "port_frame.h"

    .syntax unified
    .arm
    .text

/*
 * Save the interrupted task's context on its stack. On entry: exception
 * mode (SVC or IRQ), lr = pc at which the task resumes, spsr = task CPSR.
 * Uses one word of the exception stack transiently. Ends with lr = the new
 * saved sp, also stored in os_current->sp.
 */
.macro SAVE_CONTEXT
    stmfd sp!, {r0}
    stmdb sp, {sp}^                 /* task (SYS) sp below our r0 */
    nop
    sub sp, sp, #4
    ldmfd sp!, {r0}                 /* r0 = task sp */
    stmfd r0!, {lr}                 /* frame word 16: resume pc */
    mov lr, r0
    ldmfd sp!, {r0}                 /* the task's r0 again */
    stmdb lr, {r0-r14}^             /* words 1..15: r0-r12, sp, lr (SYS) */
    nop
    sub lr, lr, #(PORT_FRAME_BYTES - 8)
    mrs r0, spsr
    stmfd lr!, {r0}                 /* word 0: task CPSR */
    ldr r0, =os_current
    ldr r0, [r0]
    str lr, [r0, #OS_TASK_SP]
.endm

/* Resume the task r0 points at (os_current: what os_task_switch() and
 * os_task_yield_switch() return) from its saved frame. Does not return. */
.macro RESTORE_TASK
    ldr lr, [r0, #OS_TASK_SP]
    ldmfd lr!, {r0}
    msr spsr_cxsf, r0
    ldmfd lr, {r0-r14}^             /* r0-r12, sp, lr of SYS mode */
    nop
    ldr lr, [lr, #(PORT_FRAME_BYTES - 8)]   /* resume pc */
    movs pc, lr                     /* pc and CPSR together */
.endm

/* Resume os_current. Does not return. */
.macro RESTORE_CONTEXT
    ldr r0, =os_current
    ldr r0, [r0]
    RESTORE_TASK
.endm

    .global arm_vec_svc
    .type arm_vec_svc, %function
arm_vec_svc:
    SAVE_CONTEXT                    /* keeps the task's r12 */
    cmp r12, #0
    bne 2f
    bl os_task_switch
    RESTORE_TASK
2:  bl os_task_yield_switch
    RESTORE_TASK

/*
 * void port_switch(void), void port_switch_yield(void): called in SYS mode
 * (IRQs masked or not). The frame is the same as the exception paths':
 * word 0 the CPSR at the call (the task resumes with its I bit as it was),
 * r4-r11 as they are (r0-r3, r12 hold scratch values), sp before the
 * frame, lr, and the return address as the resume pc. The frame is pushed
 * before IRQs are masked: an interrupt meanwhile saves and restores the
 * task around it like anywhere else in its code (at most one more frame on
 * its stack), and the saved sp is stored only once masked.
 */
.macro SELF_SAVE
    mrs r0, cpsr
    mov r2, sp
    mov r3, lr
    stmfd sp!, {r2, r3, lr}         /* words 14..16: sp, lr, resume pc */
    stmfd sp!, {r0-r12}             /* words 1..13 */
    str r0, [sp, #-4]!              /* word 0: CPSR */
    mov r1, sp
    msr cpsr_c, #0xD3               /* SVC mode, IRQ and FIQ masked: the C
                                       code runs on the SVC stack */
    ldr r0, =os_current
    ldr r0, [r0]
    str r1, [r0, #OS_TASK_SP]       /* r0 = os_current for the C call */
.endm

    .global port_switch
    .type port_switch, %function
port_switch:
    SELF_SAVE
    bl os_task_switch
    RESTORE_TASK

    .global port_switch_yield
    .type port_switch_yield, %function
port_switch_yield:
    SELF_SAVE
    bl os_task_yield_switch
    RESTORE_TASK
    .ltorg

/*
 * An interrupt saves only what a C call may change (r0-r3, r12) and the
 * resume pc, on the IRQ stack: the handlers preserve r4-r11, and the task's
 * sp and lr are banked away. Only when a handler asked for a switch is the
 * full frame built on the task's stack, from those six words and the
 * registers.
 */
    .global arm_vec_irq
    .type arm_vec_irq, %function
arm_vec_irq:
    sub lr, lr, #4                  /* resume at the interrupted instruction */
    stmfd sp!, {r0-r3, r12, lr}     /* 24 bytes: the IRQ stack stays 8-aligned */
    bl bsp_irq_dispatch
    ldr r0, =port_switch_pending
    ldr r1, [r0]
    cmp r1, #0
    ldmfdeq sp!, {r0-r3, r12, pc}^  /* no switch: pc and CPSR together */
    mov r1, #0
    str r1, [r0]
    /* The full frame (port_frame.h) from the six words and the registers
     * the handlers kept: r4-r11 go first, then serve to move the rest. */
    stmdb sp, {sp, lr}^             /* the task's sp, lr below the six words */
    nop                             /* no banked register right after */
    ldr lr, [sp, #-8]               /* lr = the task's sp, T */
    sub lr, lr, #(PORT_FRAME_BYTES - 4 * PORT_FRAME_R12)  /* lr = word 13 (r12) */
    stmdb lr, {r4-r11}              /* words 5..12 */
    ldmdb sp, {r9, r10}             /* r9 = T, r10 = the task's lr */
    ldmfd sp!, {r4-r8, r11}         /* r0-r3, r12, the resume pc */
    stmia lr, {r8-r11}              /* words 13..16: r12, sp, lr, pc */
    mrs r0, spsr
    sub lr, lr, #(4 * PORT_FRAME_R12)  /* lr = word 0, T - PORT_FRAME_BYTES */
    stmia lr, {r0, r4-r7}           /* word 0: CPSR, words 1..4: r0-r3 */
    ldr r0, =os_current
    ldr r0, [r0]
    str lr, [r0, #OS_TASK_SP]
    bl os_task_switch
    RESTORE_TASK
    .ltorg

/* void port_restore_first(void): enter os_current (SVC mode, IRQs masked). */
    .global port_restore_first
    .type port_restore_first, %function
port_restore_first:
    RESTORE_CONTEXT

    .ltorg
