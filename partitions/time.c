/*
 * time.c - time keeping and scheduling decisions of the kernel.
 *
 * There is one one-shot timer (bsp_timer_arm). At the end of every kernel
 * entry, pk_kernel_exit_work() looks at the clock, turns passed deadlines
 * into events (virtual ticks of the running partition, wake-ups of blocked
 * partitions, virtual timers, VIT expiries), asks the scheduler when a
 * decision is due, and re-arms the timer at the earliest of: the
 * scheduler's until_ns, the running partition's next virtual tick, blocked
 * partitions' wake deadlines, virtual timers and the next VIT expiry.
 *
 * Fast path: most kernel entries (a service call, a virtual tick) change
 * no deadline. The earliest of the partitions' virtual timers, blocked
 * partitions' wake-ups and VIT expiries is kept in events_ns, so an exit
 * that reaches none of them skips the scan of the partitions and the VIT;
 * whoever adds or moves such a deadline earlier calls
 * pk_time_deadlines_changed(), which forces the next scan. The timer is
 * only re-programmed when the deadline it must wake the kernel for moved
 * earlier, or more than PK_TIMER_LAZY_NS later, or it already fired
 * (timer_armed_ns, timer_armed; timer_arm()).
 *
 * Virtual ticks are counted against absolute deadlines (next_tick_ns +=
 * k * period), so they never drift. They are generated for the running
 * partition only; a partition that did not run gets, at its next delivery,
 * the number of ticks that elapsed meanwhile (the same arithmetic).
 *
 * A plain wake (deadline, virtual timer, device event) makes a partition
 * runnable without preempting the running one: it waits for the next
 * decision point. A VIT expiry warps its partition and, when the scheduler
 * says so, preempts at once.
 */
#include "pk_kernel.h"
#include "pk_swlog.h"

#include "bsp.h"

/* Exit status of a test kernel whose partitions are all stopped. */
#define PK_ALL_STOPPED_STATUS 4

/* This core's exit-work state (pk_kernel.h, struct pk_cpu_time). */
#define run_start_ns (pk_this_cpu()->time.run_start_ns)
#define slice_until_ns (pk_this_cpu()->time.slice_until_ns)
#define events_ns (pk_this_cpu()->time.events_ns)
#define timer_armed_ns (pk_this_cpu()->time.timer_armed_ns)
#define console_due_ns (pk_this_cpu()->time.console_due_ns)
#define timer_armed (pk_this_cpu()->time.timer_armed)
#define woken (pk_this_cpu()->time.woken)
#define urgent_wake (pk_this_cpu()->time.urgent_wake)

static void timer_handler(void)
{
    /* The board calls this from the timer interrupt once the armed deadline
     * is reached: the timer is idle now and must be re-armed. The rest
     * happens outside IRQ context: pk_trap_irq() (or the idle loop) runs
     * pk_kernel_exit_work(), which compares every deadline with the clock. */
    timer_armed = false;
}

void pk_time_init(uint64_t now)
{
    run_start_ns = now;
    slice_until_ns = now;
    events_ns = 0u;
    timer_armed = false;
    console_due_ns = PK_TIME_NEVER;
    bsp_timer_set_handler(timer_handler);
}

void pk_time_deadlines_changed(void)
{
    events_ns = 0u;
}

/* Arm the one-shot timer at t unless it already counts to t, or to a
 * deadline at most PK_TIMER_LAZY_NS before t. Re-arming to the same
 * deadline would only restart the countdown from now towards the same
 * instant (the board rounds up, so it never fires early either way). A
 * deadline that moved a little later (every slice start moves until_ns by
 * the time since the last one: a yield, a partition switch) is left as
 * armed: it fires early, by at most PK_TIMER_LAZY_NS, and that exit finds
 * nothing due and arms t. So an exit that moves the deadline later costs
 * no clock read and no device write, at the price of at most one early
 * expiry per real deadline; an earlier deadline is always armed at once. */
