/*
 * vit-flood, partition "matrix": 40 of apps/matrix's real-time jobs while
 * the other partition floods the VIT service call. Checks, in virtual
 * time: every wake-up within 50 us of its VIT deadline; no job's work
 * interrupted (the longest work phase within 1 % of the shortest: a
 * preemption costs at least a millisecond); the partition's CPU use over
 * the jobs at least 30 % (its demand is about 33 %).
 */
#define MATRIX_NO_MAIN
#define MATRIX_REPORT_JOBS 40u
#include "../../../../../apps/matrix/matrix.c"

#define WAKE_BOUND_NS 50000
#define MIN_CPU_PERMILLE 300u

static struct matrix_series jobs;

static void fail(const char *why)
{
    printf("RESULT vit-flood FAIL %s\n", why);
    pv_test_exit(1);
}

static void test_main(void *arg)
{
    (void)arg;
    struct matrix_job j;
    matrix_setup();
    os_task_set_realtime(NULL, true);
    uint64_t c0 = matrix_cpu_ns(), w0 = os_time_ns();
    while (jobs.n < MATRIX_REPORT_JOBS) {
        matrix_job_run(&j);
        matrix_series_add(&jobs, &j);
    }
    uint64_t c1 = matrix_cpu_ns(), w1 = os_time_ns();
    uint32_t cpu = (uint32_t)((c1 - c0) * 1000u / (w1 - w0));
    matrix_series_print(&jobs, true, cpu);

    int32_t wake_min = INT32_MAX, wake_max = INT32_MIN;
    uint32_t work_min = UINT32_MAX, work_max = 0;
    for (uint32_t i = 0; i < jobs.n; i++) {
        uint32_t w = jobs.work[i] - jobs.sleep[i];
        if (jobs.wake[i] < wake_min)
            wake_min = jobs.wake[i];
        if (jobs.wake[i] > wake_max)
            wake_max = jobs.wake[i];
        if (w < work_min)
            work_min = w;
        if (w > work_max)
            work_max = w;
    }
    printf("vit-flood: wake-up %ld..%ld ns, work %lu..%lu ns, cpu %lu permille\n",
           (long)wake_min, (long)wake_max, (unsigned long)work_min,
           (unsigned long)work_max, (unsigned long)cpu);
    if (wake_min < 0 || wake_max > WAKE_BOUND_NS)
        fail("a wake-up missed its VIT deadline by more than 50 us");
    if ((uint64_t)work_max * 100u > (uint64_t)work_min * 101u)
        fail("a job's work was interrupted");
    if (cpu < MIN_CPU_PERMILLE)
        fail("the matrix partition lost its share");
    printf("RESULT vit-flood PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&matrix_task, "matrix", test_main, NULL, 2, matrix_stack,
                   MATRIX_STACK_WORDS);
    os_start();
}
