/*
 * gpio_toggle.S - bare-metal test firmware for the gpio_vcd QEMU plugin
 * (versatilepb, ARM926EJ-S). It toggles PL061 GPIO0 pins at known
 * instruction distances and leaves QEMU through semihosting
 * SYS_EXIT_EXTENDED with status 0. The expected edge times, in instructions
 * from reset, are listed in tests/tools/test_gpio_plugin.py; keep the two in
 * step. Every instruction between two stores counts, so the code below is
 * straight-line except for one counted loop.
 */
        .syntax unified
        .arm
        .text
        .global _start
_start:
        ldr     r0, =0x101e4000         @ 1  PL061 GPIO0 base
        mov     r1, #0xff               @ 2
        str     r1, [r0, #0x400]        @ 3  DIR: every pin an output

        mov     r2, #0xff               @ 4
        str     r2, [r0, #0x004]        @ 5  pin 0 high (mask 0x01)
        .rept   100
        nop                             @ 6..105
        .endr
        mov     r2, #0                  @ 106
        str     r2, [r0, #0x004]        @ 107 pin 0 low

        mvn     r3, #0xfa               @ 108 r3 = ...05: pins 0 and 2
        str     r3, [r0, #0x3fc]        @ 109 all pins written: 0,2 high

        @ Pin 1: 10 pulses, period 6 instructions, high for 2.
        mov     r4, #10                 @ 110
1:      mov     r2, #0xff               @ 111 + 6k
        str     r2, [r0, #0x008]        @ 112 + 6k  pin 1 high
        mov     r2, #0                  @ 113 + 6k
        str     r2, [r0, #0x008]        @ 114 + 6k  pin 1 low
        subs    r4, r4, #1              @ 115 + 6k
        bne     1b                      @ 116 + 6k

        @ After the loop (k = 10): instruction 171 is next.
        add     r5, r1, #0              @ 171 value the plugin cannot know
        str     r5, [r0, #0x010]        @ 172 pin 2 <- x
        mov     r2, #0                  @ 173
        str     r2, [r0, #0x3fc]        @ 174 all pins low

        mov     r0, #0x20               @ SYS_EXIT_EXTENDED
        adr     r1, exit_block
        svc     #0x123456
2:      b       2b

        .align  2
exit_block:
        .word   0x20026                 @ ADP_Stopped_ApplicationExit
        .word   0                       @ status
        .ltorg