#define PK_TIMER_LAZY_NS 100000u

/* The timer already counts to t or to at most PK_TIMER_LAZY_NS before
 * it. One compare: t - timer_armed_ns wraps above the bound when t is
 * earlier than the armed deadline. */
static bool timer_covers(uint64_t t)
{
    return timer_armed && t - timer_armed_ns <= PK_TIMER_LAZY_NS;
}

static void timer_arm(uint64_t t)
{
    if (timer_covers(t))
        return;
    timer_armed_ns = t;
    timer_armed = true;
    bsp_timer_arm(t);
}

static inline int idx(const struct pk_part *p)
{
    return (int)p->index;
}

uint64_t pk_run_ns(const struct pk_part *p)
{
    return pk_sched_state.part[p->index].run_ns;
}

/* floor(gap / period) for a 32-bit gap, with recip = floor((2^32 - 1) /
 * period): the product's high word is at most the quotient and at most two
 * below it (recip is below 2^32 / period by less than one, which over a
 * gap under 2^32 loses less than one, plus the floor), so at most two
 * steps correct it. This core has no divide instruction, and the
 * library's 32-bit division takes about 60 instructions on the VIT
 * wake-up path (a partition switched in after others ran). */
static uint32_t ticks_in(uint32_t gap, uint32_t period, uint32_t recip)
{
    uint32_t q = (uint32_t)(((uint64_t)gap * recip) >> 32);
    uint32_t r = gap - q * period;
    while (r >= period) {
        r -= period;
        q++;
    }
    return q;
}

/* Count the virtual ticks of p whose deadlines have passed. */
static void tick_update(struct pk_part *p, uint64_t now)
{
    if (now < p->next_tick_ns)
        return;
    /* While running, usually one tick passed: count it by addition, since
     * this core has no divide instruction; divide only after a long gap. */
    uint64_t n = 0;
    while (now >= p->next_tick_ns && n < 2u) {
        p->next_tick_ns += p->tick_period_ns;
        n++;
    }
    if (now >= p->next_tick_ns) {
        /* A partition switched in after others ran: one multiplication
         * when the gap fits in 32 bits (gaps under 4.29 s; the period
         * always does: at most 1 s), instead of the 64-bit division's
         * long library call. */
        uint64_t gap = now - p->next_tick_ns;
        uint64_t more;
        if (gap <= UINT32_MAX)
            more = ticks_in((uint32_t)gap, (uint32_t)p->tick_period_ns,
                            p->tick_recip) + 1u;
        else
            more = gap / p->tick_period_ns + 1u;
        p->next_tick_ns += more * p->tick_period_ns;
        n += more;
    }
    p->ticks_total += n;
    uint64_t t = (uint64_t)p->ticks_pending + n;
    p->ticks_pending = t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
    /* Ticks the guest said carry nothing for it are counted, not
     * delivered (vcpu.tick_skip): no upcall until one is due. */
    if (p->ticks_pending > p->tick_skip)
        p->pending |= PK_EV_TICK;
}

/* When the running partition's next tick must be counted: the next one,
 * or with a tick_skip in force the first one it does not cover. */
static uint64_t tick_due_ns(const struct pk_part *p)
{
    if (p->tick_skip <= p->ticks_pending)
        return p->next_tick_ns;
    return p->next_tick_ns +
           (uint64_t)(p->tick_skip - p->ticks_pending) * p->tick_period_ns;
}

static void wake(struct pk_part *p, uint64_t now)
{
    if (p->state != PK_STATE_BLOCKED)
        return;
    p->state = PK_STATE_READY;
    p->wake_ns = PK_TIME_NEVER;
    pk_sched_wake(&pk_sched_state, idx(p), now);
    woken = true;
}

