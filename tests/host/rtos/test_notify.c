/*
 * test_notify.c - direct-to-task notifications: every action, the indexed
 * slots, wait with clear-on-entry/exit masks, take as a light counting and
 * binary semaphore, notifications from an ISR, timeouts, abort and bad
 * arguments.
 */
#include "test_util.h"

static void test_actions_without_waiter(void **state)
{
    (void)state;
    struct os_task *t = &tt[0];
    mk(0, "T", (void (*)(void *))os_task_exit, NULL, 2);
    /* T has not run yet (no os_start): its slots are set from here. */
    uint32_t prev = 99;
    assert_int_equal(os_task_notify(t, 0, 0x5, OS_NOTIFY_SET_BITS, &prev), OS_OK);
    assert_int_equal(prev, 0);
    assert_int_equal(os_task_notify(t, 0, 0x30, OS_NOTIFY_SET_BITS, &prev), OS_OK);
    assert_int_equal(prev, 0x5);
    assert_int_equal(t->notify_value[0], 0x35);
    assert_int_equal(os_task_notify(t, 0, 0, OS_NOTIFY_INCREMENT, NULL), OS_OK);
    assert_int_equal(t->notify_value[0], 0x36);
    assert_int_equal(os_task_notify(t, 0, 7, OS_NOTIFY_SET_VALUE, NULL), OS_OK);
    assert_int_equal(t->notify_value[0], 7);
    /* Pending: no overwrite refuses and changes nothing but prev. */
    assert_int_equal(os_task_notify(t, 0, 9, OS_NOTIFY_SET_VALUE_NO_OVERWRITE, &prev), OS_ERR_STATE);
    assert_int_equal(prev, 7);
    assert_int_equal(t->notify_value[0], 7);
    assert_int_equal(os_task_notify(t, 0, 0x100, OS_NOTIFY_NO_ACTION, NULL), OS_OK);
    assert_int_equal(t->notify_value[0], 7);
    assert_true(os_task_notify_state_clear(t, 0));
    assert_false(os_task_notify_state_clear(t, 0));
    assert_int_equal(os_task_notify(t, 0, 9, OS_NOTIFY_SET_VALUE_NO_OVERWRITE, NULL), OS_OK);
    assert_int_equal(t->notify_value[0], 9);
    assert_int_equal(os_task_notify_value_clear(t, 0, 0x1), 9);
    assert_int_equal(t->notify_value[0], 8);
    /* The other slots are untouched; a slot of its own works the same. */
    assert_int_equal(t->notify_value[1], 0);
    assert_int_equal(t->notify_state[1], OS_NOTIFY_NOT_PENDING);
    assert_int_equal(os_task_notify(t, 2, 4, OS_NOTIFY_SET_VALUE, NULL), OS_OK);
    assert_int_equal(t->notify_value[2], 4);
    assert_int_equal(t->notify_value[0], 8);
    /* Bad arguments change nothing. */
    assert_int_equal(os_task_notify(t, OS_CONFIG_TASK_NOTIFY_COUNT, 1, OS_NOTIFY_SET_VALUE, NULL),
                     OS_ERR_PARAM);
    assert_int_equal(os_task_notify(t, 0, 1, (enum os_notify_action)5, NULL), OS_ERR_PARAM);
    assert_int_equal(t->notify_value[0], 8);
    assert_int_equal(os_task_notify(NULL, 0, 1, OS_NOTIFY_SET_VALUE, NULL), OS_ERR_PARAM);
    assert_int_equal(os_task_notify(&tt[1], 0, 1, OS_NOTIFY_SET_VALUE, NULL), OS_ERR_PARAM);
    assert_false(os_task_notify_state_clear(&tt[1], 0));
}

/* Waits on slot 1 with clear-on-entry 0x0F, clear-on-exit 0xF0; logs. */
static void waiter(void *arg)
{
    os_tick_t timeout = (os_tick_t)(uintptr_t)arg;
    for (int i = 0; i < 2; i++) {
        uint32_t v = 0xDEAD;
        enum os_status r = os_task_notify_wait(1, 0x0F, 0xF0, &v, timeout);
        ev("W:%d:%x@%u", r, (unsigned)v, (unsigned)os_tick_count());
    }
}

