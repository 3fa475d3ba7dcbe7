/*
 * matrix - the real-time test application of the VIT experiments
 * (docs/vit.md, docs/benchmarks.md "VIT (paper 000)").
 *
 * One task, marked real-time (os_task_set_realtime), repeats a job:
 *   t0 = now; sleep 30 ms (os_delay); t1 = now (first instruction after the
 *   wake-up); multiply matrices for a fixed amount of work; t2 = now.
 * Per job it records
 *   T_latency(sleep) = t1 - t0   (sleep call to wake-up),
 *   T_latency(work)  = t2 - t0   (sleep call to the end of the work),
 *   wake-up latency  = t1 - D    (D: the VIT deadline the guest kernel gave
 *                                 the kernel for this sleep, pv_vit_stat.h),
 * and every MATRIX_REPORT_JOBS jobs prints one line with count, mean, p99
 * and max of the first two and min/mean/p99/max of the third, all in ns:
 *   MATRIX rt=1 jobs=50 cpu=<permille> sleep=<mean>/<p99>/<max>
 *          work=<mean>/<p99>/<max>                      (one line)
 *   MATRIX-WAKE rt=1 wake=<min>/<mean>/<p99>/<max>
 * (cpu: the partition's CPU use over the series, in per mille). The work is sized so that the task alone uses about a third
 * of the CPU, like the paper's test application (32.7 %).
 *
 * The functions above main() are also used by the VIT target tests, which
 * include this file with MATRIX_NO_MAIN defined and drive the jobs
 * themselves (one source, several configurations).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"
#include "pv_vit_stat.h"

/* Matrix order and how many products one job computes: about 14.7 ms of
 * work at 250 MIPS (QEMU icount shift=2), so 14.7 / (30 + 14.7) = 33 % of
 * the CPU when the partition is alone. */
#ifndef MATRIX_N
#define MATRIX_N 24u
#endif
#ifndef MATRIX_PRODUCTS
#define MATRIX_PRODUCTS 35u
#endif
#define MATRIX_SLEEP_MS 30u
#ifndef MATRIX_REPORT_JOBS
#define MATRIX_REPORT_JOBS 50u
#endif
#define MATRIX_STACK_WORDS 1024u

/* One job's measurements, ns. */
struct matrix_job {
    uint32_t sleep_ns; /* T_latency(sleep) */
    uint32_t work_ns;  /* T_latency(work) */
    int32_t wake_ns;   /* wake-up latency after the VIT deadline; only
                          meaningful for a real-time job (else 0) */
};

/* Samples of one series of jobs, for the percentiles. */
struct matrix_series {
    uint32_t n;                            /* jobs recorded */
    uint32_t sleep[MATRIX_REPORT_JOBS];    /* T_latency(sleep) per job */
    uint32_t work[MATRIX_REPORT_JOBS];     /* T_latency(work) per job */
    int32_t wake[MATRIX_REPORT_JOBS];      /* wake-up latency per job */
};

/* The helpers below are shared with the test systems, each of which uses
 * some of them only. */
#define MATRIX_API static __attribute__((unused))

/* Summary of a sample set. */
struct matrix_summary {
    int64_t min, mean, p99, max;
};

static int32_t mat_a[MATRIX_N][MATRIX_N];
static int32_t mat_b[MATRIX_N][MATRIX_N];
static int32_t mat_c[MATRIX_N][MATRIX_N];
/* Keeps the products observable, so the compiler cannot drop them. */
static volatile int32_t matrix_checksum;

MATRIX_API void matrix_setup(void)
{
    for (uint32_t i = 0; i < MATRIX_N; i++)
        for (uint32_t j = 0; j < MATRIX_N; j++) {
            mat_a[i][j] = (int32_t)((i * 7u + j * 3u) % 17u) - 8;
            mat_b[i][j] = (int32_t)((i * 5u + j * 11u) % 13u) - 6;
        }
}

/* The CPU-bound part of a job: a fixed number of matrix products. */
MATRIX_API void matrix_work(void)
{
    int32_t sum = 0;
    for (uint32_t r = 0; r < MATRIX_PRODUCTS; r++) {
        for (uint32_t i = 0; i < MATRIX_N; i++)
            for (uint32_t j = 0; j < MATRIX_N; j++) {
                int32_t acc = (int32_t)r;
                for (uint32_t k = 0; k < MATRIX_N; k++)
                    acc += mat_a[i][k] * mat_b[k][j];
                mat_c[i][j] = acc;
            }
        sum += mat_c[r % MATRIX_N][(r * 5u) % MATRIX_N];
        /* Feed the result back so that no two products are alike. */
        mat_a[r % MATRIX_N][0] = mat_c[0][r % MATRIX_N] & 15;
    }
    matrix_checksum = sum;
}

/* One job of the calling task: sleep 30 ms, then work. */
MATRIX_API void matrix_job_run(struct matrix_job *j)
{
    uint32_t before = pv_vit_requests;
    uint64_t t0 = os_time_ns();
    os_delay((os_tick_t)(MATRIX_SLEEP_MS * OS_CONFIG_TICK_HZ / 1000u));
    uint64_t t1 = os_time_ns();
    matrix_work();
    uint64_t t2 = os_time_ns();
    j->sleep_ns = (uint32_t)(t1 - t0);
    j->work_ns = (uint32_t)(t2 - t0);
    j->wake_ns = pv_vit_requests != before
                     ? (int32_t)(int64_t)(t1 - pv_vit_last_deadline_ns)
                     : 0;
}

