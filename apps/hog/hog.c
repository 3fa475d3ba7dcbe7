/*
 * hog - the non-real-time partition of the VIT experiments (the paper's
 * domain B; docs/vit.md, docs/benchmarks.md "VIT (paper 000)").
 *
 * One task repeats a fixed amount of CPU-bound work (a job) for ever and
 * prints, for each job, its completion time on the global clock and the
 * partition's CPU share during the job:
 *   HOG job=<k> time=<ns> cpu=<permille>
 * Alone, a job takes 80 ms; sharing the CPU it takes longer, by the share
 * the scheduler gives the other partitions. The cpu figure is approximate:
 * the kernel charges a running partition at its decision points, so the
 * charged time the partition reads lags by up to a window.
 *
 * Built with -DHOG_REPORT_MS=<n> (the demo system), it prints one line
 * per n ms of the global clock instead, for the jobs since the previous
 * line: k is the last job's number, time the mean time of those jobs, cpu
 * the share over all of them (so the lag of the charge, one window at
 * most, is spread over n ms).
 *
 * The test systems include this file with HOG_NO_MAIN defined and call
 * hog_job() themselves.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

/* Iterations of one job: 80 ms alone at 250 MIPS (four instructions
 * each). */
#ifndef HOG_ITERATIONS
#define HOG_ITERATIONS 5000000u
#endif
#define HOG_STACK_WORDS 512u
/* 0: a line per job; n: a line per n ms at most (see above). */
#ifndef HOG_REPORT_MS
#define HOG_REPORT_MS 0u
#endif

/* Keeps the work observable. */
static volatile uint32_t hog_sink;

/* One job: a fixed number of iterations of a cheap arithmetic recurrence
 * (four instructions each). */
static void hog_job(void)
{
    uint32_t x = 1u;
    for (uint32_t i = 0; i < HOG_ITERATIONS; i++)
        x = x * 1103515245u + 12345u + i;
    hog_sink = x;
}

static OS_KOBJ struct os_task hog_task;
static _Alignas(8) port_stack_t hog_stack[HOG_STACK_WORDS];

#ifndef HOG_NO_MAIN
/* This partition's charged CPU time, ns. */
static uint64_t hog_cpu_ns(void)
{
    struct pk_part_status st;
    if (pv_part_status(PK_SELF, &st) != PK_OK)
        return 0u;
    return st.run_ns;
}

static void hog_main(void *arg)
{
    (void)arg;
    uint64_t c0 = hog_cpu_ns(), t0 = os_time_ns();
    uint32_t jobs = 0u;
    for (uint32_t k = 1;; k++) {
        hog_job();
        jobs++;
        uint64_t c1 = hog_cpu_ns(), t1 = os_time_ns();
#if HOG_REPORT_MS > 0
        if (t1 - t0 < (uint64_t)HOG_REPORT_MS * 1000000u)
            continue;
#endif
        printf("HOG job=%lu time=%lu cpu=%lu\n", (unsigned long)k,
               (unsigned long)((t1 - t0) / jobs),
               (unsigned long)((c1 - c0) * 1000u / (t1 - t0)));
        jobs = 0u;
        /* The next interval starts after the line, as a job did. */
        c0 = hog_cpu_ns();
        t0 = os_time_ns();
    }
}

int main(void)
{
    os_init();
    os_task_create(&hog_task, "hog", hog_main, NULL, 1, hog_stack,
                   HOG_STACK_WORDS);
    os_start();
}
#endif
