/*
 * test_time.c - delays, the delay list across the tick counter's wrap,
 * drift-free periodic delays, tick catch-up, next-wake for idle and the
 * real-time wake request.
 */
#include "test_util.h"

/* Delay by the ticks given as argument, then log "name@tick". */
static void sleeper(void *arg)
{
    os_tick_t ticks = (os_tick_t)(uintptr_t)arg;
    assert_int_equal(os_delay(ticks), OS_OK);
    ev("%s@%u", os_task_self()->name, (unsigned)os_tick_count());
}

static void make_sleepers(void)
{
    /* Equal priorities: the run order is the order they were made ready. */
    mk(0, "T5", sleeper, (void *)5, 2);
    mk(1, "T3", sleeper, (void *)3, 2);
    mk(2, "T4", sleeper, (void *)4, 2);
    mk(3, "T7", sleeper, (void *)7, 2);
}

static void test_delays_wake_in_order(void **state)
{
    (void)state;
    make_sleepers();
    os_start();
    readylog_clear();
    assert_int_equal(host_idle_next_wake(), 3);
    for (int i = 0; i < 8; i++)
        host_tick(1);
    assert_string_equal(evlog(), "T3@3 T4@4 T5@5 T7@7");
    assert_string_equal(readylog(), "T3@3 T4@4 T5@5 T7@7");
}

static void test_catch_up_wakes_in_order(void **state)
{
    (void)state;
    make_sleepers();
    os_start();
    readylog_clear();
    host_tick(5); /* one announcement for five ticks */
    /* Each was made ready at its own due tick, in wake order. */
    assert_string_equal(readylog(), "T3@3 T4@4 T5@5");
    assert_string_equal(evlog(), "T3@5 T4@5 T5@5");
    assert_int_equal(os_tick_count(), 5);
    assert_int_equal(host_idle_next_wake(), 2); /* T7 still sleeps */
    host_tick(2);
    assert_string_equal(evlog(), "T3@5 T4@5 T5@5 T7@7");
    assert_int_equal(host_idle_next_wake(), OS_WAIT_FOREVER);
}

/* The tick path of a tickless idle (OS_CONFIG_TICKLESS): the idle sleeps
 * for exactly the next wake-up it is given and the ticks are announced at
 * once when it wakes; each task must wake at its own tick, and the next
 * wake-up must then name the following sleeper. */
static void test_tickless_idle_announces_each_wake(void **state)
{
    (void)state;
    make_sleepers();
    os_start();
    unsigned sleeps = 0;
    while (host_idle_next_wake() != OS_WAIT_FOREVER && sleeps < 10u) {
        host_tick(host_idle_next_wake());
        sleeps++;
    }
    assert_string_equal(evlog(), "T3@3 T4@4 T5@5 T7@7");
    assert_int_equal(sleeps, 4);
    assert_int_equal(os_tick_count(), 7);
}

/* Log the ticks until the core next needs a tick, then delay (argument). */
static void needer(void *arg)
{
    ev("%s:%u", os_task_self()->name, (unsigned)os_ticks_to_next_need());
    (void)os_delay((os_tick_t)(uintptr_t)arg);
}

/* os_ticks_to_next_need(): 1 while the running task has a ready peer of its
 * priority (the next tick may end its slice), else the earliest wake, else
 * forever (what a para-virtual guest may let pass unannounced). */
static void test_ticks_to_next_need(void **state)
{
    (void)state;
    assert_int_equal(os_ticks_to_next_need(), OS_WAIT_FOREVER);
    mk(0, "P", needer, (void *)10, 2);
    mk(1, "Q", needer, (void *)4, 2);
    os_start();
    /* P ran with Q ready beside it; Q alone, P waking at 10; then the
     * idle task with Q due first. */
    assert_string_equal(evlog(), "P:1 Q:10");
    assert_int_equal(os_ticks_to_next_need(), 4);
    host_tick(4);
    assert_int_equal(os_ticks_to_next_need(), 6);
    host_tick(6);
    assert_int_equal(os_ticks_to_next_need(), OS_WAIT_FOREVER);
}

