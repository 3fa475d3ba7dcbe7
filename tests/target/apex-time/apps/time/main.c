/*
 * apex-time: TIMED_WAIT, PERIODIC_WAIT, GET_TIME, REPLENISH and deadline
 * monitoring (docs/arinc653.md, "Conformance tests"). Every time is virtual
 * (icount). The misses this test provokes are printed as "expect-miss"
 * lines; check.py matches them with the health monitor's records.
 */
#include <stdint.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL
#define US 1000LL
#define JOBS 12

static PROCESS_ID_TYPE driver, p1, p2, a1, a2;
static SYSTEM_TIME_TYPE p2_release[JOBS], p2_start[JOBS];
static volatile unsigned p2_jobs, p1_jobs, a2_done;
static volatile RETURN_CODE_TYPE a2_rc;

static SYSTEM_TIME_TYPE my_deadline(void)
{
    PROCESS_ID_TYPE me;
    PROCESS_STATUS_TYPE st;
    RETURN_CODE_TYPE rc;
    GET_MY_ID(&me, &rc);
    GET_PROCESS_STATUS(me, &st, &rc);
    return st.DEADLINE_TIME;
}

/* Periodic, 5 ms: records its release times. */
static void p2_main(void)
{
    RETURN_CODE_TYPE rc;
    for (;;) {
        if (p2_jobs < JOBS) {
            p2_start[p2_jobs] = now_ns();
            p2_release[p2_jobs] = my_deadline() - 5 * MS; /* capacity 5 ms */
        }
        p2_jobs++;
        PERIODIC_WAIT(&rc);
    }
}

/* Periodic HARD, 10 ms, capacity 3 ms: job 3 runs 5 ms and misses. */
static void p1_main(void)
{
    RETURN_CODE_TYPE rc;
    for (;;) {
        p1_jobs++;
        if (p1_jobs == 3) {
            printf("expect-miss pid=%ld deadline_us=%ld\n", (long)p1,
                   (long)(my_deadline() / US));
            spin_ns(5 * MS);
        } else {
            spin_ns(1 * MS);
        }
        PERIODIC_WAIT(&rc);
    }
}

/* Aperiodic SOFT, capacity 4 ms: runs 6 ms, misses while running. */
static void a1_main(void)
{
    printf("expect-miss pid=%ld deadline_us=%ld\n", (long)a1, (long)(my_deadline() / US));
    spin_ns(6 * MS);
}

/* Aperiodic, capacity 4 ms: runs 2 ms, REPLENISH(5 ms), runs 3 ms: met. */
static void a2_main(void)
{
    RETURN_CODE_TYPE rc;
    spin_ns(2 * MS);
    SYSTEM_TIME_TYPE t = now_ns();
    REPLENISH(5 * MS, &rc);
    a2_rc = rc;
    SYSTEM_TIME_TYPE dl = my_deadline();
    CHECK("REPLENISH moves the deadline to now + budget", dl >= t + 5 * MS && dl < t + 5 * MS + 100 * US,
          "deadline-now=%ld us", (long)((dl - t) / US));
    spin_ns(3 * MS);
    REPLENISH(INFINITE_TIME_VALUE, &rc);
    RC("REPLENISH infinite (aperiodic)", rc, NO_ERROR);
    CHECK("infinite budget: no deadline", my_deadline() == INFINITE_TIME_VALUE, "%s", "");
    a2_done = 1;
}

