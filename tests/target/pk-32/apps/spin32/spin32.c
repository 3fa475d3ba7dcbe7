/*
 * spin32 - partitions p01..p31 of tests/target/pk-32: the isolation
 * attempts of iso32.h, then the CPU-bound loop of the fairness tests.
 */
#define FAIR_T1_NS 800000000ull  /* warm-up: the 32 cold starts end at 0.6 s */
#define FAIR_T2_NS 1800000000ull /* then 1 s measured */
#include "../../../../../apps/spin/spin.h"
#include "../iso32.h"
#include "os.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void run(void *arg)
{
    (void)arg;
    iso32_attack();
    struct spin_state s;
    spin_init(&s);
    for (;;)
        (void)spin_step(&s);
}

int main(void)
{
    os_init();
    os_task_create(&task, "spin", run, NULL, 1, stack, 512u);
    os_start();
}
