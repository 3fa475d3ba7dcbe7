/*
 * clock.c - bsp.h's clock and one-shot timer over the board's free-running
 * counter and one-shot timer drivers (BOARD_COUNTER_*, BOARD_ONESHOT_* in
 * bsp/<board>/board.h).
 *
 * Clock: a free-running 32-bit up-counter extended to 64-bit nanoseconds
 * in software, exactly: one count is BOARD_COUNTER_NS_NUM /
 * BOARD_COUNTER_NS_DEN ns, and the remainder of every conversion is
 * carried, so no error accumulates however often or rarely the clock is
 * read, as long as two reads are less than 2^32 counts apart (the one-shot
 * timer's cap of TIMER_CAP_NS guarantees that for counters up to 4 GHz).
 *
 * Timer: the one-shot is re-armed against absolute deadlines, never run
 * periodic (a periodic timer drifts, and under QEMU's icount its period
 * doubles while the CPU sits in WFI). A countdown never ends before the
 * deadline: the tick count is rounded up, and an early or capped expiry
 * just arms the rest.
 *
 * Per CPU: the timer state is one slot per CPU (a per-core one-shot on
 * multi-core boards); the counter is shared, and so is its extension
 * (single-core today: the multicore step adds its lock).
 */
#include <stdbool.h>
#include <stdint.h>

#include "board.h"
#include "bsp.h"
#include "bsp_common.h"
#include "cpu.h"

_Static_assert((uint64_t)BOARD_COUNTER_HZ * BOARD_COUNTER_NS_NUM ==
                   1000000000ull * BOARD_COUNTER_NS_DEN,
               "BOARD_COUNTER_NS_NUM/DEN is not 1e9/BOARD_COUNTER_HZ");
_Static_assert((uint64_t)BOARD_ONESHOT_HZ * BOARD_ONESHOT_NS_NUM ==
                   1000000000ull * BOARD_ONESHOT_NS_DEN,
               "BOARD_ONESHOT_NS_NUM/DEN is not 1e9/BOARD_ONESHOT_HZ");

/* Longest single countdown: the clock must be read at least this often. */
#define TIMER_CAP_NS 1000000000ull
_Static_assert(TIMER_CAP_NS + BOARD_ONESHOT_NS_NUM < (1ull << 32),
               "the capped countdown in ns fits 32 bits");

/* The software extension of the counter. Invariant: clk_ns + clk_rem /
 * BOARD_COUNTER_NS_DEN ns is exactly clk_last counts since boot. */
static uint32_t clk_last; /* counter value at the last read */
static uint32_t clk_rem;  /* leftover fraction of a ns, 0..DEN-1 */
static uint64_t clk_ns;   /* nanoseconds at clk_last */

uint64_t bsp_clock_ns(void)
{
    uint32_t psr = cpu_irq_save();
    uint32_t now = BOARD_COUNTER_READ();
    uint32_t delta = now - clk_last;
    clk_last = now;
    if (delta < (UINT32_MAX - BOARD_COUNTER_NS_DEN) / BOARD_COUNTER_NS_NUM) {
        /* Fast path in 32 bits (the divisions are by constants). */
        uint32_t x = delta * BOARD_COUNTER_NS_NUM + clk_rem;
        clk_ns += x / BOARD_COUNTER_NS_DEN;
        clk_rem = x % BOARD_COUNTER_NS_DEN;
    } else {
        uint64_t x = (uint64_t)delta * BOARD_COUNTER_NS_NUM + clk_rem;
        clk_ns += x / BOARD_COUNTER_NS_DEN;
        clk_rem = (uint32_t)(x % BOARD_COUNTER_NS_DEN);
    }
    uint64_t ns = clk_ns;
    cpu_irq_restore(psr);
    return ns;
}

/* One CPU's one-shot timer. */
struct timer_cpu {
    void (*handler)(void); /* called in IRQ context on expiry */
    uint64_t deadline;     /* absolute deadline, ns */
    bool armed;            /* a deadline is pending */
};

