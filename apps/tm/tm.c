/*
 * tm.c - the Thread-Metric style suite (see tm.h for what each test does).
 *
 * Priorities (OS_CONFIG_MAX_PRIORITIES >= 8): the reporter 7, above every
 * test task; the preemptive test's five tasks 2..6; every other test task 2.
 * The reporter resumes a test's tasks, sleeps TM_PERIOD_MS, suspends them
 * again and reads the counters: the tasks never print and never sleep, so
 * what is counted is the kernel paths under test and the loop around them.
 */
#include "tm.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "os.h"

#define TM_STACK_WORDS 512u
#define TM_N 5u                 /* tasks of the two scheduling tests */
#define TM_PRIO_TEST 2u
#define TM_PRIO_REPORTER 7u
#define TM_MSG_WORDS 4u         /* a 16-byte message */
#define TM_QUEUE_LEN 4u

_Static_assert(OS_CONFIG_MAX_PRIORITIES >= 8, "the suite needs 8 priorities");

/* A task of the suite: its TCB (OS_KOBJ: where the port keeps kernel
 * objects) and its stack (the task's own memory). */
struct tm_task {
    struct os_task *tcb;
    port_stack_t *stack;
};

static OS_KOBJ struct os_task tcbs[2u * TM_N + 3u];
static _Alignas(8) port_stack_t stacks[2u * TM_N + 3u][TM_STACK_WORDS];
static struct tm_task reporter, coop[TM_N], preempt[TM_N], msg_task, sync_task;
static unsigned tm_made;
static OS_KOBJ struct os_queue msg_queue;
static uint32_t msg_storage[TM_QUEUE_LEN][TM_MSG_WORDS]; /* user memory: the tasks pass its items */
static OS_KOBJ struct os_sem sync_sem;

static volatile uint32_t coop_count[TM_N];
static volatile uint32_t preempt_count[TM_N];
static volatile uint32_t msg_count, msg_bad;
static volatile uint32_t sync_count, sync_bad;

static volatile uintptr_t coop_last = TM_N - 1u;
static volatile uint32_t coop_disorder;

/* Counts, and whether the task that counted before it was the one before
 * it in the line (the yield's round robin: a task that counts twice in a
 * row, or out of turn, is a disorder). */
static void coop_main(void *arg)
{
    uintptr_t i = (uintptr_t)arg;
    uintptr_t before = (i + TM_N - 1u) % TM_N;
    volatile uint32_t *c = &coop_count[i];
    for (;;) {
        if (coop_last != before)
            coop_disorder++;
        coop_last = i;
        (*c)++;
        os_task_yield();
    }
}

/* Task i of the chain (0 the lowest): resumes i + 1, which preempts it,
 * counts; all but the lowest then suspend themselves. */
static void preempt_main(void *arg)
{
    uintptr_t i = (uintptr_t)arg;
    for (;;) {
        if (i + 1u < TM_N)
            (void)os_task_resume(preempt[i + 1u].tcb);
        preempt_count[i]++;
        if (i != 0u)
            (void)os_task_suspend(NULL);
    }
}

static void msg_main(void *arg)
{
    (void)arg;
    uint32_t out[TM_MSG_WORDS], in[TM_MSG_WORDS];
    for (uint32_t n = 0;; n++) {
        for (uint32_t k = 0; k < TM_MSG_WORDS; k++)
            out[k] = n + k;
        if (os_queue_send(&msg_queue, out, 0u) != OS_OK ||
            os_queue_receive(&msg_queue, in, 0u) != OS_OK ||
            memcmp(in, out, sizeof in) != 0)
            msg_bad++;
        msg_count++;
    }
}

static void sync_main(void *arg)
{
    (void)arg;
    for (;;) {
        if (os_sem_take(&sync_sem, 0u) != OS_OK || os_sem_give(&sync_sem) != OS_OK)
            sync_bad++;
        sync_count++;
    }
}

static void make(struct tm_task *t, const char *name, void (*entry)(void *),
                 uintptr_t arg, unsigned prio, bool run)
{
    t->tcb = &tcbs[tm_made];
    t->stack = stacks[tm_made++];
    if (os_task_create(t->tcb, name, entry, (void *)arg, prio, t->stack,
                       TM_STACK_WORDS) != OS_OK ||
        (!run && os_task_suspend(t->tcb) != OS_OK)) {
        printf("TM cannot create task %s\n", name);
        tm_env_exit(1);
    }
}

static void suspend_all(struct tm_task *t, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        (void)os_task_suspend(t[i].tcb); /* OS_ERR_STATE: already */
}

