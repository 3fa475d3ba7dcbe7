/*
 * test_modes.c - partition operating modes (partitions/mode.c, part.c),
 * the health-monitor tables (partitions/hm.c) and the system partition
 * services (HM log, mode of another partition), on the real sources.
 *
 * The test system (pk_test_system.c): alpha on_fault log, may set gamma's
 * mode, read the HM log and the schedule; beta restart (illegal requests
 * ignored); gamma stop (application errors: warm restart). The system
 * table sends task errors (deadline, application, data abort) to the
 * error handler, a task's configuration error to the module (shutdown)
 * and a numeric error of the guest kernel to the module (reset).
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "pk_test_util.h"

#define K0 PKT_GK_BASE(0u)
#define U0 PKT_USER_BASE(0u)
#define K2 PKT_GK_BASE(2u)
#define U2 PKT_USER_BASE(2u)
#define GK PK_VMODE_GUEST_KERNEL
#define TASK PK_VMODE_TASK

static char field[64];
static const char *action(void)
{
    return env_hm_field("action", field, sizeof field);
}

/* Lets p run its (re)start's loading to the end. */
static void finish_load(struct pk_part *p)
{
    if (p->load_phase != PK_LOAD_DONE) {
        env_current(p->index, p->vmode);
        pk_kernel_exit_work(false);
    }
    assert_int_equal(p->load_phase, PK_LOAD_DONE);
}

static int32_t set_mode(unsigned caller, uint32_t vmode, uint32_t which,
                        uint32_t mode)
{
    struct pk_part *p = env_current(caller, vmode);
    env_svc(p, PK_SVC_SET_MODE, which, mode, 0, 0);
    return (int32_t)p->ctx.r[0];
}

/* The mode machine alone: every (current, wanted) pair. */
static void mode_machine_table(void **state)
{
    (void)state;
    enum { I = PK_MODE_IDLE, C = PK_MODE_COLD_START, W = PK_MODE_WARM_START,
           N = PK_MODE_NORMAL };
    static const int32_t want[4][4] = {
        /* to:   IDLE          COLD          WARM          NORMAL */
        [I] = {PK_ENOACTION, PK_OK, PK_OK, PK_EMODE},
        [C] = {PK_OK, PK_ENOACTION, PK_EMODE, PK_OK},
        [W] = {PK_OK, PK_OK, PK_ENOACTION, PK_OK},
        [N] = {PK_OK, PK_OK, PK_OK, PK_ENOACTION},
    };
    for (uint32_t cur = 0; cur < 4u; cur++) {
        for (uint32_t to = 0; to < 4u; to++)
            assert_int_equal(pk_mode_check(cur, to), want[cur][to]);
        assert_int_equal(pk_mode_check(cur, 4u), PK_EINVAL);
        assert_int_equal(pk_mode_check(cur, 0xFFFFFFFFu), PK_EINVAL);
        assert_int_equal(pk_mode_check(cur, 0x80000003u), PK_EINVAL);
    }
}

/* Boot: COLD_START, normal start; NORMAL by the call, once. */
static void mode_set_normal_and_codes(void **state)
{
    (void)state;
    struct pk_part *p = env_part(0);
    assert_int_equal(p->mode, PK_MODE_COLD_START);
    assert_int_equal(p->start_cond, PK_START_NORMAL);
    env_current(0, GK);
    assert_int_equal(p->vcpu->mode, PK_MODE_COLD_START);
    assert_int_equal(set_mode(0, TASK, (uint32_t)PK_SELF, PK_MODE_WARM_START),
                     PK_EMODE);
    assert_int_equal(p->mode, PK_MODE_COLD_START);
    assert_int_equal(set_mode(0, TASK, (uint32_t)PK_SELF, PK_MODE_COLD_START),
                     PK_ENOACTION);
    env_console_clear();
    assert_int_equal(set_mode(0, TASK, (uint32_t)PK_SELF, 7u), PK_EINVAL);
    assert_int_equal(p->mode, PK_MODE_COLD_START);
    assert_int_equal(env_hm_lines(), 0u);
    assert_int_equal(set_mode(0, TASK, 3u, PK_MODE_NORMAL), PK_EINVAL);
    assert_int_equal(set_mode(0, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL),
                     PK_OK);
    assert_int_equal(p->mode, PK_MODE_NORMAL);
    env_current(0, GK);
    assert_int_equal(p->vcpu->mode, PK_MODE_NORMAL);
    assert_int_equal(set_mode(0, TASK, (uint32_t)PK_SELF, PK_MODE_NORMAL),
                     PK_ENOACTION);
    assert_int_equal(set_mode(0, TASK, 0u, 4u), PK_EINVAL);
    assert_int_equal(p->mode, PK_MODE_NORMAL);
    assert_int_equal(p->restarts, 0u);
}

