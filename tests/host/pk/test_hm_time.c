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

/* Lets p run its cold start to the end, as the kernel does: p current,
 * one kernel exit runs the loading steps (its slice has not ended, the
 * clock stands still). */
static void finish_load(struct pk_part *p)
{
    if (p->load_phase != PK_LOAD_DONE) {
        env_current(p->index, p->vmode);
        pk_kernel_exit_work(false);
    }
    assert_int_equal(p->load_phase, PK_LOAD_DONE);
    assert_non_null(p->vcpu);
}

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
    finish_load(p);
    assert_non_null(strstr(env_console_text(), "PK restart partition=beta count=1"));
    assert_int_equal(p->restarts, 1);
    assert_int_equal(p->n_gates, 0);
    for (uint32_t i = 0; i < PK_GATE_HASH; i++)
        assert_int_equal(p->gate_hash[i], 0u);
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

/* A restart is stepwise: pk_part_restart() only resets the state, each
 * pk_part_load_step() moves a bounded piece (PK_LOAD_STEP_BYTES copied or
 * zeroed, then 1 KiB checked per step in test kernels), and the ranges end
 * up exactly image + zeroes however dirty they were. "PK restart" is
 * printed when loading completes. */
static void hm_restart_stepwise_load(void **state)
{
    (void)state;
    const struct pk_partition_config *c = &pk_system.partitions[1];
    const uint32_t R = PKT_RANGE;
    struct pk_part *p = env_current(1, GK);
    memset((void *)(uintptr_t)K1, 0xEE, R);
    memset((void *)(uintptr_t)U1, 0xEE, R);
    env_console_clear();
    p = env_current(1, TASK);
    assert_false(pk_hm_fault(p, PK_HM_UNDEFINED, U1, U1, 0u, true));
    assert_int_equal(p->load_phase, PK_LOAD_KERNEL);
    assert_null(p->vcpu);
    assert_int_equal(p->next_tick_ns, PK_TIME_NEVER);
    assert_null(strstr(env_console_text(), "PK restart"));
    /* Each step with the partition current, as pk_kernel_exit_work()
     * runs them; nothing but its own ranges are in the DACR. */
    env_current(1, p->vmode);
    const uint32_t copy_steps = R / PK_LOAD_STEP_BYTES;
    const uint32_t verify_steps = R / 1024u;
    unsigned steps = 0;
    while (!pk_part_load_step(p, fake_now_ns)) {
        steps++;
        assert_null(p->vcpu);
        if (steps == copy_steps) {
            /* The guest-kernel range is done, the user one untouched. */
            assert_int_equal(p->load_phase, PK_LOAD_USER);
            assert_int_equal(((const uint8_t *)(uintptr_t)U1)[0], 0xEE);
            assert_int_equal(((const uint8_t *)(uintptr_t)K1)[R - 1u], 0);
        }
        if (steps == 1u)
            assert_int_equal(((const uint8_t *)(uintptr_t)K1)
                                 [PK_LOAD_STEP_BYTES], 0xEE);
        assert_true(steps < 10000u);
    }
    steps++;
    assert_int_equal(steps, 2u * copy_steps + 2u * verify_steps);
    assert_int_equal(p->load_phase, PK_LOAD_DONE);
    assert_non_null(strstr(env_console_text(),
                           "PK restart partition=beta count=1"));
    assert_int_equal(p->next_tick_ns, fake_now_ns + PKT_TICK_NS);
    /* Image then zeroes, over both whole ranges (the vCPU page at the top
     * of the guest-kernel range was set up after the check). */
    const uint8_t *k = (const uint8_t *)(uintptr_t)K1;
    const uint8_t *u = (const uint8_t *)(uintptr_t)U1;
    uint32_t kn = (uint32_t)(c->kernel_image_end - c->kernel_image);
    uint32_t un = (uint32_t)(c->user_image_end - c->user_image);
    assert_memory_equal(k, c->kernel_image, kn);
    assert_memory_equal(u, c->user_image, un);
    for (uint32_t i = kn; i < R - PK_VCPU_PAGE_SIZE; i++)
        if (k[i] != 0u)
            fail_msg("guest-kernel range byte 0x%x is 0x%02x", i, k[i]);
    for (uint32_t i = un; i < R; i++)
        if (u[i] != 0u)
            fail_msg("user range byte 0x%x is 0x%02x", i, u[i]);
    assert_ptr_equal(p->vcpu, (const void *)(uintptr_t)(K1 + R -
                                                         PK_VCPU_PAGE_SIZE));
    assert_int_equal(p->vcpu->restarts, 1u);
}

