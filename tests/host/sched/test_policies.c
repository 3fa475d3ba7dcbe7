/*
 * test_policies.c - host tests of the static priority and cyclic (ARINC 653)
 * partition schedulers, through the common interface of pk_sched.h.
 */
#include "sim.h"

#include <stdio.h>

static struct pk_system_config cfg;
static struct sim m;

/* ---- static priority ---- */

static void static_config(uint32_t n, const uint32_t *prio)
{
    sim_config(&cfg, PK_POLICY_STATIC, n, NULL);
    for (uint32_t i = 0; i < n; i++)
        cfg.partitions[i].priority = prio[i];
}

/* The highest priority runnable partition runs; lower ones only when it
 * blocks; a higher one waking preempts at once. */
static void test_static_order(void **state)
{
    (void)state;
    const uint32_t prio[] = {1, 5, 3};
    static_config(3, prio);
    pk_sched_init(&m.s, &cfg, 0);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 0);
    assert_int_equal(d.part, 1);
    assert_int_equal(d.until_ns, cfg.window_ns);
    assert_int_equal(pk_sched_pick(&m.s, cfg.window_ns).part, 1);

    pk_sched_block(&m.s, 1, 1 * MS);
    assert_true(pk_sched_should_preempt(&m.s, 1 * MS));
    assert_int_equal(pk_sched_pick(&m.s, 1 * MS).part, 2);
    pk_sched_block(&m.s, 2, 2 * MS);
    assert_int_equal(pk_sched_pick(&m.s, 2 * MS).part, 0);
    /* Waking the middle one preempts the lowest mid-slice. */
    pk_sched_wake(&m.s, 2, 3 * MS);
    assert_true(pk_sched_should_preempt(&m.s, 3 * MS));
    assert_int_equal(pk_sched_pick(&m.s, 3 * MS).part, 2);
    /* A lower one waking does not. */
    pk_sched_block(&m.s, 0, 4 * MS);
    pk_sched_wake(&m.s, 0, 5 * MS);
    assert_false(pk_sched_should_preempt(&m.s, 5 * MS));
    /* Static policy has no warp: refused, but the partition is woken. */
    pk_sched_block(&m.s, 1, 6 * MS);
    assert_false(pk_sched_warp(&m.s, 1, 6 * MS));
    assert_true(pk_sched_is_runnable(&m.s, 1));
    assert_int_equal(pk_sched_pick(&m.s, 6 * MS).part, 1);
    /* All blocked: idle. */
    for (int i = 0; i < 3; i++)
        pk_sched_block(&m.s, i, 7 * MS);
    assert_int_equal(pk_sched_pick(&m.s, 7 * MS).part, PK_SCHED_IDLE);
}

/* Equal priorities share round-robin, one window each. */
static void test_static_round_robin(void **state)
{
    (void)state;
    const uint32_t prio[] = {2, 2, 1, 2};
    static_config(4, prio);
    sim_init(&m, &cfg);
    int seq[7];
    uint64_t t = 0;
    for (int i = 0; i < 7; i++) {
        struct pk_sched_decision d = pk_sched_pick(&m.s, t);
        seq[i] = d.part;
        pk_sched_charge(&m.s, d.part, d.until_ns - t, d.until_ns);
        t = d.until_ns;
    }
    const int want[] = {0, 1, 3, 0, 1, 3, 0};
    for (int i = 0; i < 7; i++)
        assert_int_equal(seq[i], want[i]);
}

/* A yield ends the slice: the next partition of the same priority runs;
 * alone at its priority, the yielder goes on (a lower one never runs). */
static void test_static_yield(void **state)
{
    (void)state;
    const uint32_t prio[] = {2, 2, 1};
    static_config(3, prio);
    sim_init(&m, &cfg);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);
    assert_int_equal(pk_sched_pick(&m.s, 1 * MS).part, 0);
    pk_sched_yield(&m.s, 0);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 1 * MS);
    assert_int_equal(d.part, 1);
    assert_int_equal(d.until_ns, 1 * MS + cfg.window_ns);
    pk_sched_yield(&m.s, 1);
    assert_int_equal(pk_sched_pick(&m.s, 2 * MS).part, 0);
    pk_sched_block(&m.s, 1, 2 * MS);
    pk_sched_yield(&m.s, 0);
    assert_int_equal(pk_sched_pick(&m.s, 3 * MS).part, 0);
}