static void test_wait_masks_and_wake(void **state)
{
    (void)state;
    struct os_task *w = &tt[0];
    mk(0, "W", waiter, (void *)OS_WAIT_FOREVER, 2);
    w->notify_value[1] = 0xFF; /* before the first wait: 0x0F is cleared on entry */
    os_start();
    assert_int_equal(w->state, OS_TASK_BLOCKED);
    assert_int_equal(w->notify_state[1], OS_NOTIFY_WAITING);
    assert_int_equal(w->notify_value[1], 0xF0);
    /* A notification of another slot does not wake it. */
    assert_int_equal(os_task_notify(w, 0, 1, OS_NOTIFY_SET_BITS, NULL), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "");
    host_tick(3);
    assert_int_equal(os_task_notify(w, 1, 0x101, OS_NOTIFY_SET_BITS, NULL), OS_OK);
    host_run_until_idle();
    /* Woken with the value; clear-on-exit took 0xF0 away; the second wait
     * clears 0x0F on entry and blocks again. */
    assert_string_equal(evlog(), "W:0:1f1@3");
    assert_int_equal(w->notify_value[1], 0x100);
    assert_int_equal(w->notify_state[1], OS_NOTIFY_WAITING);
    assert_int_equal(os_task_notify(w, 1, 0, OS_NOTIFY_NO_ACTION, NULL), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "W:0:1f1@3 W:0:100@3");
    assert_int_equal(w->notify_state[1], OS_NOTIFY_NOT_PENDING);
}

static void test_wait_pending_returns_at_once_and_timeout(void **state)
{
    (void)state;
    struct os_task *w = &tt[0];
    mk(0, "W", waiter, (void *)5, 2);
    /* Pending before the first wait: no clear on entry, no block. */
    assert_int_equal(os_task_notify(w, 1, 0x3C, OS_NOTIFY_SET_VALUE, NULL), OS_OK);
    os_start();
    /* 0x3C & ~0xF0 on exit, then & ~0x0F on the second wait's entry. */
    assert_string_equal(evlog(), "W:0:3c@0");
    assert_int_equal(w->notify_value[1], 0);
    host_tick(4);
    assert_string_equal(evlog(), "W:0:3c@0");
    host_tick(1);
    /* Timed out: the value after the entry clear, not cleared on exit. */
    assert_string_equal(evlog(), "W:0:3c@0 W:-1:0@5");
}

static void taker(void *arg)
{
    bool clear = arg != NULL;
    for (int i = 0; i < 4; i++) {
        uint32_t v = os_task_notify_take(0, clear, 10);
        ev("%u@%u", (unsigned)v, (unsigned)os_tick_count());
    }
}

static void test_take_counting(void **state)
{
    (void)state;
    mk(0, "T", taker, NULL, 2);
    for (int i = 0; i < 3; i++)
        assert_int_equal(os_task_notify(&tt[0], 0, 0, OS_NOTIFY_INCREMENT, NULL), OS_OK);
    os_start();
    /* 3 gives: taken one at a time (3, 2, 1), then it blocks. */
    assert_string_equal(evlog(), "3@0 2@0 1@0");
    host_tick(10);
    assert_string_equal(evlog(), "3@0 2@0 1@0 0@10");
}

static void test_take_binary(void **state)
{
    (void)state;
    mk(0, "T", taker, (void *)1, 2);
    for (int i = 0; i < 3; i++)
        assert_int_equal(os_task_notify(&tt[0], 0, 0, OS_NOTIFY_INCREMENT, NULL), OS_OK);
    os_start();
    assert_string_equal(evlog(), "3@0");
    host_tick(2);
    assert_int_equal(os_task_notify(&tt[0], 0, 0, OS_NOTIFY_INCREMENT, NULL), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "3@0 1@2");
}

static void test_take_woken_counting(void **state)
{
    (void)state;
    mk(0, "T", taker, NULL, 2);
    os_start(); /* blocks at once: value 0 */
    assert_int_equal(os_task_notify(&tt[0], 0, 5, OS_NOTIFY_SET_VALUE, NULL), OS_OK);
    host_run_until_idle();
    /* Woken with 5, decremented by the waker to 4; the next takes run at
     * once (4, 3, 2: four takes in all). */
    assert_string_equal(evlog(), "5@0 4@0 3@0 2@0");
    assert_int_equal(tt[0].notify_value[0], 1);
}

static void take_then_state(void *arg)
{
    (void)arg;
    uint32_t v = os_task_notify_take(0, true, OS_WAIT_FOREVER);
    ev("%u:%s", (unsigned)v, os_task_notify_state_clear(NULL, 0) ? "pending" : "clear");
}

static void test_woken_take_leaves_nothing_pending(void **state)
{
    (void)state;
    mk(0, "T", take_then_state, NULL, 2);
    os_start();
    assert_int_equal(os_task_notify(&tt[0], 0, 0, OS_NOTIFY_INCREMENT, NULL), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "1:clear");
}

