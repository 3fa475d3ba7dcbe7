/*
 * native-preempt: a higher-priority task woken from an interrupt preempts a
 * busy lower-priority task at once. The board's auxiliary one-shot (bsp_aux_timer_*) fires at
 * varying one-shot delays; its handler stamps the 64-bit clock and gives a
 * semaphore; the high task stamps the clock when its take returns. Checked:
 * every wake happened while the low task was busy (it had made progress
 * since the timer was armed, so the switch was a preemption, not idle), and
 * the IRQ-to-task latency stays under a bound (virtual time under icount).
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define ROUNDS 200u
#define STACK_WORDS 1024u
/* Generous for an ARM926 at 250 MIPS; a broken switch path is far above. */
#define MAX_LATENCY_NS 20000u

static struct os_task high, low;
static port_stack_t stack_h[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_l[STACK_WORDS] __attribute__((aligned(8)));
static struct os_sem wake;
static volatile uint64_t irq_time;
static volatile uint32_t low_progress;

static void aux_timer_irq(void *arg)
{
    (void)arg;
    irq_time = bsp_clock_ns();
    bsp_aux_timer_clear();
    (void)os_sem_give_from_isr(&wake);
}

static void high_task(void *arg)
{
    (void)arg;
    uint32_t min = UINT32_MAX, max = 0;
    uint64_t sum = 0;
    if (bsp_aux_timer_attach(aux_timer_irq, NULL) != 0) {
        tn_fail("the board has no auxiliary timer (system.mk: SYSTEM_NEEDS)");
    }
    for (unsigned i = 0; i < ROUNDS; i++) {
        uint32_t before = low_progress;
        bsp_aux_timer_start(200u + (i * 37u) % 500u);
        TN_CHECK(os_sem_take(&wake, 100) == OS_OK);
        uint64_t now = bsp_clock_ns();
        uint32_t latency = (uint32_t)(now - irq_time);
        if (low_progress == before) {
            tn_fail("round %u: the low task did not run while waiting", i);
        }
        if (latency < min) min = latency;
        if (latency > max) max = latency;
        sum += latency;
    }
    printf("IRQ -> high task: %u rounds, min %lu ns, mean %lu ns, max %lu ns\n", ROUNDS,
           (unsigned long)min, (unsigned long)(sum / ROUNDS), (unsigned long)max);
    if (max > MAX_LATENCY_NS) {
        tn_fail("max latency %lu ns > %u ns", (unsigned long)max, MAX_LATENCY_NS);
    }
    tn_pass();
}

static void low_task(void *arg)
{
    (void)arg;
    for (;;) {
        low_progress++;
    }
}

int main(void)
{
    bsp_init();
    tn_begin("native-preempt");
    os_init();
    TN_CHECK(os_sem_init(&wake, 0, 1) == OS_OK);
    TN_CHECK(os_task_create(&high, "high", high_task, NULL, 3, stack_h, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&low, "low", low_task, NULL, 1, stack_l, STACK_WORDS) == OS_OK);
    os_start();
}
