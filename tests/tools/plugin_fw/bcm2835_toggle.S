/*
 * bcm2835_toggle.S - bare-metal test firmware for the gpio_vcd QEMU plugin,
 * model=bcm2835 (raspi0, ARM1176JZF-S, ELF linked at 0x8000). It drives
 * GPIO lines through the BCM2835 set and clear registers at known
 * instruction distances and leaves QEMU through semihosting
 * SYS_EXIT_EXTENDED with status 0. The expected edges, in instructions from
 * reset, are listed in tests/tools/test_trace_gpio_plugin.py; keep the two
 * in step. Straight-line code: every instruction counts.
 */
        .syntax unified
        .arm
        .text
        .global _start
_start:
        ldr     r0, =0x20200000         @ 1  GPIO base
        mov     r2, #0x20               @ 2
        str     r2, [r0, #0x1c]         @ 3  GPSET0 line 5
        .rept   10
        nop                             @ 4..13
        .endr
        mov     r2, #0x20               @ 14
        str     r2, [r0, #0x28]         @ 15 GPCLR0 line 5
        mov     r3, #0x0fc00000         @ 16
        str     r3, [r0, #0x1c]         @ 17 GPSET0 lines 22..27
        mov     r4, #0x40               @ 18
        str     r4, [r0, #0x1c]         @ 19 GPSET0 line 6
        add     r5, r3, #0              @ 20 a value the plugin cannot know
        str     r5, [r0, #0x28]         @ 21 GPCLR0 of unknown lines
        mvn     r2, #0                  @ 22
        str     r2, [r0, #0x28]         @ 23 GPCLR0 every line of bank 0
        mov     r2, #0x10               @ 24
        str     r2, [r0, #0x1c]         @ 25 GPSET0 line 4
        mov     r2, #1                  @ 26
        str     r2, [r0, #0x20]         @ 27 GPSET1 line 32
        mov     r2, #1                  @ 28
        str     r2, [r0, #0x2c]         @ 29 GPCLR1 line 32
        ldr     r1, [r0, #0x34]         @ 30 GPLEV0: a load, no event

        mov     r0, #0x20               @ SYS_EXIT_EXTENDED
        adr     r1, exit_block
        svc     #0x123456
1:      b       1b

        .align  2
exit_block:
        .word   0x20026                 @ ADP_Stopped_ApplicationExit
        .word   0                       @ status
        .ltorg
