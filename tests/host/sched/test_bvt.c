/*
 * test_bvt.c - host tests of the BVT partition scheduler (bvt.c + sched.c):
 * selection, charging, fairness, sleep/wake, the context-switch allowance,
 * warp and its limits, and the VIT flood bound of docs/scheduling.md.
 */
#include "sim.h"

#include <stdio.h>

static struct pk_system_config cfg;
static struct sim m;

/* Build a state: partition i's A, then the scheduler's orders again. */
static void set_avt(int i, uint64_t avt)
{
    m.s.part[i].avt = avt;
    pk_sched_bvt_reorder(&m.s, i);
    assert_true(pk_sched_bvt_orders_ok(&m.s));
}

/* Least E is picked; ties go to the one that waited longest (at start,
 * index order). */
static void test_pick_least_evt(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 3, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    set_avt(0, 300);
    set_avt(1, 100);
    set_avt(2, 200);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 0);
    assert_int_equal(d.part, 1);
    assert_int_equal(d.until_ns, cfg.window_ns);

    /* Tie between 1 and 2 after a fresh init: index order. */
    pk_sched_init(&m.s, &cfg, 0);
    set_avt(0, 500);
    set_avt(1, 100);
    set_avt(2, 100);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 1);

    /* A warped partition is compared by E = A - W. */
    pk_sched_init(&m.s, &cfg, 0);
    set_avt(0, 100);
    set_avt(1, 100);
    set_avt(2, 100 + cfg.partitions[2].warp_ns - 1);
    assert_true(pk_sched_warp(&m.s, 2, 0));
    assert_int_equal(pk_sched_evt(&m.s, 2), 99);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 2);

    /* Nothing runnable: idle, no forced decision. */
    pk_sched_init(&m.s, &cfg, 0);
    for (int i = 0; i < 3; i++)
        pk_sched_block(&m.s, i, 0);
    d = pk_sched_pick(&m.s, 5);
    assert_int_equal(d.part, PK_SCHED_IDLE);
    assert_true(d.until_ns == PK_SCHED_NEVER);
}

/* pk_sched_should_preempt() keeps its decision for a pick at the same
 * instant; every change of state in between must make the pick decide
 * again. Each case asks first (the answer: partition 0 keeps the CPU),
 * changes one thing, and picks at the same instant. */
static void test_decision_ahead_forgotten(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 3, NULL);
    enum { WARP, YIELD, BLOCK, CHARGE, WAKE, END_WARP, REORDER, CASES };
    for (int c = 0; c < CASES; c++) {
        pk_sched_init(&m.s, &cfg, 0);
        /* 1 within the allowance (C = 1 ms) of 0: no preemption, but a
         * yield gives it the CPU. */
        set_avt(1, c == REORDER ? 20 * MS : MS / 2u);
        set_avt(2, 20 * MS);
        if (c == WAKE)
            pk_sched_block(&m.s, 1, 0);
        if (c == END_WARP) {
            /* 0 runs warped, 1 just behind it in E. */
            set_avt(0, 10 * MS);
            assert_true(pk_sched_warp(&m.s, 0, 0));
            set_avt(1, 10 * MS - cfg.partitions[0].warp_ns + 1);
        }
        assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);
        const uint64_t t = 1 * MS;
        if (c == REORDER)
            pk_sched_charge(&m.s, 0, 5 * MS, t);
        assert_false(pk_sched_should_preempt(&m.s, t));
        const int want = 1;
        switch (c) {
        case WARP: /* E of 1 falls by W: preempts */
            assert_true(pk_sched_warp(&m.s, 1, t));
            break;
        case YIELD:
            pk_sched_yield(&m.s, 0);
            break;
        case BLOCK:
            pk_sched_block(&m.s, 0, t);
            break;
        case CHARGE: /* 0 ran to the end of its slice and beyond */
            pk_sched_charge(&m.s, 0, cfg.window_ns, t);
            m.s.slice_end_ns = t; /* as the kernel's clock at a slice end */
            break;
        case WAKE: /* a wake alone does not preempt: 0 keeps the CPU */
            pk_sched_wake(&m.s, 1, t);
            assert_true(pk_sched_warp(&m.s, 1, t));
            break;
        case END_WARP: /* 0's E rises by W above 1's */
            assert_true(pk_sched_end_warp(&m.s, 0, t));
            m.s.slice_end_ns = t;
            break;
        case REORDER: /* a new A for 1 (as after a restart): behind 0 */
            m.s.part[1].avt = 0;
            pk_sched_bvt_reorder(&m.s, 1);
            m.s.slice_end_ns = t;
            break;
        }
        int got = pk_sched_pick(&m.s, t).part;
        if (got != want)
            print_message("case %d: picked %d\n", c, got);
        assert_int_equal(got, want);
    }
}

