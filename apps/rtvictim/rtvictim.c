/*
 * rtvictim - the victim partition of the red-team systems
 * (apps/systems/rt-*): a 1 kHz real-time periodic task and a known secret.
 *
 * The task is marked real-time (its delays become VIT requests), wakes on
 * every virtual tick and measures its lateness: the time from its nominal
 * release (t0 + k * 1 ms) to the moment it runs. A job of about 40 us
 * follows; a job that ends after the next release is a deadline miss.
 * Lateness is counted from the first release, so the constant latency of
 * a VIT wake-up (about 11 us) is not in it: what is left is jitter. Every
 * REPORT_EVERY periods it prints
 *   victim: periods=<n> max_late_ns=<l> late50=<c> misses=<m> secret_bad=<s>
 * (late50: periods started more than 50 us late), and after RUN_PERIODS it
 * ends the run (test kernels) with the verdict
 *   RESULT rt-victim PASS          or   RESULT rt-victim FAIL <figures>
 * (run with tools/qemu_run.py --name rt-victim) and the status 0 (never
 * more than 50 us late, no miss, secret intact) or 1.
 *
 * Built with RTVICTIM_NO_VIT (apps/rtvictim_nrt) the task is not marked
 * real-time: its partition then sleeps in PK_SVC_BLOCK until the tick and
 * is woken by that deadline, without a VIT request.
 *
 * The secret: rt_secret_user in the user range and rt_secret_gk (OS_KOBJ)
 * in the guest-kernel range hold RT_SECRET; the attackers try to read or
 * change them. The task checks both every period and reports a change.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define PERIOD_NS 1000000ll       /* one tick at tick_hz = 1000 */
#define JOB_LOOPS 2500u           /* about 10k instructions: 40 us */
#define REPORT_EVERY 500u
#ifndef RUN_PERIODS
#define RUN_PERIODS 2000u         /* 2 s of virtual time */
#endif
#define LATE_LIMIT_NS 50000ll     /* the promise: at most ~50 us late */
#define RT_SECRET 0x5EC2E7EDu

/* The secret, once in each range (volatile: the checks really read it). */
volatile uint32_t rt_secret_user[4] = {RT_SECRET, RT_SECRET, RT_SECRET,
                                       RT_SECRET};
OS_KOBJ volatile uint32_t rt_secret_gk[4] = {RT_SECRET, RT_SECRET, RT_SECRET,
                                             RT_SECRET};

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void job(void)
{
    for (volatile uint32_t i = 0; i < JOB_LOOPS; i++) {
    }
}

/* True if both copies of the secret are intact. The guest-kernel copy is
 * out of a task's reach: only the user copy is read here. */
static int secret_ok(void)
{
    for (unsigned i = 0; i < 4u; i++)
        if (rt_secret_user[i] != RT_SECRET)
            return 0;
    return 1;
}

static void run(void *arg)
{
    (void)arg;
    uint32_t misses = 0, late50 = 0, secret_bad = 0;
    int64_t max_late = INT64_MIN;
#ifndef RTVICTIM_NO_VIT
    os_task_set_realtime(NULL, true);
#endif
    /* Start on a tick edge so that releases are t0 + k * period. */
    os_delay(1u);
    os_tick_t last = os_tick_count();
    uint64_t t0 = os_time_ns();
    for (uint32_t k = 1; k <= RUN_PERIODS; k++) {
        os_delay_until(&last, 1u);
        int64_t release = (int64_t)k * PERIOD_NS;
        int64_t late = (int64_t)(os_time_ns() - t0) - release;
        job();
        int64_t end = (int64_t)(os_time_ns() - t0);
        if (late > max_late)
            max_late = late;
        if (late > LATE_LIMIT_NS)
            late50++;
        if (end > release + PERIOD_NS)
            misses++;
        if (!secret_ok())
            secret_bad++;
        if (k % REPORT_EVERY == 0u)
            printf("victim: periods=%lu max_late_ns=%ld late50=%lu "
                   "misses=%lu secret_bad=%lu\n",
                   (unsigned long)k, (long)max_late,
                   (unsigned long)late50, (unsigned long)misses,
                   (unsigned long)secret_bad);
    }
    int fail = max_late > LATE_LIMIT_NS || misses != 0u || secret_bad != 0u;
    if (fail)
        printf("RESULT rt-victim FAIL max_late_ns=%ld late50=%lu misses=%lu "
               "secret_bad=%lu\n",
               (long)max_late, (unsigned long)late50, (unsigned long)misses,
               (unsigned long)secret_bad);
    else
        printf("RESULT rt-victim PASS\n");
    pv_test_exit(fail ? 1 : 0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "victim", run, NULL, 2, stack, 512u);
    os_start();
}
