/*
 * rtgk_entry.S - entry of the red-team guest kernel (apps/rtgk), which
 * replaces the para-virtual port in an attacking partition: the kernel
 * starts the partition here (kernel_base) in guest-kernel mode with vmask
 * = 1. It sets a stack in its own bss and runs rtgk_attack(), which never
 * returns. No tick core, no gates: the attack code alone is the guest.
 */
    .syntax unified
    .arm

    .section .pv_entry, "ax"
    .global pv_entry
    .type pv_entry, %function
pv_entry:
    ldr     sp, =rtgk_stack + 4096
    bl      rtgk_attack
1:  b       1b
    .ltorg

    .bss
    .balign 8
    .global rtgk_stack
rtgk_stack:
    .space  4096
