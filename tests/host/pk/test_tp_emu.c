/*
 * test_tp_emu.c - the emulator of instructions displaced by tracepoints
 * (partitions/tp_emu.c): each class (plain data processing, loads and
 * stores, pc-relative loads, b, bl, bx, ldm with pc), the condition codes,
 * the memory checks (nothing touched outside the ranges, no partial
 * store), Thumb targets, and what planting must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pk_tp.h"

/* Guest memory: a "code" range at 0x01000000 and a "data" range at
 * 0x01100000, 4 KiB each, backed by host buffers. */
#define CODE 0x01000000u
#define DATA 0x01100000u
#define SZ 4096u
static _Alignas(8) uint8_t mem[2 * SZ];
static struct pk_tp_mem m;
static struct pk_regs r;

/* The two ranges are contiguous in the host buffer but not in the guest:
 * CODE maps to mem[0..SZ), DATA to mem[SZ..2SZ) only through host_off of
 * one range at a time, so the tests place both in one window: DATA is
 * CODE + SZ on the host. */
static int setup(void **state)
{
    (void)state;
    memset(mem, 0, sizeof mem);
    memset(&r, 0, sizeof r);
    r.cpsr = 0x10u;
    m.base[0] = CODE;
    m.size[0] = 2u * SZ; /* code and data as one guest window */
    m.n = 1u;
    m.host_off = (intptr_t)mem - (intptr_t)CODE;
    return 0;
}

static uint32_t *w(uint32_t guest)
{
    return (uint32_t *)(void *)&mem[guest - CODE];
}

#define D (CODE + SZ) /* data area */
#define PC (CODE + 0x100u)

static enum pk_tp_result run(uint32_t insn)
{
    uint32_t fault = 0xdeadu;
    r.r[15] = PC; /* ignored by the emulator */
    return pk_tp_emulate(insn, PC, &r, &m, &fault);
}

static void plain_data(void **state)
{
    (void)state;
    r.r[1] = 7u;
    assert_int_equal(pk_tp_decode(0xe1a00001u), PK_TP_DATA); /* mov r0, r1 */
    assert_int_equal(run(0xe1a00001u), PK_TP_OK);
    assert_int_equal(r.r[0], 7u);
    assert_int_equal(r.r[15], PC + 4u);
    /* add r2, r1, #0x400 (rotated immediate 1 ror 22) */
    assert_int_equal(run(0xe2812b01u), PK_TP_OK);
    assert_int_equal(r.r[2], 7u + 0x400u);
    /* subs r3, r1, #7: zero, carry set (no borrow) */
    assert_int_equal(run(0xe2513007u), PK_TP_OK);
    assert_int_equal(r.r[3], 0u);
    assert_int_equal(r.cpsr & 0xf0000000u, 0x60000000u); /* Z C */
    /* cmp r1, #8: negative, borrow */
    assert_int_equal(run(0xe3510008u), PK_TP_OK);
    assert_int_equal(r.cpsr & 0xf0000000u, 0x80000000u);
    /* add r4, r1, r1, lsl #2 */
    assert_int_equal(run(0xe0814101u), PK_TP_OK);
    assert_int_equal(r.r[4], 35u);
    /* adds r5, r6, r7 with overflow: 0x7fffffff + 1 */
    r.r[6] = 0x7fffffffu;
    r.r[7] = 1u;
    assert_int_equal(run(0xe0965007u), PK_TP_OK);
    assert_int_equal(r.r[5], 0x80000000u);
    assert_int_equal(r.cpsr & 0xf0000000u, 0x90000000u); /* N V */
    /* sub sp, sp, #8 */
    r.r[13] = D + 0x100u;
    assert_int_equal(run(0xe24dd008u), PK_TP_OK);
    assert_int_equal(r.r[13], D + 0xf8u);
    /* mul r0, r1, r2 ; clz r0, r1 ; movw r0, #0x1234 ; movt r0, #0xabcd */
    assert_int_equal(run(0xe0000291u), PK_TP_OK);
    assert_int_equal(r.r[0], 7u * (7u + 0x400u));
    assert_int_equal(run(0xe16f0f11u), PK_TP_OK);
    assert_int_equal(r.r[0], 29u);
    assert_int_equal(run(0xe3010234u), PK_TP_OK);
    assert_int_equal(r.r[0], 0x1234u);
    assert_int_equal(run(0xe34a0bcdu), PK_TP_OK);
    assert_int_equal(r.r[0], 0xabcd1234u);
    /* umull r0, r1, r2, r3 */
    r.r[2] = 0xffffffffu;
    r.r[3] = 2u;
    assert_int_equal(run(0xe0810392u), PK_TP_OK);
    assert_int_equal(r.r[0], 0xfffffffeu);
    assert_int_equal(r.r[1], 1u);
}

