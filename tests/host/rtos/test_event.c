/*
 * test_event.c - event groups: set/clear/get, wait for any or all with and
 * without clear-on-exit, several waiters released by one set, timeouts, the
 * rendezvous (sync) of three tasks, set from an ISR, delete, bad arguments.
 */
#include "test_util.h"

static struct os_event_group grp;

static int setup(void **state)
{
    int r = setup_core(state);
    assert_int_equal(os_event_group_init(&grp), OS_OK);
    return r;
}

static void test_set_clear_get(void **state)
{
    (void)state;
    uint32_t v = 0;
    assert_int_equal(os_event_group_set(&grp, 0x11, &v), OS_OK);
    assert_int_equal(v, 0x11);
    assert_int_equal(os_event_group_clear(&grp, 0x01, &v), OS_OK);
    assert_int_equal(v, 0x11);
    assert_int_equal(os_event_group_get(&grp), 0x10);
    assert_int_equal(os_event_group_set(&grp, 0x01000000u, NULL), OS_ERR_PARAM);
    assert_int_equal(os_event_group_get(&grp), 0x10);
    /* No wait: any / all. */
    assert_int_equal(os_event_group_wait(&grp, 0x30, 0, &v, OS_NO_WAIT), OS_OK);
    assert_int_equal(v, 0x10);
    assert_int_equal(os_event_group_wait(&grp, 0x30, OS_EVENT_WAIT_ALL, &v, OS_NO_WAIT),
                     OS_TIMEOUT);
    assert_int_equal(v, 0x10);
    assert_int_equal(os_event_group_wait(&grp, 0, 0, NULL, OS_NO_WAIT), OS_ERR_PARAM);
    assert_int_equal(os_event_group_wait(&grp, 1, 0x4, NULL, OS_NO_WAIT), OS_ERR_PARAM);
    struct os_event_group other;
    assert_int_equal(os_event_group_get(&other), 0);
    assert_int_equal(os_event_group_set((struct os_event_group *)&grp.bits, 1, NULL), OS_ERR_PARAM);
}

struct waitspec {
    uint32_t bits;
    unsigned flags;
    os_tick_t timeout;
};

static void waiter(void *arg)
{
    const struct waitspec *w = arg;
    uint32_t v = 0xDEAD;
    enum os_status r = os_event_group_wait(&grp, w->bits, w->flags, &v, w->timeout);
    ev("%s:%d:%x@%u", os_task_self()->name, r, (unsigned)v, (unsigned)os_tick_count());
}

static void test_any_all_and_clear(void **state)
{
    (void)state;
    static const struct waitspec any = {0x3, 0, OS_WAIT_FOREVER};
    static const struct waitspec all = {0x3, OS_EVENT_WAIT_ALL | OS_EVENT_CLEAR_ON_EXIT, 10};
    static const struct waitspec any_clr = {0x4, OS_EVENT_CLEAR_ON_EXIT, OS_WAIT_FOREVER};
    mk(0, "ANY", waiter, (void *)&any, 2);
    mk(1, "ALL", waiter, (void *)&all, 3);
    mk(2, "CLR", waiter, (void *)&any_clr, 1);
    os_start();
    assert_int_equal(grp.waiters.count, 3);
    host_tick(1);
    assert_int_equal(os_event_group_set(&grp, 0x1, NULL), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "ANY:0:1@1"); /* any: woken; all: still waiting */
    assert_int_equal(os_event_group_get(&grp), 0x1);
    assert_int_equal(os_event_group_set(&grp, 0x6, NULL), OS_OK);
    host_run_until_idle();
    /* ALL (higher priority) and CLR both released by one set; each saw the
     * bits before any clear; both clears applied after the scan. */
    assert_string_equal(evlog(), "ANY:0:1@1 ALL:0:7@1 CLR:0:7@1");
    assert_int_equal(os_event_group_get(&grp), 0x0);
}

