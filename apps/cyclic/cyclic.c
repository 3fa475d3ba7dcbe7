/*
 * cyclic - the judge partition of tests/target/pk-cyclic: CPU-bound like
 * the others (apps/spin), it ends the run after RUN_NS of virtual time
 * (26 major frames of 100 ms). The kernel of that test keeps a switch log
 * (PK_CONFIG_SWITCH_LOG) and prints it at the exit; the host check
 * (tests/target/pk-cyclic/check.py) verifies from it that every partition
 * ran exactly in its windows.
 */
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define RUN_NS 2650000000ull

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void run(void *arg)
{
    (void)arg;
    while (pv_time_ns() < RUN_NS) {
        for (volatile uint32_t i = 0; i < 1000u; i++) {
        }
    }
    printf("RESULT pk-cyclic PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "cyclic", run, NULL, 1, stack, 512u);
    os_start();
}