static void test_take_suspended_then_given(void **state)
{
    (void)state;
    mk(0, "T", taker, (void *)1, 2);
    os_start();
    assert_int_equal(os_task_suspend(&tt[0]), OS_OK);
    /* Given while suspended: not woken, the give stays pending. */
    assert_int_equal(os_task_notify(&tt[0], 0, 0, OS_NOTIFY_INCREMENT, NULL), OS_OK);
    assert_int_equal(os_task_notify(&tt[0], 0, 0, OS_NOTIFY_INCREMENT, NULL), OS_OK);
    assert_int_equal(os_task_resume(&tt[0]), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "2@0");
    assert_int_equal(tt[0].notify_value[0], 0);
}

static bool isr_ok, isr_switch;

static void give_isr(void *arg)
{
    isr_ok = os_task_notify_from_isr(arg, 0, 0, OS_NOTIFY_INCREMENT, NULL, &isr_switch);
}

static void no_overwrite_isr(void *arg)
{
    isr_ok = os_task_notify_from_isr(arg, 0, 42, OS_NOTIFY_SET_VALUE_NO_OVERWRITE, NULL,
                                     &isr_switch);
}

/* Runs below the taker: the ISR's give must preempt it. */
static void busy(void *arg)
{
    (void)arg;
    ev("B1");
    host_isr(give_isr, &tt[0]);
    ev("B2");
}

static void test_give_from_isr_preempts(void **state)
{
    (void)state;
    mk(0, "T", taker, (void *)1, 3);
    mk(1, "B", busy, NULL, 1);
    os_start();
    /* T blocks, B runs, the ISR's give wakes T at once (before B2). */
    assert_true(isr_ok);
    assert_true(isr_switch);
    assert_string_equal(evlog(), "B1 1@0 B2");
    /* From the main context (no task preempted): delivered, switch flagged. */
    host_isr(no_overwrite_isr, &tt[0]);
    assert_true(isr_ok);
    assert_true(isr_switch);
    host_run_until_idle();
    assert_string_equal(evlog(), "B1 1@0 B2 42@0");
    /* Pending now? No: the take consumed it. A no-overwrite while pending fails. */
    tt[0].notify_state[0] = OS_NOTIFY_PENDING;
    host_isr(no_overwrite_isr, &tt[0]);
    assert_false(isr_ok);
    assert_false(isr_switch);
    host_isr(give_isr, &tt[2]); /* not a task */
    assert_false(isr_ok);
}

static void test_errors(void **state)
{
    (void)state;
    /* Before os_start: waits refuse. */
    assert_int_equal(os_task_notify_wait(0, 0, 0, NULL, OS_NO_WAIT), OS_ERR_STATE);
    assert_int_equal(os_task_notify_take(0, true, OS_NO_WAIT), 0);
    assert_int_equal(os_task_notify_wait(OS_CONFIG_TASK_NOTIFY_COUNT, 0, 0, NULL, 0), OS_ERR_PARAM);
}

static void test_abort_wakes_waiter(void **state)
{
    (void)state;
    mk(0, "W", waiter, (void *)OS_WAIT_FOREVER, 2);
    os_start();
    assert_int_equal(os_task_abort_delay(&tt[0]), OS_OK);
    host_run_until_idle();
    /* Aborted: returns as a timeout, and waits again. */
    assert_string_equal(evlog(), "W:-1:0@0");
    assert_int_equal(tt[0].notify_state[1], OS_NOTIFY_WAITING);
    assert_int_equal(os_task_abort_delay(&tt[1]), OS_ERR_PARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_actions_without_waiter, setup_core),
        cmocka_unit_test_setup(test_wait_masks_and_wake, setup_core),
        cmocka_unit_test_setup(test_wait_pending_returns_at_once_and_timeout, setup_core),
        cmocka_unit_test_setup(test_take_counting, setup_core),
        cmocka_unit_test_setup(test_take_binary, setup_core),
        cmocka_unit_test_setup(test_take_woken_counting, setup_core),
        cmocka_unit_test_setup(test_take_suspended_then_given, setup_core),
        cmocka_unit_test_setup(test_woken_take_leaves_nothing_pending, setup_core),
        cmocka_unit_test_setup(test_give_from_isr_preempts, setup_core),
        cmocka_unit_test_setup(test_errors, setup_core),
        cmocka_unit_test_setup(test_abort_wakes_waiter, setup_core),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
