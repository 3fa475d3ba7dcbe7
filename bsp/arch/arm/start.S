/*
 * start.S - vector table and reset code for every ARM board (ARMv5, v6, v7).
 *
 * An ARMv5 image is linked (and entered) at address 0, where the CPU takes
 * its exceptions; on ARMv6 and ARMv7 (CPU_HAS_VBAR) the image may be linked
 * anywhere and the vector base register points at the table. The entry
 * state assumed is only what QEMU and the boards' boot firmware guarantee:
 * a privileged mode, MMU off, and nothing else (the Raspberry Pi and the
 * vexpress-a9 enter with sp = 0). On a multi-core CPU every core runs this
 * code at once: all but CPU 0 wait in WFE until the multicore start-up
 * releases them.
 *
 * Each vector loads pc from a literal, so the handlers can live anywhere:
 * arm_vec_undef, arm_vec_svc, arm_vec_pabt, arm_vec_dabt, arm_vec_irq and
 * arm_vec_fiq. Weak defaults here print a register dump and exit with a
 * failing status; the native port or the partitioning kernel provides the
 * real ones.
 *
 * Reset: one stack per exception mode from linker symbols, .data copied if
 * its load address differs, .bss zeroed, then main() in SVC mode with IRQs
 * and FIQs masked. If main returns, its value is the exit status.
 */

#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1B
#define MODE_SYS 0x1F
#define PSR_IF 0xC0

#include "cpu_arch.h"

    .syntax unified
    .arm
    .section .vectors, "ax"
    .balign 32                  /* VBAR: bits 4:0 are zero */
    .global arm_vectors
arm_vectors:
    ldr pc, =arm_reset
    ldr pc, =arm_vec_undef
    ldr pc, =arm_vec_svc
    ldr pc, =arm_vec_pabt
    ldr pc, =arm_vec_dabt
    nop                         /* reserved vector */
    ldr pc, =arm_vec_irq
    ldr pc, =arm_vec_fiq
    .ltorg

    .text
    .global arm_reset
    .type arm_reset, %function
arm_reset:
#if CPU_ARCH_VERSION >= 7
    /* Only CPU 0 (MPIDR affinity 0) starts the system. */
    mrc p15, 0, r0, c0, c0, 5
    ands r0, r0, #3
    beq 6f
7:  wfe
    b 7b
6:
#endif
#if CPU_HAS_VBAR
    ldr r0, =arm_vectors
    mcr p15, 0, r0, c12, c0, 0
#endif
    /* One stack per mode; all with interrupts masked. */
    msr cpsr_c, #(MODE_FIQ | PSR_IF)
    ldr sp, =arm_stack_fiq_top
    msr cpsr_c, #(MODE_IRQ | PSR_IF)
    ldr sp, =arm_stack_irq_top
    msr cpsr_c, #(MODE_ABT | PSR_IF)
    ldr sp, =arm_stack_abt_top
    msr cpsr_c, #(MODE_UND | PSR_IF)
    ldr sp, =arm_stack_und_top
    msr cpsr_c, #(MODE_SYS | PSR_IF)
    ldr sp, =arm_stack_sys_top
    msr cpsr_c, #(MODE_SVC | PSR_IF)
    ldr sp, =arm_stack_svc_top

    /* Copy .data from its load address when the image was loaded
     * elsewhere (a ROM image); under QEMU the ELF loader places it. */
    ldr r0, =arm_data_start
    ldr r1, =arm_data_end
    ldr r2, =arm_data_load
    cmp r0, r2
    beq 2f
1:  cmp r0, r1
    ldrlo r3, [r2], #4
    strlo r3, [r0], #4
    blo 1b
2:
    /* Zero .bss (word aligned by the linker script). */
    ldr r0, =arm_bss_start
    ldr r1, =arm_bss_end
    mov r2, #0
3:  cmp r0, r1
    strlo r2, [r0], #4
    blo 3b

    bl main
    bl bsp_exit                 /* main's return value is the status */
4:  b 4b
    .ltorg

/*
 * Default vectors: save r0-r12 and the exception lr on the current mode's
 * stack, then report. Weak, so that a definition elsewhere replaces them.
 */
.macro DEFAULT_VECTOR name, kind
    .weak \name
    .type \name, %function
\name:
    stmfd sp!, {r0-r12, lr}
    mov r0, #\kind
    b arm_default_trap
.endm

    DEFAULT_VECTOR arm_vec_undef, 1
    DEFAULT_VECTOR arm_vec_svc, 2
    DEFAULT_VECTOR arm_vec_pabt, 3
    DEFAULT_VECTOR arm_vec_dabt, 4
    DEFAULT_VECTOR arm_vec_irq, 5
    DEFAULT_VECTOR arm_vec_fiq, 6

arm_default_trap:
    mov r1, sp                  /* r0..r12, lr as pushed */
    sub sp, sp, #8
    stmia sp, {sp, lr}^         /* USR/SYS banked sp and lr */
    nop                         /* no banked access right after stm^ */
    mov r2, sp
    mrs r3, spsr
    bl arm_fault_report         /* does not return */
5:  b 5b