static void test_timeout_reports_bits(void **state)
{
    (void)state;
    static const struct waitspec all = {0x3, OS_EVENT_WAIT_ALL | OS_EVENT_CLEAR_ON_EXIT, 5};
    mk(0, "W", waiter, (void *)&all, 2);
    os_start();
    assert_int_equal(os_event_group_set(&grp, 0x2, NULL), OS_OK);
    host_tick(5);
    assert_string_equal(evlog(), "W:-1:2@5");
    assert_int_equal(os_event_group_get(&grp), 0x2); /* nothing cleared */
    assert_int_equal(grp.waiters.count, 0);
}

static void syncer(void *arg)
{
    uint32_t mine = (uint32_t)(uintptr_t)arg;
    os_delay(mine); /* arrive at ticks 1, 2, 4 */
    uint32_t v = 0;
    enum os_status r = os_event_group_sync(&grp, mine, 0x7, &v, 20);
    ev("%s:%d:%x@%u", os_task_self()->name, r, (unsigned)v, (unsigned)os_tick_count());
}

static void test_sync_three_tasks(void **state)
{
    (void)state;
    mk(0, "A", syncer, (void *)1, 2);
    mk(1, "B", syncer, (void *)2, 3);
    mk(2, "C", syncer, (void *)4, 1);
    os_start();
    host_tick(1);
    host_tick(1);
    assert_string_equal(evlog(), "");
    host_tick(2);
    /* C's set completes the rendezvous: all three leave at tick 4 with 7,
     * the others (higher priority) first, and the bits are cleared. */
    assert_string_equal(evlog(), "B:0:7@4 A:0:7@4 C:0:7@4");
    assert_int_equal(os_event_group_get(&grp), 0);
}

static bool isr_ok, isr_switch;

static void set_isr(void *arg)
{
    isr_ok = os_event_group_set_from_isr(&grp, (uint32_t)(uintptr_t)arg, &isr_switch);
}

static void low(void *arg)
{
    (void)arg;
    ev("L1");
    host_isr(set_isr, (void *)0x8);
    ev("L2");
}

static void test_set_from_isr_preempts(void **state)
{
    (void)state;
    static const struct waitspec w8 = {0x8, OS_EVENT_CLEAR_ON_EXIT, OS_WAIT_FOREVER};
    mk(0, "W", waiter, (void *)&w8, 3);
    mk(1, "L", low, NULL, 1);
    os_start();
    assert_true(isr_ok);
    assert_true(isr_switch);
    assert_string_equal(evlog(), "L1 W:0:8@0 L2");
    host_isr(set_isr, (void *)0x10);
    assert_true(isr_ok);
    assert_false(isr_switch);
    host_isr(set_isr, (void *)0x80000000u);
    assert_false(isr_ok);
    assert_true(os_event_group_clear_from_isr(&grp, 0x10));
    assert_int_equal(os_event_group_get(&grp), 0);
}

static void test_delete_wakes_waiters(void **state)
{
    (void)state;
    static const struct waitspec w = {0x1, 0, OS_WAIT_FOREVER};
    mk(0, "W", waiter, (void *)&w, 2);
    os_start();
    assert_int_equal(os_event_group_delete(&grp), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "W:-3:0@0");
    assert_int_equal(os_event_group_set(&grp, 1, NULL), OS_ERR_PARAM);
    assert_int_equal(os_event_group_init(&grp), OS_OK);
    assert_int_equal(os_event_group_set(&grp, 1, NULL), OS_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_set_clear_get, setup),
        cmocka_unit_test_setup(test_any_all_and_clear, setup),
        cmocka_unit_test_setup(test_timeout_reports_bits, setup),
        cmocka_unit_test_setup(test_sync_three_tasks, setup),
        cmocka_unit_test_setup(test_set_from_isr_preempts, setup),
        cmocka_unit_test_setup(test_delete_wakes_waiters, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
