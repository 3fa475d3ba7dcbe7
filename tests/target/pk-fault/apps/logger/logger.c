/*
 * pk-fault, partition "logger" (on_fault = "log"): refused service calls
 * return their error codes and the partition goes on; a data abort is
 * skipped. Also records what QEMU does with "msr cpsr_c" in USR mode.
 * Any unexpected result ends the test with FAIL; the survivor checks the
 * number of health-monitor records (LOGGER_FAULTS).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

static OS_KOBJ struct os_task task;
static OS_KOBJ uint32_t guest_kernel_word;
static _Alignas(8) port_stack_t stack[512];

static void check(const char *what, int32_t got, int32_t want)
{
    printf("%s: %ld (want %ld)\n", what, (long)got, (long)want);
    if (got != want) {
        printf("RESULT pk-fault FAIL logger %s\n", what);
        pv_test_exit(1);
    }
}

static void work(void *arg)
{
    (void)arg;
    os_delay(50u);
    /* 1: a kernel address. */
    check("console write from kernel memory",
          pv_svc(PK_SVC_CONSOLE_WRITE, 0x1000u, 16u, 0u), PK_EFAULT);
    /* 2: its own guest-kernel range, from a task. */
    check("console write from guest-kernel memory in task mode",
          pv_svc(PK_SVC_CONSOLE_WRITE, (uint32_t)(uintptr_t)&guest_kernel_word,
                 4u, 0u),
          PK_EFAULT);
    /* 3: an unknown call. */
    check("unknown service call", pv_svc(99u, 0u, 0u, 0u), PK_ENOSYS);
    /* 4: a guest-kernel-only call from a task. */
    check("block from task mode", pv_svc(PK_SVC_BLOCK, 0u, 0u, 1u), PK_EPERM);
    /* 5: a data abort (write to kernel memory), skipped in "log" mode. */
    *(volatile uint32_t *)0x2000u = 1u;
    printf("resumed after the data abort\n");
    /* Not a fault: QEMU ignores the control bits of "msr cpsr_c" in USR. */
    uint32_t cpsr;
    __asm__ volatile("msr cpsr_c, #0xd3\n\tmrs %0, cpsr" : "=r"(cpsr));
    printf("msr cpsr_c in USR mode: mode now 0x%lx\n",
           (unsigned long)(cpsr & 0x1fu));
    if ((cpsr & 0x1fu) != 0x10u) {
        printf("RESULT pk-fault FAIL msr changed the mode\n");
        pv_test_exit(1);
    }
    printf("logger checks passed\n");
    for (;;)
        os_delay(1000u);
}

int main(void)
{
    os_init();
    os_task_create(&task, "work", work, NULL, 1, stack, 512u);
    os_start();
}
