/*
 * native-catchup: the tick's catch-up of missed ticks. A task keeps
 * interrupts masked (a critical section) for a whole number and a half of
 * tick periods, several times, with different lengths; each time, once
 * interrupts are back:
 *   - the tick count must have advanced by exactly the ticks whose
 *     deadlines passed (floor of the masked time in periods, plus the one
 *     already due), not by one;
 *   - the nominal time of the last tick (port_tick_time_ns) must lie on the
 *     tick grid (start + k * period) and be the latest grid point before
 *     now: the tick never drifts by the time it was held up;
 *   - a delay started right after must end exactly on the grid again.
 * A catch-up that announces one tick, or that restarts the grid from the
 * late interrupt, fails one of these.
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define TICK_NS (1000000000ull / OS_CONFIG_TICK_HZ)
#define STACK_WORDS 1024u

static struct os_task task;
static port_stack_t stack[STACK_WORDS] __attribute__((aligned(8)));

/* Keep interrupts masked from now for masked_ns of clock time. */
static void hold_masked(uint64_t masked_ns)
{
    os_critical_enter();
    uint64_t t0 = bsp_clock_ns();
    while (bsp_clock_ns() - t0 < masked_ns) {
    }
    os_critical_exit();
}

static void run(void *arg)
{
    (void)arg;
    os_delay(1u); /* start on a tick edge */
    uint64_t origin = port_tick_time_ns();
    static const uint32_t halves[] = {3u, 7u, 21u, 101u}; /* in half periods */
    for (unsigned i = 0; i < sizeof halves / sizeof halves[0]; i++) {
        os_delay(1u);
        os_tick_t before = os_tick_count();
        uint64_t t_before = port_tick_time_ns();
        hold_masked(halves[i] * TICK_NS / 2u);
        /* Interrupts are back: the late tick interrupt has run. */
        os_tick_t after = os_tick_count();
        uint64_t t_after = port_tick_time_ns();
        uint64_t now = bsp_clock_ns();
        uint32_t want = (uint32_t)((now - t_before) / TICK_NS);
        printf("masked %lu.%lu periods: ticks +%lu (grid: +%lu)\n",
               (unsigned long)(halves[i] / 2u), (unsigned long)(halves[i] % 2u * 5u),
               (unsigned long)(after - before), (unsigned long)want);
        if (after - before != want)
            tn_fail("masked %lu half periods: %lu ticks counted, %lu passed",
                    (unsigned long)halves[i], (unsigned long)(after - before),
                    (unsigned long)want);
        if ((t_after - origin) % TICK_NS != 0u)
            tn_fail("last tick off the grid by %lu ns",
                    (unsigned long)((t_after - origin) % TICK_NS));
        if (t_after != t_before + (uint64_t)want * TICK_NS ||
            now - t_after >= TICK_NS)
            tn_fail("last tick is not the latest grid point before now");
        /* The next delay ends on the grid. */
        os_delay(1u);
        if ((port_tick_time_ns() - origin) % TICK_NS != 0u)
            tn_fail("tick after the catch-up off the grid");
    }
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-catchup");
    os_init();
    TN_CHECK(os_task_create(&task, "catchup", run, NULL, 3, stack, STACK_WORDS) == OS_OK);
    os_start();
}
