/*
 * test_svc.c - the service calls' argument checks (partitions/svc.c) and
 * the range check behind every pointer argument (pk_part_range_ok,
 * partitions/part.c), at their boundaries. Partition 0 (alpha) has the
 * "log" action, so a refused call returns its error; partition 1 (beta)
 * restarts, partition 2 (gamma) stops.
 */
#include <stdio.h>
#include <string.h>

#include "pk_test_util.h"

#define K0 PKT_GK_BASE(0u)
#define U0 PKT_USER_BASE(0u)
#define K1 PKT_GK_BASE(1u)
#define U1 PKT_USER_BASE(1u)
#define U2 PKT_USER_BASE(2u)
#define R PKT_RANGE
#define GK PK_VMODE_GUEST_KERNEL
#define TASK PK_VMODE_TASK

/* ---- pk_part_range_ok ---- */

static void range_user_edges(void **state)
{
    (void)state;
    const struct pk_part *p = env_part(0);
    for (uint32_t vm = 0; vm < 2u; vm++) {
        assert_true(pk_part_range_ok(p, vm, U0, R));
        assert_true(pk_part_range_ok(p, vm, U0 + R - 1u, 1u));
        assert_true(pk_part_range_ok(p, vm, U0 + R - 8u, 8u));
        assert_false(pk_part_range_ok(p, vm, U0 + R - 8u, 9u));
        assert_false(pk_part_range_ok(p, vm, U0 + R, 1u));
        assert_false(pk_part_range_ok(p, vm, U0, R + 1u));
    }
}

static void range_gk_only_for_guest_kernel(void **state)
{
    (void)state;
    const struct pk_part *p = env_part(0);
    assert_true(pk_part_range_ok(p, GK, K0, R));
    assert_true(pk_part_range_ok(p, GK, K0 + R - 8u, 8u));
    assert_false(pk_part_range_ok(p, GK, K0 + R - 8u, 9u)); /* spans both */
    assert_true(pk_part_range_ok(p, GK, U0 - 1u, 1u));
    assert_false(pk_part_range_ok(p, TASK, U0 - 1u, 1u));
    assert_false(pk_part_range_ok(p, TASK, K0, 4u));
    assert_false(pk_part_range_ok(p, GK, K0 - 1u, 1u));
    assert_false(pk_part_range_ok(p, GK, K0 - 1u, 2u));
}

static void range_wrap_and_len0(void **state)
{
    (void)state;
    const struct pk_part *p = env_part(0);
    assert_false(pk_part_range_ok(p, GK, U0 + 16u, 0xFFFFFFFFu));
    assert_false(pk_part_range_ok(p, GK, U0 + R - 4u, 0xFFFFFFFCu));
    assert_false(pk_part_range_ok(p, GK, 0xFFFFFFF0u, 0x20u));
    assert_false(pk_part_range_ok(p, GK, K0 + 4u, 0u - 4u));
    /* len 0 is checked as one byte: the address itself must be owned. */
    assert_true(pk_part_range_ok(p, TASK, U0, 0u));
    assert_true(pk_part_range_ok(p, TASK, U0 + R - 1u, 0u));
    assert_false(pk_part_range_ok(p, TASK, U0 + R, 0u));
    assert_false(pk_part_range_ok(p, TASK, 0u, 0u));
}

static void range_other_partition(void **state)
{
    (void)state;
    const struct pk_part *p = env_part(0), *q = env_part(1);
    for (uint32_t vm = 0; vm < 2u; vm++) {
        assert_false(pk_part_range_ok(p, vm, K1, 4u));
        assert_false(pk_part_range_ok(p, vm, U1, 4u));
        assert_false(pk_part_range_ok(q, vm, U0, 4u));
        assert_false(pk_part_range_ok(p, vm, FAKE_KRAM_BASE, 4u));
    }
    assert_true(pk_part_range_ok(q, GK, K1, R));
    assert_true(pk_part_range_ok(q, TASK, U1 + R - 1u, 1u));
}

/* ---- Call numbers and modes ---- */

static void svc_out_of_range_numbers(void **state)
{
    (void)state;
    const uint32_t bad[] = {PK_SVC_COUNT, PK_SVC_COUNT + 1u, 0x80000000u,
                            0xFFFFFFFFu};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (uint32_t vm = 0; vm < 2u; vm++) {
            env_console_clear();
            struct pk_part *p = env_current(0, vm);
            env_svc(p, bad[i], 0, 0, 0, 0);
            assert_int_equal((int32_t)p->ctx.r[0], PK_ENOSYS);
            pkt_assert_hm_kind("bad_svc");
            assert_int_equal(pkt_hm_hex("addr"), bad[i]);
        }
    }
    /* Numbers below PK_SVC_COUNT that name no call are refused alike
     * (from the guest kernel, which may make every call). */
    for (uint32_t nr = PK_SVC_DEV_WRITE + 1u; nr < PK_SVC_COUNT; nr++) {
        if ((nr >= PK_SVC_SET_MODE && nr <= PK_SVC_SCHEDULE_ID) ||
            (nr >= PK_SVC_PORT_OPEN && nr <= PK_SVC_QUEUING_CLEAR))
            continue;
        env_console_clear();
        struct pk_part *q = env_current(0, GK);
        env_svc(q, nr, 0, 0, 0, 0);
        assert_int_equal((int32_t)q->ctx.r[0], PK_ENOSYS);
        pkt_assert_hm_kind("bad_svc");
        assert_int_equal(pkt_hm_hex("addr"), nr);
    }
    /* The last call number of the first block is known (DEV_WRITE:
     * EINVAL for a device index alpha does not have, and no
     * health-monitor record). */
    env_console_clear();
    struct pk_part *p = env_current(0, GK);
    env_svc(p, PK_SVC_DEV_WRITE, 1, 0, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_EINVAL);
    assert_int_equal(env_hm_lines(), 0);
}

