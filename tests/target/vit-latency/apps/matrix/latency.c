/*
 * vit-latency, partition "matrix": apps/matrix's jobs, first 30 in a plain
 * task (ordinary delays: no VIT request), then 30 with the task marked
 * real-time (each delay registers its wake-up through VIT), while the hog
 * partition is CPU-bound. Checks, in virtual time:
 *   - plain delays make no VIT request, real-time ones one per job;
 *   - every real-time wake-up comes 0..50 us after its VIT deadline, and
 *     no real-time sleep lasts more than 30 ms + 50 us;
 *   - plain wake-ups are late: the worst sleep lasts at least 1 ms more
 *     than 30 ms, and at most a window (20 ms) plus a tick more.
 */
#define MATRIX_NO_MAIN
#define MATRIX_REPORT_JOBS 30u
#include "../../../../../apps/matrix/matrix.c"

#define SLEEP_NS 30000000ll
#define WAKE_BOUND_NS 50000ll
#define WINDOW_NS 20000000ll
#define TICK_NS 1000000ll

static struct matrix_series plain_jobs, rt_jobs;

static void fail(const char *why)
{
    printf("RESULT vit-latency FAIL %s\n", why);
    pv_test_exit(1);
}

static void test_main(void *arg)
{
    (void)arg;
    matrix_setup();
    uint32_t r0 = pv_vit_requests;
    matrix_run_series(&plain_jobs, false);
    uint32_t r1 = pv_vit_requests;
    matrix_run_series(&rt_jobs, true);
    uint32_t r2 = pv_vit_requests;

    int64_t plain_late = INT64_MIN, rt_over = INT64_MIN;
    int64_t wake_min = INT64_MAX, wake_max = INT64_MIN;
    for (uint32_t i = 0; i < plain_jobs.n; i++) {
        int64_t late = (int64_t)plain_jobs.sleep[i] - SLEEP_NS;
        if (late > plain_late)
            plain_late = late;
    }
    for (uint32_t i = 0; i < rt_jobs.n; i++) {
        int64_t over = (int64_t)rt_jobs.sleep[i] - SLEEP_NS;
        if (over > rt_over)
            rt_over = over;
        if (rt_jobs.wake[i] < wake_min)
            wake_min = rt_jobs.wake[i];
        if (rt_jobs.wake[i] > wake_max)
            wake_max = rt_jobs.wake[i];
    }
    printf("vit-latency: VIT requests plain %lu rt %lu\n",
           (unsigned long)(r1 - r0), (unsigned long)(r2 - r1));
    printf("vit-latency: VIT wake-up %ld..%ld ns after the deadline, sleep "
           "at most %ld ns over 30 ms\n",
           (long)wake_min, (long)wake_max, (long)rt_over);
    printf("vit-latency: plain sleep at most %ld ns over 30 ms\n",
           (long)plain_late);
    if (r1 != r0)
        fail("an ordinary delay made a VIT request");
    if (r2 - r1 != rt_jobs.n)
        fail("a real-time delay made no VIT request");
    if (wake_min < 0 || wake_max > WAKE_BOUND_NS)
        fail("real-time wake-up not within 50 us of its VIT deadline");
    if (rt_over > WAKE_BOUND_NS)
        fail("real-time sleep longer than 30 ms + 50 us");
    if (plain_late < TICK_NS)
        fail("plain wake-ups were not late: the test shows nothing");
    if (plain_late > WINDOW_NS + TICK_NS)
        fail("plain wake-up later than a window");
    printf("RESULT vit-latency PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&matrix_task, "matrix", test_main, NULL, 2, matrix_stack,
                   MATRIX_STACK_WORDS);
    os_start();
}
