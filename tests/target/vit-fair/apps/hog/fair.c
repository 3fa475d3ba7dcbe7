/*
 * vit-fair, partition "hog": apps/hog's work in small chunks, counting the
 * chunks finished in [0.5 s, 2 s) (the matrix task is plain: BVT alone)
 * and in [2.5 s, 4 s) (the matrix task uses VIT). Equal intervals, so the
 * ratio of the counts is the ratio of the hog's CPU shares; it must lie
 * within 2 % of 1. A warp that was not charged, or that outlived its limit,
 * would show here as a smaller share with VIT.
 */
#define HOG_NO_MAIN
#define HOG_ITERATIONS 20000u
#include "../../../../../apps/hog/hog.c"

#define A0_NS 500000000ull
#define A1_NS 2000000000ull
#define B0_NS 2500000000ull
#define B1_NS 4000000000ull

static void test_main(void *arg)
{
    (void)arg;
    uint32_t a = 0, b = 0;
    for (;;) {
        hog_job();
        uint64_t t = os_time_ns();
        if (t >= A0_NS && t < A1_NS)
            a++;
        else if (t >= B0_NS && t < B1_NS)
            b++;
        else if (t >= B1_NS)
            break;
    }
    /* Share with VIT relative to plain BVT, in units of 0.01 %. */
    uint32_t ratio = a != 0u ? (uint32_t)((uint64_t)b * 10000u / a) : 0u;
    printf("vit-fair: hog chunks plain BVT %lu, BVT+VIT %lu, ratio %lu.%02lu %%\n",
           (unsigned long)a, (unsigned long)b, (unsigned long)(ratio / 100u),
           (unsigned long)(ratio % 100u));
    if (a < 1000u) {
        printf("RESULT vit-fair FAIL the hog hardly ran (%lu chunks)\n",
               (unsigned long)a);
        pv_test_exit(1);
    }
    if (ratio < 9800u || ratio > 10200u) {
        printf("RESULT vit-fair FAIL hog share with VIT not within 2 %% of "
               "plain BVT\n");
        pv_test_exit(1);
    }
    printf("RESULT vit-fair PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&hog_task, "hog", test_main, NULL, 1, hog_stack,
                   HOG_STACK_WORDS);
    os_start();
}
