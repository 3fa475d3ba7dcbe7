/*
 * test_timer.c - software timers and the timer service task: one-shot and
 * auto-reload timing, stop, reset, change period, delete, commands from an
 * ISR, pended calls, callbacks run in the service task, periods counted
 * from the command's issue tick, missed periods run in order, and a full
 * command queue waited for (the wait of a command is a queue send's).
 */
#include "test_util.h"

static struct os_task svc;
static port_stack_t svc_stack[TEST_STACK_WORDS];
static struct os_timer_cmd cmds[2];
static struct os_timer ta, tb;
static bool in_service;

static void cb(struct os_timer *tm)
{
    in_service = os_task_self() == &svc;
    ev("%s@%u", os_timer_get_name(tm), (unsigned)os_tick_count());
}

static void start_service(unsigned prio)
{
    assert_int_equal(os_timer_service_start(&svc, prio, svc_stack, TEST_STACK_WORDS, cmds, 2), OS_OK);
}

static int setup(void **state)
{
    int r = setup_core(state);
    in_service = false;
    assert_int_equal(os_timer_init(&ta, "A", 5, false, (void *)11, cb), OS_OK);
    assert_int_equal(os_timer_init(&tb, "B", 3, true, NULL, cb), OS_OK);
    return r;
}

static void test_one_shot_and_auto_reload(void **state)
{
    (void)state;
    start_service(3);
    assert_int_equal(os_timer_start(&ta, OS_NO_WAIT), OS_OK); /* before os_start */
    assert_int_equal(os_timer_start(&tb, OS_NO_WAIT), OS_OK);
    os_start();
    assert_true(os_timer_is_active(&ta));
    for (int i = 0; i < 10; i++)
        host_tick(1);
    assert_string_equal(evlog(), "B@3 A@5 B@6 B@9");
    assert_true(in_service);
    assert_false(os_timer_is_active(&ta));
    assert_true(os_timer_is_active(&tb));
    assert_int_equal(os_timer_get_expiry(&tb), 12);
    assert_ptr_equal(os_timer_get_id(&ta), (void *)11);
    assert_ptr_equal(os_timer_service_handle(), &svc);
}

/* Issues commands at given ticks (from a task of higher priority). */
static void commander(void *arg)
{
    (void)arg;
    os_delay(2);
    assert_int_equal(os_timer_reset(&ta, OS_NO_WAIT), OS_OK); /* A: 2 + 5 */
    assert_int_equal(os_timer_stop(&tb, OS_NO_WAIT), OS_OK);
    os_delay(2);
    assert_int_equal(os_timer_change_period(&tb, 10, OS_NO_WAIT), OS_OK); /* B: 4 + 10 */
    os_delay(12);
    assert_int_equal(os_timer_delete(&tb, OS_NO_WAIT), OS_OK);
}