/* A grows by run time / weight, exactly, however small the charges. */
static void test_charge_by_weight(void **state)
{
    (void)state;
    const uint32_t w[] = {1, 3};
    sim_config(&cfg, PK_POLICY_BVT, 2, w);
    pk_sched_init(&m.s, &cfg, 0);
    pk_sched_charge(&m.s, 0, 3000, 3000);
    pk_sched_charge(&m.s, 1, 3000, 6000);
    assert_int_equal(m.s.part[0].avt, 3000);
    assert_int_equal(m.s.part[1].avt, 1000);
    /* 3001 charges of 1 ns at weight 3: no precision lost. */
    for (int i = 0; i < 3001; i++)
        pk_sched_charge(&m.s, 1, 1, 6000);
    assert_int_equal(m.s.part[1].avt, 2000);
    assert_int_equal(m.s.part[1].avt_rem, 1);
    assert_int_equal(m.s.part[1].run_ns, 6001);
    /* SVT is the least A of the runnable partitions. */
    assert_int_equal(pk_sched_svt(&m.s), 2000);
}

static void check_shares(const uint32_t *w, uint32_t n)
{
    sim_config(&cfg, PK_POLICY_BVT, n, w);
    sim_init(&m, &cfg);
    sim_run(&m, 10 * SEC);
    uint32_t sum = 0;
    for (uint32_t i = 0; i < n; i++)
        sum += w[i];
    for (uint32_t i = 0; i < n; i++) {
        double want = (double)w[i] / sum;
        double got = sim_share(&m, (int)i);
        printf("# weight %u: share %.4f (want %.4f)\n", w[i], got, want);
        assert_true(got > want * 0.99 && got < want * 1.01);
    }
    assert_int_equal(m.idle, 0);
}

static void test_fair_1_1(void **state)
{
    (void)state;
    const uint32_t w[] = {1, 1};
    check_shares(w, 2);
}

static void test_fair_1_2(void **state)
{
    (void)state;
    const uint32_t w[] = {1, 2};
    check_shares(w, 2);
}

static void test_fair_1_2_3(void **state)
{
    (void)state;
    const uint32_t w[] = {1, 2, 3};
    check_shares(w, 3);
}

/* p1 sleeps from 1 s to 3 s. */
static uint64_t sleep_event(struct sim *s)
{
    if (s->now == 1 * SEC) {
        pk_sched_block(&s->s, 1, s->now);
        return 3 * SEC;
    }
    /* Waking: A is raised to SVT, which is p0's A. */
    uint64_t a0 = s->s.part[0].avt;
    assert_true(s->s.part[1].avt < a0);
    pk_sched_wake(&s->s, 1, s->now);
    assert_int_equal(s->s.part[1].avt, a0);
    /* A plain wake does not preempt before the slice end. */
    assert_false(pk_sched_should_preempt(&s->s, s->now));
    memcpy(s->ctx, s->ran, sizeof(s->ran));
    return UINT64_MAX;
}

static void test_sleep_wake(void **state)
{
    (void)state;
    uint64_t at_wake[PK_MAX_PARTITIONS];
    sim_config(&cfg, PK_POLICY_BVT, 2, NULL);
    sim_init(&m, &cfg);
    m.event = sleep_event;
    m.ctx = at_wake;
    m.next_event = 1 * SEC;
    sim_run(&m, 10 * SEC);
    /* After the wake (7 s left) both get half: p1 neither lost its share
     * nor stole back the 2 s it slept. */
    double r0 = (double)(m.ran[0] - at_wake[0]);
    double r1 = (double)(m.ran[1] - at_wake[1]);
    printf("# after wake: p0 %.0f ms, p1 %.0f ms\n", r0 / 1e6, r1 / 1e6);
    assert_true(r0 / (r0 + r1) > 0.495 && r0 / (r0 + r1) < 0.505);
    assert_int_equal(m.idle, 0);
}

/* With a short window and a large C the running partition keeps the CPU
 * while its lead in E is within C / weight: far fewer switches, still fair. */
static void test_csw_allowance(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 2, NULL);
    /* Direct check of the rule at a slice end. */
    pk_sched_init(&m.s, &cfg, 0);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);
    pk_sched_charge(&m.s, 0, 10 * MS, 10 * MS);
    set_avt(1, 10 * MS - cfg.csw_allowance_ns); /* lower by exactly C */
    assert_int_equal(pk_sched_pick(&m.s, 10 * MS).part, 0);
    pk_sched_charge(&m.s, 0, 1, 10 * MS + 1);
    assert_int_equal(pk_sched_pick(&m.s, 20 * MS).part, 1); /* now by more */

    uint64_t sw[2];
    const uint64_t c[2] = {0, 5 * MS};
    for (int i = 0; i < 2; i++) {
        sim_config(&cfg, PK_POLICY_BVT, 2, NULL);
        cfg.window_ns = 1 * MS;
        cfg.csw_allowance_ns = c[i];
        sim_init(&m, &cfg);
        sim_run(&m, 1 * SEC);
        sw[i] = m.s.switches;
        double sh = sim_share(&m, 0);
        assert_true(sh > 0.49 && sh < 0.51);
    }
    printf("# switches in 1 s: C=0: %llu, C=5ms: %llu\n",
           (unsigned long long)sw[0], (unsigned long long)sw[1]);
    /* C = 0: a switch at every other slice end (equal E keeps the CPU). */
    assert_true(sw[0] >= 450);
    assert_true(sw[1] * 4 < sw[0]);
}

/* A yield hands the CPU to the least other runnable partition, even one
 * ahead of the yielder by up to the allowance, not further ahead; to nobody
 * when the yielder is alone; BVT stays fair by weight when every partition
 * yields all the time. */
static void test_yield(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 3, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);
    pk_sched_charge(&m.s, 0, 1 * MS, 1 * MS);
    /* Without a yield, mid-slice, the running one keeps the CPU. */
    assert_int_equal(pk_sched_pick(&m.s, 1 * MS).part, 0);
    /* Others ahead of it, by more than C and by exactly C: a yield
     * switches to the one within C. */
    set_avt(1, 1 * MS + cfg.csw_allowance_ns + 1);
    set_avt(2, 1 * MS + cfg.csw_allowance_ns);
    pk_sched_yield(&m.s, 0);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 1 * MS);
    assert_int_equal(d.part, 2);
    assert_int_equal(d.until_ns, 1 * MS + cfg.window_ns);
    /* The yield is spent by that pick: the next decision is ordinary. */
    assert_int_equal(pk_sched_pick(&m.s, 2 * MS).part, 2);
    /* The only other one further ahead than C: the yielder goes on. */
    pk_sched_block(&m.s, 0, 2 * MS);
    pk_sched_charge(&m.s, 2, 1 * MS, 2 * MS);
    set_avt(1, m.s.part[2].avt + cfg.csw_allowance_ns + 1);
    pk_sched_yield(&m.s, 2);
    assert_int_equal(pk_sched_pick(&m.s, 2 * MS).part, 2);
    pk_sched_wake(&m.s, 0, 2 * MS);
    /* A yield by a partition that is not running changes nothing. */
    pk_sched_yield(&m.s, 1);
    assert_false(m.s.yielding);
    assert_int_equal(pk_sched_pick(&m.s, 2 * MS).part, 2);
    /* Alone: the yielder goes on, its slice unchanged. */
    pk_sched_block(&m.s, 0, 2 * MS);
    pk_sched_block(&m.s, 1, 2 * MS);
    pk_sched_yield(&m.s, 2);
    d = pk_sched_pick(&m.s, 3 * MS);
    assert_int_equal(d.part, 2);
    assert_int_equal(d.until_ns, 1 * MS + cfg.window_ns);
    assert_true(pk_sched_bvt_orders_ok(&m.s));

    /* Two partitions yielding after every 10 us (weights 1 and 2): every
     * decision switches once they are level, and shares stay 1:2. */
    const uint32_t w[] = {1, 2};
    sim_config(&cfg, PK_POLICY_BVT, 2, w);
    pk_sched_init(&m.s, &cfg, 0);
    uint64_t t = 0, ran[2] = {0, 0}, switches0 = 0;
    int cur = pk_sched_pick(&m.s, 0).part;
    for (int i = 0; i < 30000; i++) {
        if (i == 100)
            switches0 = m.s.switches;
        t += 10000;
        pk_sched_charge(&m.s, cur, 10000, t);
        ran[cur] += 10000;
        pk_sched_yield(&m.s, cur);
        cur = pk_sched_pick(&m.s, t).part;
        assert_true(pk_sched_bvt_orders_ok(&m.s));
    }
    double share = (double)ran[1] / (double)(ran[0] + ran[1]);
    printf("# yield every 10 us, weights 1:2: share of 1 %.4f, %llu switches "
           "in the last 29900 decisions\n", share,
           (unsigned long long)(m.s.switches - switches0));
    assert_true(share > 0.66 && share < 0.67);
    /* Weight 2 runs two 10 us turns per turn of weight 1: 2 switches every
     * 3 decisions. */
    assert_true((m.s.switches - switches0) * 3 >= 29900 * 2 - 3);
}

/* Equal E: the partition that waited longest runs first, not the lowest
 * index (round robin among equals). */
static void test_ties_fifo(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 3, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);
    pk_sched_block(&m.s, 1, 0);
    pk_sched_block(&m.s, 2, 0);
    pk_sched_charge(&m.s, 0, 1 * MS, 1 * MS);
    /* Both wake at SVT = p0's A: 2 first, then 1. */
    pk_sched_wake(&m.s, 2, 1 * MS);
    pk_sched_wake(&m.s, 1, 1 * MS);
    assert_int_equal(pk_sched_evt(&m.s, 1), pk_sched_evt(&m.s, 2));
    pk_sched_yield(&m.s, 0);
    assert_int_equal(pk_sched_pick(&m.s, 1 * MS).part, 2);
    pk_sched_yield(&m.s, 2);
    assert_int_equal(pk_sched_pick(&m.s, 1 * MS).part, 1);
    assert_true(pk_sched_bvt_orders_ok(&m.s));
}

/* Warp: immediate preemption, limit L, unwarp time U, everything charged. */
static void test_warp(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 2, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    const uint64_t L = cfg.partitions[1].warp_limit_ns;
    const uint64_t U = cfg.partitions[1].unwarp_ns;

    /* p1 is blocked, p0 runs a slice. */
    pk_sched_block(&m.s, 1, 0);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 0);
    assert_int_equal(d.part, 0);
    /* p0 has run 2 ms when p1's VIT expires: wake alone waits for the slice
     * end, a warp preempts at once and its slice ends at the limit L. */
    pk_sched_charge(&m.s, 0, 2 * MS, 2 * MS);
    pk_sched_wake(&m.s, 1, 2 * MS);
    assert_false(pk_sched_should_preempt(&m.s, 2 * MS));
    assert_int_equal(pk_sched_pick(&m.s, 2 * MS).part, 0);
    assert_true(pk_sched_warp(&m.s, 1, 2 * MS));
    assert_true(pk_sched_should_preempt(&m.s, 2 * MS));
    d = pk_sched_pick(&m.s, 2 * MS);
    assert_int_equal(d.part, 1);
    assert_int_equal(d.until_ns, 2 * MS + L);

    /* It runs L warped: charged in full, then unwarped. */
    uint64_t a1 = m.s.part[1].avt;
    pk_sched_charge(&m.s, 1, L, 2 * MS + L);
    assert_int_equal(m.s.part[1].avt, a1 + L);
    assert_false(pk_sched_is_warped(&m.s, 1));
    assert_int_equal(m.s.part[1].warped_total_ns, L);
    uint64_t t = 2 * MS + L;
    assert_int_equal(pk_sched_pick(&m.s, t).part, 0); /* p1 is now ahead */

    /* A warp within U of the unwarp is refused, after U it is granted. */
    assert_false(pk_sched_warp(&m.s, 1, t + U - 1));
    assert_int_equal(m.s.part[1].refused_warps, 1);
    assert_true(pk_sched_warp(&m.s, 1, t + U));
    assert_int_equal(m.s.part[1].warps, 2);

    /* Blocking ends a warp and starts U. */
    pk_sched_block(&m.s, 1, t + U + 1);
    assert_false(pk_sched_is_warped(&m.s, 1));
    assert_false(pk_sched_warp(&m.s, 1, t + U + 2));
    /* (the refused warp still woke it) */
    assert_true(pk_sched_is_runnable(&m.s, 1));
}

