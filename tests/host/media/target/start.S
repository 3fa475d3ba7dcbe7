/*
 * start.S - minimal start-up for the bare-metal media programs (decoder
 * benchmark, LCD check): a stack, a zeroed .bss, then target_main(), which
 * never returns (it exits through semihosting). The clip is embedded here
 * so the programs need no file system; CLIP_PATH is set by the build.
 */
    .section .text.start, "ax"
    .global _start
_start:
    ldr sp, =stack_top
    ldr r0, =bss_start
    ldr r1, =bss_end
    mov r2, #0
1:  cmp r0, r1
    strlo r2, [r0], #4
    blo 1b
    bl target_main
2:  b 2b

    .section .rodata.clip, "a"
    .balign 4
    .global clip_data, clip_data_end
clip_data:
    .incbin CLIP_PATH
clip_data_end:
