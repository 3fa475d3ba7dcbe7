/*
 * test_sem.c - semaphores: binary and counting semantics, blocking and
 * timeouts, give from task and ISR, waiter order, deletion of a waiter.
 */
#include "test_util.h"

static struct os_sem sem;

static int setup(void **state)
{
    int r = setup_core(state);
    os_sem_init(&sem, 0, 1);
    return r;
}

static void test_binary_semantics(void **state)
{
    (void)state;
    assert_int_equal(os_sem_take(&sem, OS_NO_WAIT), OS_TIMEOUT);
    assert_int_equal(os_sem_give(&sem), OS_OK);
    assert_int_equal(os_sem_count(&sem), 1);
    assert_int_equal(os_sem_give(&sem), OS_ERR_STATE); /* already at max */
    assert_int_equal(os_sem_count(&sem), 1);
    assert_int_equal(os_sem_take(&sem, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_sem_count(&sem), 0);
    assert_int_equal(os_sem_take(&sem, OS_NO_WAIT), OS_TIMEOUT);
}

static void test_counting_semantics(void **state)
{
    (void)state;
    struct os_sem c;
    assert_int_equal(os_sem_init(&c, 4, 3), OS_ERR_PARAM);
    assert_int_equal(os_sem_init(&c, 0, 0), OS_ERR_PARAM);
    assert_int_equal(os_sem_init(&c, 2, 3), OS_OK);
    assert_int_equal(os_sem_give(&c), OS_OK);
    assert_int_equal(os_sem_give(&c), OS_ERR_STATE);
    for (int i = 0; i < 3; i++)
        assert_int_equal(os_sem_take(&c, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_sem_take(&c, OS_NO_WAIT), OS_TIMEOUT);
    assert_int_equal(os_sem_count(&c), 0);
}

/* Take with the timeout given as argument; log result and tick. */
static void taker(void *arg)
{
    os_tick_t timeout = (os_tick_t)(uintptr_t)arg;
    enum os_status r = os_sem_take(&sem, timeout);
    ev("%s:%d@%u", os_task_self()->name, r, (unsigned)os_tick_count());
}

static void test_take_times_out(void **state)
{
    (void)state;
    mk(0, "T", taker, (void *)5, 2);
    os_start();
    for (int i = 0; i < 4; i++)
        host_tick(1);
    assert_string_equal(evlog(), "");
    assert_int_equal(sem.waiters.count, 1);
    host_tick(1);
    assert_string_equal(evlog(), "T:-1@5");
    assert_int_equal(sem.waiters.count, 0); /* left the wait list */
    assert_int_equal(os_sem_give(&sem), OS_OK);
    assert_int_equal(os_sem_count(&sem), 1); /* nobody took it */
}

static void test_take_before_timeout(void **state)
{
    (void)state;
    mk(0, "T", taker, (void *)5, 2);
    os_start();
    host_tick(2);
    assert_int_equal(os_sem_give(&sem), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "T:0@2");
    assert_int_equal(os_sem_count(&sem), 0); /* handed to the waiter */
    assert_int_equal(host_idle_next_wake(), OS_WAIT_FOREVER); /* timeout cancelled */
}

static void giver(void *arg)
{
    (void)arg;
    ev("L-give");
    assert_int_equal(os_sem_give(&sem), OS_OK);
    ev("L-after");
}

static void test_give_wakes_higher_at_once(void **state)
{
    (void)state;
    mk(0, "H", taker, (void *)OS_WAIT_FOREVER, 3);
    mk(1, "L", giver, NULL, 1);
    os_start();
    assert_string_equal(evlog(), "L-give H:0@0 L-after");
}

static bool isr_switch;

static void give_isr(void *arg)
{
    (void)arg;
    isr_switch = os_sem_give_from_isr(&sem);
}

static void test_give_from_isr(void **state)
{
    (void)state;
    mk(0, "H", taker, (void *)OS_WAIT_FOREVER, 3);
    os_start();
    host_isr(give_isr, NULL);
    assert_true(isr_switch);
    host_run_until_idle();
    assert_string_equal(evlog(), "H:0@0");
    host_isr(give_isr, NULL);
    assert_false(isr_switch);
    assert_int_equal(os_sem_count(&sem), 1);
    host_isr(give_isr, NULL); /* at max: dropped */
    assert_int_equal(os_sem_count(&sem), 1);
}

/* Delay by the first tick, then wait forever. */
struct late {
    os_tick_t at; /* tick at which to start waiting */
};

static void late_taker(void *arg)
{
    const struct late *l = arg;
    if (l->at > 0u)
        os_delay(l->at);
    assert_int_equal(os_sem_take(&sem, OS_WAIT_FOREVER), OS_OK);
    ev("%s", os_task_self()->name);
}

static void test_waiters_by_priority_then_fifo(void **state)
{
    (void)state;
    static const struct late at0 = {0}, at1 = {1}, at2 = {2}, at3 = {3};
    /* Block order: L, M2, M, H; expected service: H, M2, M, L. */
    mk(0, "L", late_taker, (void *)&at0, 1);
    mk(1, "M2", late_taker, (void *)&at1, 2);
    mk(2, "M", late_taker, (void *)&at2, 2);
    mk(3, "H", late_taker, (void *)&at3, 3);
    os_start();
    host_tick(1);
    host_tick(1);
    host_tick(1);
    assert_int_equal(sem.waiters.count, 4);
    for (int i = 0; i < 4; i++) {
        host_isr(give_isr, NULL);
        host_run_until_idle();
    }
    assert_string_equal(evlog(), "H M2 M L");
}

static void test_delete_waiting_task(void **state)
{
    (void)state;
    mk(0, "A", taker, (void *)OS_WAIT_FOREVER, 2);
    mk(1, "B", taker, (void *)10, 2);
    os_start();
    assert_int_equal(sem.waiters.count, 2);
    assert_int_equal(os_task_delete(&tt[0]), OS_OK);
    assert_int_equal(sem.waiters.count, 1);
    assert_int_equal(os_task_delete(&tt[1]), OS_OK); /* also had a timeout */
    assert_int_equal(sem.waiters.count, 0);
    assert_int_equal(os_ticks_to_next_wake(), OS_WAIT_FOREVER);
    host_tick(20);
    assert_string_equal(evlog(), "");
    /* The semaphore still works: the give is kept, then taken by a new task. */
    assert_int_equal(os_sem_give(&sem), OS_OK);
    assert_int_equal(os_sem_count(&sem), 1);
    mk(2, "C", taker, (void *)OS_WAIT_FOREVER, 2);
    host_run_until_idle();
    assert_string_equal(evlog(), "C:0@20");
    assert_false(host_panicked());
}

static void test_suspend_aborts_wait(void **state)
{
    (void)state;
    mk(0, "A", taker, (void *)OS_WAIT_FOREVER, 2);
    os_start();
    assert_int_equal(os_task_suspend(&tt[0]), OS_OK);
    assert_int_equal(sem.waiters.count, 0);
    assert_int_equal(os_sem_give(&sem), OS_OK);
    assert_int_equal(os_task_resume(&tt[0]), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "A:-3@0");
    assert_int_equal(os_sem_count(&sem), 1);
}

static enum os_status isr_take_result;

static void take_isr(void *arg)
{
    (void)arg;
    isr_take_result = os_sem_take(&sem, OS_NO_WAIT);
}

static void test_take_from_isr_refused(void **state)
{
    (void)state;
    os_sem_give(&sem);
    host_isr(take_isr, NULL);
    assert_int_equal(isr_take_result, OS_ERR_ISR);
    assert_int_equal(os_sem_count(&sem), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_binary_semantics, setup),
        cmocka_unit_test_setup(test_counting_semantics, setup),
        cmocka_unit_test_setup(test_take_times_out, setup),
        cmocka_unit_test_setup(test_take_before_timeout, setup),
        cmocka_unit_test_setup(test_give_wakes_higher_at_once, setup),
        cmocka_unit_test_setup(test_give_from_isr, setup),
        cmocka_unit_test_setup(test_waiters_by_priority_then_fifo, setup),
        cmocka_unit_test_setup(test_delete_waiting_task, setup),
        cmocka_unit_test_setup(test_suspend_aborts_wait, setup),
        cmocka_unit_test_setup(test_take_from_isr_refused, setup),
    };
    return cmocka_run_group_tests_name("rtos_sem", tests, NULL, NULL);
}