/* A blocked partition warped at its VIT expiry (pk_sched_warp wakes it):
 * it wakes at SVT like any other and is entered at its warped key, so it
 * heads the E order and preempts; among three, the one that waited
 * keeps its place behind it. A refused warp (within U) still wakes it, at
 * its plain key. */
static void test_warp_wakes_blocked(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 3, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    pk_sched_block(&m.s, 2, 0);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);
    pk_sched_charge(&m.s, 0, 3 * MS, 3 * MS);
    assert_true(pk_sched_warp(&m.s, 2, 3 * MS));
    assert_true(pk_sched_is_runnable(&m.s, 2));
    assert_true(pk_sched_is_warped(&m.s, 2));
    assert_true(pk_sched_bvt_orders_ok(&m.s));
    /* SVT is the least A of the others (p1, which has not run: 0). */
    assert_int_equal(m.s.part[2].avt, 0u);
    assert_int_equal(m.s.by_evt.head, 2);
    assert_int_equal(m.s.by_evt.key[2], -(int64_t)cfg.partitions[2].warp_ns);
    assert_int_equal(pk_sched_svt(&m.s), 0u);
    assert_true(pk_sched_should_preempt(&m.s, 3 * MS));
    struct pk_sched_decision d = pk_sched_pick(&m.s, 3 * MS);
    assert_int_equal(d.part, 2);
    assert_int_equal(d.until_ns, 3 * MS + cfg.partitions[2].warp_limit_ns);
    assert_true(pk_sched_bvt_orders_ok(&m.s));
    assert_int_equal(m.s.by_evt.head, 1);

    /* It blocks again at once (U starts): the next warp is refused but
     * wakes it, unwarped, after p1 in the order. */
    pk_sched_charge(&m.s, 2, 1 * MS, 4 * MS);
    pk_sched_block(&m.s, 2, 4 * MS);
    assert_int_equal(pk_sched_pick(&m.s, 4 * MS).part, 1);
    assert_false(pk_sched_warp(&m.s, 2, 5 * MS));
    assert_true(pk_sched_is_runnable(&m.s, 2));
    assert_false(pk_sched_is_warped(&m.s, 2));
    assert_true(pk_sched_bvt_orders_ok(&m.s));
    assert_int_equal(m.s.by_evt.key[2], (int64_t)m.s.part[2].avt);
}

/* Two real-time partitions: p1 (W = 100 ms, a player) is warped and runs
 * its non-real-time work when p2's VIT (W = 50 ms) expires. While p1 stays
 * warped its larger W holds p2 off; once p1's guest says its real-time work
 * is done (pk_sched_end_warp), p2's expiry preempts it at once. Ending the
 * warp starts U like an unwarp at L, so it cannot renew the warp limit. */