/* A call that may end the run (TEST_EXIT): true if it did. */
static bool svc_catch_exit(struct pk_part *p, uint32_t nr, uint32_t r0)
{
    jmp_buf exited;
    fake_exit_jmp = &exited;
    bool ended = setjmp(exited) != 0;
    if (!ended)
        env_svc(p, nr, r0, 0, 0, 0);
    fake_exit_jmp = NULL;
    return ended;
}

/* Which calls a task may make; the others are EPERM, recorded. */
static void svc_task_permissions(void **state)
{
    (void)state;
    static const bool task_ok[PK_SVC_COUNT] = {
        [PK_SVC_CONSOLE_WRITE] = true, [PK_SVC_YIELD] = true,
        [PK_SVC_TIME_GET] = true,      [PK_SVC_PART_STATUS] = true,
        [PK_SVC_REPORT_ERROR] = true,  [PK_SVC_TEST_EXIT] = true,
        [PK_SVC_DEV_WRITE] = true,
        [PK_SVC_PORT_OPEN] = true,     [PK_SVC_SAMPLING_WRITE] = true,
        [PK_SVC_SAMPLING_READ] = true, [PK_SVC_QUEUING_SEND] = true,
        [PK_SVC_QUEUING_RECEIVE] = true, [PK_SVC_PORT_STATUS] = true,
        [PK_SVC_QUEUING_CLEAR] = true,
        [PK_SVC_SET_MODE] = true,      [PK_SVC_MODE_STATUS] = true,
        [PK_SVC_HM_LOG_READ] = true,   [PK_SVC_SCHEDULE_SET] = true,
        [PK_SVC_SCHEDULE_STATUS] = true, [PK_SVC_SCHEDULE_ID] = true,
    };
    for (uint32_t nr = 0; nr < PK_SVC_COUNT; nr++) {
        assert_true(env_boot());
        struct pk_part *p = env_current(0, TASK);
        bool ended = svc_catch_exit(p, nr, U0 + 64u);
        char kind[32], status[32];
        env_hm_field("kind", kind, sizeof kind);
        env_hm_field("status", status, sizeof status);
        bool eperm = strcmp(kind, "bad_svc") == 0 &&
                     strcmp(status, "0xfffffffe") == 0;
        if (task_ok[nr]) {
            assert_false(eperm);
        } else {
            assert_true(eperm);
            assert_int_equal((int32_t)p->ctx.r[0], PK_EPERM);
        }
        assert_int_equal(ended, nr == PK_SVC_TEST_EXIT);
    }
}

/* PK_SVC_YIELD gives the turn away: with the others runnable and level,
 * another partition runs at once, mid-slice (a task may yield too). */
static void svc_yield_switches(void **state)
{
    (void)state;
    const uint32_t modes[] = {PK_VMODE_TASK, PK_VMODE_GUEST_KERNEL};
    for (unsigned i = 0; i < 2; i++) {
        assert_true(env_boot());
        struct pk_part *p = pk_cur;
        p->vmode = modes[i];
        fake_clock_set(fake_now_ns + 1000u);
        env_svc(p, PK_SVC_YIELD, 0, 0, 0, 0);
        assert_int_equal((int32_t)p->ctx.r[0], PK_OK);
        assert_non_null(pk_cur);
        assert_ptr_not_equal(pk_cur, p);
        assert_int_equal(pk_cur->state, PK_STATE_READY);
        assert_int_equal(env_hm_lines(), 0);
    }
}

static void put(uint32_t addr, const char *s)
{
    memcpy((void *)(uintptr_t)addr, s, strlen(s));
}

static void svc_test_exit_status(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, TASK);
    assert_true(svc_catch_exit(p, PK_SVC_TEST_EXIT, 7u));
    assert_int_equal(fake_exit_status, 7);
    assert_non_null(strstr(env_console_text(),
                           "PK test exit partition=alpha status=7"));
}

/* Only the system's test_judge (alpha here) ends a test run or prints an
 * unlabelled RESULT line: another partition's TEST_EXIT is refused and
 * reported, its RESULT line keeps its label (so a hostile partition cannot
 * forge the verdict of the partition judging it). */
