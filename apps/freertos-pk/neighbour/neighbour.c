/*
 * neighbour - the partition that runs beside a FreeRTOS partition in the
 * freertos-pk-* tests (a plain tick-core guest). It checks, for as long as
 * the system runs, what another partition must never change: its own
 * memory (a buffer it fills with a pattern and verifies), its own objects
 * (a semaphore it gives and takes), and its own periodic timing (a 5 ms
 * period with os_delay_until: every wake-up within MAX_LATE_TICKS of its
 * tick, the BVT window and switch allowance of the tests' tables, when the
 * other partition keeps the CPU busy). On a breach it
 * fails the test (its RESULT line and the test exit); otherwise it stays
 * silent but for one line a second. Built with -DNEIGHBOUR_DEADLINE_MS=n
 * (the tests), it also fails the test when the system still runs after n
 * ms: the other partition did not end it (stopped by a fault, or hung),
 * and the run ends at once instead of at the runner's wall-clock limit.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#ifndef APP_TEST_NAME
#define APP_TEST_NAME "freertos-pk"
#endif

#define PATTERN_WORDS 4096u
#define PERIOD_TICKS 5u
/* The tests' window (2 ms) and switch allowance (0.5 ms), in ticks. */
#define MAX_LATE_TICKS 3u

static struct os_task checker OS_KOBJ;
static struct os_sem sem OS_KOBJ;
static port_stack_t checker_stack[512];
static uint32_t pattern[PATTERN_WORDS];

static void fail(const char *why, uint32_t v)
{
    printf("RESULT %s FAIL neighbour: %s (%lu)\n", APP_TEST_NAME, why, (unsigned long)v);
    pv_test_exit(1);
    for (;;)
        os_task_yield();
}

static void check_task(void *arg)
{
    (void)arg;
    for (uint32_t i = 0; i < PATTERN_WORDS; i++)
        pattern[i] = i * 2654435761u;
    os_tick_t wake = os_tick_count();
    for (uint32_t round = 1;; round++) {
        if (os_delay_until(&wake, PERIOD_TICKS) != OS_OK)
            fail("period overran", round);
        if (os_tick_count() - wake > MAX_LATE_TICKS)
            fail("woke late", os_tick_count() - wake);
        for (uint32_t i = 0; i < PATTERN_WORDS; i++)
            if (pattern[i] != i * 2654435761u)
                fail("memory changed", i);
        if (os_sem_give(&sem) != OS_OK || os_sem_take(&sem, OS_NO_WAIT) != OS_OK ||
            os_sem_count(&sem) != 0u)
            fail("semaphore", round);
#ifdef NEIGHBOUR_DEADLINE_MS
        if (round * PERIOD_TICKS >= (uint32_t)NEIGHBOUR_DEADLINE_MS * OS_CONFIG_TICK_HZ / 1000u)
            fail("the other partition did not end the test by its deadline (ms)",
                 NEIGHBOUR_DEADLINE_MS);
#endif
        if (round == 1u || round % 200u == 0u)
            printf("neighbour: %lu periods on time, memory intact\n", (unsigned long)round);
    }
}

int main(void)
{
    os_init();
    if (os_sem_init(&sem, 0, 1) != OS_OK ||
        os_task_create(&checker, "checker", check_task, NULL, 2, checker_stack,
                       sizeof checker_stack / sizeof checker_stack[0]) != OS_OK)
        fail("set-up", 0);
    os_start();
}