/* Warm keeps the user range's persistent region (its top PKT_PERSIST
 * bytes) and reloads everything else: the guest-kernel range, and the user
 * range's code and data, so that what a task wrote there (its own code,
 * newlib's state) is not what main() runs in guest-kernel mode; cold
 * reloads both ranges whole. The start condition says who asked. */
static void mode_warm_vs_cold(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, GK);
    volatile uint32_t *uw = (volatile uint32_t *)(uintptr_t)(U0 + PKT_RANGE -
                                                            PKT_PERSIST);
    volatile uint32_t *ue = (volatile uint32_t *)(uintptr_t)(U0 + PKT_RANGE - 4u);
    volatile uint32_t *ud = (volatile uint32_t *)(uintptr_t)(U0 + PKT_RANGE -
                                                            PKT_PERSIST - 4u);
    volatile uint8_t *code = (volatile uint8_t *)(uintptr_t)U0;
    volatile uint32_t *kw = (volatile uint32_t *)(uintptr_t)(K0 + 0x1000u);
    *uw = 0xDA7A0001u;  /* the persistent region's first word */
    *ue = 0xDA7A0004u;  /* and its last */
    *ud = 0xDA7A0005u;  /* the word below it: ordinary bss */
    code[0] = 0xEEu;    /* the image, as a task could rewrite it */
    *kw = 0xDA7A0002u;
    assert_int_equal(set_mode(0, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL), 0);
    set_mode(0, TASK, (uint32_t)PK_SELF, PK_MODE_WARM_START);
    assert_int_equal(p->mode, PK_MODE_WARM_START);
    assert_true(p->warm);
    finish_load(p);
    env_current(0, GK);
    assert_int_equal(*uw, 0xDA7A0001u); /* persistent data kept */
    assert_int_equal(*ue, 0xDA7A0004u);
    assert_int_equal(*ud, 0u);          /* the rest of the range reloaded */
    assert_int_equal(code[0], 0x20);    /* its image too */
    assert_int_equal(*kw, 0u);          /* the guest kernel's state fresh */
    assert_int_equal(p->ctx.r[15], K0);
    assert_int_equal(p->vmode, GK);
    assert_int_equal(p->vcpu->mode, PK_MODE_WARM_START);
    assert_int_equal(p->vcpu->start_cond, PK_START_PARTITION);
    assert_int_equal(p->restarts, 1u);
    assert_int_equal(p->warm_restarts, 1u);
    assert_int_equal(p->vcpu->restarts, 1u);
    assert_non_null(strstr(env_console_text(),
                           "PK restart partition=alpha count=1 warm"));
    /* WARM_START -> COLD_START: a cold restart, everything reloaded. */
    *kw = 0xDA7A0003u;
    set_mode(0, GK, (uint32_t)PK_SELF, PK_MODE_COLD_START);
    finish_load(p);
    env_current(0, GK);
    assert_int_equal(*uw, 0u);
    assert_int_equal(*ue, 0u);
    assert_int_equal(*kw, 0u);
    assert_int_equal(((const uint8_t *)(uintptr_t)U0)[0], 0x20);
    assert_int_equal(p->mode, PK_MODE_COLD_START);
    assert_int_equal(p->restarts, 2u);
    assert_int_equal(p->warm_restarts, 1u);
    assert_false(p->warm);
}

/* Loading steps of a start in progress of p (current), each one bounded
 * (PK_LOAD_STEP_BYTES copied or zeroed, or 1 KiB checked). */
static unsigned load_steps(struct pk_part *p)
{
    env_current(p->index, GK);
    unsigned n = 0;
    while (!pk_part_load_step(p, fake_now_ns))
        n++;
    return n + 1u;
}

/* A warm start loads (and checks) all but the persistent region: 1 MiB
 * ranges, 256 copy steps + 1024 check steps per range; the region is
 * PKT_PERSIST bytes of them. */
