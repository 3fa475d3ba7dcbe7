/*
 * vit-two, partition "matrix": apps/matrix's real-time jobs, TWO_SERIES
 * series of MATRIX_REPORT_JOBS. Every job's wake-up must come at most
 * TWO_WAKE_MAX_NS after its VIT deadline, also when the deadline falls
 * together with one of the player's (then the player's presentation, its
 * real-time work, runs first: the wake-up is later than alone, still within
 * the bound). Without the end of the player's warp when its real-time work
 * is done, the player's decoding holds these wake-ups up by milliseconds.
 * At least one wake-up must have been held up by the player (later than
 * TWO_HELD_NS), or the test did not exercise the collision. Then it prints
 * the run's verdict; the player has printed its own by then (check.py).
 */
#define MATRIX_NO_MAIN
#include "../../../../../apps/matrix/matrix.c"

#define TWO_SERIES 3u
#define TWO_WAKE_MAX_NS 50000
#define TWO_PRESENT_MAX_NS 500000
#define TWO_HELD_NS 25000

static struct matrix_series jobs;

static void test_main(void *arg)
{
    (void)arg;
    matrix_setup();
    int32_t worst = 0;
    uint32_t held = 0u, n = 0u;
    for (uint32_t k = 0; k < TWO_SERIES; k++) {
        matrix_run_series(&jobs, true);
        for (uint32_t i = 0; i < jobs.n; i++) {
            if (jobs.wake[i] > worst)
                worst = jobs.wake[i];
            if (jobs.wake[i] > TWO_HELD_NS)
                held++;
        }
        n += jobs.n;
    }
    printf("vit-two: matrix %lu jobs, worst wake-up %ld ns after the "
           "deadline, %lu held up by the player\n", (unsigned long)n,
           (long)worst, (unsigned long)held);
    if (worst > TWO_WAKE_MAX_NS + TWO_PRESENT_MAX_NS) {
        printf("RESULT vit-two FAIL matrix: a wake-up was late\n");
        pv_test_exit(1);
    }
    if (held == 0u) {
        printf("RESULT vit-two FAIL matrix: no deadline fell with the "
               "player's\n");
        pv_test_exit(1);
    }
    printf("RESULT vit-two PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&matrix_task, "matrix", test_main, NULL, 2, matrix_stack,
                   MATRIX_STACK_WORDS);
    os_start();
}
