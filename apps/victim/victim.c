/*
 * victim - the 1 kHz real-time partition of the hostile-partition test
 * (pk-hostile): a task released every millisecond (VIT, so the kernel runs
 * the partition at each release whoever holds the window) runs a short job
 * and measures how late it started. Per phase of the test's timeline
 * (apps/hostile/phases.h) it prints
 *   VICTIM phase=<k> periods=<n> misses=<m> max_late_ns=<l>
 * and after the last phase ends the run. A miss (the job not finished by
 * the next release) is also reported to the health monitor.
 */
#include <stdint.h>
#include <stdio.h>

#include "../hostile/phases.h"
#include "os.h"
#include "pv_svc.h"

#define PERIOD_NS 1000000ll
#define JOB_LOOPS 1200u /* about 5k instructions: 20 us */

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void job(void)
{
    for (volatile uint32_t i = 0; i < JOB_LOOPS; i++) {
    }
}

static void run(void *arg)
{
    (void)arg;
    os_task_set_realtime(NULL, true);
    os_delay(1u); /* start on a tick edge: releases are t0 + k * period */
    os_tick_t last = os_tick_count();
    uint64_t t0 = os_time_ns();
    unsigned phase = phase_at(t0);
    uint32_t periods = 0, misses = 0, total_misses = 0;
    int64_t max_late = 0;
    for (uint32_t k = 1;; k++) {
        os_delay_until(&last, 1u);
        int64_t release = (int64_t)k * PERIOD_NS;
        int64_t start = (int64_t)(os_time_ns() - t0);
        job();
        int64_t end = (int64_t)(os_time_ns() - t0);
        unsigned ph = phase_at(t0 + (uint64_t)release);
        if (ph != phase) {
            printf("VICTIM phase=%u periods=%lu misses=%lu max_late_ns=%ld\n",
                   phase, (unsigned long)periods, (unsigned long)misses,
                   (long)max_late);
            phase = ph;
            periods = misses = 0;
            max_late = 0;
            if (phase == PHASE_COUNT) {
                printf("VICTIM done\n");
                /* The host check judges the figures; this is the run's
                 * own verdict: it got through every phase. */
                printf("RESULT pk-hostile %s\n",
                       total_misses == 0u ? "PASS" : "FAIL missed deadlines");
                pv_test_exit(total_misses == 0u ? 0 : 1);
            }
        }
        periods++;
        if (start - release > max_late)
            max_late = start - release;
        if (end > release + PERIOD_NS) {
            misses++;
            total_misses++;
            (void)pv_report_error(PK_GUEST_ERR_DEADLINE, k);
        }
    }
}

int main(void)
{
    os_init();
    os_task_create(&task, "victim", run, NULL, 2, stack, 512u);
    os_start();
}