static void mode_warm_start_steps(void **state)
{
    (void)state;
    struct pk_part *a = env_part(0);
    pk_part_restart_mode(a, PK_MODE_WARM_START, PK_START_PARTITION);
    unsigned warm = load_steps(a);
    pk_part_restart_mode(a, PK_MODE_COLD_START, PK_START_PARTITION);
    unsigned cold = load_steps(a);
    printf("# load steps: warm %u, cold %u\n", warm, cold);
    const unsigned per_range = PKT_RANGE / PK_LOAD_STEP_BYTES +
                               (PK_LOAD_VERIFY ? PKT_RANGE / 1024u : 0u);
    const unsigned kept = PKT_PERSIST / PK_LOAD_STEP_BYTES +
                          (PK_LOAD_VERIFY ? PKT_PERSIST / 1024u : 0u);
    assert_int_equal(warm, 2u * per_range - kept);
    assert_int_equal(cold, 2u * per_range);
}

/* IDLE stops the partition; a system partition starts it again, and may
 * read its status; a partition without the right is refused. */
static void mode_idle_and_system_partition(void **state)
{
    (void)state;
    struct pk_part *g = env_part(2);
    set_mode(2, TASK, (uint32_t)PK_SELF, PK_MODE_IDLE); /* no return */
    assert_int_equal(g->state, PK_STATE_STOPPED);
    assert_int_equal(g->mode, PK_MODE_IDLE);
    assert_int_equal(set_mode(0, TASK, 2u, PK_MODE_IDLE), PK_ENOACTION);
    assert_int_equal(set_mode(0, TASK, 2u, PK_MODE_NORMAL), PK_EMODE);
    assert_int_equal(set_mode(0, TASK, 2u, PK_MODE_COLD_START), PK_OK);
    assert_int_equal(g->state, PK_STATE_READY);
    assert_int_equal(g->mode, PK_MODE_COLD_START);
    assert_int_equal(g->start_cond, PK_START_PARTITION);
    assert_true(pk_sched_is_runnable(&pk_sched_state, 2));
    finish_load(g);
    /* Its start-up is its own to end. */
    assert_int_equal(set_mode(0, TASK, 2u, PK_MODE_NORMAL), PK_EMODE);
    assert_int_equal(g->mode, PK_MODE_COLD_START);
    /* Alpha reads gamma's mode status (mode_of). */
    struct pk_part *a = env_current(0, TASK);
    struct pk_mode_status *st =
        (struct pk_mode_status *)(uintptr_t)(U0 + 0x2000u);
    env_svc(a, PK_SVC_MODE_STATUS, 2u, U0 + 0x2000u, 0, 0);
    assert_int_equal(a->ctx.r[0], PK_OK);
    assert_int_equal(st->index, 2u);
    assert_int_equal(st->mode, PK_MODE_COLD_START);
    assert_int_equal(st->start_cond, PK_START_PARTITION);
    assert_int_equal(st->restarts, 1u);
    /* Gamma may not set alpha's mode: refused, HM (gamma: stop). */
    env_console_clear();
    set_mode(2, TASK, 0u, PK_MODE_IDLE);
    pkt_assert_hm_kind("bad_svc");
    assert_int_equal(pkt_hm_hex("status"), (uint32_t)PK_EPERM);
    assert_string_equal(action(), "stop");
    assert_int_equal(g->state, PK_STATE_STOPPED);
    assert_int_equal(env_part(0)->state, PK_STATE_READY);
    assert_int_equal(env_part(0)->mode, PK_MODE_COLD_START);
    /* Alpha may not set beta's (log: the error comes back). */
    env_console_clear();
    assert_int_equal(set_mode(0, TASK, 1u, PK_MODE_IDLE), PK_EPERM);
    assert_string_equal(action(), "log");
    assert_int_equal(env_part(1)->state, PK_STATE_READY);
    /* Beta may not read alpha's mode status. */
    env_console_clear();
    struct pk_part *b = env_current(1, TASK);
    env_svc(b, PK_SVC_MODE_STATUS, 0u, PKT_USER_BASE(1u), 0, 0);
    pkt_assert_hm_kind("bad_svc");
}

/* The status buffer: exactly at the end of the range is fine, one byte
 * beyond, a wrap-around and the guest-kernel range from a task are not. */
