/*
 * rtthumb - a task that runs Thumb code.
 *
 * The ARM926EJ-S runs Thumb code in USR mode, and nothing in the ABI keeps
 * a task from switching to it ("bx" to an odd address). When a virtual tick
 * interrupts the task, the kernel copies the interrupted context, T bit
 * included, into the vCPU for the upcall; the guest hands it back with
 * PK_SVC_UPCALL_RETURN, which refuses any context with the T bit
 * (bad_context, partitions/vcpu.c): the partition is stopped even with
 * on_fault = "log", where a task's own REPORT_ERROR would only be logged.
 * The task counts Thumb loop rounds in a user variable and prints it every
 * 100 ms from ARM code; the run ends after 1 s with
 *   RESULT rt-thumb PASS       (the task ran on through the ticks)
 * else the partition is stopped and the timeout ends the run.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];
static volatile uint32_t rounds;

/* 100000 rounds of a Thumb loop (about 1 ms), entered with blx. */
__attribute__((target("thumb"), noinline)) static void thumb_spin(void)
{
    for (uint32_t i = 0; i < 100000u; i++)
        rounds++;
}

static void run(void *arg)
{
    (void)arg;
    uint64_t t0 = os_time_ns();
    for (uint32_t k = 1;; k++) {
        thumb_spin();
        if (k % 100u == 0u)
            printf("rtthumb: rounds=%lu\n", (unsigned long)rounds);
        if (os_time_ns() - t0 > 1000000000ull) {
            printf("RESULT rt-thumb PASS\n");
            pv_test_exit(0);
        }
    }
}

int main(void)
{
    os_init();
    os_task_create(&task, "rtthumb", run, NULL, 2, stack, 512u);
    os_start();
}