static void driver_main(void)
{
    RETURN_CODE_TYPE rc;
    SYSTEM_TIME_TYPE t0, t1;

    GET_TIME((SYSTEM_TIME_TYPE *)(uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE, &rc);
    RC("GET_TIME into the guest kernel", rc, INVALID_PARAM);
    GET_TIME(&t0, &rc);
    RC("GET_TIME", rc, NO_ERROR);
    GET_TIME(&t1, &rc);
    CHECK("GET_TIME monotonic", t1 >= t0 && t0 > 0, "t0=%ld us", (long)(t0 / US));

    t0 = now_ns();
    TIMED_WAIT(2500 * US, &rc);
    t1 = now_ns();
    RC("TIMED_WAIT", rc, NO_ERROR);
    CHECK("TIMED_WAIT 2.5 ms: at least, within a tick", t1 - t0 >= 2500 * US &&
          t1 - t0 < 3500 * US + 100 * US, "waited=%ld us", (long)((t1 - t0) / US));
    TIMED_WAIT(-2, &rc);
    RC("TIMED_WAIT negative", rc, INVALID_PARAM);
    TIMED_WAIT(INFINITE_TIME_VALUE, &rc);
    RC("TIMED_WAIT infinite", rc, INVALID_PARAM);
    TIMED_WAIT(INT64_MAX, &rc);
    RC("TIMED_WAIT beyond 2^53 ns", rc, INVALID_PARAM);
    REPLENISH(INT64_MAX, &rc);
    RC("REPLENISH beyond 2^53 ns", rc, INVALID_PARAM);
    TIMED_WAIT(0, &rc);
    RC("TIMED_WAIT 0 (yield)", rc, NO_ERROR);
    PERIODIC_WAIT(&rc);
    RC("PERIODIC_WAIT aperiodic", rc, INVALID_MODE);
    REPLENISH(-5, &rc);
    RC("REPLENISH negative", rc, INVALID_PARAM);
    LOCK_LEVEL_TYPE lvl;
    LOCK_PREEMPTION(&lvl, &rc);
    TIMED_WAIT(1 * MS, &rc);
    RC("TIMED_WAIT with preemption locked", rc, INVALID_MODE);
    UNLOCK_PREEMPTION(&lvl, &rc);

    START(p1, &rc);
    RC("START periodic", rc, NO_ERROR);
    TIMED_WAIT(45 * MS, &rc);
    CHECK("periodic jobs ran", p1_jobs >= 4, "jobs=%u", p1_jobs);
    STOP(p1, &rc);

    START(a1, &rc);
    TIMED_WAIT(10 * MS, &rc);
    START(a2, &rc);
    TIMED_WAIT(10 * MS, &rc);
    CHECK("replenished process done", a2_done == 1, "done=%u", a2_done);
    RC("REPLENISH", a2_rc, NO_ERROR);

    while (p2_jobs < JOBS)
        TIMED_WAIT(5 * MS, &rc);
    SYSTEM_TIME_TYPE worst = 0;
    int ok = 1;
    for (unsigned k = 0; k < JOBS; k++) {
        if (p2_release[k] != p2_release[0] + (SYSTEM_TIME_TYPE)k * 5 * MS)
            ok = 0;
        SYSTEM_TIME_TYPE late = p2_start[k] - p2_release[k];
        if (late < 0 || (k > 0 && late > 200 * US))
            ok = 0;
        if (k > 0 && late > worst)
            worst = late;
        printf("job %u release=%ld us start-release=%ld us\n", k, (long)(p2_release[k] / US),
               (long)(late / US));
    }
    CHECK("PERIODIC_WAIT: releases 5 ms apart, jobs start after them",
          ok, "jobs=%u worst=%ld us", JOBS, (long)(worst / US));
    apex_test_end("apex-time");
}

/* The periodic process that checks REPLENISH's periodic rule. */
static PROCESS_ID_TYPE p3;
static void p3_main(void)
{
    RETURN_CODE_TYPE rc;
    REPLENISH(30 * MS, &rc);
    RC("REPLENISH beyond the next release (periodic)", rc, INVALID_MODE);
    REPLENISH(2 * MS, &rc);
    RC("REPLENISH within the period (periodic)", rc, NO_ERROR);
    LOCK_LEVEL_TYPE lvl;
    LOCK_PREEMPTION(&lvl, &rc);
    PERIODIC_WAIT(&rc);
    RC("PERIODIC_WAIT with preemption locked", rc, INVALID_MODE);
    UNLOCK_PREEMPTION(&lvl, &rc);
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    printf("apex-time: initialisation\n");
    REPLENISH(1 * MS, &rc);
    RC("REPLENISH in initialisation", rc, INVALID_MODE);
    PERIODIC_WAIT(&rc);
    RC("PERIODIC_WAIT in initialisation", rc, INVALID_MODE);
    driver = make_process("driver", driver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    p1 = make_process("p1", p1_main, 15, 10 * MS, 3 * MS, HARD);
    p2 = make_process("p2", p2_main, 16, 5 * MS, 5 * MS, SOFT);
    a1 = make_process("a1", a1_main, 8, INFINITE_TIME_VALUE, 4 * MS, SOFT);
    a2 = make_process("a2", a2_main, 8, INFINITE_TIME_VALUE, 4 * MS, SOFT);
    p3 = make_process("p3", p3_main, 20, 10 * MS, 10 * MS, SOFT);
    START(driver, &rc);
    START(p2, &rc);
    START(p3, &rc);
    apex_partition_enter_normal();
}
