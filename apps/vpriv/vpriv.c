/*
 * vpriv.c - test application of tests/target/pk-vpriv: the tasks of a
 * partition attack their own guest kernel and must not get its rights.
 *
 * Checks, in order (the controller task "ctl" drives them):
 *   1. The gate round trip: a loop of os_tick_count() calls timed with the
 *      kernel clock (printed; under icount shift=2, 4 ns per instruction).
 *   2. A TCB in user memory (no OS_KOBJ) and a stack inside the guest-kernel
 *      range are refused by os_task_create (OS_ERR_PARAM).
 *   3. "victim" (higher priority) is blocked inside os_sem_take. ctl
 *      replaces every word of the victim's stack that points into the guest
 *      kernel by the address of pwned(), then gives the semaphore: the
 *      victim must resume in its own code and go round its loop.
 *   4. The same, with the whole stack area overwritten by that address; the
 *      core's stack check must notice (the guard words are gone).
 *   5. A task created from a task (os_task_create: seven arguments, three
 *      on the stack) has its stack overwritten before its first run; it
 *      must still start at its entry with its argument.
 * pwned() lies in the guest-kernel range; reaching it in guest-kernel mode
 * is the failure this test exists for (in task mode it cannot even be
 * fetched: it is no gate, so that is a fault, and the partition's
 * on_fault = "stop" ends the run without a PASS line).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define VICTIM_WORDS 512u
#define GATE_CALLS 20000u
#define FRESH_ARG 0x1234ABCDu

/* Guest-kernel range (linker/partition.ld). */
extern char pv_gk_start[];
extern char pv_gk_end[];

static OS_KOBJ struct os_task ctl_task, victim_task, fresh_task, probe_task;
static OS_KOBJ struct os_sem wake;
/* Deliberately in user memory: os_task_create must refuse it. */
static struct os_task user_tcb;
/* Deliberately in guest-kernel memory: refused as a task stack. */
static OS_KOBJ _Alignas(8) port_stack_t gk_stack[256];

static _Alignas(8) port_stack_t ctl_stack[1024];
static _Alignas(8) port_stack_t victim_stack[VICTIM_WORDS];
static _Alignas(8) port_stack_t fresh_stack[VICTIM_WORDS];
static _Alignas(8) port_stack_t probe_stack[256];

static volatile uint32_t victim_rounds; /* victim's loop iterations */
static volatile uint32_t fresh_arg;     /* what fresh_entry received */
static volatile uint32_t fresh_done;    /* fresh_entry ran to its end */
static volatile uint32_t overflows;     /* stack-check reports */
static unsigned failures;

/*
 * Code placed in the guest-kernel range (".kobj" is collected there). It is
 * not a gate: a task jumping here takes a prefetch abort. Only guest-kernel
 * mode can execute it, so running at all means a task got guest-kernel
 * control.
 */
__attribute__((section(".kobj.pwned"), noinline, used)) void vpriv_pwned(void)
{
    static const char msg[] =
        "RESULT pk-vpriv FAIL guest-kernel code ran from a forged frame\n";
    (void)pv_console_write(msg, sizeof msg - 1u);
    pv_test_exit(1);
    for (;;) {
    }
}

/* The core's stack check calls this (in guest-kernel mode, at a task
 * switch) instead of stopping the partition, so the test can go on and
 * count the detections. */
void os_hook_stack_overflow(struct os_task *t)
{
    (void)t;
    overflows++;
}

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAILED", what);
    if (!ok)
        failures++;
}

static void victim(void *arg)
{
    (void)arg;
    for (;;) {
        (void)os_sem_take(&wake, OS_WAIT_FOREVER);
        victim_rounds++;
    }
}

static void fresh_entry(void *arg)
{
    fresh_arg = (uint32_t)(uintptr_t)arg;
    fresh_done = 1u;
    /* Returns to os_task_exit, through the gate. */
}

static void probe_entry(void *arg)
{
    (void)arg;
}

/* Replace every word of stack that points into the guest kernel (when
 * all is false), or every word (all true), by &vpriv_pwned. */
