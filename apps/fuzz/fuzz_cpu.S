/*
 * fuzz_cpu.S - how the fuzzer issues a service call: from a chosen CPU
 * state (condition flags set, after "msr cpsr_c" attempts, on an odd sp,
 * in Thumb state, as "svc #1"), then checks what the ABI promises after it
 * (docs/abi.md): still USR mode, the flags and every register but r0 (and
 * r1 for a 64-bit result) as they were.
 *
 * struct fuzz_cpu (fuzz.c; offsets below): nr, state, target, r1 out,
 * cpsr out, bad out.
 */
    .syntax unified
    .arm
    .text

#define C_NR 0
#define C_STATE 4
#define C_TARGET 8
#define C_R1 12
#define C_CPSR 16
#define C_BAD 20

/* state bits (fuzz.c: ST_*) */
#define ST_MSR_SVC 0x1      /* msr cpsr_c, #0xd3 (SVC, I, F): ignored in USR */
#define ST_MSR_SYS 0x2      /* msr cpsr_c, #0x1f (System mode): ignored */
#define ST_ODD_SP 0x4       /* sp - 1 .. 3 during the call */
#define ST_SVC1 0x8         /* "svc #1" instead of "svc #0" */
#define ST_SP_MASK 0x30     /* (state >> 4) & 3: odd-sp offset - 1 */
#define ST_FLAGS 0xF0000000 /* NZCV to set right before the svc */

/*
 * uint32_t fuzz_svc(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
 *                   struct fuzz_cpu *c)
 * c->target != 0: the svc is the Thumb code at that address (bit 0 set),
 * reached with blx; it must return with "bx lr".
 */
    .global fuzz_svc
    .type fuzz_svc, %function
fuzz_svc:
    push    {r4-r11, lr}
    ldr     r8, [sp, #36]           /* c: the fifth argument */
    ldr     r7, [r8, #C_NR]
    ldr     r4, [r8, #C_STATE]
    mov     r5, r2                  /* copies to check afterwards */
    mov     r6, r3
    mov     r9, sp
    ldr     r12, =0x5a5aa5a5
    ldr     r11, [r8, #C_TARGET]
    tst     r4, #ST_MSR_SVC
    msrne   cpsr_c, #0xd3
    tst     r4, #ST_MSR_SYS
    msrne   cpsr_c, #0x1f
    tst     r4, #ST_ODD_SP
    beq     1f
    and     r10, r4, #ST_SP_MASK
    mov     r10, r10, lsr #4
    add     r10, r10, #1
    sub     sp, sp, r10
1:  and     r10, r4, #ST_FLAGS
    cmp     r11, #0
    bne     4f
    tst     r4, #ST_SVC1
    bne     2f
    msr     cpsr_f, r10
    svc     #0
    b       3f
2:  msr     cpsr_f, r10
    svc     #1
    b       3f
4:  msr     cpsr_f, r10
    blx     r11
3:  mrs     r10, cpsr
    mov     sp, r9
    str     r1, [r8, #C_R1]
    str     r10, [r8, #C_CPSR]
    mov     r11, #0
    cmp     r2, r5
    orrne   r11, r11, #1
    cmp     r3, r6
    orrne   r11, r11, #2
    ldr     r10, =0x5a5aa5a5
    cmp     r12, r10
    orrne   r11, r11, #4
    ldr     r10, [r8, #C_NR]
    cmp     r7, r10
    orrne   r11, r11, #8
    str     r11, [r8, #C_BAD]
    pop     {r4-r11, pc}
    .ltorg
    .size fuzz_svc, . - fuzz_svc

/*
 * Thumb code reached by fuzz_svc: "svc #0" on a word boundary (the kernel,
 * reading the instruction at pc - 4, then reads an unaligned word) and on
 * a halfword boundary. Each returns with bx lr to the ARM caller.
 */
    .thumb
    .balign 4
    .global fuzz_thumb_svc_w
    .type fuzz_thumb_svc_w, %function
fuzz_thumb_svc_w:
    svc     #0
    bx      lr
    .balign 4
    nop
    .global fuzz_thumb_svc_h
    .type fuzz_thumb_svc_h, %function
fuzz_thumb_svc_h:
    svc     #0
    bx      lr
    .arm

/*
 * void fuzz_upcall_roundtrip(struct pk_regs *ctx)
 * Guest-kernel mode only: fills vcpu.ctx (ctx) with the current registers
 * and a PC right after the svc, then issues PK_SVC_UPCALL_RETURN (6),
 * which must resume exactly here with every register restored. The caller
 * sets vcpu.ctx_vmode to PK_VMODE_GUEST_KERNEL first.
 */
    .global fuzz_upcall_roundtrip
    .type fuzz_upcall_roundtrip, %function
fuzz_upcall_roundtrip:
    push    {r4-r11, lr}
    mov     lr, r0
    mov     r7, #6
    stmia   lr, {r0-r12}
    str     sp, [lr, #52]
    mov     r1, #0
    str     r1, [lr, #56]
    adr     r1, 1f
    str     r1, [lr, #60]
    mrs     r1, cpsr
    str     r1, [lr, #64]
    svc     #0
1:  pop     {r4-r11, pc}
    .size fuzz_upcall_roundtrip, . - fuzz_upcall_roundtrip
