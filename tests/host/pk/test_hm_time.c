/*
 * test_hm_time.c - the health monitor's actions (partitions/hm.c: log,
 * restart, stop) and time keeping (partitions/time.c): virtual tick
 * catch-up, blocking, the virtual timer and VIT deadlines on the one-shot
 * timer.
 */
#include <string.h>

#include "pk_test_util.h"

#define K1 PKT_GK_BASE(1u)
#define U1 PKT_USER_BASE(1u)
#define K0 PKT_GK_BASE(0u)
#define U0 PKT_USER_BASE(0u)
#define GK PK_VMODE_GUEST_KERNEL
#define TASK PK_VMODE_TASK
#define T0 PKT_BOOT_NS

/* ---- Health monitor ---- */

static void hm_log_skips_data_abort(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, TASK);
    p->ctx.r[15] = U0 + 0x100u;
    fake_cpu_far = 0x00000040u;
    fake_cpu_dfsr = 0x0Du;
    pk_trap_dabt();
    pkt_assert_hm_kind("data_abort");
    assert_non_null(strstr(env_console_text(), "action=log"));
    assert_int_equal(pkt_hm_hex("addr"), 0x40u);
    assert_int_equal(pkt_hm_hex("pc"), U0 + 0x100u);
    assert_int_equal(p->ctx.r[15], U0 + 0x104u);
    assert_int_equal(p->state, PK_STATE_READY);
    env_current(0, TASK);
    assert_int_equal(p->vcpu->vfar, 0x40u);
    assert_int_equal(p->vcpu->vfsr, 0x0Du);
    assert_int_equal(p->faults, 1);
    /* Undefined instruction: skipped as well. */
    p = env_current(0, TASK);
    p->ctx.r[15] = U0 + 0x200u;
    pk_trap_undef();
    pkt_assert_hm_kind("undefined");
    assert_int_equal(p->ctx.r[15], U0 + 0x204u);
    assert_int_equal(p->faults, 2);
}

static void hm_log_stops_on_unskippable(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, TASK);
    p->ctx.r[15] = 0x00000100u;
    fake_cpu_ifsr = 0x5u;
    pk_trap_pabt();
    pkt_assert_hm_kind("prefetch_abort");
    assert_non_null(strstr(env_console_text(), "action=stop"));
    assert_non_null(strstr(env_console_text(), "PK stop partition=alpha"));
    assert_int_equal(p->state, PK_STATE_STOPPED);
    assert_int_equal(pkt_hm_hex("status"), 0x5u);
    assert_true(pk_cur != p);
}

static void hm_restart_reloads_images(void **state)
{
    (void)state;
    struct pk_part *p = env_current(1, GK);
    /* Dirty both ranges and the kernel state a restart resets. */
    memset((void *)(uintptr_t)K1, 0xEE, 256u);
    memset((void *)(uintptr_t)(U1 + 0x1000u), 0xEE, 256u);
    *(uint32_t *)(uintptr_t)(K1 + 0x4000u) = K1 + 0x200u;
    env_svc(p, PK_SVC_GATE_SETUP, K1 + 0x4000u, 1u, K1 + 0x100u, 0);
    assert_int_equal(p->n_gates, 1);
    p = env_current(1, GK);
    env_svc(p, PK_SVC_TIMER_SET, 0xFFFFu, 0x1u, 0, 0);
    env_console_clear();
    p = env_current(1, TASK);
    env_svc(p, 99u, 0, 0, 0, 0);
    pkt_assert_hm_kind("bad_svc");
    assert_non_null(strstr(env_console_text(), "action=restart"));
    assert_non_null(strstr(env_console_text(), "PK restart partition=beta count=1"));
    assert_int_equal(p->restarts, 1);
    assert_int_equal(p->n_gates, 0);
    assert_int_equal(p->timer_ns, PK_TIME_NEVER);
    assert_int_equal(p->vmode, GK);
    assert_int_equal(p->ctx.r[15], K1);
    assert_int_equal(p->ctx.cpsr, CPU_MODE_USR);
    env_current(1, GK);
    const uint8_t *k = (const uint8_t *)(uintptr_t)K1;
    assert_int_equal(k[0], 0x30);
    assert_int_equal(k[3], 0x33);
    assert_int_equal(k[64], 0);
    assert_int_equal(((const uint8_t *)(uintptr_t)U1)[0], 0x40);
    assert_int_equal(((const uint8_t *)(uintptr_t)(U1 + 0x1000u))[0], 0);
    assert_int_equal(p->vcpu->vmask, 1u);
    assert_int_equal(p->vcpu->restarts, 1u);
    assert_int_equal(p->vcpu->part_index, 1u);
}