static void test_catch_up_equal_wake_order_is_priority(void **state)
{
    (void)state;
    mk(0, "L", sleeper, (void *)2, 1);
    mk(1, "H", sleeper, (void *)4, 3);
    os_start();
    host_tick(10);
    /* Both due within the catch-up; the higher runs first. */
    assert_string_equal(evlog(), "H@10 L@10");
}

static void test_delays_across_wrap(void **state)
{
    (void)state;
    /* Started at 0xFFFFFFF0: wake ticks 0xFFFFFFFA, 0x4, 0xE, 0xFFFFFFFF. */
    mk(0, "A", sleeper, (void *)20, 2);
    mk(1, "B", sleeper, (void *)10, 2);
    mk(2, "C", sleeper, (void *)30, 2);
    mk(3, "D", sleeper, (void *)15, 2);
    os_start();
    assert_int_equal(os_tick_count(), TEST_WRAP_START);
    assert_int_equal(host_idle_next_wake(), 10);
    for (int i = 0; i < 31; i++)
        host_tick(1);
    assert_string_equal(evlog(), "B@4294967290 D@4294967295 A@4 C@14");
}

static void test_catch_up_across_wrap(void **state)
{
    (void)state;
    mk(0, "A", sleeper, (void *)20, 2);
    mk(1, "B", sleeper, (void *)10, 2);
    mk(2, "C", sleeper, (void *)30, 2);
    os_start();
    readylog_clear();
    host_tick(25);
    assert_string_equal(readylog(), "B@4294967290 A@4");
    assert_int_equal(host_idle_next_wake(), 5);
    host_tick(5);
    assert_string_equal(readylog(), "B@4294967290 A@4 C@14");
}

/* Periodic task: `work` ticks of work per period of 10, five periods. */
struct periodic {
    os_tick_t work;         /* ticks that pass while the job works */
    enum os_status last;    /* os_delay_until() result of the last period */
};

static void periodic_task(void *arg)
{
    struct periodic *p = arg;
    os_tick_t prev = os_tick_count();
    for (int i = 0; i < 5; i++) {
        if (p->work > 0u)
            host_tick_isr(p->work); /* ticks arriving while the job runs */
        p->last = os_delay_until(&prev, 10);
        ev("%u", (unsigned)(os_tick_count() - TEST_WRAP_START));
    }
}

static void run_periodic(struct periodic *p)
{
    mk(0, "P", periodic_task, p, 2);
    os_start();
    for (int i = 0; i < 60; i++)
        host_tick(1);
}

static void test_delay_until_no_drift(void **state)
{
    (void)state;
    struct periodic p = {.work = 3, .last = OS_ERR_PARAM};
    run_periodic(&p); /* also crosses the wrap: started at 0xFFFFFFF0 */
    /* Released exactly every 10 ticks although each job takes 3. */
    assert_string_equal(evlog(), "10 20 30 40 50");
    assert_int_equal(p.last, OS_OK);
}

static void test_delay_until_overrun(void **state)
{
    (void)state;
    struct periodic p = {.work = 12, .last = OS_ERR_PARAM};
    mk(0, "P", periodic_task, &p, 2);
    os_start();
    /* Every job overruns its period: no blocking, the result says so,
     * and the reference still advances one period at a time. */
    assert_string_equal(evlog(), "12 24 36 48 60");
    assert_int_equal(p.last, OS_TIMEOUT);
}

static void relative_periodic(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3; i++) {
        host_tick_isr(3);
        os_delay(10);
        ev("%u", (unsigned)os_tick_count());
    }
}

static void test_delay_relative_drifts(void **state)
{
    (void)state;
    /* Contrast: os_delay(10) after 3 ticks of work releases every 13. */
    mk(0, "P", relative_periodic, NULL, 2);
    os_start();
    for (int i = 0; i < 40; i++)
        host_tick(1);
    assert_string_equal(evlog(), "13 26 39");
}

/* ---- real-time delays ---- */

