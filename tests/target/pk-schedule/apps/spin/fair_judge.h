/*
 * fair_judge.h - the judge of a fairness test (pk-fair-*): a spinning
 * partition (index 0) that also takes the kernel's per-partition run-time
 * accounting (PK_SVC_PART_STATUS run_ns) at FAIR_T1_NS and FAIR_T2_NS and
 * checks that every partition's share of the CPU in between is within
 * FAIR_TOLERANCE_PPM (relative) of weight / sum of weights.
 *
 * Included by one small app per test, which defines first:
 *   FAIR_TEST     the test's name, for its RESULT line
 *   FAIR_WEIGHTS  the weights of partitions 0..n-1 as in its system.toml,
 *                 e.g. {1, 2, 3}
 * and may define FAIR_T1_NS / FAIR_T2_NS (spin.h), FAIR_TOLERANCE_PPM, and
 * FAIR_BEFORE(), run once by the judge's task before it starts spinning.
 *
 * The snapshots are taken on the judge's first iteration of a new slice
 * (the clock jumped by more than FAIR_GAP_NS since its previous
 * iteration): at that moment the kernel has just charged every partition,
 * the judge included, so run_ns is exact.
 */
#ifndef FAIR_JUDGE_H
#define FAIR_JUDGE_H

#include "os.h"
#include "spin.h"

#ifndef FAIR_TOLERANCE_PPM
#define FAIR_TOLERANCE_PPM 10000u /* 1 % of the expected share */
#endif
#define FAIR_GAP_NS 1000000ull    /* another partition ran in between */
#define FAIR_TAIL_NS 300000000ull /* let the others print their counts */

static const uint32_t fair_weights[] = FAIR_WEIGHTS;
#define FAIR_N (sizeof fair_weights / sizeof fair_weights[0])

static OS_KOBJ struct os_task fair_task;
static _Alignas(8) port_stack_t fair_stack[1024];

static void fair_snapshot(uint64_t *run)
{
    for (uint32_t i = 0; i < FAIR_N; i++) {
        struct pk_part_status st;
        (void)pv_part_status((int32_t)i, &st);
        run[i] = st.run_ns;
    }
}

static void fair_run(void *arg)
{
    (void)arg;
    struct spin_state s;
    uint64_t r1[FAIR_N], r2[FAIR_N];
    uint64_t t1 = 0, t2 = 0;
#ifdef FAIR_BEFORE
    FAIR_BEFORE();
#endif
    spin_init(&s);
    for (;;) {
        uint64_t prev = s.last_ns;
        uint64_t now = spin_step(&s);
        bool fresh = now - prev > FAIR_GAP_NS;
        if (t1 == 0u && now >= FAIR_T1_NS && fresh) {
            fair_snapshot(r1);
            t1 = now;
        } else if (t1 != 0u && t2 == 0u && now >= FAIR_T2_NS && fresh) {
            fair_snapshot(r2);
            t2 = now;
        } else if (t2 != 0u && now >= t2 + FAIR_TAIL_NS) {
            break;
        }
    }
#ifdef FAIR_REPORT_MAX_NS
    uint64_t report_start = pv_time_ns();
#endif
    uint64_t total = 0, wsum = 0;
    for (uint32_t i = 0; i < FAIR_N; i++) {
        total += r2[i] - r1[i];
        wsum += fair_weights[i];
    }
    printf("fair: interval %lu us, CPU charged %lu us (kernel accounting)\n",
           (unsigned long)((t2 - t1) / 1000u), (unsigned long)(total / 1000u));
    bool ok = total > (t2 - t1) / 2u;
    for (uint32_t i = 0; i < FAIR_N; i++) {
        uint64_t d = r2[i] - r1[i];
        /* share and expectation in ppm */
        uint32_t share = (uint32_t)(d * 1000000u / total);
        uint32_t want = (uint32_t)(fair_weights[i] * 1000000u / wsum);
        uint32_t err = share > want ? share - want : want - share;
        uint32_t rel = (uint32_t)((uint64_t)err * 1000000u / want);
        bool good = rel <= FAIR_TOLERANCE_PPM;
        printf("fair: partition %lu weight %lu run %lu us share %lu.%03lu %% "
               "expected %lu.%03lu %% error %lu.%03lu %% of it %s\n",
               (unsigned long)i, (unsigned long)fair_weights[i],
               (unsigned long)(d / 1000u), (unsigned long)(share / 10000u),
               (unsigned long)(share / 10u % 1000u),
               (unsigned long)(want / 10000u),
               (unsigned long)(want / 10u % 1000u),
               (unsigned long)(rel / 10000u), (unsigned long)(rel / 10u % 1000u),
               good ? "ok" : "BAD");
        ok = ok && good;
    }
#ifdef FAIR_REPORT_MAX_NS
    /* The report's lines must reach the console while every other
     * partition computes (the console drains a partition's output in its
     * own turns): the time its printing took, against a bound. */
    uint64_t report_ns = pv_time_ns() - report_start;
    printf("fair: report printed in %lu us (bound %lu us)\n",
           (unsigned long)(report_ns / 1000u),
           (unsigned long)(FAIR_REPORT_MAX_NS / 1000u));
    if (ok && report_ns > FAIR_REPORT_MAX_NS) {
        printf("RESULT %s FAIL the report took longer than its bound\n",
               FAIR_TEST);
        pv_test_exit(1);
    }
#endif
    if (ok)
        printf("RESULT %s PASS\n", FAIR_TEST);
    else
        printf("RESULT %s FAIL a share is off by more than %lu.%lu %%\n",
               FAIR_TEST, (unsigned long)(FAIR_TOLERANCE_PPM / 10000u),
               (unsigned long)(FAIR_TOLERANCE_PPM / 1000u % 10u));
    pv_test_exit(ok ? 0 : 1);
}

int main(void)
{
    os_init();
    os_task_create(&fair_task, "judge", fair_run, NULL, 1, fair_stack, 1024u);
    os_start();
}

#endif /* FAIR_JUDGE_H */