void pk_raise(struct pk_part *p, uint32_t events)
{
    if (p->state == PK_STATE_STOPPED)
        return;
    p->pending |= events;
    wake(p, bsp_clock_ns());
}

/* The partition's vCPU page, or NULL while it is being loaded. */
static struct pk_vcpu *loaded_vcpu(const struct pk_part *p)
{
    return p->load_phase == PK_LOAD_DONE ? p->vcpu : NULL;
}

/* Charge the running partition for the time since it was last charged
 * (one call: the scheduler's charge is inlined into it, sched.c). */
static void charge_current(uint64_t now)
{
    if (pk_cur != NULL && now > run_start_ns)
        pk_sched_charge(&pk_sched_state, idx(pk_cur), now - run_start_ns,
                        now);
    run_start_ns = now;
}

/*
 * If the running partition's guest has said that the real-time work of its
 * warp is done (vcpu warp_done), take the flag and end the warp, after
 * charging it, so that its other work competes at its plain E. The flag
 * can only lower the partition's own claim; U still applies
 * (pk_sched_end_warp). Returns true when a warp was ended.
 */
static struct pk_vcpu *warp_done_of_current(void)
{
    struct pk_vcpu *v = pk_cur != NULL ? loaded_vcpu(pk_cur) : NULL;
    return v != NULL && v->warp_done != 0u ? v : NULL;
}

static bool end_done_warp(struct pk_vcpu *v, uint64_t now)
{
    v->warp_done = 0u;
    if (!pk_cur->upcall_in_warp)
        return false; /* set before the current warp was granted: stale */
    charge_current(now);
    return pk_sched_end_warp(&pk_sched_state, idx(pk_cur), now);
}

static bool take_warp_done(uint64_t now)
{
    struct pk_vcpu *v = warp_done_of_current();
    return v != NULL && end_done_warp(v, now);
}

void pk_time_urgent_wake(struct pk_part *p)
{
    if (p->state == PK_STATE_STOPPED || p == pk_cur)
        return;
    uint64_t now = bsp_clock_ns();
    /* As a VIT expiry (process_deadlines): the running partition is
     * charged first and its finished warp ended, then p is warped; the
     * warp is charged to p like any other (BVT stays fair). */
    charge_current(now);
    (void)take_warp_done(now);
    if (p->state == PK_STATE_BLOCKED) {
        p->state = PK_STATE_READY;
        p->wake_ns = PK_TIME_NEVER;
    }
    if (pk_sched_warp(&pk_sched_state, idx(p), now)) {
        p->upcall_in_warp = false;
        PK_TRACE_WARP(idx(p));
    }
    if (pk_sched_should_preempt(&pk_sched_state, now))
        urgent_wake = true;
}

bool pk_time_upcall_returned(void)
{
    /* The clock is read only when there is a warp to end: this is on
     * every upcall return (every virtual tick). */
    struct pk_vcpu *v = warp_done_of_current();
    return v != NULL && end_done_warp(v, bsp_clock_ns());
}

/*
 * Turn passed deadlines into events and wake-ups. Returns true when a
 * decision is needed at once (a VIT expiry the scheduler wants to act on).
 */
