/*
 * victim1k - a 1 kHz real-time periodic task, the bystander of the
 * service-call fuzzer test (tests/target/pk-fuzz).
 *
 * Every 1 ms period the task runs a short fixed job (about 40 us) and
 * checks that it finished before the next release. A miss is reported to
 * the health monitor as PK_GUEST_ERR_DEADLINE (so the fuzzer partition can
 * judge this one through PK_SVC_PART_STATUS: faults must stay 0) and
 * counted. The task is real-time (its delays become VIT requests), so the
 * kernel runs it at every release whatever the other partitions do. Every
 * 250 periods it prints
 *   victim: periods=<n> misses=<m> max_late_us=<l> max_resp_us=<r>
 * (release lateness and response time, worst so far), which the test's
 * host check reads.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define PERIOD_TICKS 1u          /* 1 ms at tick_hz = 1000 */
#define PERIOD_NS 1000000ll
#define JOB_LOOPS 2400u          /* about 10k instructions: 40 us */
#define REPORT_EVERY 250u

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
    uint32_t misses = 0;
    int64_t max_late = 0, max_resp = 0;
    os_task_set_realtime(NULL, true);
    /* Start on a tick edge so that releases are t0 + k * period. */
    os_delay(1u);
    os_tick_t last = os_tick_count();
    uint64_t t0 = os_time_ns();
    for (uint32_t k = 1;; k++) {
        os_delay_until(&last, PERIOD_TICKS);
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
        if (k % REPORT_EVERY == 0u)
            printf("victim: periods=%lu misses=%lu max_late_us=%ld "
                   "max_resp_us=%ld\n",
                   (unsigned long)k, (unsigned long)misses,
                   (long)(max_late / 1000), (long)(max_resp / 1000));
    }
}

int main(void)
{
    os_init();
    os_task_create(&task, "victim", run, NULL, 2, stack, 512u);
    os_start();
}
