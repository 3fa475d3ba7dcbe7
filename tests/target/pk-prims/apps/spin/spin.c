/*
 * pk-prims, partition "spin": CPU-bound, so that the checker shares the
 * processor (its timers and waits run across the other's windows).
 */
#include "os.h"

#define STACK_WORDS 256u

static OS_KOBJ struct os_task spin_task;
static _Alignas(8) port_stack_t spin_stack[STACK_WORDS];
static volatile uint32_t spins;

static void spin(void *arg)
{
    (void)arg;
    for (;;)
        spins++;
}

int main(void)
{
    os_init();
    os_task_create(&spin_task, "spin", spin, NULL, 1, spin_stack, STACK_WORDS);
    os_start();
}