static uint32_t sum(const volatile uint32_t *c, unsigned n)
{
    uint32_t s = 0;
    for (unsigned i = 0; i < n; i++)
        s += c[i];
    return s;
}

static void report(const char *name, uint32_t count, bool ok)
{
    printf("TM test=%s period_ms=%lu count=%lu ok=%d\n", name,
           (unsigned long)TM_PERIOD_MS, (unsigned long)count, ok ? 1 : 0);
}

/* Runs one test: its tasks (the first `start` of them resumed) for the
 * period, then suspended. */
static void run_test(struct tm_task *t, unsigned n, unsigned start)
{
    for (unsigned i = 0; i < start; i++)
        (void)os_task_resume(t[i].tcb);
    os_delay((os_tick_t)((uint64_t)TM_PERIOD_MS * OS_CONFIG_TICK_HZ / 1000u));
    suspend_all(t, n);
}

static void reporter_main(void *arg)
{
    (void)arg;
    unsigned failed = 0;
    os_delay(1u); /* start on a tick */

    run_test(coop, TM_N, TM_N);
    uint32_t lo = coop_count[0], hi = coop_count[0];
    for (unsigned i = 1; i < TM_N; i++) {
        lo = coop_count[i] < lo ? coop_count[i] : lo;
        hi = coop_count[i] > hi ? coop_count[i] : hi;
    }
    /* Round robin: one apart, but for the tick's time slice, which sends
     * a task that got the CPU and has not counted yet to the end of the
     * line: within 0.1 % of the total, and out of turn at most a few times
     * per tick. */
    uint32_t total = sum(coop_count, TM_N);
    uint32_t ticks = (uint32_t)((uint64_t)TM_PERIOD_MS * OS_CONFIG_TICK_HZ / 1000u);
    bool ok = lo > 0u && hi - lo <= 1u + total / 1000u &&
              coop_disorder <= 2u * ticks + TM_N;
    if (!ok)
        printf("TM cooperative counts %lu %lu %lu %lu %lu, %lu out of turn\n",
               (unsigned long)coop_count[0], (unsigned long)coop_count[1],
               (unsigned long)coop_count[2], (unsigned long)coop_count[3],
               (unsigned long)coop_count[4], (unsigned long)coop_disorder);
    failed += !ok;
    report("cooperative", total, ok);

    run_test(preempt, TM_N, 1u);
    /* Each chain counts every task once, from the highest down; the one
     * cut by the period's end leaves the upper counts one ahead. */
    ok = preempt_count[TM_N - 1u] > 0u;
    for (unsigned i = 1; i < TM_N; i++)
        ok = ok && preempt_count[i] <= preempt_count[i - 1u] + 1u &&
             preempt_count[i] + 1u >= preempt_count[i - 1u];
    failed += !ok;
    report("preemptive", sum(preempt_count, TM_N), ok);

    run_test(&msg_task, 1u, 1u);
    ok = msg_count > 0u && msg_bad == 0u;
    failed += !ok;
    report("message", msg_count, ok);

    run_test(&sync_task, 1u, 1u);
    ok = sync_count > 0u && sync_bad == 0u;
    failed += !ok;
    report("sync", sync_count, ok);

    printf("TM done tests=4 failed=%u\n", failed);
    tm_env_exit(failed == 0u ? 0 : 1);
}

void tm_setup(void)
{
    static const char *const coop_names[TM_N] = {"coop0", "coop1", "coop2", "coop3", "coop4"};
    static const char *const pre_names[TM_N] = {"pre0", "pre1", "pre2", "pre3", "pre4"};
    if (os_queue_init(&msg_queue, msg_storage, sizeof msg_storage[0], TM_QUEUE_LEN) != OS_OK ||
        os_sem_init(&sync_sem, 1u, 1u) != OS_OK) {
        printf("TM cannot create the queue or the semaphore\n");
        tm_env_exit(1);
    }
    for (unsigned i = 0; i < TM_N; i++) {
        make(&coop[i], coop_names[i], coop_main, i, TM_PRIO_TEST, false);
        make(&preempt[i], pre_names[i], preempt_main, i, TM_PRIO_TEST + i, false);
    }
    make(&msg_task, "message", msg_main, 0u, TM_PRIO_TEST, false);
    make(&sync_task, "sync", sync_main, 0u, TM_PRIO_TEST, false);
    make(&reporter, "reporter", reporter_main, 0u, TM_PRIO_REPORTER, true);
}
