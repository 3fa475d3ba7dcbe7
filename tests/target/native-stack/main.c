/*
 * native-stack: a task recurses until it writes into the guard words at the
 * bottom of its own stack. The tick core's check on the next switch finds the
 * guard damaged and calls os_hook_stack_overflow(), which this test
 * overrides to record and report the task instead of panicking. Checked: the
 * overflow is reported for the right task, and afterwards the system is
 * sane (the overflowing task is parked, a worker task keeps running and the
 * monitor's delays still end on time). Then each guard word alone, with one
 * bit flipped, is found on both switch paths (the yield's, and the general
 * one a delay takes), and only for the task whose guard it is.
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define SMALL_WORDS 256u
#define STACK_WORDS 1024u

static struct os_task diver, worker, monitor, victim;
/* A spare area below the diver's stack: the recursion stops inside the
 * guard, but the spare keeps even a slightly deeper write inside this
 * object rather than in someone else's. Members are laid out in order. */
static struct {
    port_stack_t spare[64];
    port_stack_t stack[SMALL_WORDS];
} diver_area __attribute__((aligned(8)));
static port_stack_t stack_w[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_m[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_v[SMALL_WORDS] __attribute__((aligned(8)));

static struct os_task *volatile overflowed;
static volatile unsigned overflow_reports;
/* The guard probes: the task each report names, counted. */
static struct os_task *volatile expected;
static volatile unsigned probe_hits, probe_wrong;
static volatile uint32_t worker_count;
static volatile unsigned depth_reached;

void os_hook_stack_overflow(struct os_task *t)
{
    if (expected != NULL) {
        if (t == expected)
            probe_hits++;
        else
            probe_wrong++;
        return;
    }
    if (overflow_reports++ == 0u) {
        overflowed = t;
        printf("stack overflow detected in task %s\n", t->name);
    }
}

/* Recurse until the local array reaches the lowest 16 words of the stack
 * (the guard words are the lowest OS_CONFIG_STACK_GUARD_WORDS). */
static unsigned dive(unsigned depth)
{
    volatile uint32_t pad[8];
    uintptr_t low = (uintptr_t)diver_area.stack;
    for (unsigned i = 0; i < 8u; i++) {
        pad[i] = 0xDEAD0000u + depth;
    }
    if ((uintptr_t)&pad[0] > low + 16u * sizeof(port_stack_t)) {
        return dive(depth + 1u) + pad[0] - pad[0];
    }
    /* Touch down to the very bottom (the guard) through the pad. */
    volatile uint32_t *p = (volatile uint32_t *)low;
    while (p < &pad[0]) {
        *p++ = 0xBAD0BAD0u;
    }
    return depth;
}

static void diver_task(void *arg)
{
    (void)arg;
    depth_reached = dive(0);
    os_delay(1); /* switch out: the check runs here */
    os_task_suspend(NULL);
}

static void worker_task(void *arg)
{
    (void)arg;
    for (;;) {
        worker_count++;
    }
}

/* A victim flips one bit of guard word `word` of its own stack, then
 * switches out by a yield (arg bit 8 clear) or a delay (set). */
static void victim_task(void *arg)
{
    unsigned word = (unsigned)(uintptr_t)arg & 0xFFu;
    victim.stack_base[word] ^= 1u << (word * 7u + 3u);
    if (((uintptr_t)arg & 0x100u) != 0u)
        os_delay(1);
    else
        os_task_yield();
    for (;;)
        os_task_suspend(NULL);
}

/* Each guard word alone, on each switch path: reported, for the victim
 * only. The victim runs above the worker, so only they two switch. */
static void probe_guards(void)
{
    for (unsigned path = 0; path < 2u; path++) {
        for (unsigned word = 0; word < OS_CONFIG_STACK_GUARD_WORDS; word++) {
            unsigned before = probe_hits;
            expected = &victim;
            TN_CHECK(os_task_create(&victim, "victim", victim_task,
                                    (void *)(uintptr_t)(word | path << 8), 2, stack_v,
                                    SMALL_WORDS) == OS_OK);
            os_delay(3);
            TN_CHECK(victim.state == OS_TASK_SUSPENDED);
            TN_CHECK(os_task_delete(&victim) == OS_OK);
            expected = NULL;
            if (probe_hits == before)
                printf("guard word %u damaged, not found on the %s path\n", word,
                       path != 0u ? "delay" : "yield");
            TN_CHECK(probe_hits != before);
        }
    }
    TN_CHECK(probe_wrong == 0u);
    printf("each guard word found alone on both switch paths (%u reports)\n", probe_hits);
}

static void monitor_task(void *arg)
{
    (void)arg;
    os_delay(5);
    TN_CHECK(overflow_reports >= 1u);
    TN_CHECK(overflowed == &diver);
    printf("diver recursed %u levels; overflow reported %u time(s)\n", depth_reached,
           overflow_reports);
    /* The rest of the system still works. */
    uint32_t before = worker_count;
    os_tick_t t0 = os_tick_count();
    uint64_t ns0 = bsp_clock_ns();
    os_delay(10);
    uint64_t waited = bsp_clock_ns() - ns0;
    TN_CHECK(os_tick_count() - t0 == 10u);
    TN_CHECK(waited >= 9000000u && waited <= 10100000u);
    TN_CHECK(worker_count != before);
    TN_CHECK(diver.state == OS_TASK_SUSPENDED);
    printf("after the overflow: worker ran, a 10-tick delay took %lu us\n",
           (unsigned long)(waited / 1000u));
    probe_guards();
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-stack");
    os_init();
    TN_CHECK(os_task_create(&monitor, "monitor", monitor_task, NULL, 3, stack_m, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&diver, "diver", diver_task, NULL, 2, diver_area.stack, SMALL_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&worker, "worker", worker_task, NULL, 1, stack_w, STACK_WORDS) == OS_OK);
    os_start();
}