/* A fault of beta from one of its tasks (the restart action), then its
 * reload to the end. */
static void beta_fault(void)
{
    struct pk_part *p = env_current(1, TASK);
    env_svc(p, 99u, 0, 0, 0, 0);
    if (p->state != PK_STATE_STOPPED)
        finish_load(p);
}

/* Beta (restart_limit 3 in a window of 100 ms): three restarts are
 * accepted, the fourth within the window stops it; one ns later is not
 * within the window, and counting starts again. */
static void hm_restart_limit_escalates(void **state)
{
    (void)state;
    struct pk_part *p = env_part(1);
    for (unsigned late = 0; late < 2u; late++) {
        assert_true(env_boot());
        p = env_part(1);
        uint64_t t0 = fake_now_ns;
        for (unsigned i = 1; i <= PKT_RESTART_LIMIT; i++) {
            env_console_clear();
            beta_fault();
            assert_int_equal(p->state, PK_STATE_READY);
            assert_int_equal(p->restarts, i);
            assert_non_null(strstr(env_console_text(), "action=restart"));
            fake_clock_set(fake_now_ns + 1000u);
        }
        fake_clock_set(t0 + PKT_RESTART_WINDOW_NS - 1u + late);
        env_console_clear();
        beta_fault();
        const char *t = env_console_text();
        if (late == 0u) {
            assert_int_equal(p->state, PK_STATE_STOPPED);
            assert_int_equal(p->restarts, PKT_RESTART_LIMIT);
            assert_non_null(strstr(t, "action=stop"));
            assert_non_null(strstr(
                t, "PK stop partition=beta (restart limit reached)"));
            assert_null(strstr(t, "PK restart"));
        } else {
            assert_int_equal(p->state, PK_STATE_READY);
            assert_int_equal(p->restarts, PKT_RESTART_LIMIT + 1u);
            assert_non_null(strstr(t, "PK restart partition=beta count=4"));
            /* The new window counts from this restart: three more. */
            for (unsigned i = 0; i < PKT_RESTART_LIMIT - 1u; i++)
                beta_fault();
            assert_int_equal(p->state, PK_STATE_READY);
            beta_fault();
            assert_int_equal(p->state, PK_STATE_STOPPED);
        }
    }
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

/* Alpha's upcall (in progress: vmask set) returns to its task at
 * U0 + 0x100 with vcpu.tick_skip = skip; the state of the test so far
 * stands. */
static void alpha_returns(uint32_t skip)
{
    struct pk_part *p = env_current(0, GK);
    pkt_ctx(&p->vcpu->ctx, U0 + 0x100u, U0 + 0x800u);
    p->vcpu->ctx_vmode = TASK;
    p->vcpu->vmask = 1u;
    p->vcpu->tick_skip = skip;
    env_svc(p, PK_SVC_UPCALL_RETURN, 0, 0, 0, 0);
    assert_int_equal(p->ctx.r[15], U0 + 0x100u);
    assert_int_equal(p->vcpu->vmask, 0u);
}

/* The same from alpha_ready(): the kernel latches the skip. */
static struct pk_part *alpha_skipping(uint32_t skip)
{
    struct pk_part *p = alpha_ready();
    alpha_returns(skip);
    assert_int_equal(p->tick_skip, skip);
    return p;
}

/* vcpu.tick_skip: ticks that carry nothing for the guest are counted but
 * interrupt nothing, the timer is armed for the first tick not covered,
 * and that tick delivers them all, dated at its own time. */
static void time_tick_skip(void **state)
{
    (void)state;
    struct pk_part *p = alpha_skipping(4u);
    assert_true(fake_timer_armed);
    assert_int_equal(fake_timer_deadline, T0 + 5u * PKT_TICK_NS);
    fake_clock_set(T0 + 5u * PKT_TICK_NS - 1u); /* another interrupt */
    pk_trap_irq();
    assert_int_equal(p->ctx.r[15], U0 + 0x100u);
    assert_int_equal(p->ticks_total, 4u);
    assert_int_equal(p->pending & PK_EV_TICK, 0u);
    fake_clock_set(T0 + 5u * PKT_TICK_NS); /* exactly the fifth */
    pk_trap_irq();
    assert_int_equal(p->ctx.r[15], K0 + 0x200u);
    assert_true((p->vcpu->events & PK_EV_TICK) != 0u);
    assert_int_equal(p->vcpu->ticks, 5u);
    assert_int_equal(p->vcpu->tick_ns, T0 + 5u * PKT_TICK_NS);
    /* 0 is every tick again. */
    p = alpha_skipping(0u);
    assert_int_equal(fake_timer_deadline, T0 + 6u * PKT_TICK_NS);
}

/* Whatever raises an upcall, the ticks counted under a skip go with it
 * (PK_EV_TICK): the guest's count is never stale when its kernel runs. */
static void time_tick_skip_other_upcall(void **state)
{
    (void)state;
    struct pk_part *p = alpha_skipping(100u);
    fake_clock_set(T0 + 3u * PKT_TICK_NS + 7u);
    fake_irq_pending |= 1ull << PKT_DEV_IRQ;
    pk_trap_irq();
    assert_int_equal(p->ctx.r[15], K0 + 0x200u);
    assert_int_equal(p->vcpu->events & (PK_EV_TICK | PK_EV_IRQ),
                     PK_EV_TICK | PK_EV_IRQ);
    assert_int_equal(p->vcpu->ticks, 3u);
}

/* Ticks counted during an upcall under the skip in force then, which the
 * skip the upcall returns with no longer covers, are delivered at once by
 * an upcall: a task must never run with its kernel's tick count behind, or
 * a delay it starts then is short by the ticks withheld (vit-two on
 * vexpress-a9: a 10-tick delay of the player ended after 14 us). */
static void time_tick_skip_ends_at_upcall_return(void **state)
{
    (void)state;
    struct pk_part *p = alpha_skipping(100u);
    /* An upcall (a device interrupt) with the partition's decoder task
     * current; it runs for 5 ticks, still under the skip of 100. */
    fake_clock_set(T0 + PKT_TICK_NS / 2u);
    fake_irq_pending |= 1ull << PKT_DEV_IRQ;
    pk_trap_irq();
    assert_int_equal(p->ctx.r[15], K0 + 0x200u);
    fake_clock_set(T0 + 5u * PKT_TICK_NS + 7u);
    pk_trap_irq();
    assert_int_equal(p->ticks_pending, 5u);
    assert_int_equal(p->pending & PK_EV_TICK, 0u);
    /* It switched to the real-time task, which keeps its ticks: skip 0. */
    p = env_current(0, GK);
    pkt_ctx(&p->vcpu->ctx, U0 + 0x200u, U0 + 0x900u);
    p->vcpu->ctx_vmode = TASK;
    p->vcpu->tick_skip = 0u;
    env_svc(p, PK_SVC_UPCALL_RETURN, 0, 0, 0, 0);
    assert_int_equal(p->tick_skip, 0u);
    assert_int_equal(p->ctx.r[15], K0 + 0x200u); /* the ticks first */
    assert_true((p->vcpu->events & PK_EV_TICK) != 0u);
    assert_int_equal(p->vcpu->ticks, 5u);
    assert_int_equal(p->vcpu->tick_ns, T0 + 5u * PKT_TICK_NS);
    assert_int_equal(p->vcpu->ctx.r[15], U0 + 0x200u); /* then the task */
}

/* An upcall return that changes nothing but the skip goes straight back
 * to the partition (pk_kernel_exit_upcall): no decision, only the timer
 * follows the first tick the new skip leaves, later or earlier, after a
 * clock read that finds it ahead; the same skip leaves the timer alone
 * and reads nothing. */
static void time_upcall_return_quick(void **state)
{
    (void)state;
    struct pk_part *p = alpha_skipping(4u);
    assert_int_equal(fake_timer_deadline, T0 + 5u * PKT_TICK_NS);
    uint64_t decisions = pk_sched_state.decisions;
    unsigned reads = fake_clock_reads, arms = fake_timer_arms;
    alpha_returns(9u);
    assert_int_equal(fake_timer_deadline, T0 + 10u * PKT_TICK_NS);
    alpha_returns(2u);
    assert_int_equal(fake_timer_deadline, T0 + 3u * PKT_TICK_NS);
    assert_int_equal(fake_timer_arms, arms + 2u);
    assert_int_equal(fake_clock_reads, reads + 2u); /* ahead? */
    alpha_returns(2u);
    assert_int_equal(fake_timer_arms, arms + 2u);
    assert_int_equal(fake_clock_reads, reads + 2u);
    assert_int_equal(pk_sched_state.decisions, decisions);
    assert_true(pk_cur == p);
    assert_true(pk_time_timer_covers());
}

/* What the quick return must not skip: an event raised while the upcall
 * masked it is delivered at once; a refused context goes to the health
 * monitor; a deadline that passed during the upcall (here the slice's
 * end) is still covered by the timer, and its interrupt decides. */
static void time_upcall_return_not_quick(void **state)
{
    (void)state;
    struct pk_part *p = alpha_skipping(100u);
    p = env_current(0, GK);
    p->vcpu->vmask = 1u; /* in an upcall */
    uint32_t pc = p->ctx.r[15];
    fake_clock_set(T0 + PKT_TICK_NS / 2u);
    fake_irq_pending |= 1ull << PKT_DEV_IRQ;
    pk_trap_irq(); /* the device's event waits for the return */
    assert_int_equal(p->ctx.r[15], pc);
    assert_true((p->pending & PK_EV_IRQ) != 0u);
    unsigned reads = fake_clock_reads;
    p = env_current(0, GK);
    pkt_ctx(&p->vcpu->ctx, U0 + 0x100u, U0 + 0x800u);
    p->vcpu->ctx_vmode = TASK;
    p->vcpu->tick_skip = 100u;
    env_svc(p, PK_SVC_UPCALL_RETURN, 0, 0, 0, 0);
    assert_true(fake_clock_reads > reads);
    assert_int_equal(p->ctx.r[15], K0 + 0x200u); /* delivered */
    assert_true((p->vcpu->events & PK_EV_IRQ) != 0u);

    /* A context in Thumb state is refused, whatever else holds: gamma's
     * health monitor stops it, and the whole exit work runs another. */
    p = env_current(2, TASK);
    p->vcpu->vmask = 1u;
    p->vcpu->upcall_entry = PKT_GK_BASE(2u) + 0x200u;
    p->vcpu->upcall_sp = PKT_GK_BASE(2u) + 0x3000u;
    p = env_current(2, GK);
    pkt_ctx(&p->vcpu->ctx, PKT_USER_BASE(2u) + 0x100u,
            PKT_USER_BASE(2u) + 0x800u);
    p->vcpu->ctx.cpsr |= CPU_PSR_T;
    p->vcpu->ctx_vmode = TASK;
    env_console_clear();
    env_svc(p, PK_SVC_UPCALL_RETURN, 0, 0, 0, 0);
    pkt_assert_hm_kind("bad_context");
    assert_int_equal(p->state, PK_STATE_STOPPED);
    assert_true(pk_cur != p);

    /* The slice ends during the upcall: the return leaves the timer at or
     * before it, and the interrupt it raises switches partitions. */
    p = alpha_skipping(100u);
    uint64_t end = pk_sched_state.slice_end_ns;
    assert_true(fake_timer_deadline <= end);
    p = env_current(0, GK);
    p->vcpu->vmask = 1u;
    fake_now_ns = end + 1u; /* the timer's interrupt is pending, masked */
    alpha_returns(100u);
    assert_true(fake_timer_deadline <= end);
    assert_true(pk_cur == p);
    fake_clock_set(end + 1u);
    pk_trap_irq();
    assert_true(pk_cur != p);
}

/* A guest returning from upcalls in a loop, its skip changing each time,
 * cannot keep another partition's passed VIT expiry from being handled:
 * the quick return moves the timer only to a deadline still ahead, and a
 * passed one is handed to the exit work (rt2-upfast: re-armed for the
 * passed expiry each time, the countdown never ended and a victim's
 * wake-up came 2 s late). */
static void time_upcall_return_storm_keeps_deadlines(void **state)
{
    (void)state;
    struct pk_part *p = alpha_skipping(0u);
    struct pk_part *g = env_current(2, GK);
    uint64_t v = T0 + PKT_TICK_NS + 400000u; /* after alpha's next tick */
    env_svc(g, PK_SVC_VIT_REQUEST, (uint32_t)v, 0, 0, 0);
    assert_true(pk_vit_pending(&pk_vit_state, 2, NULL));
    p = env_current(0, GK);
    alpha_returns(0u);
    assert_int_equal(fake_timer_deadline, T0 + PKT_TICK_NS);
    /* Alpha's tick and the expiry pass while alpha is in the kernel (the
     * interrupt is pending), and alpha keeps returning with skips 200
     * and 0: the earliest deadline moves between the two. */
    fake_now_ns = v + 1u;
    for (unsigned i = 0; i < 4u && pk_cur == p; i++) {
        p = env_current(0, GK);
        pkt_ctx(&p->vcpu->ctx, U0 + 0x100u, U0 + 0x800u);
        p->vcpu->ctx_vmode = TASK;
        p->vcpu->vmask = 1u;
        p->vcpu->tick_skip = i % 2u == 0u ? 200u : 0u;
        env_svc(p, PK_SVC_UPCALL_RETURN, 0, 0, 0, 0);
    }
    assert_false(pk_vit_pending(&pk_vit_state, 2, NULL));
    assert_true((g->pending & PK_EV_VIT) != 0u || pk_cur == g);
}

/* A gate return keeps the skip while the guest's word stands, and ends it
 * when the call zeroed the word (a task became ready); a block ends it
 * too. The ticks withheld so far are delivered at once, and the next tick
 * is armed again. */
static void time_tick_skip_ends_at_gate_and_block(void **state)
{
    (void)state;
    struct pk_part *p = alpha_skipping(100u);
    fake_clock_set(T0 + 2u * PKT_TICK_NS + 5u);
    pk_trap_irq(); /* counts 2, withheld */
    assert_int_equal(p->ctx.r[15], U0 + 0x100u);
    p = env_current(0, GK);
    p->vcpu->gate_lr = U0 + 0x104u;
    p->vcpu->gate_sp = U0 + 0x800u;
    p->vcpu->vmask = 0u;
    env_svc(p, PK_SVC_GATE_RETURN, 0x11u, 0, 0, 0);
    assert_int_equal(p->tick_skip, 100u); /* the word stands: kept */
    assert_int_equal(p->ctx.r[15], U0 + 0x104u);
    assert_int_equal(p->ticks_pending, 2u);
    p = env_current(0, GK);
    p->vcpu->tick_skip = 0u; /* PORT_TASK_MADE_READY in the call */
    env_svc(p, PK_SVC_GATE_RETURN, 0x11u, 0, 0, 0);
    assert_int_equal(p->tick_skip, 0u);
    assert_int_equal(p->ctx.r[15], K0 + 0x200u); /* the upcall first */
    assert_int_equal(p->vcpu->ticks, 2u);
    assert_int_equal(p->vcpu->ctx.r[15], U0 + 0x104u); /* then the task */
    assert_int_equal(fake_timer_deadline, T0 + 3u * PKT_TICK_NS);

    /* A block with withheld ticks does not block: they are delivered and
     * the guest counts its ticks argument from the right tick. */
    assert_true(env_boot());
    p = alpha_skipping(100u);
    fake_clock_set(T0 + 2u * PKT_TICK_NS + 5u);
    pk_trap_irq();
    p = env_current(0, GK);
    p->vcpu->vmask = 0u;
    env_svc(p, PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 3u, 0);
    assert_int_equal(p->state, PK_STATE_READY);
    assert_int_equal(p->tick_skip, 0u);
    assert_int_equal(p->ctx.r[15], K0 + 0x200u);
    assert_int_equal(p->vcpu->ticks, 2u);
}

/* A device interrupt with a source number beyond 32 (PKT_DEV_IRQ, as a GIC
 * SPI) reaches its partition as the bit of the device's index, and its
 * source stays masked until the partition acknowledges it by that index. */
static void time_device_irq_by_index(void **state)
{
    (void)state;
    struct pk_part *p = alpha_ready();
    fake_irq_pending |= 1ull << PKT_DEV_IRQ;
    pk_trap_irq();
    assert_int_equal(p->ctx.r[15], K0 + 0x200u);
    assert_true((p->vcpu->events & PK_EV_IRQ) != 0u);
    assert_int_equal(p->vcpu->irqs, 1u); /* device 0 */
    assert_true((fake_irq_enabled & (1ull << PKT_DEV_IRQ)) == 0u);
    p = env_current(0, GK);
    env_svc(p, PK_SVC_IRQ_DONE, 0u, 0, 0, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    assert_true((fake_irq_enabled & (1ull << PKT_DEV_IRQ)) != 0u);
}

static void time_tick_catch_up_gaps(void **state)
{
    (void)state;
    /* Within the window alpha goes on and gets the ticks in one upcall;
     * after longer gaps another partition may be switched in: it is
     * counted the same way. Gaps up to 2^32 ns after the third tick are
     * counted by the reciprocal multiplication (ticks_in), one tick each
     * side of a boundary; beyond, by the 64-bit division. */
    const uint64_t third = 3u * PKT_TICK_NS; /* counted by addition */
    const uint64_t gaps[] = {3u * PKT_TICK_NS + PKT_TICK_NS / 2u,
                             7u * PKT_TICK_NS,
                             4000u * PKT_TICK_NS - 1u,
                             4000u * PKT_TICK_NS,
                             4000u * PKT_TICK_NS + 1u,
                             third + UINT32_MAX,
                             third + UINT32_MAX + 1u,
                             5000000000ull + 1u};
    const uint32_t ticks[] = {3u, 7u, 3999u, 4000u, 4000u,
                              (uint32_t)((third + UINT32_MAX) / PKT_TICK_NS),
                              (uint32_t)((third + UINT32_MAX + 1u) / PKT_TICK_NS),
                              5000u};
    for (unsigned i = 0; i < sizeof gaps / sizeof gaps[0]; i++) {
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
    assert_int_equal(fake_cpu_dacr, env_part(0)->arch.dacr_gk);
}

/* Everyone blocked with nothing ever due (each waits for its device): the
 * idle wait still arms the timer (at PK_TIME_NEVER, which the board caps
 * at about a second and re-arms after a clock read), so the clock's
 * counter is read often enough for its 32-bit extension however long
 * the wait lasts. */
static void time_idle_arms_for_ever(void **state)
{
    (void)state;
    jmp_buf idle;
    fake_idle_jmp = &idle;
    if (setjmp(idle) == 0) {
        for (unsigned i = 0; i < 3u; i++) {
            struct pk_part *p = env_current(i, GK);
            env_svc(p, PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0, 0);
        }
        fail_msg("the kernel did not wait");
    }
    fake_idle_jmp = NULL;
    assert_true(pk_cur == NULL);
    assert_true(fake_timer_armed);
    assert_true(fake_timer_deadline == PK_TIME_NEVER);
}

/* vcpu warp_done, taken at the upcall return: a warped partition's warp
 * ends (U starts, so the next warp within U is refused) and a decision is
 * due; a partition that is not warped only has the flag cleared; a
 * partition still being loaded is not looked at. */
static void time_warp_done_ends_warp(void **state)
{
    (void)state;
    struct pk_part *p = env_current(1, GK);
    finish_load(p);
    p = env_current(1, GK);
    assert_true(pk_sched_warp(&pk_sched_state, 1, T0));
    /* A flag from an upcall begun before this warp was granted (none
     * delivered since): stale, dropped, the warp stays. */
    p->upcall_in_warp = false;
    p->vcpu->warp_done = 1u;
    assert_false(pk_time_upcall_returned());
    assert_true(pk_sched_is_warped(&pk_sched_state, 1));
    assert_int_equal(p->vcpu->warp_done, 0u);
    /* Set in an upcall delivered during the warp: the warp ends. */
    p->upcall_in_warp = true;
    p->vcpu->warp_done = 1u;
    assert_true(pk_time_upcall_returned());
    assert_false(pk_sched_is_warped(&pk_sched_state, 1));
    assert_int_equal(p->vcpu->warp_done, 0u);
    assert_int_equal(pk_sched_state.part[1].warps_done, 1u);
    assert_false(pk_sched_warp(&pk_sched_state, 1, T0 + 1u));

    /* Not warped: nothing to end, the flag is taken all the same. */
    p->vcpu->warp_done = 1u;
    assert_false(pk_time_upcall_returned());
    assert_int_equal(p->vcpu->warp_done, 0u);
    assert_int_equal(pk_sched_state.part[1].warps_done, 1u);

    /* Flag clear: nothing happens to a warp. */
    fake_clock_set(T0 + 2000000u);
    assert_true(pk_sched_warp(&pk_sched_state, 1, T0 + 2000000u));
    assert_false(pk_time_upcall_returned());
    assert_true(pk_sched_is_warped(&pk_sched_state, 1));

    /* Loading (its vCPU page not yet set up): not read, not written. */
    p->vcpu->warp_done = 1u;
    p->load_phase = PK_LOAD_DONE + 1u;
    assert_false(pk_time_upcall_returned());
    assert_true(pk_sched_is_warped(&pk_sched_state, 1));
    assert_int_equal(p->vcpu->warp_done, 1u);
    p->load_phase = PK_LOAD_DONE;
}

#define T(f) cmocka_unit_test_setup(f, pkt_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(hm_log_skips_data_abort),
        T(hm_log_stops_on_unskippable),
        T(hm_restart_reloads_images),
        T(hm_restart_stepwise_load),
        T(hm_restart_limit_escalates),
        T(hm_stop_for_good),
        T(time_tick_catch_up),
        T(time_tick_skip),
        T(time_tick_skip_other_upcall),
        T(time_tick_skip_ends_at_upcall_return),
        T(time_upcall_return_quick),
        T(time_upcall_return_not_quick),
        T(time_upcall_return_storm_keeps_deadlines),
        T(time_tick_skip_ends_at_gate_and_block),
        T(time_device_irq_by_index),
        T(time_tick_catch_up_gaps),
        T(time_block_until_deadline),
        T(time_block_ticks_and_pending),
        T(time_timer_and_vit_deadlines),
        T(time_idle_runs_to_timer),
        T(time_idle_arms_for_ever),
        T(time_warp_done_ends_warp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