static void svc_test_verdict_only_from_the_judge(void **state)
{
    (void)state;
    for (unsigned i = 1; i < 3u; i++) {
        struct pk_part *p = env_current(i, GK);
        assert_false(svc_catch_exit(p, PK_SVC_TEST_EXIT, 0u));
        /* Refused with EPERM and reported (beta's and gamma's on_fault
         * actions then restart or stop them). */
        pkt_assert_hm_kind("bad_svc");
        char status[32];
        env_hm_field("status", status, sizeof status);
        assert_string_equal(status, "0xfffffffe");
        assert_null(strstr(env_console_text(), "PK test exit"));
        assert_true(env_boot());
    }
    static const char line[] = "RESULT x PASS\n";
    env_current(2, TASK);
    put(U2 + 0x100u, line);
    struct pk_part *p = env_current(2, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, U2 + 0x100u, sizeof line - 1u, 0, 0);
    assert_string_equal(env_console_text(), "[gamma] RESULT x PASS\n");
    env_console_clear();
    env_current(0, TASK);
    put(U0 + 0x100u, line);
    p = env_current(0, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + 0x100u, sizeof line - 1u, 0, 0);
    assert_string_equal(env_console_text(), "RESULT x PASS\n");
}

/* The CPU state a partition may write in USR mode outside its context
 * (TPIDRURW) goes with it: a partition switched to finds its own value,
 * never the previous partition's; the exclusive monitor is cleared on every
 * switch; a restart starts from zero. Driven by real switches (yields). */
static void yield_until(unsigned want)
{
    for (unsigned n = 0; n < 8u && pk_cur != &pk_parts[want]; n++) {
        fake_clock_set(fake_now_ns + 1000u);
        env_svc(pk_cur, PK_SVC_YIELD, 0, 0, 0, 0);
    }
    assert_ptr_equal(pk_cur, &pk_parts[want]);
}

static void svc_user_cpu_state_per_partition(void **state)
{
    (void)state;
    assert_true(env_boot());
    assert_int_equal(fake_cpu_thumbee_locks, 1u);
    unsigned a = pk_cur->index;
    fake_cpu_tpidrurw = 0xC0DE0000u | a;   /* a's own write */
    unsigned clears = fake_cpu_clrex_count;
    fake_clock_set(fake_now_ns + 1000u);
    env_svc(pk_cur, PK_SVC_YIELD, 0, 0, 0, 0);
    unsigned b = pk_cur->index;
    assert_int_not_equal(a, b);
    assert_int_equal(fake_cpu_tpidrurw, 0u); /* b's, never a's */
    assert_true(fake_cpu_clrex_count > clears);
    fake_cpu_tpidrurw = 0xBEEF0000u | b;
    yield_until(a);
    assert_int_equal(fake_cpu_tpidrurw, 0xC0DE0000u | a);
    yield_until(b);
    assert_int_equal(fake_cpu_tpidrurw, 0xBEEF0000u | b);
    /* b restarts: its old value is gone, a's is kept. */
    pk_part_restart(&pk_parts[b]);
    yield_until(a);
    assert_int_equal(fake_cpu_tpidrurw, 0xC0DE0000u | a);
    pk_parts[b].load_phase = PK_LOAD_DONE; /* skip the load: only its CPU state matters */
    yield_until(b);
    assert_int_equal(fake_cpu_tpidrurw, 0u);
}

/* A test kernel whose partitions are all stopped ends the run with status
 * 4 at once (instead of idling until the runner's time-out); while one
 * can still run, it does not. */
static void svc_all_stopped_ends_the_run(void **state)
{
    (void)state;
    pk_stop(&pk_parts[0]);
    struct pk_part *p = env_current(2, TASK);   /* gamma: on_fault "stop" */
    pk_stop(&pk_parts[1]);
    assert_true(svc_catch_exit(p, 99u, 0u));    /* its fault stops it too */
    assert_int_equal(fake_exit_status, 4);
    assert_non_null(strstr(env_console_text(),
                           "PK all partitions stopped: test run ends"));
}

static void svc_one_left_does_not_end_the_run(void **state)
{
    (void)state;
    pk_stop(&pk_parts[0]);
    struct pk_part *p = env_current(2, TASK);
    assert_false(svc_catch_exit(p, 99u, 0u));   /* beta can still run */
    assert_int_equal(pk_parts[2].state, PK_STATE_STOPPED);
}

/* ---- CONSOLE_WRITE ---- */

static void svc_console_write_edges(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, TASK);
    put(U0 + R - 3u, "hi\n");
    env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + R - 3u, 3u, 0, 0);
    assert_int_equal(p->ctx.r[0], 3);
    assert_non_null(strstr(env_console_text(), "[alpha] hi\n"));
    assert_int_equal(env_hm_lines(), 0);

    p = env_current(0, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + R - 3u, 4u, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_EFAULT);
    pkt_assert_hm_kind("bad_pointer");
    assert_int_equal(pkt_hm_hex("addr"), U0 + R - 3u);

    /* The guest kernel may print from its own range, a task may not. */
    env_console_clear();
    p = env_current(0, GK);
    put(K0 + R - 3u, "gk\n");
    env_svc(p, PK_SVC_CONSOLE_WRITE, K0 + R - 3u, 3u, 0, 0);
    assert_int_equal(p->ctx.r[0], 3);
    assert_non_null(strstr(env_console_text(), "[alpha] gk\n"));
    p = env_current(0, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, K0 + R - 3u, 3u, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_EFAULT);

    /* Another partition's memory, in either mode. */
    for (uint32_t vm = 0; vm < 2u; vm++) {
        p = env_current(0, vm);
        env_svc(p, PK_SVC_CONSOLE_WRITE, U1, 1u, 0, 0);
        assert_int_equal((int32_t)p->ctx.r[0], PK_EFAULT);
    }
    /* Length 0 at the very end: nothing printed, accepted. */
    p = env_current(0, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + R - 1u, 0u, 0, 0);
    assert_int_equal(p->ctx.r[0], 0);
}