static void rt_task(void *arg)
{
    (void)arg;
    host_set_time_ns(host_time_ns() + 300000); /* 0.3 ms into the tick */
    os_delay(5);
    ev("rt@%u", (unsigned)os_tick_count());
    os_tick_t prev = os_tick_count();
    os_delay_until(&prev, 4);
    ev("rt@%u", (unsigned)os_tick_count());
}

static void test_realtime_delay_requests_wake(void **state)
{
    (void)state;
    host_set_time_ns(1000000000u);
    mk(0, "R", rt_task, NULL, 2);
    os_task_set_realtime(&tt[0], true);
    mk(1, "N", sleeper, (void *)2, 3); /* not real-time: no request */
    os_start();
    /* os_start took 1 s as the time of tick 0; R delays 5 ticks from there. */
    assert_int_equal(host_realtime_count(), 1);
    assert_int_equal(host_realtime_at(0), 1000000000u + 5u * 1000000u);
    /* Asked with the mask still held: an interrupt pending at the end of
     * the critical section switches away from the blocked task before a
     * later request could be made (vit-two on raspi0: the player's
     * request came only after its delay had ended by the ticks). */
    assert_true(host_realtime_masked(0));
    for (int i = 0; i < 5; i++)
        host_tick(1);
    assert_string_equal(evlog(), "N@2 rt@5");
    /* Tick 5 was handled at 1.0053 s (the clock was moved 0.3 ms), but it
     * was due at 1.005 s: the periodic delay asks for four tick periods
     * after that, so real-time wake-ups stay on the tick grid. */
    assert_int_equal(host_realtime_count(), 2);
    assert_int_equal(host_realtime_at(1), 1005000000u + 4u * 1000000u);
    assert_true(host_realtime_masked(1));
    for (int i = 0; i < 4; i++)
        host_tick(1);
    assert_string_equal(evlog(), "N@2 rt@5 rt@9");
    assert_int_equal(host_realtime_count(), 2);
}

/* ---- misc ---- */

static enum os_status isr_delay_result;

static void delay_in_isr(void *arg)
{
    (void)arg;
    isr_delay_result = os_delay(1);
}

static void zero_delay(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++) {
        ev("%s%d", os_task_self()->name, i);
        assert_int_equal(os_delay(0), OS_OK); /* a yield */
    }
}

static void test_delay_zero_and_isr(void **state)
{
    (void)state;
    mk(0, "A", zero_delay, NULL, 2);
    mk(1, "B", zero_delay, NULL, 2);
    os_start();
    assert_string_equal(evlog(), "A0 B0 A1 B1");
    host_isr(delay_in_isr, NULL);
    assert_int_equal(isr_delay_result, OS_ERR_ISR);
    assert_int_equal(os_delay(1), OS_ERR_STATE); /* from the idle context */
}

static void test_tick_count_and_time(void **state)
{
    (void)state;
    os_start();
    host_tick(7);
    assert_int_equal(os_tick_count(), 7);
    assert_int_equal(os_time_ns(), 7u * OS_TICK_NS);
    assert_false(os_tick_announce(0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_delays_wake_in_order, setup_core),
        cmocka_unit_test_setup(test_catch_up_wakes_in_order, setup_core),
        cmocka_unit_test_setup(test_tickless_idle_announces_each_wake, setup_core),
        cmocka_unit_test_setup(test_catch_up_equal_wake_order_is_priority, setup_core),
        cmocka_unit_test_setup(test_delays_across_wrap, setup_core_wrap),
        cmocka_unit_test_setup(test_catch_up_across_wrap, setup_core_wrap),
        cmocka_unit_test_setup(test_delay_until_no_drift, setup_core_wrap),
        cmocka_unit_test_setup(test_delay_until_overrun, setup_core_wrap),
        cmocka_unit_test_setup(test_delay_relative_drifts, setup_core),
        cmocka_unit_test_setup(test_realtime_delay_requests_wake, setup_core),
        cmocka_unit_test_setup(test_delay_zero_and_isr, setup_core),
        cmocka_unit_test_setup(test_tick_count_and_time, setup_core),
        cmocka_unit_test_setup(test_ticks_to_next_need, setup_core),
    };
    return cmocka_run_group_tests_name("rtos_time", tests, NULL, NULL);
}
