/*
 * sysled_loop.S - bare-metal test firmware for the gpio_vcd QEMU plugin,
 * model=reg (vexpress-a9, Cortex-A9, ELF linked at 0x60000000): a store
 * loop on the SYS_LED register (0x10000008), whose value is the level of
 * every line, at known instruction distances. Exits through semihosting
 * SYS_EXIT_EXTENDED with status 0 if SYS_LED reads back the last value
 * written to it. The expected edges are listed in
 * tests/tools/test_trace_gpio_plugin.py; keep the two in step.
 */
        .syntax unified
        .arm
        .text
        .global _start
_start:
        ldr     r0, =0x10000008         @ 1  SYS_LED
        mov     r4, #4                  @ 2
1:      mov     r1, #0x05               @ 3 + 6k
        str     r1, [r0]                @ 4 + 6k  lines 0 and 2 high
        mov     r1, #0xa0               @ 5 + 6k
        str     r1, [r0]                @ 6 + 6k  lines 5 and 7 high
        subs    r4, r4, #1              @ 7 + 6k
        bne     1b                      @ 8 + 6k

        @ After the loop (k = 4): instruction 27 is next.
        add     r2, r4, #3              @ 27 a value the plugin cannot know
        str     r2, [r0]                @ 28 every line unknown
        mvn     r1, #0                  @ 29
        str     r1, [r0]                @ 30 every line high
        mov     r1, #0                  @ 31
        str     r1, [r0, #4]            @ 32 the next register: no event

        ldr     r3, [r0]                @ status 0 if SYS_LED reads ~0
        adr     r1, exit_block
        cmn     r3, #1
        movne   r3, #1
        moveq   r3, #0
        str     r3, [r1, #4]
        mov     r0, #0x20               @ SYS_EXIT_EXTENDED
        svc     #0x123456
2:      b       2b

        .align  2
exit_block:
        .word   0x20026                 @ ADP_Stopped_ApplicationExit
        .word   0                       @ status
        .ltorg
