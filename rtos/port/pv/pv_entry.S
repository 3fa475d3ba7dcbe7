/*
 * pv_entry.S - entry points of the para-virtual guest kernel.
 *
 * pv_entry is the first word of the guest-kernel image (the partition's
 * configured entry = kernel_base): the kernel starts the partition there in
 * guest-kernel mode with virtual interrupts masked.
 */
#include "pk_abi.h"
#include "pv_layout.h"

    .syntax unified
    .arm

    .section .pv_entry, "ax"
    .global pv_entry
    .type pv_entry, %function
pv_entry:
    ldr     sp, =pv_upcall_stack + PV_UPCALL_STACK_BYTES
    bl      pv_boot
1:  b       1b
    .ltorg

    .text
/* Upcall: r0 = events, r1 = ticks, sp = vcpu.upcall_sp, vmask = 1. */
    .global pv_upcall_entry
    .type pv_upcall_entry, %function
pv_upcall_entry:
    bl      pv_upcall
    mov     r7, #PK_SVC_UPCALL_RETURN
    svc     #0                      /* resumes vcpu.ctx; never returns */
2:  b       2b

/*
 * The return address given to a task's API call: the kernel takes any svc
 * at this registered address for the gate return, which needs no register (r0-r3 hold the API function's result
 * and r4-r11 the task's callee-saved registers).
 */
    .global pv_gate_trampoline
    .type pv_gate_trampoline, %function
pv_gate_trampoline:
    svc     #0
3:  b       3b

/*
 * pv_copy_regs16(dst, src): copy r0-r15 of a saved context (a TCB's frame,
 * the vCPU page's ctx) by block transfers: a task switch in an upcall saves
 * one context and loads another, which a word loop did in about 50
 * instructions each. Both pointers word-aligned.
 */
    .global pv_copy_regs16
    .type pv_copy_regs16, %function
pv_copy_regs16:
    push    {r4-r7}
    ldmia   r1!, {r2-r7}            /* r0-r5 */
    stmia   r0!, {r2-r7}
    ldmia   r1!, {r2-r7}            /* r6-r11 */
    stmia   r0!, {r2-r7}
    ldmia   r1, {r2-r5}             /* r12-r15 */
    stmia   r0, {r2-r5}
    pop     {r4-r7}
    bx      lr
    .size pv_copy_regs16, . - pv_copy_regs16
