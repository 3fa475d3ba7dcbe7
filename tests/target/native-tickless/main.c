/*
 * native-tickless: tickless idle (OS_CONFIG_TICKLESS). One task delays for
 * several lengths while nothing else is ready:
 *   - the tick's one-shot must expire about once per delay (once per second
 *     of a longer one, the timer's cap), not once per tick;
 *   - the tick count must advance by exactly the delay, the nominal tick
 *     time (port_tick_time_ns) by exactly the delay's periods, and the task
 *     must run again within a small latency of that grid point;
 *   - an unrelated interrupt in the middle of a delay (the auxiliary
 *     one-shot) wakes the CPU early: the ticks passed are announced, the
 *     tick resumes, and the delay still ends exactly on time;
 *   - with a CPU-bound task ready the tick runs every period as usual.
 * A port that ticks while idle fails the interrupt counts; one that loses
 * or adds ticks in the catch-up fails the counts and the times.
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define TICK_NS (1000000000ull / OS_CONFIG_TICK_HZ)
#define STACK_WORDS 1024u
/* Latency allowed from the grid point to the task running (the expiry,
 * the catch-up, the switch): 10 us. */
#define LATE_NS 10000u

static struct os_task task, spinner;
static port_stack_t stack[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_s[STACK_WORDS] __attribute__((aligned(8)));
static volatile uint32_t aux_hits;
static volatile bool spin;

static void aux_irq(void *arg)
{
    (void)arg;
    bsp_aux_timer_clear();
    aux_hits++;
}

/* Delay `ticks`, check the count, the grid and the wake-up latency; return
 * the tick interrupts it took. */
static uint32_t checked_delay(os_tick_t ticks)
{
    os_tick_t k0 = os_tick_count();
    uint64_t g0 = port_tick_time_ns();
    uint32_t i0 = bsp_tick_interrupts();
    TN_CHECK(os_delay(ticks) == OS_OK);
    uint64_t now = bsp_clock_ns();
    uint32_t irqs = bsp_tick_interrupts() - i0;
    os_tick_t k = os_tick_count() - k0;
    uint64_t g = port_tick_time_ns() - g0;
    uint64_t late = now - port_tick_time_ns();
    printf("delay %lu: %lu ticks, grid +%lu us, woke %lu ns after the tick, %lu tick interrupt(s)\n",
           (unsigned long)ticks, (unsigned long)k, (unsigned long)(g / 1000u),
           (unsigned long)late, (unsigned long)irqs);
    TN_CHECK(k == ticks);
    TN_CHECK(g == (uint64_t)ticks * TICK_NS);
    TN_CHECK(late < LATE_NS);
    return irqs;
}

static void spinner_task(void *arg)
{
    (void)arg;
    for (;;) {
        while (spin) {
        }
        (void)os_task_suspend(NULL);
    }
}

static void run(void *arg)
{
    (void)arg;
    os_delay(1u); /* start on a tick edge */
    /* Idle: one expiry per delay (up to the cap of about a second). */
    static const os_tick_t lengths[] = {2u, 10u, 137u, 999u};
    for (unsigned i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        uint32_t irqs = checked_delay(lengths[i]);
        TN_CHECK(irqs >= 1u && irqs <= 2u);
    }
    uint32_t irqs = checked_delay(2500u);
    TN_CHECK(irqs >= 2u && irqs <= 4u);

    /* An unrelated interrupt 30 ms into a 100-tick delay. */
    if (bsp_aux_timer_attach(aux_irq, NULL) == 0) {
        bsp_aux_timer_start(30000u);
        irqs = checked_delay(100u);
        TN_CHECK(aux_hits == 1u);
        TN_CHECK(irqs >= 2u && irqs <= 3u);
        bsp_aux_timer_detach();
    } else {
        printf("no auxiliary timer: the early wake-up is not checked\n");
    }

    /* Busy: a ready task below this one keeps the CPU out of idle, and the
     * tick interrupts come every period again. */
    spin = true;
    TN_CHECK(os_task_resume(&spinner) == OS_OK);
    irqs = checked_delay(50u);
    TN_CHECK(irqs >= 50u && irqs <= 51u);
    spin = false;
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-tickless");
    os_init();
    TN_CHECK(os_task_create(&task, "run", run, NULL, 2, stack, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&spinner, "spinner", spinner_task, NULL, 1, stack_s, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_suspend(&spinner) == OS_OK);
    os_start();
}