static void hm_stop_for_good(void **state)
{
    (void)state;
    struct pk_part *p = env_current(2, TASK);
    env_svc(p, 99u, 0, 0, 0, 0);
    assert_non_null(strstr(env_console_text(), "PK stop partition=gamma"));
    assert_int_equal(p->state, PK_STATE_STOPPED);
    assert_int_equal(p->faults, 1);
    /* Events do not wake it, the scheduler never picks it. */
    pk_raise(p, PK_EV_TIMER);
    assert_int_equal(p->state, PK_STATE_STOPPED);
    for (unsigned i = 0; i < 20u; i++) {
        fake_clock_set(fake_now_ns + PKT_WINDOW_NS);
        pk_kernel_exit_work(true);
        assert_true(pk_cur != p);
    }
}

/* ---- Time ---- */

/* Alpha running in task mode with an unmasked vCPU ready for upcalls. */
static struct pk_part *alpha_ready(void)
{
    struct pk_part *p = env_current(0, TASK);
    p->ctx.r[15] = U0 + 0x100u;
    p->vcpu->vmask = 0u;
    p->vcpu->upcall_entry = K0 + 0x200u;
    p->vcpu->upcall_sp = K0 + 0x3000u;
    return p;
}

static void time_tick_catch_up(void **state)
{
    (void)state;
    struct pk_part *p = alpha_ready();
    /* Just before the first tick: nothing. */
    fake_clock_set(T0 + PKT_TICK_NS - 1u);
    pk_trap_irq();
    assert_int_equal(p->ctx.r[15], U0 + 0x100u);
    assert_int_equal(p->ticks_total, 0);
    /* Exactly at it: one tick, dated at its nominal time. */
    fake_clock_set(T0 + PKT_TICK_NS);
    pk_trap_irq();
    assert_int_equal(p->ctx.r[15], K0 + 0x200u);
    assert_int_equal(p->vcpu->ticks, 1u);
    assert_int_equal(p->vcpu->tick_ns, T0 + PKT_TICK_NS);
    assert_int_equal(p->next_tick_ns, T0 + 2u * PKT_TICK_NS);
}

static void time_tick_catch_up_gaps(void **state)
{
    (void)state;
    /* Within the window alpha goes on and gets the ticks in one upcall;
     * after 5 s (the 64-bit division) another partition may be switched
     * in: it is counted the same way. */
    const uint64_t gaps[] = {3u * PKT_TICK_NS + PKT_TICK_NS / 2u,
                             7u * PKT_TICK_NS, 5000000000ull + 1u};
    const uint32_t ticks[] = {3u, 7u, 5000u};
    for (unsigned i = 0; i < 3u; i++) {
        assert_true(env_boot());
        struct pk_part *p = alpha_ready();
        fake_clock_set(T0 + gaps[i]);
        pk_kernel_exit_work(false);
        struct pk_part *q = pk_cur;
        if (i < 2u)
            assert_true(q == p);
        assert_int_equal(q->ticks_total, ticks[i]);
        assert_int_equal(q->next_tick_ns, T0 + (ticks[i] + 1u) * PKT_TICK_NS);
        if (q == p) {
            assert_int_equal(p->vcpu->ticks, ticks[i]);
            assert_int_equal(p->vcpu->tick_ns, T0 + ticks[i] * PKT_TICK_NS);
        } else {
            assert_int_equal(q->ticks_pending, ticks[i]);
        }
        assert_true(fake_timer_armed);
        assert_true(fake_timer_deadline <= q->next_tick_ns);
    }
}

static void time_block_until_deadline(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, GK);
    uint64_t dl = T0 + 300000u; /* before the first tick */
    env_svc(p, PK_SVC_BLOCK, (uint32_t)dl, (uint32_t)(dl >> 32), 0, 0);
    assert_int_equal(p->state, PK_STATE_BLOCKED);
    assert_int_equal(p->wake_ns, dl);
    assert_true(pk_cur != p);
    assert_true(fake_timer_armed);
    assert_true(fake_timer_deadline <= dl);
    fake_clock_set(dl - 1u);
    pk_kernel_exit_work(false);
    assert_int_equal(p->state, PK_STATE_BLOCKED);
    fake_clock_set(dl);
    pk_kernel_exit_work(false);
    assert_int_equal(p->state, PK_STATE_READY);
}