static uint32_t forge(port_stack_t *stack, size_t words, int all)
{
    uint32_t lo = (uint32_t)(uintptr_t)pv_gk_start;
    uint32_t size = (uint32_t)(pv_gk_end - pv_gk_start);
    uint32_t n = 0;
    for (size_t i = 0; i < words; i++) {
        volatile port_stack_t *w = &stack[i];
        if (all || *w - lo < size) {
            *w = (port_stack_t)(uintptr_t)vpriv_pwned;
            n++;
        }
    }
    return n;
}

/* A plain function call of the same shape as os_tick_count(), without the
 * gate: the reference the gate round trip is measured against. */
static volatile uint32_t plain_value;
__attribute__((noinline)) static uint32_t plain_call(void)
{
    return plain_value;
}

static void measure_gate(void)
{
    uint32_t sink = 0;
    uint64_t t0 = pv_time_ns();
    for (uint32_t i = 0; i < GATE_CALLS; i++)
        sink += os_tick_count();
    uint64_t t1 = pv_time_ns();
    /* The same loop without the call, to subtract the loop itself. */
    uint64_t t2 = pv_time_ns();
    for (uint32_t i = 0; i < GATE_CALLS; i++)
        sink += plain_call();
    uint64_t t3 = pv_time_ns();
    uint64_t gate = (t1 - t0) / GATE_CALLS, plain = (t3 - t2) / GATE_CALLS;
    printf("gate round trip: %lu ns per os_tick_count(), %lu ns per plain "
           "call: %lu instructions (%u calls, %lu)\n",
           (unsigned long)gate, (unsigned long)plain,
           (unsigned long)((gate - plain) / 4u), (unsigned)GATE_CALLS,
           (unsigned long)(sink & 1u));
}

static void ctl(void *arg)
{
    (void)arg;
    measure_gate();

    check(os_task_create(&user_tcb, "user_tcb", probe_entry, NULL, 1,
                         probe_stack, 256u) == OS_ERR_PARAM,
          "TCB in user memory refused");
    check(os_task_create(&probe_task, "gk_stack", probe_entry, NULL, 1,
                         gk_stack, 256u) == OS_ERR_PARAM,
          "stack in guest-kernel memory refused");

    /* The victim ran first (higher priority) and waits in os_sem_take. */
    check(victim_rounds == 0u, "victim blocked inside the guest kernel");
    uint32_t n = forge(victim_stack, VICTIM_WORDS, 0);
    printf("forged %lu guest-kernel words on the victim's stack\n",
           (unsigned long)n);
    (void)os_sem_give(&wake);
    check(victim_rounds == 1u, "victim resumed correctly (selective forge)");

    n = forge(victim_stack, VICTIM_WORDS, 1);
    printf("forged all %lu words of the victim's stack\n", (unsigned long)n);
    (void)os_sem_give(&wake);
    check(victim_rounds == 2u, "victim resumed correctly (whole stack)");
    check(overflows >= 1u, "stack check saw the overwritten guard words");

    check(os_task_create(&fresh_task, "fresh", fresh_entry,
                         (void *)(uintptr_t)FRESH_ARG, 1, fresh_stack,
                         VICTIM_WORDS) == OS_OK,
          "task created from a task (stack arguments)");
    check(os_task_get_priority(&fresh_task) == 1u,
          "stack argument priority arrived");
    (void)forge(fresh_stack, VICTIM_WORDS, 1);
    os_delay(3u); /* fresh (priority 1) runs now */
    check(fresh_done == 1u && fresh_arg == FRESH_ARG,
          "forged fresh stack: task started at its entry with its argument");

    if (failures != 0u) {
        printf("RESULT pk-vpriv FAIL %u checks failed\n", failures);
        pv_test_exit(1);
    }
    printf("RESULT pk-vpriv PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_sem_init(&wake, 0u, 10u);
    os_task_create(&ctl_task, "ctl", ctl, NULL, 2, ctl_stack, 1024u);
    os_task_create(&victim_task, "victim", victim, NULL, 3, victim_stack,
                   VICTIM_WORDS);
    os_start();
}