/* One call takes at most PK_CONSOLE_WRITE_MAX bytes and says how many, and
 * ends with the first line it completes (a newline, or PK_LINE_MAX bytes);
 * the whole buffer must still be the caller's. */
static void svc_console_short_write(void **state)
{
    (void)state;
    char text[101];
    for (unsigned i = 0; i < 100u; i++)
        text[i] = (char)('a' + i % 26u);
    text[100] = '\0';
    uint32_t at = U0 + R - 100u;
    put(at, text);
    env_console_clear();
    /* 63 taken; then 57, where the line reaches 120 and is queued; 64 of
     * 65 (the cap); 56 of 100, the second line's end. */
    const uint32_t lens[] = {63u, 64u, 65u, 100u};
    const uint32_t took[] = {63u, 57u, 64u, 56u};
    for (unsigned i = 0; i < 4u; i++) {
        struct pk_part *p = env_current(0, TASK);
        env_svc(p, PK_SVC_CONSOLE_WRITE, at, lens[i], 0, 0);
        assert_int_equal(p->ctx.r[0], took[i]);
    }
    char want[2u * (8u + 120u + 1u) + 1u], *w = want;
    const uint32_t parts[2][2] = {{63u, 57u}, {64u, 56u}};
    for (unsigned l = 0; l < 2u; l++) {
        memcpy(w, "[alpha] ", 8u);
        w += 8;
        for (unsigned k = 0; k < 2u; k++) {
            memcpy(w, text, parts[l][k]);
            w += parts[l][k];
        }
        *w++ = '\n';
    }
    *w = '\0';
    assert_string_equal(env_console_text(), want);
    struct pk_part *p = env_current(0, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, at, 101u, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_EFAULT);
}

/* However many newlines a call holds, it queues one line and takes the
 * bytes up to it (the work of a call, with interrupts masked, is bounded
 * by one labelled line): 64 newlines are 64 calls; "ab\ncd\nef" is
 * three, the last one's bytes held in the line being built. */
static void svc_console_one_line_a_call(void **state)
{
    (void)state;
    char nl[64];
    memset(nl, '\n', sizeof nl);
    memcpy((void *)(uintptr_t)(U0 + 0x300u), nl, sizeof nl);
    env_console_clear();
    for (unsigned i = 0; i < 64u; i++) {
        struct pk_part *p = env_current(0, TASK);
        env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + 0x300u + i, 64u - i, 0, 0);
        assert_int_equal(p->ctx.r[0], 1);
    }
    const char *t = env_console_text();
    unsigned lines = 0;
    for (const char *s = strstr(t, "[alpha] \n"); s != NULL; s = strstr(s + 1, "[alpha] \n"))
        lines++;
    assert_int_equal(lines, 64u);
    put(U0 + 0x380u, "ab\ncd\nef");
    env_console_clear();
    const uint32_t took[] = {3u, 3u, 2u};
    uint32_t off = 0;
    for (unsigned i = 0; i < 3u; i++) {
        struct pk_part *p = env_current(0, TASK);
        env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + 0x380u + off, 8u - off, 0, 0);
        assert_int_equal(p->ctx.r[0], took[i]);
        off += took[i];
    }
    assert_string_equal(env_console_text(), "[alpha] ab\n[alpha] cd\n");
}

/* A drain never waits for the UART: it writes what the transmit FIFO
 * takes and leaves the rest queued, in order, for the next drain; the end
 * of a run (pk_console_flush) waits and writes everything. */
static void svc_console_drain_never_waits(void **state)
{
    (void)state;
    env_console_clear();
    put(U0 + 0x400u, "0123456789abcdefghij\n");
    fake_console_fifo_room = 5u;
    struct pk_part *p = env_current(0, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + 0x400u, 21u, 0, 0);
    assert_int_equal(p->ctx.r[0], 21);
    /* The call's own drain point took what the FIFO had room for. */
    assert_string_equal(fake_console_text(), "[alph");
    assert_true(pk_console_pending());
    fake_console_fifo_room = 7u;
    assert_int_equal(pk_console_drain(32u), 7u);
    assert_string_equal(fake_console_text(), "[alpha] 0123");
    fake_console_fifo_room = 0u;
    assert_int_equal(pk_console_drain(32u), 0u); /* full: nothing, no wait */
    pk_console_flush(); /* waits: everything */
    assert_string_equal(fake_console_text(), "[alpha] 0123456789abcdefghij\n");
    assert_false(pk_console_pending());
}

/* Control bytes and bytes of other code pages print as '?'; tab stays, a
 * carriage return is dropped; every byte counts as taken. */
static void svc_console_control_bytes(void **state)
{
    (void)state;
    static const char in[] = "a\x01" "b\x1b[2Jc\x7f\xff\x80\td\x1f\r\n";
    put(U0 + 0x100u, in);
    env_console_clear();
    struct pk_part *p = env_current(0, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + 0x100u, sizeof in - 1u, 0, 0);
    assert_int_equal(p->ctx.r[0], sizeof in - 1u);
    assert_string_equal(env_console_text(), "[alpha] a?b?[2Jc???\td?\n");
}

