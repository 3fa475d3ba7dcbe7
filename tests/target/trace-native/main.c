/*
 * trace-native: a native system for the trace and the probe pins
 * (docs/measuring.md): a 10 ms periodic task ("periodic", os_delay_until,
 * the probed task of `make trace SYSTEM=trace-native`) hands each job to a
 * lower-priority worker through a semaphore; the worker computes for about
 * 3 ms and waits again, so the CPU idles for most of each period and the
 * idle task drains the trace while the run goes on (the rest is drained at
 * exit). After JOBS periods the test checks that every period started on
 * time (start minus the ideal grid within 20 us, from the 64-bit clock) and
 * that the worker served every job, prints the range of the measured
 * periods for comparison with the analyzer, and passes.
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define PERIOD_TICKS 10u
#define PERIOD_NS 10000000u
#define JOBS 50u
#define WORK_NS 3000000u
#define LIMIT_NS 20000
#define STACK_WORDS 1024u

static struct os_task periodic, worker;
static struct os_sem job_sem;
static port_stack_t stack_p[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_w[STACK_WORDS] __attribute__((aligned(8)));
static volatile uint32_t jobs_done;

static void periodic_task(void *arg)
{
    (void)arg;
    os_tick_t wake = os_tick_count();
    TN_CHECK(os_delay_until(&wake, PERIOD_TICKS) == OS_OK);
    uint64_t first = bsp_clock_ns(), prev = first;
    uint64_t pmin = UINT64_MAX, pmax = 0;
    for (uint32_t k = 1; k <= JOBS; k++) {
        TN_CHECK(os_sem_give(&job_sem) == OS_OK);
        if (os_delay_until(&wake, PERIOD_TICKS) != OS_OK)
            tn_fail("period %lu overran", (unsigned long)k);
        uint64_t now = bsp_clock_ns();
        int64_t jitter = (int64_t)(now - (first + (uint64_t)k * PERIOD_NS));
        if (jitter > LIMIT_NS || jitter < -LIMIT_NS)
            tn_fail("period %lu started %ld ns off the grid",
                    (unsigned long)k, (long)jitter);
        uint64_t p = now - prev;
        prev = now;
        if (p < pmin) pmin = p;
        if (p > pmax) pmax = p;
    }
    printf("period_ns min=%lu max=%lu jobs=%lu\n", (unsigned long)pmin,
           (unsigned long)pmax, (unsigned long)jobs_done);
    /* The worker finished each job well inside its period. */
    TN_CHECK(jobs_done == JOBS);
    tn_pass();
}

static void worker_task(void *arg)
{
    (void)arg;
    for (;;) {
        TN_CHECK(os_sem_take(&job_sem, OS_WAIT_FOREVER) == OS_OK);
        uint64_t until = bsp_clock_ns() + WORK_NS;
        while (bsp_clock_ns() < until) {
        }
        jobs_done++;
    }
}

int main(void)
{
    bsp_init();
    tn_begin("trace-native");
    os_init();
    TN_CHECK(os_sem_init(&job_sem, 0, 1) == OS_OK);
    TN_CHECK(os_task_create(&periodic, "periodic", periodic_task, NULL, 3,
                            stack_p, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&worker, "worker", worker_task, NULL, 1,
                            stack_w, STACK_WORDS) == OS_OK);
    os_start();
}