static bool process_deadlines(uint64_t now)
{
    bool preempt = false;
    /* The VIT expiries first: a partition whose expiry and wake-up fall
     * together (its guest sleeps until its VIT deadline) is warped while
     * still blocked, and so enters the scheduler's order once, at its
     * warped key (pk_sched_warp), instead of waking at its plain key and
     * moving at once. */
    for (;;) {
        int i = pk_vit_pop_expired(&pk_vit_state, now);
        if (i < 0)
            break;
        struct pk_part *p = &pk_parts[i];
        if (p->state == PK_STATE_STOPPED)
            continue;
        p->pending |= PK_EV_VIT;
        PK_TRACE_VIT_EXPIRE(i);
        /* New real-time work for the running partition: a warp_done its
         * guest set for the earlier work no longer holds, and its warp
         * goes on with the limit it had. (Only the running partition's
         * page is in the memory view; another's flag stays as its guest
         * left it: the pv port sets it only in an upcall, whose return
         * takes it.) */
        if (p == pk_cur) {
            struct pk_vcpu *v = loaded_vcpu(p);
            if (v != NULL)
                v->warp_done = 0u;
        }
        /* Charge the running partition first, so that the scheduler
         * compares up-to-date virtual times; if its real-time work is
         * done, its warp ends before the comparison. */
        charge_current(now);
        if (p != pk_cur)
            (void)take_warp_done(now);
        if (p->state == PK_STATE_BLOCKED) {
            p->state = PK_STATE_READY;
            p->wake_ns = PK_TIME_NEVER;
        }
        if (!pk_sched_warp(&pk_sched_state, i, now)) {
            pk_vit_note_refused_warp(&pk_vit_state, i);
        } else {
            /* Granted while it does not run: a warp_done its guest set in
             * an upcall it has not returned from yet is not for this
             * warp (the running one's flag was cleared above). */
            if (p != pk_cur)
                p->upcall_in_warp = false;
            PK_TRACE_WARP(i);
        }
        if (pk_sched_should_preempt(&pk_sched_state, now))
            preempt = true;
    }
    for (unsigned i = 0; i < pk_system.n_partitions; i++) {
        struct pk_part *p = &pk_parts[i];
        if (p->state == PK_STATE_STOPPED)
            continue;
        if (p->timer_ns <= now) {
            p->timer_ns = PK_TIME_NEVER;
            p->pending |= PK_EV_TIMER;
            wake(p, now);
        }
        if (p->state == PK_STATE_BLOCKED && p->wake_ns <= now)
            wake(p, now);
    }
    return preempt;
}

/* Scan for the earliest timer, wake-up and VIT deadline (events_ns). */
static uint64_t events_scan(void)
{
    uint64_t t = PK_TIME_NEVER;
    for (unsigned i = 0; i < pk_system.n_partitions; i++) {
        const struct pk_part *p = &pk_parts[i];
        if (p->state == PK_STATE_STOPPED)
            continue;
        if (p->timer_ns < t)
            t = p->timer_ns;
        if (p->state == PK_STATE_BLOCKED && p->wake_ns < t)
            t = p->wake_ns;
    }
    uint64_t v = pk_vit_next_expiry(&pk_vit_state);
    return v < t ? v : t;
}

/* The earliest deadline the timer must wake the kernel for. */
static uint64_t next_deadline(void)
{
    if (events_ns == 0u)
        events_ns = events_scan();
    uint64_t t = slice_until_ns;
    if (pk_cur != NULL) {
        uint64_t k = tick_due_ns(pk_cur);
        if (k < t)
            t = k;
    }
    return events_ns < t ? events_ns : t;
}

uint64_t pk_time_next_deadline(void)
{
    return next_deadline();
}

/* Test kernels: when every partition is stopped nothing can ever run
 * again, so the run ends with a failing status at once instead of idling
 * until the test's time-out. */
static void all_stopped_check(void)
{
#ifdef PK_CONFIG_TEST_EXIT
    for (unsigned i = 0; i < pk_system.n_partitions; i++)
        if (pk_parts[i].state != PK_STATE_STOPPED)
            return;
    pk_console_sync();
    PK_MASKED_REPORT();
    pk_printf("PK all partitions stopped: test run ends\n");
    pk_exit(PK_ALL_STOPPED_STATUS);
#endif
}

/* Nothing is runnable: wait, with IRQs still masked, for the next
 * interrupt (WFI returns on a pending IRQ even when it is masked), run the
 * board's handlers, and return. */
