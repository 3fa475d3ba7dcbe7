/*
 * test_apex.c - the APEX's waiting rules on the host, in ticks: the release
 * order of FIFO and PRIORITY waiters, timeouts that end at the first tick at
 * or after now + timeout, a suspension that neither ends nor shortens a
 * wait, periodic release points and the deadline monitor's report (at the
 * deadline's tick, once). One scenario: the cmocka tests run in order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "apex_internal.h"
#include "host_harness.h"
#include "pv_svc.h"

#define MS 1000000LL

static uint32_t reports, report_arg;
static int64_t report_time;
void host_apex_report(uint32_t code, uint32_t arg)
{
    if (code == PK_GUEST_ERR_DEADLINE) {
        reports++;
        report_arg = arg;
        report_time = (int64_t)host_time_ns();
    }
}

/* Everything passed by pointer is static (below 4 GiB: tests.mk). */
static RETURN_CODE_TYPE rc;
static PROCESS_ID_TYPE w[3], timer, per;
static SEMAPHORE_ID_TYPE sfifo, sprio, sgate;
static PROCESS_ATTRIBUTE_TYPE attr;
static NAME_TYPE name;
static char order[8];
static unsigned n_order;
static volatile SEMAPHORE_ID_TYPE target;
static RETURN_CODE_TYPE timer_rc;
static int64_t timer_t0, timer_t1, per_t[4];
static unsigned per_jobs;

static void set_name(const char *s)
{
    memset(name, 0, sizeof name);
    strncpy(name, s, sizeof name);
}

static PROCESS_ID_TYPE make(const char *n, void (*entry)(void), PRIORITY_TYPE prio,
                            SYSTEM_TIME_TYPE period, SYSTEM_TIME_TYPE capacity)
{
    static PROCESS_ID_TYPE id;
    attr = (PROCESS_ATTRIBUTE_TYPE){period, capacity, (SYSTEM_ADDRESS_TYPE)entry, 65536, prio,
                                    HARD, {0}};
    strncpy(attr.NAME, n, sizeof attr.NAME);
    CREATE_PROCESS(&attr, &id, &rc);
    assert_int_equal(rc, NO_ERROR);
    return id;
}

static void waiter(void)
{
    static PROCESS_ID_TYPE me;
    static RETURN_CODE_TYPE r;
    GET_MY_ID(&me, &r);
    char t = me == w[0] ? 'L' : me == w[1] ? 'H' : 'M';
    WAIT_SEMAPHORE(target, INFINITE_TIME_VALUE, &r);
    if (r == NO_ERROR)
        order[n_order++] = t;
}

static void timer_main(void)
{
    static RETURN_CODE_TYPE r;
    static SYSTEM_TIME_TYPE t;
    GET_TIME(&t, &r);
    timer_t0 = t;
    WAIT_SEMAPHORE(sgate, 3500000, &r); /* 3.5 ms */
    timer_rc = r;
    GET_TIME(&t, &r);
    timer_t1 = t;
}

static void per_main(void)
{
    static RETURN_CODE_TYPE r;
    static SYSTEM_TIME_TYPE t;
    for (;;) {
        GET_TIME(&t, &r);
        if (per_jobs < 4)
            per_t[per_jobs] = t;
        per_jobs++;
        if (per_jobs == 3)
            for (int i = 0; i < 3; i++)
                (void)host_tick_isr(1); /* this job runs 3 ticks: a miss at 2 */
        PERIODIC_WAIT(&r);
    }
}

