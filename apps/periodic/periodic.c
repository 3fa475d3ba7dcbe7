/*
 * periodic - a 10 ms real-time periodic task, the "bystander" partition of
 * the isolation and restart tests (pk-iso, pk-restart).
 *
 * Every period the task runs a short fixed job (about 200 us) and checks
 * that it finished before its deadline, the next release. A miss is
 * reported to the health monitor as PK_GUEST_ERR_DEADLINE, so another
 * partition can judge this one through PK_SVC_PART_STATUS (faults must stay
 * 0), and counted; every 100 periods the task prints
 *   periodic: periods=<n> misses=<m> max_late_us=<l> max_resp_us=<r>
 * which the tests' host checks also read (the name, period, job and report
 * interval are build parameters, below). The task is marked real-time, so
 * its delays become VIT requests: the kernel runs the partition at each
 * release even while a CPU-bound partition holds the window.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

/* The defaults; another app may build this file with its own (an app.mk's
 * APP_SRCS and APP_DEFINES: apps/victim1k). */
#ifndef PERIODIC_TICKS
#define PERIODIC_TICKS 10u        /* 10 ms at tick_hz = 1000 */
#endif
#ifndef PERIODIC_JOB_LOOPS
#define PERIODIC_JOB_LOOPS 12000u /* about 50k instructions: 200 us */
#endif
#ifndef PERIODIC_REPORT_EVERY
#define PERIODIC_REPORT_EVERY 100u
#endif
#ifndef PERIODIC_NAME
#define PERIODIC_NAME "periodic"
#endif
#define PERIOD_NS ((int64_t)PERIODIC_TICKS * (1000000000ll / OS_CONFIG_TICK_HZ))

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void job(void)
{
    for (volatile uint32_t i = 0; i < PERIODIC_JOB_LOOPS; i++) {
    }
}

static void run(void *arg)
{
    (void)arg;
    uint32_t misses = 0;
    int64_t max_late = 0, max_resp = 0;
    os_task_set_realtime(NULL, true);
    /* Start on a tick edge so that releases are t0 + k * period. */
    os_delay(1u);
    os_tick_t last = os_tick_count();
    uint64_t t0 = os_time_ns();
    for (uint32_t k = 1;; k++) {
        os_delay_until(&last, PERIODIC_TICKS);
        int64_t release = (int64_t)k * PERIOD_NS;
        int64_t start = (int64_t)(os_time_ns() - t0);
        job();
        int64_t end = (int64_t)(os_time_ns() - t0);
        if (start - release > max_late)
            max_late = start - release;
        if (end - release > max_resp)
            max_resp = end - release;
        if (end > release + PERIOD_NS) {
            misses++;
            (void)pv_report_error(PK_GUEST_ERR_DEADLINE, k);
        }
        if (k % PERIODIC_REPORT_EVERY == 0u)
            printf(PERIODIC_NAME ": periods=%lu misses=%lu max_late_us=%ld "
                   "max_resp_us=%ld\n",
                   (unsigned long)k, (unsigned long)misses,
                   (long)(max_late / 1000), (long)(max_resp / 1000));
    }
}

int main(void)
{
    os_init();
    os_task_create(&task, PERIODIC_NAME, run, NULL, 2, stack, 512u);
    os_start();
}
