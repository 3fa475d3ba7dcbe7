/* trace-periodic, partition "hog": CPU-bound for ever. */
#include "os.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[256];

static void spin(void *arg)
{
    (void)arg;
    for (volatile unsigned n = 0;; n++) {
    }
}

int main(void)
{
    os_init();
    os_task_create(&task, "spin", spin, NULL, 1, stack, 256u);
    os_start();
}