static void mode_status_pointer_bounds(void **state)
{
    (void)state;
    const uint32_t sz = sizeof(struct pk_mode_status);
    struct pk_part *a = env_current(0, TASK);
    env_svc(a, PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, U0 + PKT_RANGE - sz, 0,
            0);
    assert_int_equal(a->ctx.r[0], PK_OK);
    const uint32_t bad[] = {U0 + PKT_RANGE - sz + 4u, 0xFFFFFFF0u, K0 + 0x100u,
                            U0 + 2u};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        env_console_clear();
        a = env_current(0, TASK);
        env_svc(a, PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, bad[i], 0, 0);
        assert_int_equal((int32_t)a->ctx.r[0], PK_EFAULT);
        pkt_assert_hm_kind("bad_pointer");
    }
    /* The guest kernel may use its own range. */
    a = env_current(0, GK);
    env_svc(a, PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, K0 + 0x100u, 0, 0);
    assert_int_equal(a->ctx.r[0], PK_OK);
}

static void report(unsigned part, uint32_t vmode, uint32_t code)
{
    struct pk_part *p = env_current(part, vmode);
    env_console_clear();
    env_svc(p, PK_SVC_REPORT_ERROR, code, 0xE11u, 0, 0);
}

/* Process level: with an error handler ready the error goes to it
 * (PK_EV_HM, the error in the vCPU); without one, or with one still
 * undelivered, the partition's action applies. */
static void hm_process_level_handler(void **state)
{
    (void)state;
    struct pk_part *a = env_part(0);
    assert_int_equal(set_mode(0, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL), 0);
    report(0, TASK, PK_GUEST_ERR_APP);
    assert_string_equal(action(), "log"); /* no handler yet */
    assert_int_equal(a->pending & PK_EV_HM, 0u);
    env_current(0, GK);
    a->vcpu->hm_handler = 1u;
    a->vcpu->vmask = 1u; /* keep the event pending to look at it */
    report(0, TASK, PK_GUEST_ERR_APP);
    assert_string_equal(action(), "handler");
    assert_int_equal(a->pending & PK_EV_HM, PK_EV_HM);
    env_current(0, GK);
    assert_int_equal(a->vcpu->hm_error, PK_HM_APPLICATION_ERROR);
    assert_int_equal(a->vcpu->hm_addr, 0xE11u);
    assert_int_equal(a->vcpu->hm_status, PK_GUEST_ERR_APP);
    assert_int_equal(a->vcpu->hm_seq, 1u);
    assert_int_equal(a->hm_errors, 1u);
    /* A second one before the first was delivered: partition level. */
    report(0, TASK, PK_GUEST_ERR_DEADLINE);
    assert_string_equal(action(), "log");
    assert_int_equal(a->vcpu->hm_seq, 1u);
    /* Not at the process level in the guest kernel (table: partition). */
    a->pending = 0u;
    report(0, GK, PK_GUEST_ERR_APP);
    assert_string_equal(action(), "log");
    /* Nor in start-up (state init). */
    env_boot();
    a = env_current(0, GK);
    a->vcpu->hm_handler = 1u;
    report(0, TASK, PK_GUEST_ERR_APP);
    assert_string_equal(action(), "log");
}

/* A data abort of a task at the process level resumes after the
 * faulting instruction, with the event raised; a prefetch abort of the
 * guest kernel cannot go to a process (alpha: log, unskippable: stop). */
static void hm_process_level_faults(void **state)
{
    (void)state;
    struct pk_part *a = env_part(0);
    assert_int_equal(set_mode(0, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL), 0);
    env_current(0, GK);
    a->vcpu->hm_handler = 1u;
    a->vcpu->vmask = 1u;
    a = env_current(0, TASK);
    a->ctx.r[15] = U0 + 0x100u;
    fake_cpu_far = 0x40u;
    fake_cpu_dfsr = 0x0Du;
    env_console_clear();
    pk_trap_dabt();
    assert_string_equal(action(), "handler");
    assert_int_equal(a->ctx.r[15], U0 + 0x104u);
    env_current(0, GK);
    assert_int_equal(a->vcpu->hm_error, PK_HM_DATA_ABORT);
    assert_int_equal(a->vcpu->hm_addr, 0x40u);
    a->pending = 0u;
    a = env_current(0, GK);
    a->ctx.r[15] = K0 + 0x300u;
    fake_cpu_ifsr = 0x5u;
    env_console_clear();
    pk_trap_pabt();
    assert_string_equal(action(), "stop");
    assert_int_equal(a->state, PK_STATE_STOPPED);
    assert_int_equal(a->mode, PK_MODE_IDLE);
}

/* Partition level from the partition's table: gamma restarts warm on an
 * application error (its on_fault says stop), start condition HM. */