static void test_initialisation(void **state)
{
    (void)state;
    host_reset();
    set_name("fifo");
    CREATE_SEMAPHORE(name, 0, 3, FIFO, &sfifo, &rc);
    assert_int_equal(rc, NO_ERROR);
    set_name("prio");
    CREATE_SEMAPHORE(name, 0, 3, PRIORITY, &sprio, &rc);
    assert_int_equal(rc, NO_ERROR);
    set_name("gate");
    CREATE_SEMAPHORE(name, 0, 1, FIFO, &sgate, &rc);
    w[0] = make("L", waiter, 11, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
    w[1] = make("H", waiter, 13, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
    w[2] = make("M", waiter, 12, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
    timer = make("timer", timer_main, 20, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
    per = make("per", per_main, 25, 5 * MS, 2 * MS);
    apex_partition_enter_normal(); /* the host port: back here when idle */
    host_tick(1);                   /* the first tick: the grid is known */
}

static void discipline(SEMAPHORE_ID_TYPE s, const char *want)
{
    target = s;
    n_order = 0;
    memset(order, 0, sizeof order);
    for (int i = 0; i < 3; i++) {
        START(w[i], &rc);
        assert_int_equal(rc, NO_ERROR);
        host_run_until_idle(); /* each blocks in turn: L, H, M */
    }
    for (int i = 0; i < 3; i++) {
        SIGNAL_SEMAPHORE(s, &rc);
        assert_int_equal(rc, NO_ERROR);
        host_run_until_idle();
    }
    assert_string_equal(order, want);
}

static void test_fifo_and_priority_order(void **state)
{
    (void)state;
    discipline(sfifo, "LHM");
    discipline(sprio, "HML");
}

static void test_timeout_on_the_tick_grid(void **state)
{
    (void)state;
    host_set_time_ns(host_time_ns() + 300000); /* 0.3 ms into a tick */
    START(timer, &rc);
    host_run_until_idle();
    /* 3.5 ms from 0.3 ms into the tick: 3.8 ms after it, so the 4th tick. */
    for (int i = 0; i < 3; i++) {
        host_tick(1);
        assert_int_equal(timer_t1, 0);
    }
    host_tick(1);
    assert_int_equal(timer_rc, TIMED_OUT);
    assert_true(timer_t1 - timer_t0 >= 3500000);
    assert_true(timer_t1 - timer_t0 < 4500000);
}

/* A suspension during a wait neither ends nor shortens it, and the
 * process stays suspended after it until RESUME. */
static void test_suspend_during_a_wait(void **state)
{
    (void)state;
    timer_t0 = timer_t1 = 0;
    timer_rc = NO_ERROR;
    START(timer, &rc); /* waits 3.5 ms on the gate semaphore */
    host_run_until_idle();
    SUSPEND(timer, &rc);
    assert_int_equal(rc, NO_ERROR);
    host_tick(1);
    RESUME(timer, &rc); /* during the wait: it goes on */
    assert_int_equal(rc, NO_ERROR);
    host_tick(2);
    assert_int_equal(timer_t1, 0);
    SUSPEND(timer, &rc);
    host_tick(2); /* the wait ends (TIMED_OUT) while suspended */
    assert_int_equal(timer_t1, 0);
    static PROCESS_STATUS_TYPE st;
    GET_PROCESS_STATUS(timer, &st, &rc);
    assert_int_equal(st.PROCESS_STATE, WAITING);
    RESUME(timer, &rc);
    host_run_until_idle();
    assert_int_equal(timer_rc, TIMED_OUT);
    assert_true(timer_t1 - timer_t0 >= 5 * MS);
}

/* A waiter released from an upcall (the way a port's virtual interrupt
 * releases one): the wait object is given with the interrupt variant. */
static void signal_from_isr(void *arg)
{
    (void)arg;
    static RETURN_CODE_TYPE r;
    SIGNAL_SEMAPHORE(sfifo, &r);
}

static void test_release_from_an_upcall(void **state)
{
    (void)state;
    target = sfifo;
    n_order = 0;
    memset(order, 0, sizeof order);
    START(w[0], &rc);
    host_run_until_idle();
    host_isr(signal_from_isr, NULL);
    host_run_until_idle();
    assert_string_equal(order, "L");
}

static void test_periodic_and_deadline(void **state)
{
    (void)state;
    uint32_t before = reports;
    START(per, &rc);
    assert_int_equal(rc, NO_ERROR);
    host_run_until_idle();
    for (int i = 0; i < 25 && per_jobs < 4; i++)
        host_tick(1);
    assert_true(per_jobs >= 4);
    /* Release points 5 ms apart on the tick grid (job 2 ran late: 3 ms). */
    for (int k = 1; k < 4; k++)
        assert_int_equal(per_t[k] - per_t[0], k * 5 * MS);
    /* Job 3 (released at per_t[2]) missed its 2 ms deadline: reported once. */
    assert_int_equal(reports - before, 1u);
    assert_int_equal(report_arg, (uint32_t)per);
    /* At the tick of the deadline: job 3's release + 2 ms. */
    assert_int_equal(report_time, per_t[2] + 2 * MS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initialisation),
        cmocka_unit_test(test_fifo_and_priority_order),
        cmocka_unit_test(test_timeout_on_the_tick_grid),
        cmocka_unit_test(test_suspend_during_a_wait),
        cmocka_unit_test(test_release_from_an_upcall),
        cmocka_unit_test(test_periodic_and_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
