/*
 * port_asm.S - context switch of the native ARM926 port.
 *
 * Tasks run in SYS mode. A task's context is saved on its own stack (the
 * frame of port_frame.h) and the stack pointer stored in os_current->sp.
 * Two ways in:
 *   arm_vec_svc  "svc #0" from port_yield() (r12 = 0): save, os_task_switch(),
 *                restore; from os_task_yield() (r12 = 1, port_yield_rotate):
 *                os_task_yield_switch() instead, which also moves the task
 *                behind its equals.
 *   arm_vec_irq  any interrupt: save, bsp_irq_dispatch(), and when a handler
 *                asked for it (port_yield_from_isr) os_task_switch(); then
 *                restore whatever os_current is.
 * Both run with IRQs masked from entry to the final "movs pc, lr", which
 * restores the task's CPSR (mode, I bit) and pc at once.
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

/* Resume os_current from its saved frame. Does not return. */
.macro RESTORE_CONTEXT
    ldr r0, =os_current
    ldr r0, [r0]
    ldr lr, [r0, #OS_TASK_SP]
    ldmfd lr!, {r0}
    msr spsr_cxsf, r0
    ldmfd lr, {r0-r14}^             /* r0-r12, sp, lr of SYS mode */
    nop
    ldr lr, [lr, #(PORT_FRAME_BYTES - 8)]   /* resume pc */
    movs pc, lr                     /* pc and CPSR together */
.endm

    .global arm_vec_svc
    .type arm_vec_svc, %function
arm_vec_svc:
    SAVE_CONTEXT                    /* keeps the task's r12 */
    cmp r12, #0
    bne 2f
    bl os_task_switch
    RESTORE_CONTEXT
2:  bl os_task_yield_switch
    RESTORE_CONTEXT

    .global arm_vec_irq
    .type arm_vec_irq, %function
arm_vec_irq:
    sub lr, lr, #4                  /* resume at the interrupted instruction */
    SAVE_CONTEXT
    bl bsp_irq_dispatch
    ldr r0, =port_switch_pending
    ldr r1, [r0]
    cmp r1, #0
    beq 1f
    mov r1, #0
    str r1, [r0]
    bl os_task_switch
1:  RESTORE_CONTEXT
    .ltorg

/* void port_restore_first(void): enter os_current (SVC mode, IRQs masked). */
    .global port_restore_first
    .type port_restore_first, %function
port_restore_first:
    RESTORE_CONTEXT

    .ltorg
