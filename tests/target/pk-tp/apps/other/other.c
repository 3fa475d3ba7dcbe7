/*
 * pk-tp, partition "other": not traceable (no `tracepoints` key); sleeps
 * and counts, so that it holds a current task the control channel lists.
 */
#include <stdint.h>

#include "os.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[256];
volatile uint32_t other_loops;

static void run(void *arg)
{
    (void)arg;
    for (;;) {
        other_loops++;
        (void)os_delay(5);
    }
}

int main(void)
{
    os_init();
    os_task_create(&task, "sleeper", run, NULL, 1, stack, 256u);
    os_start();
}