static void idle_wait(void)
{
    PK_TRACE_PART_SWITCH(NULL);
    PK_SWLOG_SWITCH(NULL);
    pk_arch_view_kernel();
    uint64_t t = next_deadline();
    /* Idle costs nobody anything: queued output and trace records go out
     * now, in batches, until the next deadline or until an interrupt makes
     * a partition runnable: between batches the interrupts are polled, so
     * a partition woken by its device waits for one batch at most, however
     * much output another partition queued. */
    for (;;) {
        bool more = pk_console_pending() && bsp_clock_ns() < t;
        if (more)
            (void)pk_console_drain(PK_CONSOLE_DRAIN_BYTES);
        if (PK_TRACE_IDLE(t))
            more = true;
        if (!more)
            break;
        PK_MASKED_POLL(PK_MK_CONSOLE);
        bsp_irq_dispatch();
        if (woken)
            return; /* the caller decides at once */
    }
    /* Armed even when nothing is ever due: the board caps a countdown at
     * about a second and reads the clock at the end of a capped one, so
     * the clock's 32-bit counter is read often enough for its extension
     * (bsp/common/clock.c) however long every partition waits for its
     * device; unarmed, a wait longer than one counter wrap (43 s on
     * vexpress-a9) would lose that wrap from the kernel's time. */
    timer_arm(t);
    PK_MASKED_IDLE(false);
    pk_arch_idle();
    PK_MASKED_IDLE(true);
    bsp_irq_dispatch();
}

void pk_kernel_exit_work(bool force)
{
    bool decide = force;
    bool urgent = false;  /* a wake-up wants a decision (VIT, warp) */
    bool drained = false; /* one console batch per kernel entry */
    const struct pk_part *was = pk_cur;
    if (urgent_wake) {
        urgent_wake = false;
        decide = urgent = true;
    }
    for (;;) {
        uint64_t now = bsp_clock_ns();
        /* events_ns == 0 (unknown) is <= now as well: scan. The scan may
         * change deadlines (a timer fired, a partition woke), so events_ns
         * is recomputed when the timer is armed. */
        if (now >= events_ns) {
            if (process_deadlines(now))
                decide = urgent = true;
            events_ns = 0u;
        }
        if (pk_cur == NULL || pk_cur->state != PK_STATE_READY ||
            now >= slice_until_ns)
            decide = true;
        if (woken && !decide) {
            charge_current(now);
            decide = urgent = pk_sched_should_preempt(&pk_sched_state, now);
        }
        woken = false;
        if (pk_console_pending() && decide && !urgent && !drained &&
            pk_cur != NULL && pk_cur == was) {
            /* The end of the running partition's turn (it yields, blocks,
             * stops or its slice is over) with nothing urgent due: its
             * own queued output goes out now, in its time, before the
             * next partition is chosen. Otherwise a partition that never
             * makes an exit that stays in it (it always yields to
             * another, or it computes and only reads the clock) would
             * have its lines, and everybody's behind them, wait for the
             * rare interrupt that lands inside its window. */
            drained = true;
            PK_MASKED_POLL(PK_MK_CONSOLE);
            bsp_irq_dispatch();
            (void)pk_console_drain_for(pk_cur, PK_CONSOLE_DRAIN_BYTES);
            continue; /* what came due meanwhile, then the decision */
        }
        if (decide) {
            charge_current(now);
            struct pk_sched_decision d = pk_sched_pick(&pk_sched_state, now);
            slice_until_ns = d.until_ns;
            if (d.part == PK_SCHED_IDLE) {
                all_stopped_check();
                pk_cur = NULL;
                idle_wait();
                decide = true;
                continue;
            }
            struct pk_part *next = &pk_parts[d.part];
            if (next->state != PK_STATE_READY)
                pk_panic("scheduler picked a partition that cannot run",
                         NULL, 0, 0);
            if (next != pk_cur)
                pk_part_switch_to(next);
            run_start_ns = now;
            decide = false;
        }
        struct pk_part *p = pk_cur;
        if (p->load_phase != PK_LOAD_DONE) {
            /* A cold start in progress is what the partition "runs": one
             * bounded step, then interrupts and deadlines are polled (the
             * loop's next round) before the next step, in its own time. */
            PK_MASKED_POLL(PK_MK_LOAD);
            bsp_irq_dispatch();
            if (!pk_part_load_step(p, now)) {
                /* Its queued output (the health monitor's record of the
                 * fault that restarted it, its last lines) goes out in
                 * this time too: a partition that faults soon after every
                 * start spends most of its time loading, and would
                 * otherwise fall behind its console quota and lose its
                 * own fault records. */
                if (pk_console_pending()) {
                    PK_MASKED_POLL(PK_MK_CONSOLE);
                    bsp_irq_dispatch();
                    (void)pk_console_drain_for(p, PK_CONSOLE_DRAIN_BYTES);
                }
                continue;
            }
        }
        tick_update(p, now);
        pk_vcpu_deliver(p);
        /* Delivery may have found a broken vCPU: the health monitor then
         * restarted or stopped the partition; decide again if it stopped. */
        if (pk_cur != p || p->state != PK_STATE_READY) {
            decide = true;
            continue;
        }
        if (pk_console_pending() && pk_console_drain_wanted && !drained &&
            pk_cur == was) {
            /* Console output is the last step, after a poll point, so it
             * adds to no other path's stretch; whatever came due meanwhile
             * is handled by one more round. Not when this exit switches
             * partitions: a wake-up (a VIT expiry) must not wait for the
             * UART, and the partition switched to did not print. */
            drained = true;
            PK_MASKED_POLL(PK_MK_CONSOLE);
            bsp_irq_dispatch();
            (void)pk_console_drain_for(p, PK_CONSOLE_DRAIN_BYTES);
            now = bsp_clock_ns();
            if (now >= events_ns || now >= slice_until_ns)
                continue;
        }
        /* Only while the partition takes no ticks (a tick_skip: it may
         * make no exit of its own; with its ticks it drains at them, as
         * always), and only for output its exits may write: another's
         * queued lines wake nobody in its time. */
        if (pk_cur->tick_skip == 0u || !pk_console_pending_for(pk_cur))
            console_due_ns = PK_TIME_NEVER;
        else if (console_due_ns == PK_TIME_NEVER || console_due_ns <= now)
            console_due_ns = now + PK_CONSOLE_DRAIN_PERIOD_NS;
        break;
    }
    pk_console_drain_wanted = false;
    uint64_t t = next_deadline();
    timer_arm(console_due_ns < t ? console_due_ns : t);
}