static void time_block_ticks_and_pending(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, GK);
    env_svc(p, PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 2u, 0);
    assert_int_equal(p->state, PK_STATE_BLOCKED);
    assert_int_equal(p->wake_ns, T0 + 2u * PKT_TICK_NS);
    /* A pending event: BLOCK returns at once. */
    assert_true(env_boot());
    p = env_current(0, GK);
    p->pending = PK_EV_SWITCH;
    env_svc(p, PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0, 0);
    assert_int_equal(p->state, PK_STATE_READY);
    /* A deadline already passed: no block either. */
    p = env_current(0, GK);
    p->pending = 0u;
    env_svc(p, PK_SVC_BLOCK, (uint32_t)T0, 0, 0, 0);
    assert_int_equal(p->state, PK_STATE_READY);
}

static void time_timer_and_vit_deadlines(void **state)
{
    (void)state;
    struct pk_part *p = env_current(1, GK);
    uint64_t t = T0 + 250000u;
    env_svc(p, PK_SVC_TIMER_SET, (uint32_t)t, 0, 0, 0);
    assert_int_equal(p->timer_ns, t);
    assert_true(fake_timer_armed);
    assert_int_equal(fake_timer_deadline, t);
    fake_clock_set(t - 1u);
    pk_kernel_exit_work(false);
    assert_int_equal(p->pending & PK_EV_TIMER, 0);
    fake_clock_set(t);
    pk_kernel_exit_work(false);
    assert_true((p->pending & PK_EV_TIMER) != 0u ||
                (p->vcpu != NULL && pk_cur == p));
    assert_int_equal(p->timer_ns, PK_TIME_NEVER);

    /* A VIT request: the timer is armed at its expiry, which raises VIT. */
    assert_true(env_boot());
    p = env_current(2, GK);
    uint64_t v = T0 + 400000u;
    env_svc(p, PK_SVC_VIT_REQUEST, (uint32_t)v, 0, 0, 0);
    assert_true(pk_vit_pending(&pk_vit_state, 2, NULL));
    assert_int_equal(fake_timer_deadline, v);
    fake_clock_set(v);
    pk_kernel_exit_work(false);
    assert_false(pk_vit_pending(&pk_vit_state, 2, NULL));
    assert_true((p->pending & PK_EV_VIT) != 0u);
    /* Cancelled: the timer no longer waits for it. */
    assert_true(env_boot());
    p = env_current(2, GK);
    env_svc(p, PK_SVC_VIT_REQUEST, (uint32_t)v, 0, 0, 0);
    p = env_current(2, GK);
    env_svc(p, PK_SVC_VIT_REQUEST, 0xFFFFFFFFu, 0xFFFFFFFFu, 0, 0);
    assert_false(pk_vit_pending(&pk_vit_state, 2, NULL));
    assert_true(fake_timer_deadline != v);
}

static void time_idle_runs_to_timer(void **state)
{
    (void)state;
    /* Everyone blocked: the kernel idles until the earliest wake-up. */
    for (unsigned i = 0; i < 3u; i++) {
        struct pk_part *p = env_current(i, GK);
        uint64_t dl = T0 + 100000u * (i + 1u);
        env_svc(p, PK_SVC_BLOCK, (uint32_t)dl, 0, 0, 0);
    }
    assert_true(fake_idle_waits >= 1u);
    assert_int_equal(fake_now_ns, T0 + 100000u);
    assert_true(pk_cur == env_part(0));
    assert_int_equal(env_part(0)->state, PK_STATE_READY);
    assert_int_equal(fake_cpu_dacr, env_part(0)->dacr_gk);
}

#define T(f) cmocka_unit_test_setup(f, pkt_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(hm_log_skips_data_abort),
        T(hm_log_stops_on_unskippable),
        T(hm_restart_reloads_images),
        T(hm_stop_for_good),
        T(time_tick_catch_up),
        T(time_tick_catch_up_gaps),
        T(time_block_until_deadline),
        T(time_block_ticks_and_pending),
        T(time_timer_and_vit_deadlines),
        T(time_idle_runs_to_timer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