static void test_end_warp(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 3, NULL);
    cfg.partitions[1].warp_ns = 100 * MS;
    cfg.partitions[1].warp_limit_ns = 10 * MS;
    cfg.partitions[1].unwarp_ns = 200 * US;
    cfg.partitions[2].warp_ns = 50 * MS;
    cfg.partitions[2].warp_limit_ns = 20 * MS;
    pk_sched_init(&m.s, &cfg, 0);
    pk_sched_block(&m.s, 1, 0);
    pk_sched_block(&m.s, 2, 0);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);

    /* p1's VIT expires at 1 ms: it preempts p0. */
    pk_sched_charge(&m.s, 0, 1 * MS, 1 * MS);
    assert_true(pk_sched_warp(&m.s, 1, 1 * MS));
    assert_int_equal(pk_sched_pick(&m.s, 1 * MS).part, 1);

    /* p2's expires at 2 ms, p1 still warped: p2 warps but waits. */
    pk_sched_charge(&m.s, 1, 1 * MS, 2 * MS);
    assert_true(pk_sched_warp(&m.s, 2, 2 * MS));
    assert_false(pk_sched_should_preempt(&m.s, 2 * MS));

    /* p1's guest ends the warp: p2 now beats it and runs at once. */
    assert_true(pk_sched_end_warp(&m.s, 1, 2 * MS));
    assert_false(pk_sched_is_warped(&m.s, 1));
    assert_int_equal(m.s.part[1].warps_done, 1);
    assert_true(pk_sched_bvt_orders_ok(&m.s));
    assert_true(pk_sched_should_preempt(&m.s, 2 * MS));
    assert_int_equal(pk_sched_pick(&m.s, 2 * MS).part, 2);
    assert_true(pk_sched_bvt_orders_ok(&m.s));

    /* Not warped any more: nothing to end, nothing changes. */
    assert_false(pk_sched_end_warp(&m.s, 1, 2 * MS));
    assert_int_equal(m.s.part[1].warps_done, 1);

    /* U runs from the end of the warp: refused just before, granted at U;
     * the new warp's limit is a full L, its own. */
    assert_false(pk_sched_warp(&m.s, 1, 2 * MS + 200 * US - 1));
    assert_true(pk_sched_warp(&m.s, 1, 2 * MS + 200 * US));
    assert_int_equal(m.s.part[1].warped_ran_ns, 0);
    assert_int_equal(m.s.part[1].warps, 2);
}

/* Policies without warps: nothing to end. */
static void test_end_warp_other_policies(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_STATIC, 2, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    assert_false(pk_sched_warp(&m.s, 1, 0));
    assert_false(pk_sched_end_warp(&m.s, 1, 0));
    assert_int_equal(m.s.part[1].warps_done, 0);
}

/* A plain wake never preempts mid-slice, even when the woken partition's E
 * is far below the running one's: it waits for the slice end. */
static void test_wake_waits_for_slice_end(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 3, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    pk_sched_block(&m.s, 1, 0);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 0);
    assert_int_equal(d.part, 0); /* p0 and p2 tie at A = 0: lowest index */
    pk_sched_charge(&m.s, 0, 5 * MS, 5 * MS);
    pk_sched_wake(&m.s, 1, 5 * MS);
    /* SVT is p2's A = 0, so p1 wakes with A = 0, 5 ms below p0's. */
    assert_int_equal(m.s.part[1].avt, 0);
    assert_false(pk_sched_should_preempt(&m.s, 5 * MS));
    d = pk_sched_pick(&m.s, 5 * MS);
    assert_int_equal(d.part, 0);
    assert_int_equal(d.until_ns, cfg.window_ns);
    pk_sched_charge(&m.s, 0, 5 * MS, 10 * MS);
    assert_true(pk_sched_should_preempt(&m.s, 10 * MS));
    /* p1 and p2 tie at A = 0: p2 has waited longer (since the start). */
    assert_int_equal(pk_sched_pick(&m.s, 10 * MS).part, 2);
    pk_sched_charge(&m.s, 2, 1 * MS, 11 * MS);
    pk_sched_block(&m.s, 2, 11 * MS);
    assert_int_equal(pk_sched_pick(&m.s, 11 * MS).part, 1);
}

