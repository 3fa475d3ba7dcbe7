/*
 * test_schedules.c - host tests of the cyclic policy's module schedules
 * (ARINC 653 Part 2, partitions/sched/cyclic.c): a switch requested
 * mid-frame takes effect exactly at the end of that major frame, the new
 * plan's frames count from there, decisions never cross the boundary, a
 * late decision still lands in the right plan, and a request for the
 * current plan cancels a pending one.
 */
#include "sim.h"

#include <stdio.h>

static struct pk_system_config cfg;
static struct pk_sched s;

/* Plan 0 ("main"): 100 ms, p0 [0,40) p1 [50,100). Plan 1: 30 ms, p1
 * [0,10) p2 [10,30). */
static void config(void)
{
    sim_config(&cfg, PK_POLICY_CYCLIC, 3, NULL);
    cfg.major_frame_ns = 100 * MS;
    const struct pk_window_config w0[] = {{0, 0, 40 * MS},
                                          {1, 50 * MS, 50 * MS}};
    const struct pk_window_config w1[] = {{1, 0, 10 * MS},
                                          {2, 10 * MS, 20 * MS}};
    cfg.n_windows = 2;
    memcpy(cfg.windows, w0, sizeof w0);
    cfg.n_schedules = 2;
    cfg.schedules[0].name = "main";
    cfg.schedules[0].major_frame_ns = 100 * MS;
    cfg.schedules[0].n_windows = 2;
    memcpy(cfg.schedules[0].windows, w0, sizeof w0);
    cfg.schedules[1].name = "alt";
    cfg.schedules[1].major_frame_ns = 30 * MS;
    cfg.schedules[1].n_windows = 2;
    memcpy(cfg.schedules[1].windows, w1, sizeof w1);
}

static void status(uint64_t now, uint32_t cur, uint32_t next, uint64_t since)
{
    uint32_t c, n;
    uint64_t t;
    pk_sched_cyclic_status(&s, now, &c, &n, &t);
    assert_int_equal(c, cur);
    assert_int_equal(n, next);
    assert_int_equal(t, since);
}

static void test_switch_at_boundary(void **state)
{
    (void)state;
    config();
    const uint64_t o = 5 * MS; /* the origin: boot */
    pk_sched_init(&s, &cfg, o);
    struct pk_sched_decision d = pk_sched_pick(&s, o);
    assert_int_equal(d.part, 0);
    status(o, 0, 0, o);
    /* Frame 1 of plan 0, in p1's window: ask for plan 1. */
    uint64_t t = o + 100 * MS + 60 * MS;
    d = pk_sched_pick(&s, t);
    assert_int_equal(d.part, 1);
    assert_int_equal(pk_sched_cyclic_set(&s, 1, t), 0);
    status(t, 0, 1, o);
    /* The rest of frame 1 is plan 0's: p1 to its end, exactly. */
    d = pk_sched_pick(&s, t + 1);
    assert_int_equal(d.part, 1);
    assert_int_equal(d.until_ns, o + 200 * MS);
    d = pk_sched_pick(&s, o + 200 * MS - 1);
    assert_int_equal(d.part, 1);
    assert_int_equal(d.until_ns, o + 200 * MS);
    status(o + 200 * MS - 1, 0, 1, o);
    /* At the boundary: plan 1, whose frame 0 starts there. */
    const uint64_t b = o + 200 * MS;
    d = pk_sched_pick(&s, b);
    assert_int_equal(d.part, 1);
    assert_int_equal(d.until_ns, b + 10 * MS);
    status(b, 1, 1, b);
    assert_int_equal(s.cyc.plan_switches, 1u);
    d = pk_sched_pick(&s, b + 10 * MS);
    assert_int_equal(d.part, 2);
    assert_int_equal(d.until_ns, b + 30 * MS);
    d = pk_sched_pick(&s, b + 30 * MS);
    assert_int_equal(d.part, 1); /* plan 1's frame 1 */
    assert_int_equal(d.until_ns, b + 40 * MS);
    assert_int_equal(s.cyc.frames_seen, 2u);
    assert_int_equal(s.cyc.frames_missed, 0u);
    /* Back to plan 0 at a boundary of plan 1: exactly at b + 60 ms. */
    assert_int_equal(pk_sched_cyclic_set(&s, 0, b + 45 * MS), 0);
    d = pk_sched_pick(&s, b + 59 * MS);
    assert_int_equal(d.part, 2);
    assert_int_equal(d.until_ns, b + 60 * MS);
    d = pk_sched_pick(&s, b + 60 * MS);
    assert_int_equal(d.part, 0);
    assert_int_equal(d.until_ns, b + 100 * MS);
    status(b + 60 * MS, 0, 0, b + 60 * MS);
}

/* A request exactly at a boundary waits for the end of the frame that
 * just began; one for the current plan with none pending is NO_ACTION,
 * with one pending it cancels it; bad index: refused. */
static void test_requests(void **state)
{
    (void)state;
    config();
    pk_sched_init(&s, &cfg, 0);
    (void)pk_sched_pick(&s, 0);
    assert_int_equal(pk_sched_cyclic_set(&s, 0, 10 * MS), 1);
    assert_int_equal(pk_sched_cyclic_set(&s, 2, 10 * MS), -1);
    assert_int_equal(pk_sched_cyclic_set(&s, 0xFFFFFFFFu, 10 * MS), -1);
    assert_int_equal(pk_sched_cyclic_set(&s, 1, 100 * MS), 0);
    status(100 * MS, 0, 1, 0);
    assert_int_equal(s.cyc.switch_ns, 200 * MS);
    /* Cancel: plan 0 goes on past the boundary. */
    assert_int_equal(pk_sched_cyclic_set(&s, 0, 150 * MS), 0);
    status(150 * MS, 0, 0, 0);
    struct pk_sched_decision d = pk_sched_pick(&s, 200 * MS);
    assert_int_equal(d.part, 0);
    assert_int_equal(d.until_ns, 240 * MS);
    /* A late decision (held up past the boundary) lands in plan 1. */
    assert_int_equal(pk_sched_cyclic_set(&s, 1, 210 * MS), 0);
    d = pk_sched_pick(&s, 300 * MS + 12 * MS);
    assert_int_equal(d.part, 2);
    assert_int_equal(d.until_ns, 330 * MS);
    status(312 * MS, 1, 1, 300 * MS);
}

/* Not the cyclic policy: refused. */
static void test_not_cyclic(void **state)
{
    (void)state;
    sim_config(&cfg, PK_POLICY_BVT, 2, NULL);
    pk_sched_init(&s, &cfg, 0);
    assert_int_equal(pk_sched_cyclic_set(&s, 0, 0), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switch_at_boundary),
        cmocka_unit_test(test_requests),
        cmocka_unit_test(test_not_cyclic),
    };
    return cmocka_run_group_tests_name("sched_schedules", tests, NULL, NULL);
}