/* A partition that prints faster than the console drains gets short
 * writes, down to 0, once its quota of the ring is queued; another
 * partition still prints, the health monitor's lines about the partition
 * have their own quota, and after the drain the partition prints again. */
static void svc_console_quota(void **state)
{
    (void)state;
    char line[65];
    memset(line, 'q', 63u);
    line[63] = '\n';
    line[64] = '\0';
    env_current(1, TASK);
    put(U1 + 0x200u, "beta\n");
    env_current(0, TASK);
    put(U0 + 0x200u, line);
    env_console_clear();
    unsigned calls = 0;
    uint32_t took = 64u;
    while (took == 64u && calls < 1000u) {
        struct pk_part *p = env_current(0, TASK);
        env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + 0x200u, 64u, 0, 0);
        took = p->ctx.r[0];
        calls++;
    }
    assert_int_equal(took, 0);
    /* The quota of a partition's lines is min(QUOTA_MAX, (32768 - 2048) /
     * (2 * 3)) = 1024 bytes; a line is started while queued + 160 (the longest message)
     * fits. Each call queues 72 bytes ("[alpha] " + 64) and, the writer
     * paying for the output, drains PK_CONSOLE_DRAIN_BYTES (32) of them:
     * after k calls 40 k are queued, so calls 0..21 are taken (40 * 21 +
     * 160 <= 1024 < 40 * 22 + 160) and the 23rd gets 0. */
    assert_int_equal(calls, 23u);
    /* A refused call of alpha now: its HM line has a quota of its own. */
    struct pk_part *p = env_current(0, TASK);
    env_svc(p, 99u, 0, 0, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_ENOSYS);
    /* Beta is not held up. */
    struct pk_part *b = env_current(1, TASK);
    env_svc(b, PK_SVC_CONSOLE_WRITE, U1 + 0x200u, 5u, 0, 0);
    assert_int_equal(b->ctx.r[0], 5);
    const char *t = env_console_text();
    assert_non_null(strstr(t, "[beta] beta\n"));
    assert_int_equal(env_hm_lines(), 1);
    pkt_assert_hm_kind("bad_svc");
    assert_null(strstr(t, "dropped"));
    /* Drained: alpha prints again. */
    p = env_current(0, TASK);
    env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + 0x200u, 64u, 0, 0);
    assert_int_equal(p->ctx.r[0], 64);
}

/* The health monitor's lines about a partition that faults faster than
 * the console drains are dropped once their quota is full, and counted;
 * the partition's own lines still print. */
static void svc_console_hm_quota(void **state)
{
    (void)state;
    env_console_clear();
    for (unsigned i = 0; i < 40u; i++) {
        struct pk_part *p = env_current(0, TASK);
        env_svc(p, 99u, 0, 0, 0, 0);
        assert_int_equal((int32_t)p->ctx.r[0], PK_ENOSYS);
    }
    assert_int_equal(env_part(0)->faults, 40);
    struct pk_part *p = env_current(0, TASK);
    put(U0 + 0x200u, "ok\n");
    env_svc(p, PK_SVC_CONSOLE_WRITE, U0 + 0x200u, 3u, 0, 0);
    assert_int_equal(p->ctx.r[0], 3);
    const char *t = env_console_text();
    assert_non_null(strstr(t, "[alpha] ok\n"));
    unsigned shown = env_hm_lines();
    assert_true(shown > 0u && shown < 40u);
    char want[64];
    snprintf(want, sizeof want, "PK console: %u HM lines of alpha dropped",
             40u - shown);
    assert_non_null(strstr(t, want));
}

/* ---- PART_STATUS ---- */

