/*
 * spin - a CPU-bound partition for the fairness tests: one task running
 * the counting loop of spin.h for ever.
 */
#include "os.h"
#include "spin.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void run(void *arg)
{
    (void)arg;
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
