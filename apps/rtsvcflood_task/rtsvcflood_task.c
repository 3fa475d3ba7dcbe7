/*
 * rtsvcflood_task - rt-traceflood from a task (USR mode, virtual user
 * mode): the task makes PK_SVC_CONSOLE_WRITE with length 0, a call every
 * task may make, which writes nothing but is recorded by the kernel
 * (pk_trace_svc) in its own trace buffer like any other. No guest-kernel
 * code of the attacker is needed: any task of any partition of a trace
 * build can fill the kernel's buffer (apps/rtsvcflood has the details).
 */
#include <stdint.h>

#include "os.h"
#include "pv_svc.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[256];
static char byte;

static void run(void *arg)
{
    (void)arg;
    for (;;)
        (void)pv_svc(PK_SVC_CONSOLE_WRITE, (uint32_t)(uintptr_t)&byte, 0u, 0u);
}

int main(void)
{
    os_init();
    os_task_create(&task, "flood", run, NULL, 2, stack, 256u);
    os_start();
    return 0;
}
