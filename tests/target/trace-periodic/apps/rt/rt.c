/*
 * trace-periodic, partition "rt": task "rt" (real-time, so its delays ask
 * for VIT wake-ups) releases a job every PERIOD_TICKS ticks (10 ms at
 * 1 kHz), busy for about 100 us, and sends the job number to task "sink"
 * over a queue. After JOBS jobs it prints the periods it saw on the global
 * clock (read right after each wake-up) and ends the run.
 *
 * With `make trace` (TRACE=1, PROBE_TASK=rt) task "rt" drives probe pins
 * 3..5 (release, job, run) and the trace holds task, queue, VIT and
 * partition events: tests/tools/test_trace_e2e.py checks them against the
 * emulated logic analyzer.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define PERIOD_TICKS 10u
#define JOBS 60u
#define WORK_LOOPS 5000u

static OS_KOBJ struct os_task rt_task;
static OS_KOBJ struct os_task sink_task;
static OS_KOBJ struct os_queue queue;
static OS_KOBJ uint32_t queue_storage[4];
static _Alignas(8) port_stack_t rt_stack[512];
static _Alignas(8) port_stack_t sink_stack[512];

static volatile uint32_t received;

static void sink(void *arg)
{
    (void)arg;
    for (;;) {
        uint32_t v;
        if (os_queue_receive(&queue, &v, OS_WAIT_FOREVER) == OS_OK)
            received = v;
    }
}

static void rt(void *arg)
{
    (void)arg;
    os_task_set_realtime(NULL, true);
    os_tick_t last = os_tick_count();
    uint64_t prev = 0u, min = UINT64_MAX, max = 0u;
    for (uint32_t job = 1; job <= JOBS; job++) {
        os_delay_until(&last, PERIOD_TICKS);
        uint64_t now = os_time_ns();
        /* The first two periods include start-up: skip them. */
        if (job > 2u) {
            uint64_t p = now - prev;
            min = p < min ? p : min;
            max = p > max ? p : max;
        }
        prev = now;
        for (volatile uint32_t i = 0; i < WORK_LOOPS; i++) {
        }
        os_queue_send(&queue, &job, OS_WAIT_FOREVER);
    }
    printf("period_ns min=%lu max=%lu jobs=%lu received=%lu\n",
           (unsigned long)min, (unsigned long)max, (unsigned long)JOBS,
           (unsigned long)received);
    /* Periods within a tick and a half of the nominal one (a wake-up may
     * come up to a tick late), every job seen by the sink. */
    bool ok = min + 1500000u > PERIOD_TICKS * 1000000u &&
              max < PERIOD_TICKS * 1000000u + 1500000u && received >= JOBS - 1u;
    printf("RESULT trace-periodic %s\n", ok ? "PASS" : "FAIL periods");
    pv_test_exit(ok ? 0 : 1);
}

int main(void)
{
    os_init();
    os_queue_init(&queue, queue_storage, sizeof queue_storage[0], 4u);
    os_task_create(&rt_task, "rt", rt, NULL, 3, rt_stack, 512u);
    os_task_create(&sink_task, "sink", sink, NULL, 2, sink_stack, 512u);
    os_start();
}
