/*
 * tp_fns.S - functions whose tracepoint sites are instructions of each
 * class the kernel displaces (partitions/tp_emu.c): plain data
 * processing, a pc-relative load, a branch, a branch with link and an ldm
 * that loads pc. Each returns a value the caller checks.
 */
    .syntax unified
    .arm
    .text

/* tp_plain(x) = 2x + 1; the site is its first instruction. */
    .global tp_plain
    .type tp_plain, %function
tp_plain:
    add     r0, r0, r0
    add     r0, r0, #1
    bx      lr
    .size tp_plain, . - tp_plain

/* tp_pcrel(x) = x ^ 0x600dcafe; the site loads the literal pc-relative. */
    .global tp_pcrel
    .type tp_pcrel, %function
tp_pcrel:
    ldr     r1, 1f
    eor     r0, r0, r1
    bx      lr
1:  .word   0x600dcafe
    .size tp_pcrel, . - tp_pcrel

/* tp_branch(x) = x + 5; the site branches over a wrong instruction. */
    .global tp_branch
    .type tp_branch, %function
tp_branch:
    b       2f
    mov     r0, #0
2:  add     r0, r0, #5
    bx      lr
    .size tp_branch, . - tp_branch

/* tp_call(x) = x + 101; the site tp_call_site is a bl. */
    .global tp_call
    .type tp_call, %function
tp_call:
    push    {r4, lr}
    .global tp_call_site
tp_call_site:
    bl      tp_helper
    add     r0, r0, #1
    pop     {r4, pc}
    .size tp_call, . - tp_call

tp_helper:
    add     r0, r0, #100
    bx      lr

/* tp_ret(x) = x + 3; the site tp_ret_site is the pop that loads pc. */
    .global tp_ret
    .type tp_ret, %function
tp_ret:
    push    {r4, lr}
    add     r0, r0, #3
    .global tp_ret_site
tp_ret_site:
    pop     {r4, pc}
    .size tp_ret, . - tp_ret

/* The trap encoding the kernel plants (PK_TP_TRAP), executed where no
 * tracepoint is: an ordinary undefined instruction of the partition. */
    .global tp_own_trap
    .type tp_own_trap, %function
tp_own_trap:
    .word   0xe7f7a0f5
    bx      lr
    .size tp_own_trap, . - tp_own_trap