/*
 * The exit of an upcall return. Every upcall (each virtual tick, VIT
 * expiry, port event) ends with one, and most change nothing the exit
 * work acts on but the timer: the return restored a valid context (ok) of
 * the running partition, in the same state, with the same deadlines
 * except the first tick its new skip does not cover. So when
 *   - no warp ended (its guest's warp_done: a decision is due), nothing
 *     woke and no urgent port asked for a decision meanwhile,
 *   - no event waits for delivery (the upcall masked them: events raised
 *     during it, or ticks the new skip no longer covers, are pending),
 *   - the deadlines are known (events_ns: no scan due), and
 *   - the console's drain point needs no new start (it is kept only while
 *     the partition takes no ticks and has output queued: the end of
 *     pk_kernel_exit_work),
 * only the timer is brought to the earliest deadline: nothing to do when
 * the skip left the tick where it was (no clock read); else the clock is
 * read, and the timer moves if that deadline is still ahead.
 * The last exit's timer_arm() armed no later than each deadline then
 * (pk_time_timer_covers(), checked at every exit of the invariant
 * kernels), so a slice end, a wake-up, a VIT expiry or a tick that passed
 * during the upcall or the return has its interrupt pending, taken as
 * soon as the partition runs: the exit work runs there. About 150
 * instructions less on every upcall.
 */