/* CPU-bound high priority partition starves the low one entirely. */
static void test_static_starvation(void **state)
{
    (void)state;
    const uint32_t prio[] = {1, 9};
    static_config(2, prio);
    sim_init(&m, &cfg);
    sim_run(&m, 1 * SEC);
    assert_int_equal(m.ran[0], 0);
    assert_int_equal(m.ran[1], 1 * SEC);
}

/* ---- cyclic ---- */

/* Major frame 100 ms: p0 [0,20) p1 [30,60) p0 [70,80) p2 [80,100);
 * gaps [20,30) and [60,70) are idle. */
static void cyclic_config(void)
{
    sim_config(&cfg, PK_POLICY_CYCLIC, 3, NULL);
    cfg.major_frame_ns = 100 * MS;
    const struct pk_window_config w[] = {
        {0, 0, 20 * MS}, {1, 30 * MS, 30 * MS},
        {0, 70 * MS, 10 * MS}, {2, 80 * MS, 20 * MS}};
    cfg.n_windows = 4;
    memcpy(cfg.windows, w, sizeof(w));
}

/* Which partition owns offset off of the frame, -1 for a gap. */
static int owner(uint64_t off)
{
    for (uint32_t i = 0; i < cfg.n_windows; i++) {
        const struct pk_window_config *w = &cfg.windows[i];
        if (off >= w->offset_ns && off < w->offset_ns + w->duration_ns)
            return (int)w->partition;
    }
    return -1;
}

static uint64_t origin;
static uint64_t blocked_from, blocked_to; /* p1 blocked in this span */

/* Every run interval lies inside one of that partition's windows. */
static void cyclic_on_run(struct sim *s, int part, uint64_t from, uint64_t to)
{
    (void)s;
    uint64_t mf = cfg.major_frame_ns;
    assert_true(from >= origin);
    uint64_t off = (from - origin) % mf;
    assert_int_equal(owner(off), part);
    assert_int_equal(owner(off + (to - from) - 1), part);
    assert_true(off + (to - from) <= mf);
    if (part == 1)
        assert_true(to <= blocked_from || from >= blocked_to);
}

static uint64_t cyclic_event(struct sim *s)
{
    if (s->now == blocked_from) {
        pk_sched_block(&s->s, 1, s->now);
        return blocked_to;
    }
    pk_sched_wake(&s->s, 1, s->now);
    return UINT64_MAX;
}

static void test_cyclic_windows(void **state)
{
    (void)state;
    cyclic_config();
    /* Frames start at the init time, here 7 ms. */
    origin = 7 * MS;
    memset(&m, 0, sizeof(m));
    pk_sched_init(&m.s, &cfg, origin);
    pk_vit_init(&m.v, cfg.n_partitions);
    m.now = m.since = origin;
    m.running = PK_SCHED_IDLE;
    m.on_run = cyclic_on_run;
    /* p1 blocks in frame 2 at its window's 10th ms, wakes in frame 3. */
    blocked_from = origin + 2 * 100 * MS + 40 * MS;
    blocked_to = origin + 3 * 100 * MS + 5 * MS;
    m.event = cyclic_event;
    m.next_event = blocked_from;
    sim_run(&m, origin + 5 * 100 * MS);
    printf("# 5 frames: p0 %llu ms, p1 %llu ms, p2 %llu ms, idle %llu ms\n",
           (unsigned long long)(m.ran[0] / MS),
           (unsigned long long)(m.ran[1] / MS),
           (unsigned long long)(m.ran[2] / MS),
           (unsigned long long)(m.idle / MS));
    assert_int_equal(m.ran[0], 5 * 30 * MS);
    assert_int_equal(m.ran[1], 5 * 30 * MS - 20 * MS); /* blocked 20 ms */
    assert_int_equal(m.ran[2], 5 * 20 * MS);
    assert_int_equal(m.idle, 5 * 20 * MS + 20 * MS);
    /* Frames 0-4, plus the decision at the very end, in frame 5. */
    assert_int_equal(m.s.cyc.frames_seen, 6);
    assert_int_equal(m.s.cyc.frames_missed, 0);
    assert_int_equal(m.s.cyc.late_decisions, 0);
}

