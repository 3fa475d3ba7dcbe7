/*
 * vit-fair, partition "matrix": apps/matrix's jobs in a plain task until
 * 2 s of global time, then in a real-time task (VIT) for ever; prints one
 * MATRIX line per phase. The verdict is the hog's (apps/hog/fair.c).
 */
#define MATRIX_NO_MAIN
#include "../../../../../apps/matrix/matrix.c"

#define SWITCH_NS 2000000000ull

static struct matrix_series jobs;

static void test_main(void *arg)
{
    (void)arg;
    struct matrix_job j;
    matrix_setup();
    os_task_set_realtime(NULL, false);
    while (os_time_ns() < SWITCH_NS) {
        matrix_job_run(&j);
        matrix_series_add(&jobs, &j);
    }
    matrix_series_print(&jobs, false, 0u);
    for (;;)
        matrix_run_series(&jobs, true);
}

int main(void)
{
    os_init();
    os_task_create(&matrix_task, "matrix", test_main, NULL, 2, matrix_stack,
                   MATRIX_STACK_WORDS);
    os_start();
}