MATRIX_API void matrix_series_add(struct matrix_series *s,
                              const struct matrix_job *j)
{
    if (s->n >= MATRIX_REPORT_JOBS)
        return;
    s->sleep[s->n] = j->sleep_ns;
    s->work[s->n] = j->work_ns;
    s->wake[s->n] = j->wake_ns;
    s->n++;
}

/* Summary of n signed samples; sorts v in place (insertion sort: n is at
 * most MATRIX_REPORT_JOBS). p99 is the sample at rank ceil(0.99 n). */
MATRIX_API struct matrix_summary matrix_summarize(int64_t *v, uint32_t n)
{
    struct matrix_summary r = {0, 0, 0, 0};
    if (n == 0u)
        return r;
    int64_t sum = 0;
    for (uint32_t i = 1; i < n; i++) {
        int64_t x = v[i];
        uint32_t k = i;
        while (k > 0u && v[k - 1u] > x) {
            v[k] = v[k - 1u];
            k--;
        }
        v[k] = x;
    }
    for (uint32_t i = 0; i < n; i++)
        sum += v[i];
    uint32_t rank = (n * 99u + 99u) / 100u;
    r.min = v[0];
    r.max = v[n - 1u];
    r.mean = sum / (int64_t)n;
    r.p99 = v[rank - 1u];
    return r;
}

static int64_t matrix_tmp[MATRIX_REPORT_JOBS];

enum matrix_field { MATRIX_SLEEP, MATRIX_WORK, MATRIX_WAKE };

MATRIX_API struct matrix_summary matrix_series_summary(
    const struct matrix_series *s, enum matrix_field f)
{
    for (uint32_t i = 0; i < s->n; i++)
        matrix_tmp[i] = f == MATRIX_SLEEP  ? (int64_t)s->sleep[i]
                        : f == MATRIX_WORK ? (int64_t)s->work[i]
                                           : (int64_t)s->wake[i];
    return matrix_summarize(matrix_tmp, s->n);
}

/* Prints the series' MATRIX line; cpu_permille is the partition's CPU use
 * over the series. */
MATRIX_API void matrix_series_print(const struct matrix_series *s, bool rt,
                                uint32_t cpu_permille)
{
    struct matrix_summary sl = matrix_series_summary(s, MATRIX_SLEEP);
    struct matrix_summary wk = matrix_series_summary(s, MATRIX_WORK);
    struct matrix_summary wu = matrix_series_summary(s, MATRIX_WAKE);
    /* Two lines: the console's line buffer is short. */
    printf("MATRIX rt=%d jobs=%lu cpu=%lu sleep=%ld/%ld/%ld work=%ld/%ld/%ld\n",
           rt ? 1 : 0, (unsigned long)s->n, (unsigned long)cpu_permille,
           (long)sl.mean, (long)sl.p99, (long)sl.max, (long)wk.mean,
           (long)wk.p99, (long)wk.max);
    printf("MATRIX-WAKE rt=%d wake=%ld/%ld/%ld/%ld\n", rt ? 1 : 0,
           (long)wu.min, (long)wu.mean, (long)wu.p99, (long)wu.max);
}

/* This partition's charged CPU time, ns. */
MATRIX_API uint64_t matrix_cpu_ns(void)
{
    struct pk_part_status st;
    if (pv_part_status(PK_SELF, &st) != PK_OK)
        return 0u;
    return st.run_ns;
}

/* Runs one series of MATRIX_REPORT_JOBS jobs and prints its line. */
MATRIX_API void matrix_run_series(struct matrix_series *s, bool rt)
{
    struct matrix_job j;
    os_task_set_realtime(NULL, rt);
    s->n = 0;
    uint64_t c0 = matrix_cpu_ns(), w0 = os_time_ns();
    while (s->n < MATRIX_REPORT_JOBS) {
        matrix_job_run(&j);
        matrix_series_add(s, &j);
    }
    uint64_t c1 = matrix_cpu_ns(), w1 = os_time_ns();
    uint32_t permille = w1 > w0 ? (uint32_t)((c1 - c0) * 1000u / (w1 - w0))
                                : 0u;
    matrix_series_print(s, rt, permille);
}

static OS_KOBJ struct os_task matrix_task;
static _Alignas(8) port_stack_t matrix_stack[MATRIX_STACK_WORDS];

#ifndef MATRIX_NO_MAIN
static struct matrix_series matrix_results;

static void matrix_main(void *arg)
{
    (void)arg;
    matrix_setup();
    printf("matrix: %ux%u, %u products per job, sleep %u ms, real-time\n",
           MATRIX_N, MATRIX_N, MATRIX_PRODUCTS, MATRIX_SLEEP_MS);
    for (;;)
        matrix_run_series(&matrix_results, true);
}

int main(void)
{
    os_init();
    os_task_create(&matrix_task, "matrix", matrix_main, NULL, 2,
                   matrix_stack, MATRIX_STACK_WORDS);
    os_start();
}
#endif
