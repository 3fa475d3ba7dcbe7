/*
 * test_mutex.c - mutexes: ownership, recursion, priority inheritance
 * (direct and transitive), restoring priority on unlock and when a waiter
 * times out or is deleted, and refusal from interrupt handlers.
 */
#include "test_util.h"

static struct os_mutex m, m2;

static int setup(void **state)
{
    int r = setup_core(state);
    os_mutex_init(&m);
    os_mutex_init(&m2);
    return r;
}

static unsigned prio_of(int i)
{
    return os_task_get_priority(&tt[i]);
}

/* ---- ownership and recursion ---- */

static void recursive_owner(void *arg)
{
    (void)arg;
    assert_int_equal(os_mutex_lock(&m, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_mutex_lock(&m, OS_WAIT_FOREVER), OS_OK);
    os_task_suspend(NULL);
    assert_int_equal(os_mutex_unlock(&m), OS_OK);
    ev("A-1:%s", os_mutex_owner(&m) == os_task_self() ? "own" : "free");
    assert_int_equal(os_mutex_unlock(&m), OS_OK); /* B gets it and runs */
    ev("A-0:%s", os_mutex_owner(&m) == NULL ? "free" : os_mutex_owner(&m)->name);
    assert_int_equal(os_mutex_unlock(&m), OS_ERR_STATE);
}

static void blocked_locker(void *arg)
{
    (void)arg;
    os_delay(1);
    ev("B-wait");
    assert_int_equal(os_mutex_lock(&m, OS_WAIT_FOREVER), OS_OK);
    ev("B-got");
    assert_int_equal(os_mutex_unlock(&m), OS_OK);
}

static void test_ownership_and_recursion(void **state)
{
    (void)state;
    mk(0, "A", recursive_owner, NULL, 2);
    mk(1, "B", blocked_locker, NULL, 3);
    os_start();
    assert_ptr_equal(os_mutex_owner(&m), &tt[0]);
    assert_int_equal(m.recursion, 2);
    /* Only the owner may unlock (the main context runs as the idle task). */
    assert_int_equal(os_mutex_unlock(&m), OS_ERR_STATE);
    assert_int_equal(os_mutex_lock(&m, OS_NO_WAIT), OS_TIMEOUT);
    host_tick(1); /* B blocks behind A */
    assert_string_equal(evlog(), "B-wait");
    assert_int_equal(prio_of(0), 3);
    os_task_resume(&tt[0]);
    host_run_until_idle();
    assert_string_equal(evlog(), "B-wait A-1:own B-got A-0:free");
    /* A has returned (deleted): the API refuses it, its TCB keeps the
     * priority it had when it left. */
    assert_int_equal(prio_of(0), OS_PRIORITY_INVALID);
    assert_int_equal(tt[0].priority, 2);
}

/* ---- priority inheritance ---- */

static void pi_low(void *arg)
{
    (void)arg;
    os_mutex_lock(&m, OS_WAIT_FOREVER);
    ev("L-lock");
    host_tick_isr(1); /* tick 1: H wakes, preempts, blocks on m */
    ev("L-prio%u", os_task_get_priority(NULL));
    host_tick_isr(1); /* tick 2: M wakes but cannot preempt boosted L */
    ev("L-still");
    os_mutex_unlock(&m); /* H takes over at once */
    ev("L-end:%u", os_task_get_priority(NULL));
}

static void pi_high(void *arg)
{
    (void)arg;
    os_delay(1);
    ev("H-try");
    os_mutex_lock(&m, OS_WAIT_FOREVER);
    ev("H-got");
    os_mutex_unlock(&m);
}

static void pi_medium(void *arg)
{
    (void)arg;
    os_delay(2);
    ev("M");
}

static void test_priority_inheritance(void **state)
{
    (void)state;
    mk(0, "L", pi_low, NULL, 1);
    mk(1, "M", pi_medium, NULL, 2);
    mk(2, "H", pi_high, NULL, 3);
    os_start();
    assert_string_equal(evlog(), "L-lock H-try L-prio3 L-still H-got M L-end:1");
}

static void to_low(void *arg)
{
    (void)arg;
    os_mutex_lock(&m, OS_WAIT_FOREVER);
    for (int i = 0; i < 6; i++) {
        ev("L%u@%u", os_task_get_priority(NULL), (unsigned)os_tick_count());
        host_tick_isr(1);
    }
    os_mutex_unlock(&m);
    ev("L-end:%u", os_task_get_priority(NULL));
}

static void to_medium(void *arg)
{
    (void)arg;
    os_delay(1);
    ev("M-wait");
    assert_int_equal(os_mutex_lock(&m, OS_WAIT_FOREVER), OS_OK);
    ev("M-got");
    os_mutex_unlock(&m);
}

static void to_high(void *arg)
{
    (void)arg;
    os_delay(2);
    ev("H-wait");
    enum os_status r = os_mutex_lock(&m, 3);
    ev("H:%d@%u", r, (unsigned)os_tick_count());
}

static void test_waiter_timeout_restores_priority(void **state)
{
    (void)state;
    mk(0, "L", to_low, NULL, 1);
    mk(1, "M", to_medium, NULL, 2);
    mk(2, "H", to_high, NULL, 3);
    os_start();
    /* L runs at 2 while M waits, at 3 while H waits too; when H times out
     * L drops to what M still justifies, 2, and to 1 after unlocking. */
    assert_string_equal(evlog(), "L1@0 M-wait L2@1 H-wait L3@2 L3@3 L3@4 H:-1@5 L2@5 M-got L-end:1");
}

static void test_deleting_waiter_restores_priority(void **state)
{
    (void)state;
    mk(0, "L", recursive_owner, NULL, 1);
    mk(1, "B", blocked_locker, NULL, 3);
    os_start();
    host_tick(1);
    assert_int_equal(prio_of(0), 3);
    assert_int_equal(os_task_delete(&tt[1]), OS_OK);
    assert_int_equal(prio_of(0), 1);
    assert_int_equal(m.waiters.count, 0);
    /* The owner cannot be deleted while it holds the mutex. */
    assert_int_equal(os_task_delete(&tt[0]), OS_ERR_STATE);
}

static void tr_low(void *arg)
{
    (void)arg;
    os_mutex_lock(&m, OS_WAIT_FOREVER);
    host_tick_isr(1); /* M wakes, takes m2, blocks on m */
    ev("L%u", os_task_get_priority(NULL));
    host_tick_isr(1); /* H wakes, blocks on m2 held by M */
    ev("L%u:M%u", os_task_get_priority(NULL), prio_of(1));
    os_mutex_unlock(&m);
    ev("L-end:%u", os_task_get_priority(NULL));
}

static void tr_medium(void *arg)
{
    (void)arg;
    os_delay(1);
    os_mutex_lock(&m2, OS_WAIT_FOREVER);
    os_mutex_lock(&m, OS_WAIT_FOREVER);
    ev("M-got1:%u", os_task_get_priority(NULL));
    os_mutex_unlock(&m);
    os_mutex_unlock(&m2); /* H takes m2 and runs */
    ev("M-end:%u", os_task_get_priority(NULL));
}

static void tr_high(void *arg)
{
    (void)arg;
    os_delay(2);
    os_mutex_lock(&m2, OS_WAIT_FOREVER);
    ev("H-got");
    os_mutex_unlock(&m2);
}

static void test_transitive_inheritance(void **state)
{
    (void)state;
    mk(0, "L", tr_low, NULL, 1);
    mk(1, "M", tr_medium, NULL, 2);
    mk(2, "H", tr_high, NULL, 3);
    os_start();
    assert_string_equal(evlog(), "L2 L3:M3 M-got1:3 H-got M-end:2 L-end:1");
}

static void timed_locker(void *arg)
{
    (void)arg;
    enum os_status r = os_mutex_lock(&m, 4);
    ev("T:%d@%u", r, (unsigned)os_tick_count());
}

static void holder(void *arg)
{
    (void)arg;
    os_mutex_lock(&m, OS_WAIT_FOREVER);
    os_task_suspend(NULL);
}

static void test_lock_timeout(void **state)
{
    (void)state;
    mk(0, "O", holder, NULL, 2);
    mk(1, "T", timed_locker, NULL, 1);
    os_start();
    assert_int_equal(prio_of(0), 2);
    host_tick(3);
    assert_string_equal(evlog(), "");
    host_tick(1);
    assert_string_equal(evlog(), "T:-1@4");
    assert_ptr_equal(os_mutex_owner(&m), &tt[0]);
}

static enum os_status isr_lock, isr_unlock;

static void mutex_isr(void *arg)
{
    (void)arg;
    isr_lock = os_mutex_lock(&m, OS_NO_WAIT);
    isr_unlock = os_mutex_unlock(&m);
}

static void test_mutex_refused_in_isr(void **state)
{
    (void)state;
    mk(0, "O", holder, NULL, 2);
    os_start();
    host_isr(mutex_isr, NULL);
    assert_int_equal(isr_lock, OS_ERR_ISR);
    assert_int_equal(isr_unlock, OS_ERR_ISR);
    assert_ptr_equal(os_mutex_owner(&m), &tt[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_ownership_and_recursion, setup),
        cmocka_unit_test_setup(test_priority_inheritance, setup),
        cmocka_unit_test_setup(test_waiter_timeout_restores_priority, setup),
        cmocka_unit_test_setup(test_deleting_waiter_restores_priority, setup),
        cmocka_unit_test_setup(test_transitive_inheritance, setup),
        cmocka_unit_test_setup(test_lock_timeout, setup),
        cmocka_unit_test_setup(test_mutex_refused_in_isr, setup),
    };
    return cmocka_run_group_tests_name("rtos_mutex", tests, NULL, NULL);
}