static void svc_part_status_checks(void **state)
{
    (void)state;
    const uint32_t sz = sizeof(struct pk_part_status);
    struct pk_part *p = env_current(0, TASK);
    uint32_t at = U0 + R - sz;
    memset((void *)(uintptr_t)at, 0xAA, sz);
    env_svc(p, PK_SVC_PART_STATUS, (uint32_t)PK_SELF, at, 0, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    const struct pk_part_status *st = (const void *)(uintptr_t)at;
    assert_int_equal(st->index, 0);
    assert_int_equal(st->state, PK_PART_RUNNING);

    /* Every partition's status that status_of allows, up to the last
     * one (alpha: all but beta's); the index check alone refuses 3 and up
     * (alpha's bits above the last partition are set). */
    const uint32_t allowed[] = {0u, 2u};
    for (unsigned i = 0; i < 2u; i++) {
        env_console_clear();
        p = env_current(0, TASK);
        env_svc(p, PK_SVC_PART_STATUS, allowed[i], at, 0, 0);
        assert_int_equal(p->ctx.r[0], PK_OK);
        assert_int_equal(st->index, allowed[i]);
        assert_int_equal(env_hm_lines(), 0);
    }
    const uint32_t bad_index[] = {3u, (uint32_t)-2, 0x7FFFFFFFu};
    for (unsigned i = 0; i < 3u; i++) {
        p = env_current(0, TASK);
        env_svc(p, PK_SVC_PART_STATUS, bad_index[i], at, 0, 0);
        assert_int_equal((int32_t)p->ctx.r[0], PK_EINVAL);
    }
    assert_int_equal(env_hm_lines(), 0);
    /* 8 bytes past the end, 4-aligned, inside the range but misaligned. */
    const uint32_t bad_buf[] = {U0 + R - sz + 8u, U0 + 4u, U0 + R - sz + 4u,
                                K0, U1};
    for (unsigned i = 0; i < sizeof bad_buf / sizeof bad_buf[0]; i++) {
        env_console_clear();
        p = env_current(0, TASK);
        env_svc(p, PK_SVC_PART_STATUS, (uint32_t)PK_SELF, bad_buf[i], 0, 0);
        assert_int_equal((int32_t)p->ctx.r[0], PK_EFAULT);
        pkt_assert_hm_kind("bad_pointer");
    }
    /* The guest kernel may use its own range. */
    p = env_current(0, GK);
    env_svc(p, PK_SVC_PART_STATUS, (uint32_t)PK_SELF, K0 + 0x2000u, 0, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
}

/* PART_STATUS of a partition not in status_of: EPERM, recorded as a bad
 * call (addr = the index), the buffer untouched. */
static void svc_part_status_of_refused(void **state)
{
    (void)state;
    const uint32_t sz = sizeof(struct pk_part_status);
    uint32_t at = U0 + 0x100u;
    memset((void *)(uintptr_t)at, 0xAA, sz);
    env_console_clear();
    struct pk_part *p = env_current(0, TASK);
    env_svc(p, PK_SVC_PART_STATUS, 1u, at, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_EPERM);
    pkt_assert_hm_kind("bad_svc");
    assert_int_equal(pkt_hm_hex("addr"), 1u);
    assert_int_equal(pkt_hm_hex("status"), (uint32_t)PK_EPERM);
    assert_int_equal(((const uint8_t *)(uintptr_t)at)[0], 0xAA);
    assert_int_equal(p->faults, 1);
    /* The guest kernel is held to the same list. */
    p = env_current(0, GK);
    env_svc(p, PK_SVC_PART_STATUS, 1u, at, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_EPERM);
    /* Beta may read its own status (by index, the generator's bit), not
     * alpha's: the refusal takes its health-monitor action (restart). */
    p = env_current(1, TASK);
    uint32_t bat = U1 + 0x100u;
    env_svc(p, PK_SVC_PART_STATUS, 1u, bat, 0, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    assert_int_equal(((const struct pk_part_status *)(uintptr_t)bat)->index,
                     1u);
    env_console_clear();
    p = env_current(1, TASK);
    env_svc(p, PK_SVC_PART_STATUS, 0u, bat, 0, 0);
    pkt_assert_hm_kind("bad_svc");
    assert_int_equal(p->restarts, 1);
    /* Gamma may read alpha's, not beta's (index 1: between two allowed
     * ones). */
    p = env_current(2, TASK);
    uint32_t gat = PKT_USER_BASE(2u) + 0x100u;
    env_svc(p, PK_SVC_PART_STATUS, 0u, gat, 0, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    env_console_clear();
    p = env_current(2, TASK);
    env_svc(p, PK_SVC_PART_STATUS, 1u, gat, 0, 0);
    pkt_assert_hm_kind("bad_svc");
    assert_int_equal(p->state, PK_STATE_STOPPED);
}

/* ---- GATE_SETUP ---- */

/* A table of n gates at addr (in alpha's guest-kernel range). */
static void gate_table(uint32_t addr, uint32_t n)
{
    uint32_t *t = (uint32_t *)(uintptr_t)addr;
    for (uint32_t i = 0; i < n; i++)
        t[i] = K0 + 0x8000u + 4u * i; /* strictly ascending */
}

static int32_t gate_setup(uint32_t table, uint32_t n, uint32_t tramp)
{
    struct pk_part *p = env_current(0, GK);
    env_svc(p, PK_SVC_GATE_SETUP, table, n, tramp, 0);
    return (int32_t)p->ctx.r[0];
}

static void svc_gate_setup_counts(void **state)
{
    (void)state;
    const uint32_t tramp = K0 + 0x100u;
    env_current(0, GK);
    gate_table(K0 + 0x4000u, PK_MAX_GATES + 1u);
    assert_int_equal(gate_setup(K0 + 0x4000u, 0u, tramp), PK_EINVAL);
    assert_int_equal(gate_setup(K0 + 0x4000u, PK_MAX_GATES + 1u, tramp), PK_EINVAL);
    assert_int_equal(gate_setup(K0 + 0x4000u, 0x40000001u, tramp), PK_EINVAL);
    assert_int_equal(env_part(0)->n_gates, 0);
    assert_int_equal(gate_setup(K0 + 0x4000u, PK_MAX_GATES, tramp), PK_OK);
    const struct pk_part *p = env_part(0);
    assert_int_equal(p->n_gates, PK_MAX_GATES);
    for (uint32_t i = 1; i < PK_MAX_GATES; i++)
        assert_true(p->gates[i - 1u] < p->gates[i]);
    assert_int_equal(p->gate_trampoline, tramp);
    assert_int_equal(gate_setup(K0 + 0x4000u, 1u, tramp), PK_EBUSY);
    assert_int_equal(env_hm_lines(), 0);
}

static void svc_gate_setup_table_bounds(void **state)
{
    (void)state;
    const uint32_t tramp = K0 + 0x100u;
    /* The table ends exactly at the end of the guest-kernel range. */
    env_current(0, GK);
    uint32_t end_table = K0 + R - 4u * 64u;
    gate_table(end_table, 64u);
    assert_int_equal(gate_setup(end_table + 4u, 64u, tramp), PK_EFAULT);
    assert_int_equal(gate_setup(K0 - 4u, 1u, tramp), PK_EFAULT);
    assert_int_equal(gate_setup(U0, 1u, tramp), PK_EFAULT); /* user range */
    assert_int_equal(gate_setup(end_table + 2u, 1u, tramp), PK_EFAULT);
    assert_int_equal(gate_setup(end_table, 64u, tramp), PK_OK);
}

static void svc_gate_setup_entries_and_trampoline(void **state)
{
    (void)state;
    const uint32_t table = K0 + 0x4000u;
    uint32_t *t = (uint32_t *)(uintptr_t)table;
    env_current(0, GK);
    assert_int_equal(gate_setup(table, 1u, K0 + R), PK_EINVAL);
    assert_int_equal(gate_setup(table, 1u, K0 - 4u), PK_EINVAL);
    assert_int_equal(gate_setup(table, 1u, U0 + 0x100u), PK_EINVAL);
    assert_int_equal(gate_setup(table, 1u, K0 + 0x102u), PK_EINVAL);
    const uint32_t bad[] = {K0 + R, K0 - 4u, U0, K0 + 0x202u, K1};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        env_current(0, GK);
        t[0] = K0 + 0x200u;
        t[1] = bad[i];
        assert_int_equal(gate_setup(table, 2u, K0 + R - 4u), PK_EINVAL);
    }
    env_current(0, GK);
    t[0] = K0;
    t[1] = K0 + R - 4u;
    assert_int_equal(gate_setup(table, 2u, K0 + R - 4u), PK_OK);
    /* Only the guest kernel sets gates up. */
    struct pk_part *p = env_current(1, TASK);
    env_svc(p, PK_SVC_GATE_SETUP, table, 1u, K0, 0);
    assert_int_equal(env_part(1)->n_gates, 0);
    assert_int_equal(env_part(1)->restarts, 1); /* beta restarts */
}

/* The kernel does not sort: a table that is not strictly ascending (two
 * entries swapped, a duplicate, at the first, a middle and the last pair)
 * is refused whole, and a valid one is accepted afterwards. */
static void svc_gate_setup_not_ascending(void **state)
{
    (void)state;
    const uint32_t table = K0 + 0x4000u;
    uint32_t *t = (uint32_t *)(uintptr_t)table;
    const uint32_t at[] = {1u, 32u, 63u};
    for (unsigned i = 0; i < 3u; i++) {
        for (unsigned dup = 0; dup < 2u; dup++) {
            env_current(0, GK);
            gate_table(table, 64u);
            if (dup != 0u) {
                t[at[i]] = t[at[i] - 1u];
            } else {
                uint32_t x = t[at[i]];
                t[at[i]] = t[at[i] - 1u];
                t[at[i] - 1u] = x;
            }
            assert_int_equal(gate_setup(table, 64u, K0 + 0x100u), PK_EINVAL);
            assert_int_equal(env_part(0)->n_gates, 0);
        }
    }
    /* Two entries 4 bytes apart are ascending. */
    env_current(0, GK);
    gate_table(table, 64u);
    assert_int_equal(gate_setup(table, 64u, K0 + 0x100u), PK_OK);
    assert_int_equal(env_part(0)->n_gates, 64);
    assert_int_equal(env_part(0)->gates[63], K0 + 0x8000u + 4u * 63u);
    assert_int_equal(env_hm_lines(), 0);
}

/* ---- GATE_RETURN ---- */

/* Gate return of alpha with the given gate slot; true if it resumed the
 * task. */
static bool gate_return(uint32_t lr, uint32_t sp)
{
    assert_true(env_boot());
    struct pk_part *p = env_current(0, GK);
    p->vcpu->gate_lr = lr;
    p->vcpu->gate_sp = sp;
    env_console_clear();
    env_svc(p, PK_SVC_GATE_RETURN, 0x11u, 0x22u, 0x33u, 0x44u);
    if (env_hm_lines() != 0u) {
        pkt_assert_hm_kind("bad_context");
        assert_int_equal(p->state, PK_STATE_STOPPED);
        return false;
    }
    assert_int_equal(p->vmode, TASK);
    assert_int_equal(p->ctx.r[15], lr);
    assert_int_equal(p->ctx.r[13], sp);
    assert_int_equal(p->ctx.r[0], 0x11u); /* the API's result untouched */
    assert_int_equal(p->ctx.r[3], 0x44u);
    assert_int_equal(fake_cpu_dacr, p->arch.dacr_task);
    return true;
}

static void svc_gate_return_edges(void **state)
{
    (void)state;
    assert_true(gate_return(U0, U0 + 0x100u));
    assert_true(gate_return(U0 + R - 4u, U0 + R)); /* sp: the very top */
    assert_true(gate_return(U0 + 0x100u, U0));
    assert_false(gate_return(U0 + R, U0 + 0x100u));
    assert_false(gate_return(U0 - 4u, U0 + 0x100u));
    assert_false(gate_return(U0 + 0x102u, U0 + 0x100u));
    assert_false(gate_return(K0 + 0x100u, U0 + 0x100u));
    assert_false(gate_return(U0 + 0x100u, U0 + R + 4u));
    assert_false(gate_return(U0 + 0x100u, U0 - 4u));
    assert_false(gate_return(U0 + 0x100u, U0 + 0x102u));
    assert_false(gate_return(U0 + 0x100u, K0 + 0x100u));
}

/* An svc at the registered trampoline is the gate return whatever r7. */
static void svc_gate_return_by_trampoline(void **state)
{
    (void)state;
    const uint32_t tramp = K0 + 0x100u;
    env_current(0, GK);
    gate_table(K0 + 0x4000u, 1u);
    assert_int_equal(gate_setup(K0 + 0x4000u, 1u, tramp), PK_OK);
    struct pk_part *p = env_current(0, GK);
    p->vcpu->gate_lr = U0 + 0x40u;
    p->vcpu->gate_sp = U0 + 0x800u;
    env_svc_at(p, tramp + 4u, PK_SVC_TIME_GET, 1, 2, 3, 4);
    assert_int_equal(p->vmode, TASK);
    assert_int_equal(p->ctx.r[15], U0 + 0x40u);
    assert_int_equal(p->ctx.r[0], 1);
    /* One instruction further is an ordinary call. */
    p = env_current(0, GK);
    env_svc_at(p, tramp + 8u, PK_SVC_TIME_GET, 1, 2, 3, 4);
    assert_int_equal(p->vmode, GK);
    assert_int_equal(p->ctx.r[0], (uint32_t)fake_now_ns);
}

/* ---- IRQ_DONE, EVENT_RAISE, REPORT_ERROR ---- */

static void svc_irq_done_sources(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, GK);
    unsigned calls = fake_irq_enable_calls;
    /* The argument is the device's index (0), not its source number. */
    env_svc(p, PK_SVC_IRQ_DONE, 0u, 0, 0, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    assert_int_equal(fake_irq_enable_calls, calls + 1u);
    assert_int_equal(fake_irq_last_enabled, PKT_DEV_IRQ);
    const uint32_t bad[] = {1u, (uint32_t)PKT_DEV_IRQ, 0xFFFFFFFFu,
                            PK_MAX_DEVICES, 32u};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        p = env_current(0, GK);
        env_svc(p, PK_SVC_IRQ_DONE, bad[i], 0, 0, 0);
        assert_int_equal((int32_t)p->ctx.r[0], PK_EINVAL);
    }
    /* Beta has no device: alpha's device is not its to acknowledge. */
    p = env_current(1, GK);
    env_svc(p, PK_SVC_IRQ_DONE, 0u, 0, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_EINVAL);
    assert_int_equal(fake_irq_enable_calls, calls + 1u);
}

static void svc_event_raise_bits(void **state)
{
    (void)state;
    const uint32_t bad[] = {PK_EV_TICK, PK_EV_TIMER, PK_EV_IRQ, PK_EV_VIT,
                            PK_EV_SWITCH | PK_EV_TICK, 0x20u, 0x80000000u};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct pk_part *p = env_current(0, GK);
        env_svc(p, PK_SVC_EVENT_RAISE, bad[i], 0, 0, 0);
        assert_int_equal((int32_t)p->ctx.r[0], PK_EINVAL);
        assert_int_equal(p->pending & bad[i] & ~PK_EV_SWITCH, 0);
    }
    struct pk_part *p = env_current(0, GK);
    env_svc(p, PK_SVC_EVENT_RAISE, PK_EV_SWITCH, 0, 0, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    assert_true((p->pending & PK_EV_SWITCH) != 0u); /* masked: kept */
}

static void svc_report_error_records(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, TASK);
    env_svc(p, PK_SVC_REPORT_ERROR, PK_GUEST_ERR_DEADLINE, 0xCAFEu, 0, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    pkt_assert_hm_kind("guest_error");
    assert_int_equal(pkt_hm_hex("addr"), 0xCAFEu);
    assert_int_equal(pkt_hm_hex("status"), PK_GUEST_ERR_DEADLINE);
    assert_int_equal(p->faults, 1);
}

#define T(f) cmocka_unit_test_setup(f, pkt_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(range_user_edges),
        T(range_gk_only_for_guest_kernel),
        T(range_wrap_and_len0),
        T(range_other_partition),
        T(svc_out_of_range_numbers),
        T(svc_task_permissions),
        T(svc_yield_switches),
        T(svc_user_cpu_state_per_partition),
        T(svc_test_exit_status),
        T(svc_test_verdict_only_from_the_judge),
        T(svc_all_stopped_ends_the_run),
        T(svc_one_left_does_not_end_the_run),
        T(svc_console_write_edges),
        T(svc_console_short_write),
        T(svc_console_one_line_a_call),
        T(svc_console_drain_never_waits),
        T(svc_console_control_bytes),
        T(svc_console_quota),
        T(svc_console_hm_quota),
        T(svc_part_status_checks),
        T(svc_part_status_of_refused),
        T(svc_gate_setup_counts),
        T(svc_gate_setup_table_bounds),
        T(svc_gate_setup_entries_and_trampoline),
        T(svc_gate_setup_not_ascending),
        T(svc_gate_return_edges),
        T(svc_gate_return_by_trampoline),
        T(svc_irq_done_sources),
        T(svc_event_raise_bits),
        T(svc_report_error_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