static void test_reset_stop_change_delete(void **state)
{
    (void)state;
    start_service(2);
    assert_int_equal(os_timer_start(&ta, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_timer_start(&tb, OS_NO_WAIT), OS_OK);
    mk(0, "C", commander, NULL, 3);
    os_start();
    for (int i = 0; i < 30; i++)
        host_tick(1);
    assert_string_equal(evlog(), "A@7 B@14");
    assert_false(os_timer_is_active(&tb));
    assert_int_equal(os_timer_get_period(&tb), 0); /* deleted: no timer */
    assert_int_equal(os_timer_start(&tb, OS_NO_WAIT), OS_ERR_PARAM);
    assert_int_equal(os_timer_init(&tb, "B2", 1, false, NULL, cb), OS_OK);
}

/* Starts A at tick 0, then keeps the CPU for 3 ticks. */
static void hog(void *arg)
{
    (void)arg;
    assert_int_equal(os_timer_start(&ta, OS_NO_WAIT), OS_OK);
    host_tick_isr(3);
    ev("hog@%u", (unsigned)os_tick_count());
}

static void test_period_counts_from_issue(void **state)
{
    (void)state;
    start_service(1);
    mk(0, "H", hog, NULL, 3);
    os_start();
    for (int i = 0; i < 6; i++)
        host_tick(1);
    /* The service applied the start at tick 3; A still expires at 0 + 5. */
    assert_string_equal(evlog(), "hog@3 A@5");
}

static void hog5(void *arg)
{
    (void)arg;
    host_tick_isr(5);
    ev("hog@%u", (unsigned)os_tick_count());
}

static void test_missed_periods_run_in_order(void **state)
{
    (void)state;
    assert_int_equal(os_timer_init(&tb, "B", 2, true, NULL, cb), OS_OK);
    assert_int_equal(os_timer_init(&ta, "A", 9, false, NULL, cb), OS_OK);
    start_service(2);
    /* A (due at 9) is in the list first: the overdue B must sort before it. */
    assert_int_equal(os_timer_start(&ta, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_timer_start(&tb, OS_NO_WAIT), OS_OK);
    mk(0, "H", hog5, NULL, 3);
    os_start();
    /* The service starts B at tick 0 only after... H runs first: B is
     * applied at tick 5 (issued at 0): expiries 2 and 4 run at once, then 6. */
    host_tick(1);
    assert_string_equal(evlog(), "hog@5 B@5 B@5 B@6");
    for (int i = 0; i < 3; i++)
        host_tick(1);
    assert_string_equal(evlog(), "hog@5 B@5 B@5 B@6 B@8 A@9");
}

static void flooder(void *arg)
{
    os_tick_t wait = (os_tick_t)(uintptr_t)arg;
    for (int i = 0; i < 3; i++) {
        enum os_status r = os_timer_start(&ta, wait);
        ev("s%d:%d@%u", i, r, (unsigned)os_tick_count());
    }
}

static void test_full_queue_without_wait(void **state)
{
    (void)state;
    start_service(1);
    mk(0, "F", flooder, (void *)OS_NO_WAIT, 2);
    os_start();
    assert_string_equal(evlog(), "s0:0@0 s1:0@0 s2:-1@0");
}

static void test_full_queue_waits(void **state)
{
    (void)state;
    start_service(1);
    mk(0, "F", flooder, (void *)4, 2);
    os_start();
    /* The third start waits: the service (lower priority) runs, takes one
     * command, and the sender gets its slot at once. */
    assert_string_equal(evlog(), "s0:0@0 s1:0@0 s2:0@0");
    for (int i = 0; i < 5; i++)
        host_tick(1);
    assert_string_equal(evlog(), "s0:0@0 s1:0@0 s2:0@0 A@5");
}

static bool isr_ok, isr_sw;

static void isr_start(void *arg)
{
    isr_ok = os_timer_start_from_isr(arg, &isr_sw);
}

static void call(void *a, uint32_t b)
{
    in_service = os_task_self() == &svc;
    ev("call:%s:%u@%u", (const char *)a, (unsigned)b, (unsigned)os_tick_count());
}

static void isr_call(void *arg)
{
    isr_ok = os_timer_pend_call_from_isr(call, arg, 7, &isr_sw);
}

static void test_from_isr_and_pended_call(void **state)
{
    (void)state;
    start_service(3);
    os_start();
    host_tick(1);
    host_isr(isr_start, &ta);
    assert_true(isr_ok);
    assert_true(isr_sw); /* the service task (waiting on its queue) preempts */
    host_run_until_idle();
    host_isr(isr_call, "x");
    assert_true(isr_ok);
    host_run_until_idle();
    assert_string_equal(evlog(), "call:x:7@1");
    assert_true(in_service);
    for (int i = 0; i < 5; i++)
        host_tick(1);
    assert_string_equal(evlog(), "call:x:7@1 A@6");
    assert_int_equal(os_timer_pend_call(call, "y", 8, OS_NO_WAIT), OS_OK);
    host_run_until_idle();
    assert_string_equal(evlog(), "call:x:7@1 A@6 call:y:8@6");
    host_isr(isr_start, &tt[0]); /* not a timer */
    assert_false(isr_ok);
}

static void test_errors(void **state)
{
    (void)state;
    /* No service yet. */
    assert_int_equal(os_timer_start(&ta, OS_NO_WAIT), OS_ERR_STATE);
    assert_int_equal(os_timer_init(&ta, "A", 0, false, NULL, cb), OS_ERR_PARAM);
    assert_int_equal(os_timer_init(&ta, "A", 1, false, NULL, NULL), OS_ERR_PARAM);
    start_service(2);
    assert_int_equal(os_timer_service_start(&svc, 2, svc_stack, TEST_STACK_WORDS, cmds, 2),
                     OS_ERR_STATE);
    struct os_timer_job job;
    assert_int_equal(os_timer_service_next(&job), OS_ERR_STATE); /* not the service task */
    assert_int_equal(os_timer_change_period(&ta, 0, OS_NO_WAIT), OS_ERR_PARAM);
    os_start();
    assert_int_equal(os_timer_start(&ta, OS_NO_WAIT), OS_OK);
    host_run_until_idle();
    assert_int_equal(os_timer_init(&ta, "A", 5, false, NULL, cb), OS_ERR_STATE); /* active */
    assert_int_equal(os_timer_set_auto_reload(&ta, true), OS_OK);
    assert_true(os_timer_get_auto_reload(&ta));
}

/* A command written into the queue's storage behind the core's back (a
 * period of 0): ignored by the service. */
static void test_forged_period_ignored(void **state)
{
    (void)state;
    start_service(3);
    assert_int_equal(os_timer_start(&tb, OS_NO_WAIT), OS_OK);
    os_start();
    assert_true(os_timer_is_active(&tb));
    /* Forge: the first command goes straight to the waiting service (it
     * applies it when it runs); the second waits in the storage, where its
     * period is rewritten before the service reads it. */
    assert_int_equal(os_timer_change_period(&tb, 4, OS_NO_WAIT), OS_OK);
    assert_int_equal(os_timer_change_period(&tb, 4, OS_NO_WAIT), OS_OK);
    for (unsigned i = 0; i < 2; i++)
        if (cmds[i].op == 3u)
            cmds[i].arg2 = 0;
    for (int i = 0; i < 4; i++)
        host_tick(1);
    /* B runs with the period of 4 (the forged change ignored, else it
     * would expire at every step of the same tick, for ever). */
    assert_int_equal(os_timer_get_period(&tb), 4);
    assert_string_equal(evlog(), "B@4");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_one_shot_and_auto_reload, setup),
        cmocka_unit_test_setup(test_reset_stop_change_delete, setup),
        cmocka_unit_test_setup(test_period_counts_from_issue, setup),
        cmocka_unit_test_setup(test_missed_periods_run_in_order, setup),
        cmocka_unit_test_setup(test_full_queue_without_wait, setup),
        cmocka_unit_test_setup(test_full_queue_waits, setup),
        cmocka_unit_test_setup(test_from_isr_and_pended_call, setup),
        cmocka_unit_test_setup(test_errors, setup),
        cmocka_unit_test_setup(test_forged_period_ignored, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