static void hm_partition_table_warm(void **state)
{
    (void)state;
    struct pk_part *g = env_part(2);
    assert_int_equal(set_mode(2, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL), 0);
    report(2, TASK, PK_GUEST_ERR_APP);
    assert_string_equal(action(), "warm_restart");
    assert_int_equal(g->mode, PK_MODE_WARM_START);
    assert_int_equal(g->start_cond, PK_START_HM_PARTITION);
    finish_load(g);
    assert_int_equal(g->warm_restarts, 1u);
    /* Other errors: on_fault (stop). */
    assert_int_equal(set_mode(2, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL), 0);
    report(2, TASK, PK_GUEST_ERR_PANIC);
    assert_string_equal(action(), "stop");
    /* Beta ignores illegal requests, restarts on the rest. */
    report(1, TASK, PK_GUEST_ERR_ILLEGAL);
    assert_string_equal(action(), "log");
    assert_int_equal(env_part(1)->restarts, 0u);
}

/* Module level: a numeric error of alpha's guest kernel in NORMAL resets
 * the module (every partition restarted cold, condition HM module); a
 * configuration error of a task shuts it down. */
static void hm_module_level(void **state)
{
    (void)state;
    assert_int_equal(set_mode(0, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL), 0);
    report(0, TASK, PK_GUEST_ERR_NUMERIC);
    assert_string_equal(action(), "log"); /* task: partition level */
    report(0, GK, PK_GUEST_ERR_NUMERIC);
    assert_string_equal(action(), "module_reset");
    assert_non_null(strstr(env_console_text(), "PK module reset"));
    for (unsigned i = 0; i < 3u; i++) {
        struct pk_part *q = env_part(i);
        assert_int_equal(q->restarts, 1u);
        assert_int_equal(q->mode, PK_MODE_COLD_START);
        assert_int_equal(q->start_cond, PK_START_HM_MODULE);
        assert_int_equal(q->state, PK_STATE_READY);
        finish_load(q);
    }
    assert_int_equal(set_mode(1, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL), 0);
    jmp_buf exited;
    fake_exit_jmp = &exited;
    bool ended = setjmp(exited) != 0;
    if (!ended)
        report(1, TASK, PK_GUEST_ERR_CONFIG);
    fake_exit_jmp = NULL;
    assert_true(ended); /* all stopped: the test kernel ends the run */
    assert_non_null(strstr(env_console_text(), "PK module shutdown"));
    for (unsigned i = 0; i < 3u; i++)
        assert_int_equal(env_part(i)->state, PK_STATE_STOPPED);
}

/* A restart storm stops the partition (restart_storm's default). */
static void hm_restart_storm_default(void **state)
{
    (void)state;
    struct pk_part *b = env_part(1);
    for (unsigned i = 0; i <= PKT_RESTART_LIMIT; i++) {
        report(1, TASK, PK_GUEST_ERR_PANIC);
        finish_load(b);
        fake_clock_set(fake_now_ns + 1000u);
    }
    assert_int_equal(b->state, PK_STATE_STOPPED);
    assert_int_equal(b->mode, PK_MODE_IDLE);
    assert_non_null(strstr(env_console_text(), "(restart limit reached)"));
}

/* A partition restarting itself with SET_MODE is counted by its
 * restart_limit as the HM's restarts are (one count for both): past the
 * limit, the restart_storm error stops it. */
static void hm_restart_storm_self(void **state)
{
    (void)state;
    struct pk_part *b = env_part(1);
    report(1, TASK, PK_GUEST_ERR_PANIC); /* one restart by the HM */
    finish_load(b);
    for (unsigned i = 1; i < PKT_RESTART_LIMIT; i++) {
        fake_clock_set(fake_now_ns + 1000u);
        set_mode(1, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL);
        set_mode(1, TASK, (uint32_t)PK_SELF,
                 i & 1u ? PK_MODE_COLD_START : PK_MODE_WARM_START);
        assert_int_equal(b->state, PK_STATE_READY);
        finish_load(b);
    }
    assert_int_equal(b->restarts, PKT_RESTART_LIMIT);
    fake_clock_set(fake_now_ns + 1000u);
    set_mode(1, GK, (uint32_t)PK_SELF, PK_MODE_NORMAL);
    set_mode(1, TASK, (uint32_t)PK_SELF, PK_MODE_COLD_START);
    assert_int_equal(b->restarts, PKT_RESTART_LIMIT); /* not restarted */
    assert_int_equal(b->state, PK_STATE_STOPPED);
    assert_int_equal(b->mode, PK_MODE_IDLE);
    assert_non_null(strstr(env_console_text(), "kind=restart_storm"));
    assert_non_null(strstr(env_console_text(), "(restart limit reached)"));
}