static void pc_as_operand(void **state)
{
    (void)state;
    /* add r0, pc, #8: pc reads as the instruction's address + 8 */
    assert_int_equal(pk_tp_decode(0xe28f0008u), PK_TP_DATA);
    assert_int_equal(run(0xe28f0008u), PK_TP_OK);
    assert_int_equal(r.r[0], PC + 16u);
}

static void condition_codes(void **state)
{
    (void)state;
    r.r[1] = 5u;
    r.cpsr = 0x10u; /* Z clear */
    assert_int_equal(run(0x01a00001u), PK_TP_OK); /* moveq r0, r1 */
    assert_int_equal(r.r[0], 0u);
    assert_int_equal(r.r[15], PC + 4u);
    assert_int_equal(run(0x11a00001u), PK_TP_OK); /* movne r0, r1 */
    assert_int_equal(r.r[0], 5u);
    /* bne not taken with Z set: falls through */
    r.cpsr |= 0x40000000u;
    assert_int_equal(run(0x1a000010u), PK_TP_OK);
    assert_int_equal(r.r[15], PC + 4u);
}

static void loads_stores(void **state)
{
    (void)state;
    r.r[13] = D + 0x100u;
    r.r[4] = 0x44u;
    r.r[14] = 0x1234u;
    /* push {r4, lr} */
    assert_int_equal(pk_tp_decode(0xe92d4010u), PK_TP_LDM_STM);
    assert_int_equal(run(0xe92d4010u), PK_TP_OK);
    assert_int_equal(r.r[13], D + 0xf8u);
    assert_int_equal(*w(D + 0xf8u), 0x44u);
    assert_int_equal(*w(D + 0xfcu), 0x1234u);
    /* str r0, [sp, #4] ; ldr r5, [sp, #4] */
    r.r[0] = 0xcafef00du;
    assert_int_equal(pk_tp_decode(0xe58d0004u), PK_TP_LOAD_STORE);
    assert_int_equal(run(0xe58d0004u), PK_TP_OK);
    assert_int_equal(*w(D + 0xfcu), 0xcafef00du);
    assert_int_equal(run(0xe59d5004u), PK_TP_OK);
    assert_int_equal(r.r[5], 0xcafef00du);
    /* ldrb r6, [sp, #7] ; ldrsb r7, [sp, #7] ; strh r4, [sp] */
    assert_int_equal(run(0xe5dd6007u), PK_TP_OK);
    assert_int_equal(r.r[6], 0xcau);
    assert_int_equal(run(0xe1dd70d7u), PK_TP_OK);
    assert_int_equal(r.r[7], 0xffffffcau);
    assert_int_equal(run(0xe1cd40b0u), PK_TP_OK);
    assert_int_equal(*w(D + 0xf8u), 0x44u);
    /* ldr r0, [r13], #4 (post-indexed: pop one word) */
    assert_int_equal(run(0xe49d0004u), PK_TP_OK);
    assert_int_equal(r.r[0], 0x44u);
    assert_int_equal(r.r[13], D + 0xfcu);
    /* ldrd r2, r3, [sp, #-4] */
    assert_int_equal(run(0xe14d20d4u), PK_TP_OK);
    assert_int_equal(r.r[2], 0x44u);
    assert_int_equal(r.r[3], 0xcafef00du);
    /* str r1, [r2, r3, lsl #2] with r2 = D, r3 = 3 */
    r.r[1] = 9u;
    r.r[2] = D;
    r.r[3] = 3u;
    assert_int_equal(run(0xe7821103u), PK_TP_OK);
    assert_int_equal(*w(D + 12u), 9u);
}

