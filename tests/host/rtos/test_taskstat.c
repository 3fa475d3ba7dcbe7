/*
 * test_taskstat.c - task state queries, the system-state snapshot (names,
 * states, priorities, stack high water, run time: built with
 * OS_CONFIG_RUNTIME_STATS=1), abort delay of a delay and of an object
 * wait, and os_delay_until's report of whether it delayed.
 */
#include "test_util.h"

static struct os_sem sem;

static void worker(void *arg)
{
    uint64_t spend = (uint64_t)(uintptr_t)arg;
    host_set_time_ns(host_time_ns() + spend); /* "runs" for spend ns */
    struct os_task_status st[TEST_TASKS + 1];
    uint64_t total = 0;
    size_t n = os_task_get_system_state(st, TEST_TASKS + 1, &total);
    for (size_t i = 0; i < n; i++) {
        if (st[i].task == os_task_self())
            ev("%s:self:%u", st[i].name, st[i].state);
    }
    os_sem_take(&sem, OS_WAIT_FOREVER);
}

static void test_system_state(void **state)
{
    (void)state;
    assert_int_equal(os_sem_init(&sem, 0, 1), OS_OK);
    mk(0, "A", worker, (void *)3000, 3);
    mk(1, "B", worker, (void *)500, 2);
    assert_int_equal(os_task_get_state(&tt[0]), OS_TASK_READY);
    assert_int_equal(os_task_get_state(&tt[2]), OS_TASK_INVALID);
    os_start();
    assert_string_equal(evlog(), "A:self:4 B:self:4");
    struct os_task_status st[TEST_TASKS + 1];
    assert_int_equal(os_task_get_system_state(st, 2, NULL), 0); /* too small */
    uint64_t total = 0;
    size_t n = os_task_get_system_state(st, TEST_TASKS + 1, &total);
    assert_int_equal(n, 3);
    assert_int_equal(os_task_count(), 3);
    /* Newest first: B, A, idle. */
    assert_string_equal(st[0].name, "B");
    assert_string_equal(st[1].name, "A");
    assert_string_equal(st[2].name, "idle");
    assert_int_equal(st[0].state, OS_TASK_BLOCKED);
    assert_int_equal(st[1].priority, 3);
    assert_int_equal(st[1].base_priority, 3);
    assert_int_equal(st[1].run_time, 3000);
    assert_int_equal(st[0].run_time, 500);
    assert_int_equal(total, 3500);
    assert_true(st[1].stack_high_water > 0 && st[1].stack_high_water < TEST_STACK_WORDS);
    assert_int_equal(st[1].stack_high_water, os_task_stack_high_water(&tt[0]));
    assert_int_equal(os_task_get_state(&tt[0]), OS_TASK_BLOCKED);
    assert_string_equal(os_task_get_name(&tt[1]), "B");
    /* A deleted task leaves the snapshot; its TCB, reused, comes back once. */
    assert_int_equal(os_task_delete(&tt[1]), OS_OK);
    assert_int_equal(os_task_get_state(&tt[1]), OS_TASK_DELETED);
    assert_int_equal(os_task_get_system_state(st, TEST_TASKS + 1, NULL), 2);
    mk(1, "B2", worker, (void *)0, 2);
    host_run_until_idle();
    assert_int_equal(os_task_get_system_state(st, TEST_TASKS + 1, NULL), 3);
    assert_int_equal(os_task_count(), 3);
}

static void sleeper(void *arg)
{
    (void)arg;
    enum os_status r = os_delay(100);
    ev("delay:%d@%u", r, (unsigned)os_tick_count());
    r = os_sem_take(&sem, 100);
    ev("take:%d@%u", r, (unsigned)os_tick_count());
}

static void test_abort_delay(void **state)
{
    (void)state;
    assert_int_equal(os_sem_init(&sem, 0, 1), OS_OK);
    mk(0, "S", sleeper, NULL, 2);
    os_start();
    assert_int_equal(os_task_abort_delay(&tt[0]), OS_OK);
    host_run_until_idle();
    host_tick(2);
    assert_int_equal(os_task_abort_delay(&tt[0]), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "delay:-1@0 take:-1@2");
    assert_int_equal(os_task_abort_delay(&tt[0]), OS_ERR_PARAM); /* exited */
    assert_int_equal(sem.waiters.count, 0);
    assert_int_equal(os_ticks_to_next_wake(), OS_WAIT_FOREVER);
}

static void not_blocked(void *arg)
{
    (void)arg;
    assert_int_equal(os_task_abort_delay(os_task_self()), OS_ERR_PARAM);
    ev("done");
}

static void test_abort_delay_errors(void **state)
{
    (void)state;
    mk(0, "N", not_blocked, NULL, 1);
    assert_int_equal(os_task_abort_delay(&tt[0]), OS_ERR_STATE); /* ready */
    os_start();
    assert_string_equal(evlog(), "done");
}

static void periodic(void *arg)
{
    (void)arg;
    os_tick_t prev = os_tick_count();
    enum os_status r = os_delay_until(&prev, 3);
    ev("%d@%u", r, (unsigned)os_tick_count());
    host_tick_isr(3); /* exactly one period of work: due now */
    r = os_delay_until(&prev, 3);
    ev("%d@%u", r, (unsigned)os_tick_count());
    r = os_delay_until(&prev, 3);
    ev("%d@%u", r, (unsigned)os_tick_count());
}

static void test_delay_until_reports(void **state)
{
    (void)state;
    mk(0, "P", periodic, NULL, 2);
    os_start();
    for (int i = 0; i < 12; i++)
        host_tick(1);
    /* Delayed (0) at 3; at 6 exactly due: not delayed (-1); then 9. */
    assert_string_equal(evlog(), "0@3 -1@6 0@9");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_system_state, setup_core),
        cmocka_unit_test_setup(test_abort_delay, setup_core),
        cmocka_unit_test_setup(test_abort_delay_errors, setup_core),
        cmocka_unit_test_setup(test_delay_until_reports, setup_core),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