/* A yield in a cyclic window changes nothing: the window is its owner's. */
static void test_cyclic_yield(void **state)
{
    (void)state;
    cyclic_config();
    pk_sched_init(&m.s, &cfg, 0);
    assert_int_equal(pk_sched_pick(&m.s, 0).part, 0);
    pk_sched_yield(&m.s, 0);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 5 * MS);
    assert_int_equal(d.part, 0);
    assert_int_equal(d.until_ns, 20 * MS);
}

/* Decisions that come late land in the right window of the right frame; a
 * frame with no decision at all is counted as missed. */
static void test_cyclic_late(void **state)
{
    (void)state;
    cyclic_config();
    pk_sched_init(&m.s, &cfg, 0);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 0);
    assert_int_equal(d.part, 0);
    assert_int_equal(d.until_ns, 20 * MS);
    /* 3 ms late: the gap, until its end. */
    d = pk_sched_pick(&m.s, 23 * MS);
    assert_int_equal(d.part, PK_SCHED_IDLE);
    assert_int_equal(d.until_ns, 30 * MS);
    assert_int_equal(m.s.cyc.late_decisions, 1);
    /* Much later, inside p1's window of frame 0. */
    d = pk_sched_pick(&m.s, 55 * MS);
    assert_int_equal(d.part, 1);
    assert_int_equal(d.until_ns, 60 * MS);
    /* Frame 1 passes with no decision: next one in frame 2 at 275 ms. */
    d = pk_sched_pick(&m.s, 275 * MS);
    assert_int_equal(d.part, 0);
    assert_int_equal(d.until_ns, 280 * MS);
    assert_int_equal(m.s.cyc.frames_missed, 1);
    assert_int_equal(m.s.cyc.frames_seen, 2);
    /* Exactly at a frame boundary: the first window of the next frame. */
    d = pk_sched_pick(&m.s, 300 * MS);
    assert_int_equal(d.part, 0);
    assert_int_equal(d.until_ns, 320 * MS);
    /* After the last window: the frame's tail (none here, p2 ends at MF). */
    d = pk_sched_pick(&m.s, 399 * MS);
    assert_int_equal(d.part, 2);
    assert_int_equal(d.until_ns, 400 * MS);
    /* Cyclic has no warp; the partition still only runs in its windows. */
    assert_int_equal(pk_sched_pick(&m.s, 400 * MS).part, 0);
    assert_false(pk_sched_warp(&m.s, 1, 401 * MS));
    assert_false(pk_sched_should_preempt(&m.s, 401 * MS));
}

/* A frame ending in a gap: idle to the frame end; no windows at all: idle. */
static void test_cyclic_tail_gap(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_CYCLIC, 1, NULL);
    cfg.major_frame_ns = 50 * MS;
    cfg.n_windows = 1;
    cfg.windows[0] = (struct pk_window_config){0, 10 * MS, 10 * MS};
    pk_sched_init(&m.s, &cfg, 0);
    struct pk_sched_decision d = pk_sched_pick(&m.s, 0);
    assert_int_equal(d.part, PK_SCHED_IDLE);
    assert_int_equal(d.until_ns, 10 * MS);
    d = pk_sched_pick(&m.s, 20 * MS);
    assert_int_equal(d.part, PK_SCHED_IDLE);
    assert_int_equal(d.until_ns, 50 * MS);
    d = pk_sched_pick(&m.s, 50 * MS);
    assert_int_equal(d.until_ns, 60 * MS);

    cfg.n_windows = 0;
    pk_sched_init(&m.s, &cfg, 0);
    d = pk_sched_pick(&m.s, 1);
    assert_int_equal(d.part, PK_SCHED_IDLE);
    assert_int_equal(d.until_ns, 50 * MS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_static_order),
        cmocka_unit_test(test_static_round_robin),
        cmocka_unit_test(test_static_yield),
        cmocka_unit_test(test_static_starvation),
        cmocka_unit_test(test_cyclic_windows),
        cmocka_unit_test(test_cyclic_yield),
        cmocka_unit_test(test_cyclic_late),
        cmocka_unit_test(test_cyclic_tail_gap),
    };
    return cmocka_run_group_tests_name("sched_policies", tests, NULL, NULL);
}