/* The HM log: a system partition reads records by sequence number; the
 * ring forgets the oldest; others are refused. */
static void hm_log_read(void **state)
{
    (void)state;
    struct pk_hm_entry *e = (struct pk_hm_entry *)(uintptr_t)(U0 + 0x3000u);
    struct pk_part *a = env_current(0, TASK);
    env_svc(a, PK_SVC_HM_LOG_READ, 0u, U0 + 0x3000u, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], PK_ENOTAVAIL);
    report(2, TASK, PK_GUEST_ERR_DEADLINE); /* gamma: stop */
    a = env_current(0, TASK);
    env_svc(a, PK_SVC_HM_LOG_READ, 0u, U0 + 0x3000u, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], 1);
    assert_int_equal(e->seq, 0u);
    assert_int_equal(e->part, 2u);
    assert_int_equal(e->kind, PK_HM_GUEST_ERROR);
    assert_int_equal(e->error, PK_HM_DEADLINE_MISSED);
    assert_int_equal(e->addr, 0xE11u);
    assert_int_equal(e->action, PK_HM_ACT_IDLE);
    env_svc(a, PK_SVC_HM_LOG_READ, 1u, U0 + 0x3000u, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], PK_ENOTAVAIL);
    for (unsigned i = 0; i < PK_HM_LOG_SIZE; i++)
        report(0, TASK, PK_GUEST_ERR_APP); /* alpha: log */
    a = env_current(0, TASK);
    env_svc(a, PK_SVC_HM_LOG_READ, 0u, U0 + 0x3000u, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], PK_ENOTAVAIL);
    env_svc(a, PK_SVC_HM_LOG_READ, 1u, U0 + 0x3000u, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], (int32_t)PK_HM_LOG_SIZE + 1);
    assert_int_equal(e->seq, 1u);
    assert_int_equal(e->part, 0u);
    /* Misaligned, or beyond the range: refused. */
    env_console_clear();
    env_svc(a, PK_SVC_HM_LOG_READ, 1u, U0 + 0x3004u, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], PK_EFAULT);
    env_svc(a, PK_SVC_HM_LOG_READ, 1u, U0 + PKT_RANGE - 32u, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], PK_EFAULT);
    /* Beta has no hm_log right: refused (restart). */
    env_console_clear();
    struct pk_part *b = env_current(1, TASK);
    env_svc(b, PK_SVC_HM_LOG_READ, 1u, PKT_USER_BASE(1u), 0, 0);
    pkt_assert_hm_kind("bad_svc");
    assert_string_equal(action(), "restart");
}

/* Module schedules need the cyclic policy; the right is checked first. */
static void schedule_calls_outside_cyclic(void **state)
{
    (void)state;
    struct pk_part *a = env_current(0, TASK);
    env_svc(a, PK_SVC_SCHEDULE_SET, 1u, 0, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], PK_EINVAL);
    struct pk_schedule_status *st =
        (struct pk_schedule_status *)(uintptr_t)(U0 + 0x4000u);
    env_svc(a, PK_SVC_SCHEDULE_STATUS, U0 + 0x4000u, 0, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], PK_OK);
    assert_int_equal(st->current, 0u);
    assert_int_equal(st->next, 0u);
    /* SCHEDULE_ID: not cyclic, EINVAL (the cyclic lookups: target test
     * apex-schedule). */
    memcpy((void *)(uintptr_t)(U0 + 0x4100u), "main", 4u);
    env_svc(a, PK_SVC_SCHEDULE_ID, U0 + 0x4100u, 4u, 0, 0);
    assert_int_equal((int32_t)a->ctx.r[0], PK_EINVAL);
    env_console_clear();
    struct pk_part *g = env_current(2, TASK);
    env_svc(g, PK_SVC_SCHEDULE_SET, 0u, 0, 0, 0);
    pkt_assert_hm_kind("bad_svc");
}

#define T(f) cmocka_unit_test_setup(f, pkt_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(mode_machine_table),
        T(mode_set_normal_and_codes),
        T(mode_warm_vs_cold),
        T(mode_warm_start_steps),
        T(mode_idle_and_system_partition),
        T(mode_status_pointer_bounds),
        T(hm_process_level_handler),
        T(hm_process_level_faults),
        T(hm_partition_table_warm),
        T(hm_module_level),
        T(hm_restart_storm_default),
        T(hm_restart_storm_self),
        T(hm_log_read),
        T(schedule_calls_outside_cyclic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