void pk_kernel_exit_upcall(bool ok)
{
    /* The guest sets warp_done in the upcall that switches away from its
     * real-time task: a decision now lets a waiting warped partition run
     * at once. A refused context went to the health monitor, which may
     * have restarted or stopped the partition: the whole exit work. */
    bool warp_ended = pk_time_upcall_returned();
    const struct pk_part *p = pk_cur;
    if (!ok || warp_ended || woken || urgent_wake || p->pending != 0u ||
        events_ns == 0u ||
        (p->tick_skip != 0u && console_due_ns == PK_TIME_NEVER &&
         pk_console_pending_for(p))) {
        pk_kernel_exit_work(warp_ended);
        return;
    }
    if (p->tick_skip == 0u)
        console_due_ns = PK_TIME_NEVER;
    uint64_t t = next_deadline();
    if (console_due_ns < t)
        t = console_due_ns;
    if (timer_covers(t))
        return; /* the timer counts on undisturbed */
    /* The timer must move: only to a deadline still ahead. Re-armed for
     * one that has passed, its countdown would start again, and a guest
     * returning from upcalls in a loop, its skip changing each time,
     * would keep it from ever ending: no exit would look at the clock, and
     * another partition's VIT expiry would wait for ever (rt2-upfast). A
     * deadline that has passed is the exit work's. */
    uint64_t now = bsp_clock_ns();
    if (t <= now) {
        pk_kernel_exit_work(false);
        return;
    }
    /* Counted from that reading, a few instructions old: no second one. */
    timer_armed_ns = t;
    timer_armed = true;
    bsp_timer_arm_from(t, now);
}

bool pk_time_timer_covers(void)
{
    if (!timer_armed || timer_armed_ns > slice_until_ns ||
        (events_ns != 0u && timer_armed_ns > events_ns) ||
        timer_armed_ns > console_due_ns)
        return false;
    return pk_cur == NULL || timer_armed_ns <= tick_due_ns(pk_cur);
}

void pk_block_current(uint64_t deadline_ns, uint32_t ticks)
{
    struct pk_part *p = pk_cur;
    uint64_t now = bsp_clock_ns();
    /* The guest's ticks argument counts from its own tick count: the
     * ticks it has not been given yet are delivered instead. */
    (void)pk_tick_skip_end(p);
    tick_update(p, now);
    if (p->pending != 0u)
        return; /* an event is waiting: do not block */
    uint64_t t = deadline_ns;
    if (ticks != 0u) {
        uint64_t tt = p->next_tick_ns + (uint64_t)(ticks - 1u) *
                                            p->tick_period_ns;
        if (tt < t)
            t = tt;
    }
    if (t <= now)
        return;
    p->wake_ns = t;
    p->state = PK_STATE_BLOCKED;
    pk_time_deadlines_changed();
    charge_current(now);
    pk_sched_block(&pk_sched_state, idx(p), now);
}

void pk_stop(struct pk_part *p)
{
    uint64_t now = bsp_clock_ns();
    if (p == pk_cur)
        charge_current(now);
    if (p->state != PK_STATE_BLOCKED)
        pk_sched_block(&pk_sched_state, idx(p), now);
    p->state = PK_STATE_STOPPED;
    p->pending = 0u;
    pk_vit_cancel(&pk_vit_state, idx(p));
}

void pk_sched_restarted(struct pk_part *p, uint64_t now)
{
    /* pk_part_cold_start() made it READY. Its scheduler state starts
     * afresh: blocking unwarps it, waking sets A = max(A, SVT) (BVT), so a
     * restart neither keeps a warp nor gains CPU time. */
    if (p == pk_cur)
        charge_current(now);
    if (pk_sched_is_runnable(&pk_sched_state, idx(p)))
        pk_sched_block(&pk_sched_state, idx(p), now);
    pk_sched_wake(&pk_sched_state, idx(p), now);
}