/* A warp of the running partition mid-slice shortens its slice to L. */
static void test_warp_running(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 2, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);
    pk_sched_charge(&m.s, 0, 1 * MS, 1 * MS);
    assert_true(pk_sched_warp(&m.s, 0, 1 * MS));
    assert_false(pk_sched_should_preempt(&m.s, 1 * MS));
    struct pk_sched_decision d = pk_sched_pick(&m.s, 1 * MS);
    assert_int_equal(d.part, 0);
    assert_int_equal(d.until_ns, 1 * MS + cfg.partitions[0].warp_limit_ns);
}

/* Both CPU-bound; p0's VIT expires every 7 ms (it asks again each time).
 * Its warps cut p1's slices, but the long-run share stays 1:1 within 2 %. */
static uint64_t vit_every_7ms(struct sim *s)
{
    pk_vit_request(&s->v, 0, s->now, s->now);
    return s->now + 7 * MS;
}

static void test_warp_share(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 2, NULL);
    sim_init(&m, &cfg);
    m.event = vit_every_7ms;
    m.next_event = 7 * MS;
    sim_run(&m, 10 * SEC);
    double sh = sim_share(&m, 0);
    printf("# VIT-warped share %.4f, warps %u, refused %u\n", sh,
           m.s.part[0].warps, m.s.part[0].refused_warps);
    assert_true(m.s.part[0].warps > 100);
    assert_true(m.s.part[0].warped_total_ns > 0);
    assert_true(sh > 0.49 && sh < 0.51);
}

/* Flood: p0 asks for a VIT with a past deadline every 1 us. Its run time
 * never exceeds its fair share by more than the bound of docs/scheduling.md:
 *   lag <= w_o / (w_p + w_o) * (w_p * W + L + window + C)
 * (w_o the other weights' sum), and over the long run it gets its share. */
struct flood_ctx {
    double share;    /* p0's fair share */
    double max_lag;  /* max over time of ran0 - share * t */
};

static uint64_t flood_event(struct sim *s)
{
    pk_vit_request(&s->v, 0, s->now - 1, s->now);
    return s->now + 1 * US;
}

static void flood_on_run(struct sim *s, int part, uint64_t from, uint64_t to)
{
    struct flood_ctx *f = s->ctx;
    (void)from;
    if (part != 0)
        return;
    double lag = (double)s->ran[0] - f->share * (double)to;
    if (lag > f->max_lag)
        f->max_lag = lag;
}

static void flood(const uint32_t *w, uint32_t n)
{
    sim_config(&cfg, PK_POLICY_BVT, n, w);
    sim_init(&m, &cfg);
    uint32_t sum = 0;
    for (uint32_t i = 0; i < n; i++)
        sum += w[i];
    struct flood_ctx f = {(double)w[0] / sum, 0};
    m.ctx = &f;
    m.on_run = flood_on_run;
    m.event = flood_event;
    m.next_event = 1 * US;
    m.now = 0;
    pk_vit_request(&m.v, 0, 0, 0);
    sim_run(&m, 2 * SEC);
    const struct pk_partition_config *p = &cfg.partitions[0];
    double bound = (1.0 - f.share) *
                   ((double)w[0] * (double)p->warp_ns +
                    (double)p->warp_limit_ns + (double)cfg.window_ns +
                    (double)cfg.csw_allowance_ns);
    double sh = sim_share(&m, 0);
    printf("# flood w=%u/%u: share %.4f (fair %.4f), max lag %.2f ms, "
           "bound %.2f ms, warps %u, refused %u, VIT requests %u\n",
           w[0], sum, sh, f.share, f.max_lag / 1e6, bound / 1e6,
           m.s.part[0].warps, m.v.part[0].refused_warps,
           m.v.part[0].requests);
    assert_true(m.v.part[0].requests > 1000000);
    assert_true(m.v.part[0].refused_warps > 0);
    assert_true(f.max_lag <= bound);
    assert_true(sh < f.share * 1.01 + 0.0001);
}

static void test_vit_flood(void **state)
{
    (void)state;
    const uint32_t w11[] = {1, 1};
    flood(w11, 2);
    const uint32_t w13[] = {1, 3};
    flood(w13, 2);
    const uint32_t w211[] = {2, 1, 1};
    flood(w211, 3);
}

