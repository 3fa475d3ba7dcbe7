/*
 * native-inherit: priority inversion averted by inheritance.
 * L (priority 1) locks the mutex and computes for 5 ticks. H (3) wakes at
 * tick 1 and blocks on the mutex; M (2) wakes at tick 2 and would compute
 * forever-ish. With inheritance L runs at priority 3 while H waits, so M
 * cannot preempt it: the events must be, in this order,
 *   L locks, H waits, (L raised to 3), L unlocks, H locks, H done, M runs.
 * Without inheritance M would run before L unlocks and H would wait for M.
 */
#include <stdio.h>
#include <string.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define STACK_WORDS 1024u

static struct os_task task_l, task_m, task_h, task_check;
static port_stack_t stack_l[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_m[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_h[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_c[STACK_WORDS] __attribute__((aligned(8)));
static struct os_mutex mutex;

/* Event log: one letter per event, in the order they happened. */
static char events[16];
static volatile unsigned n_events;
static volatile unsigned l_priority_while_h_waits;

static void event(char c)
{
    os_critical_enter();
    if (n_events < sizeof events - 1u) {
        events[n_events++] = c;
    }
    os_critical_exit();
}

/* Busy for `ticks` ticks without blocking. */
static void compute(os_tick_t ticks)
{
    os_tick_t start = os_tick_count();
    while (os_tick_count() - start < ticks) {
    }
}

static void low(void *arg)
{
    (void)arg;
    TN_CHECK(os_mutex_lock(&mutex, OS_WAIT_FOREVER) == OS_OK);
    event('l'); /* L locks */
    compute(3);
    l_priority_while_h_waits = os_task_get_priority(NULL);
    compute(2);
    event('u'); /* L unlocks */
    TN_CHECK(os_mutex_unlock(&mutex) == OS_OK);
    TN_CHECK(os_task_get_priority(NULL) == 1u);
    os_task_suspend(NULL);
}

static void medium(void *arg)
{
    (void)arg;
    os_delay(2);
    event('M'); /* M runs */
    compute(3);
    os_task_suspend(NULL);
}

static void high(void *arg)
{
    (void)arg;
    os_delay(1);
    event('w'); /* H about to wait */
    TN_CHECK(os_mutex_lock(&mutex, OS_WAIT_FOREVER) == OS_OK);
    event('H'); /* H locks */
    TN_CHECK(os_mutex_unlock(&mutex) == OS_OK);
    event('d'); /* H done */
    os_task_suspend(NULL);
}

static void checker(void *arg)
{
    (void)arg;
    os_delay(20);
    printf("events: %s (l=L locks, w=H waits, u=L unlocks, H=H locks, d=H done, M=M runs)\n",
           events);
    printf("L's priority while H waited: %u\n", l_priority_while_h_waits);
    if (strcmp(events, "lwuHdM") != 0) {
        tn_fail("event order %s, expected lwuHdM", events);
    }
    TN_CHECK(l_priority_while_h_waits == 3u);
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-inherit");
    os_init();
    TN_CHECK(os_mutex_init(&mutex) == OS_OK);
    TN_CHECK(os_task_create(&task_check, "check", checker, NULL, 4, stack_c, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&task_h, "high", high, NULL, 3, stack_h, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&task_m, "medium", medium, NULL, 2, stack_m, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&task_l, "low", low, NULL, 1, stack_l, STACK_WORDS) == OS_OK);
    os_start();
}