static struct timer_cpu timers[CPU_MAX_CPUS];

/* Program the one-shot for this CPU's deadline. IRQs are masked. */
static void timer_program(struct timer_cpu *t)
{
    uint64_t now = bsp_clock_ns();
    uint32_t ticks = 1u;
    if (t->deadline > now) {
        uint64_t diff = t->deadline - now;
        if (diff > TIMER_CAP_NS)
            diff = TIMER_CAP_NS;
        /* Round up: the timer never fires before the deadline. The cap
         * fits 32 bits, so with a whole number of ns per tick (every
         * board so far) this is a 32-bit division by a constant, which
         * the compiler turns into a multiplication: a 64-bit division is
         * a library call of a few hundred cycles on every arming. */
        uint32_t n;
        if (BOARD_ONESHOT_NS_DEN == 1u)
            n = ((uint32_t)diff + BOARD_ONESHOT_NS_NUM - 1u) /
                BOARD_ONESHOT_NS_NUM;
        else
            n = (uint32_t)((diff * BOARD_ONESHOT_NS_DEN +
                            BOARD_ONESHOT_NS_NUM - 1u) /
                           BOARD_ONESHOT_NS_NUM);
        ticks = n == 0u ? 1u : n;
    }
    BOARD_ONESHOT_START(ticks);
}

static void timer_irq(void *arg)
{
    (void)arg;
    struct timer_cpu *t = &timers[cpu_id()];
    BOARD_ONESHOT_CLEAR();
    if (!t->armed)
        return;
    if (bsp_clock_ns() < t->deadline) {
        /* A capped countdown, or rounding against the counter: not yet. */
        timer_program(t);
        return;
    }
    t->armed = false;
    if (t->handler != NULL)
        t->handler();
}

void bsp_timer_set_handler(void (*handler)(void))
{
    timers[cpu_id()].handler = handler;
}

void bsp_timer_arm(uint64_t deadline_ns)
{
    uint32_t psr = cpu_irq_save();
    struct timer_cpu *t = &timers[cpu_id()];
    t->deadline = deadline_ns;
    t->armed = true;
    timer_program(t);
    cpu_irq_restore(psr);
}

void bsp_timer_cancel(void)
{
    uint32_t psr = cpu_irq_save();
    timers[cpu_id()].armed = false;
    BOARD_ONESHOT_STOP();
    cpu_irq_restore(psr);
}

void bsp_clock_init(void)
{
#ifdef BOARD_COUNTER_INIT
    /* A counter that must be started first (vexpress-a9's global timer). */
    BOARD_COUNTER_INIT();
#endif
    clk_last = BOARD_COUNTER_READ();
    clk_ns = 0u;
    clk_rem = 0u;
    BOARD_ONESHOT_STOP();
    bsp_irq_attach(BOARD_ONESHOT_IRQ, timer_irq, NULL);
}

/* ---- The auxiliary one-shot for tests and benchmarks ---- */

#ifdef BOARD_AUX_IRQ
void bsp_aux_timer_start(uint32_t us)
{
    BOARD_AUX_START(us == 0u ? 1u : us);
}

void bsp_aux_timer_clear(void)
{
    BOARD_AUX_CLEAR();
}

void bsp_aux_timer_stop(void)
{
    BOARD_AUX_STOP();
}

int bsp_aux_timer_attach(bsp_irq_handler_t handler, void *arg)
{
    bsp_irq_attach(BOARD_AUX_IRQ, handler, arg);
    return 0;
}

void bsp_aux_timer_detach(void)
{
    bsp_irq_disable(BOARD_AUX_IRQ);
}
#else
int bsp_aux_timer_attach(bsp_irq_handler_t handler, void *arg)
{
    (void)handler;
    (void)arg;
    return -1;
}
void bsp_aux_timer_start(uint32_t us) { (void)us; }
void bsp_aux_timer_clear(void) {}
void bsp_aux_timer_stop(void) {}
void bsp_aux_timer_detach(void) {}
#endif