/* Invariant checks reach the hook (the kernel maps it to its panic). */
static void test_invariant_hook(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 2, NULL);
    pk_sched_init(&m.s, &cfg, 0);
    sim_expect_assert = 1;
    sim_assert_count = 0;
    pk_sched_charge(&m.s, 5, 10, 10);
    pk_sched_wake(&m.s, -2, 10);
    sim_expect_assert = 0;
    assert_int_equal(sim_assert_count, 2);
}

/* The orders of 32 partitions under a random stream of charges, blocks,
 * wakes, warps and restarts: after every step they hold exactly the
 * runnable partitions, sorted, so the candidate is the least (E, index)
 * and SVT the least A, as a scan over all of them would find. */
static void test_orders_random(void **state)
{
    (void)state;
    const uint32_t w[32] = {1, 2, 3, 1, 1, 4, 1, 1, 2, 1, 1, 1, 5, 1, 1, 1,
                            1, 1, 1, 3, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 7, 1};
    sim_config(&cfg, PK_POLICY_BVT, 32, w);
    pk_sched_init(&m.s, &cfg, 0);
    uint32_t x = 12345u;
    uint64_t now = 0;
    for (int step = 0; step < 20000; step++) {
        x = x * 1103515245u + 12345u;
        int i = (int)((x >> 16) % 32u);
        now += (x >> 8) % 997u;
        switch ((x >> 24) % 6u) {
        case 0:
        case 1:
            if (pk_sched_is_runnable(&m.s, i))
                pk_sched_charge(&m.s, i, (x >> 4) % 20000u, now);
            break;
        case 2:
            pk_sched_block(&m.s, i, now);
            break;
        case 3:
            pk_sched_wake(&m.s, i, now);
            break;
        case 4:
            (void)pk_sched_warp(&m.s, i, now);
            break;
        default: /* a restart: blocked, then awake afresh */
            pk_sched_block(&m.s, i, now);
            pk_sched_wake(&m.s, i, now);
            break;
        }
        assert_true(pk_sched_bvt_orders_ok(&m.s));
        int best = PK_SCHED_IDLE;
        bool any = false;
        uint64_t min_a = 0;
        for (int k = 0; k < 32; k++) {
            if (!pk_sched_is_runnable(&m.s, k))
                continue;
            if (best == PK_SCHED_IDLE ||
                pk_sched_evt(&m.s, k) < pk_sched_evt(&m.s, best))
                best = k;
            if (!any || m.s.part[k].avt < min_a)
                min_a = m.s.part[k].avt;
            any = true;
        }
        int least = pk_sched_bvt_least(&m.s);
        assert_int_equal(least == PK_SCHED_IDLE, best == PK_SCHED_IDLE);
        if (best != PK_SCHED_IDLE)
            assert_true(pk_sched_evt(&m.s, least) == pk_sched_evt(&m.s, best));
        if (any)
            assert_int_equal(pk_sched_svt(&m.s), min_a);
        (void)pk_sched_pick(&m.s, now);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick_least_evt),
        cmocka_unit_test(test_decision_ahead_forgotten),
        cmocka_unit_test(test_charge_by_weight),
        cmocka_unit_test(test_fair_1_1),
        cmocka_unit_test(test_fair_1_2),
        cmocka_unit_test(test_fair_1_2_3),
        cmocka_unit_test(test_sleep_wake),
        cmocka_unit_test(test_csw_allowance),
        cmocka_unit_test(test_yield),
        cmocka_unit_test(test_ties_fifo),
        cmocka_unit_test(test_warp),
        cmocka_unit_test(test_warp_wakes_blocked),
        cmocka_unit_test(test_warp_running),
        cmocka_unit_test(test_end_warp),
        cmocka_unit_test(test_end_warp_other_policies),
        cmocka_unit_test(test_wake_waits_for_slice_end),
        cmocka_unit_test(test_warp_share),
        cmocka_unit_test(test_vit_flood),
        cmocka_unit_test(test_invariant_hook),
        cmocka_unit_test(test_orders_random),
    };
    return cmocka_run_group_tests_name("sched_bvt", tests, NULL, NULL);
}