static void pc_relative_load(void **state)
{
    (void)state;
    /* ldr r3, [pc, #12]: the literal at PC + 8 + 12 */
    *w(PC + 20u) = 0x600dcafeu;
    assert_int_equal(pk_tp_decode(0xe59f300cu), PK_TP_PCREL_LOAD);
    assert_int_equal(run(0xe59f300cu), PK_TP_OK);
    assert_int_equal(r.r[3], 0x600dcafeu);
    assert_int_equal(r.r[15], PC + 4u);
    /* ldr r3, [pc, #-8]: the instruction itself */
    *w(PC) = 0x11223344u;
    assert_int_equal(run(0xe51f3008u), PK_TP_OK);
    assert_int_equal(r.r[3], 0x11223344u);
}

static void branch(void **state)
{
    (void)state;
    /* b . + 8 + 0xf8 */
    assert_int_equal(pk_tp_decode(0xea00003eu), PK_TP_BRANCH);
    r.r[14] = 0x77u;
    assert_int_equal(run(0xea00003eu), PK_TP_OK);
    assert_int_equal(r.r[15], PC + 8u + 0xf8u);
    assert_int_equal(r.r[14], 0x77u);
    /* b . (offset -8): backwards */
    assert_int_equal(run(0xeafffffeu), PK_TP_OK);
    assert_int_equal(r.r[15], PC);
}

static void branch_with_link(void **state)
{
    (void)state;
    assert_int_equal(pk_tp_decode(0xeb000010u), PK_TP_BRANCH_LINK);
    assert_int_equal(run(0xeb000010u), PK_TP_OK);
    assert_int_equal(r.r[15], PC + 8u + 0x40u);
    assert_int_equal(r.r[14], PC + 4u);
    /* blx r2 ; bx lr */
    r.r[2] = CODE + 0x800u;
    assert_int_equal(pk_tp_decode(0xe12fff32u), PK_TP_BX);
    assert_int_equal(run(0xe12fff32u), PK_TP_OK);
    assert_int_equal(r.r[15], CODE + 0x800u);
    assert_int_equal(r.r[14], PC + 4u);
    assert_int_equal(run(0xe12fff1eu), PK_TP_OK);
    assert_int_equal(r.r[15], PC + 4u);
}

static void ldm_with_pc(void **state)
{
    (void)state;
    r.r[13] = D + 0x200u;
    *w(D + 0x200u) = 0x44u;
    *w(D + 0x204u) = CODE + 0x40u;
    /* pop {r4, pc} */
    assert_int_equal(pk_tp_decode(0xe8bd8010u), PK_TP_LDM_PC);
    assert_int_equal(run(0xe8bd8010u), PK_TP_OK);
    assert_int_equal(r.r[4], 0x44u);
    assert_int_equal(r.r[15], CODE + 0x40u);
    assert_int_equal(r.r[13], D + 0x208u);
    /* ldmdb r11, {r4, r11, sp, pc} (the APCS frame return) */
    r.r[11] = D + 0x310u;
    *w(D + 0x300u) = 1u;
    *w(D + 0x304u) = 2u;
    *w(D + 0x308u) = 3u;
    *w(D + 0x30cu) = CODE + 0x80u;
    assert_int_equal(pk_tp_decode(0xe91ba810u), PK_TP_LDM_PC);
    assert_int_equal(run(0xe91ba810u), PK_TP_OK);
    assert_int_equal(r.r[4], 1u);
    assert_int_equal(r.r[11], 2u);
    assert_int_equal(r.r[13], 3u);
    assert_int_equal(r.r[15], CODE + 0x80u);
}

static void memory_checked(void **state)
{
    (void)state;
    uint32_t fault = 0;
    struct pk_regs before;
    /* push {r4, lr} with sp at the window's start: below it */
    r.r[13] = CODE + 4u;
    before = r;
    assert_int_equal(pk_tp_emulate(0xe92d4010u, PC, &r, &m, &fault),
                     PK_TP_MEM_FAULT);
    assert_int_equal(fault, CODE - 4u);
    assert_memory_equal(&r, &before, sizeof r);
    /* stm across the end of the window: nothing stored at all */
    r.r[0] = CODE + 2u * SZ - 4u;
    r.r[1] = 0x11u;
    r.r[2] = 0x22u;
    before = r;
    assert_int_equal(pk_tp_emulate(0xe8800006u, PC, &r, &m, &fault),
                     PK_TP_MEM_FAULT);
    assert_int_equal(*w(CODE + 2u * SZ - 4u), 0u);
    assert_memory_equal(&r, &before, sizeof r);
    /* a load one past the end; a misaligned word */
    r.r[0] = CODE + 2u * SZ;
    assert_int_equal(pk_tp_emulate(0xe5901000u, PC, &r, &m, &fault),
                     PK_TP_MEM_FAULT);
    r.r[0] = D + 2u;
    assert_int_equal(pk_tp_emulate(0xe5901000u, PC, &r, &m, &fault),
                     PK_TP_MEM_FAULT);
    /* a pc-relative load whose literal lies outside the window */
    assert_int_equal(pk_tp_emulate(0xe51f300cu, CODE, &r, &m, &fault),
                     PK_TP_MEM_FAULT);
    assert_int_equal(fault, CODE - 4u);
    /* the kernel's own memory (any other address) is never reached */
    r.r[0] = 0x00010000u;
    assert_int_equal(pk_tp_emulate(0xe5801000u, PC, &r, &m, &fault),
                     PK_TP_MEM_FAULT);
}

static void thumb_refused(void **state)
{
    (void)state;
    r.r[2] = CODE + 0x801u;
    assert_int_equal(run(0xe12fff12u), PK_TP_THUMB); /* bx r2 */
    r.r[13] = D;
    *w(D) = CODE + 0x41u;
    assert_int_equal(run(0xe8bd8000u), PK_TP_THUMB); /* pop {pc} */
    assert_int_equal(r.r[13], D); /* nothing written back */
}

static void refused_at_planting(void **state)
{
    (void)state;
    static const uint32_t refused[] = {
        0xef000000u, /* svc #0 */
        0xee110f10u, /* mrc p15, 0, r0, c1, c0, 0 */
        0xe10f0000u, /* mrs r0, cpsr */
        0xe129f000u, /* msr cpsr_fc, r0 */
        0xe1910f9fu, /* ldrex r0, [r1] */
        0xe1020091u, /* swp r0, r1, [r2] */
        0xe8fd8000u, /* ldm sp!, {pc}^ (exception return) */
        0xe8dd0001u, /* ldm sp, {r0}^ (user bank) */
        0xe1b0f00eu, /* movs pc, lr */
        0xf57ff01fu, /* clrex (unconditional space) */
        PK_TP_TRAP,  /* the trap itself */
        0xe7f000f0u, /* udf */
        0xe49ff004u, /* ldr pc, [pc], #4 (write-back of pc) */
        0xe5a00004u, /* str r0, [r0, #4]! (write-back of the stored reg) */
        0xe8b00003u, /* ldm r0!, {r0, r1} (write-back of a listed base) */
        0xe58df000u, /* str pc, [sp] */
        0xe08f0f11u, /* add r0, pc, r1, lsl r15: pc as a shift register */
        0xe12fff1fu, /* bx pc */
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (pk_tp_decode(refused[i]) != PK_TP_UNSUPPORTED)
            fail_msg("0x%08x accepted", (unsigned)refused[i]);
        assert_int_equal(run(refused[i]), PK_TP_UNDEF);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(plain_data, setup),
        cmocka_unit_test_setup(pc_as_operand, setup),
        cmocka_unit_test_setup(condition_codes, setup),
        cmocka_unit_test_setup(loads_stores, setup),
        cmocka_unit_test_setup(pc_relative_load, setup),
        cmocka_unit_test_setup(branch, setup),
        cmocka_unit_test_setup(branch_with_link, setup),
        cmocka_unit_test_setup(ldm_with_pc, setup),
        cmocka_unit_test_setup(memory_checked, setup),
        cmocka_unit_test_setup(thumb_refused, setup),
        cmocka_unit_test_setup(refused_at_planting, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
