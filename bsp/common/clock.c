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
#include "clock_tick.h"
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

/* The software extension of the counter and the tick's state
 * (clock_tick.h). */
struct bsp_clk bsp_clk;
#define clk bsp_clk
#define clk_last clk.last
#define clk_rem clk.rem
#define clk_ns clk.ns
#define tk clk.tk

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
    cpu_irq_restore_same_mode(psr);
    return ns;
}

/* One CPU's one-shot timer. */
struct timer_cpu {
    void (*handler)(void); /* called in IRQ context on expiry */
    uint64_t deadline;     /* absolute deadline, ns */
    bool armed;            /* a deadline is pending */
    bool capped;           /* the countdown ends before it (TIMER_CAP_NS) */
};

static struct timer_cpu timers[CPU_MAX_CPUS];

/* Program the one-shot for this CPU's deadline, counting from now (a
 * clock reading taken a moment ago: the countdown then ends that moment
 * late, never early). IRQs are masked. */
static void timer_program(struct timer_cpu *t, uint64_t now)
{
    uint32_t ticks = 1u;
    t->capped = false;
    if (t->deadline > now) {
        uint64_t diff = t->deadline - now;
        if (diff > TIMER_CAP_NS) {
            diff = TIMER_CAP_NS;
            t->capped = true;
        }
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
    /* An uncapped countdown was rounded up from a clock reading taken
     * before it started, so it ends at the deadline or after: only a
     * capped one needs the clock read. (On hardware whose one-shot runs
     * from another oscillator than the counter the two may disagree by a
     * part of a one-shot tick: the handler's caller compares its
     * deadlines with the clock, bsp.h.) */
    if (t->capped) {
        uint64_t now = bsp_clock_ns();
        if (now < t->deadline) {
            timer_program(t, now);
            return;
        }
    }
    t->armed = false;
    if (t->handler != NULL)
        t->handler();
}

void bsp_timer_set_handler(void (*handler)(void))
{
    timers[cpu_id()].handler = handler;
}

static void timer_arm_masked(uint64_t deadline_ns, uint64_t now_ns)
{
    struct timer_cpu *t = &timers[cpu_id()];
    t->deadline = deadline_ns;
    t->armed = true;
    timer_program(t, now_ns);
}

void bsp_timer_arm_from(uint64_t deadline_ns, uint64_t now_ns)
{
    uint32_t psr = cpu_irq_save();
    timer_arm_masked(deadline_ns, now_ns);
    cpu_irq_restore(psr);
}

void bsp_timer_arm(uint64_t deadline_ns)
{
    uint32_t psr = cpu_irq_save();
    timer_arm_masked(deadline_ns, bsp_clock_ns());
    cpu_irq_restore(psr);
}

void bsp_timer_cancel(void)
{
    uint32_t psr = cpu_irq_save();
    timers[cpu_id()].armed = false;
    BOARD_ONESHOT_STOP();
    cpu_irq_restore(psr);
}

/* ---- The periodic tick on the counter grid (bsp.h) ---- */

/* Longest countdown, in counter counts (about a second, and below 2^31). */
#define TICK_CAP_COUNTS (BOARD_COUNTER_HZ < 0x7FFFFFFFu ? BOARD_COUNTER_HZ : 0x7FFFFFFFu)

/* The tick's state is clk.tk (above). */

/* The end of the period after the one ending at `end`. */
static inline uint32_t tick_step(uint32_t end)
{
    end += tk.period;
    if (tk.rem != 0u) {
        tk.acc += tk.rem;
        if (tk.acc >= tk.hz) {
            tk.acc -= tk.hz;
            end++;
        }
    }
    return end;
}

/* Start the countdown of `counts` counter counts (>= 1, within the cap) to
 * counter value `target`. Rounded up to whole one-shot ticks: it never
 * ends before the target. */
static inline void tick_countdown(uint32_t target, uint32_t counts)
{
    uint32_t n = tick_oneshot_ticks(counts);
    tk.target = target;
    BOARD_ONESHOT_START(n == 0u ? 1u : n);
}

/* Start the countdown to counter value `target`, `now` being the counter's
 * value a moment ago; capped (the expiry then finds nothing due and
 * re-arms). */
static inline void tick_program(uint32_t target, uint32_t now)
{
    uint32_t counts = target - now;
    if ((int32_t)counts <= 0)
        counts = 1u;
    else if (counts > TICK_CAP_COUNTS)
        counts = TICK_CAP_COUNTS;
    tick_countdown(target, counts);
}

/* Announce the period ends passed by counter value now (if any), re-arm
 * for `target` or the next period end, whichever is later. IRQs masked. */
static inline void tick_advance(uint32_t now)
{
    uint32_t next = tk.next;
    uint32_t n = 0;
    if (tk.rem == 0u && (int32_t)(now - next) >= (int32_t)tk.period) {
        /* A catch-up of many periods (tickless idle, a long masked
         * stretch): jump over all but the last at once. */
        uint32_t k = (now - next) / tk.period;
        next += k * tk.period;
        n = k;
    }
    while ((int32_t)(now - next) >= 0) {
        tk.last = next;
        next = tick_step(next);
        n++;
    }
    tk.next = next;
    uint32_t target = tk.target;
    if ((int32_t)(target - next) < 0 || n != 0u)
        target = next;
    tick_program(target, now);
    /* The clock's software extension needs a read every 2^32 counts; the
     * tick no longer converts to ns, so it reads the clock when half of
     * that has passed. */
    if (now - clk_last >= 0x80000000u)
        (void)bsp_clock_ns();
    if (n != 0u)
        tk.handler(n);
}

/* The one-shot's expiry, from the general dispatch: what the dispatch's
 * fast path (bsp_tick_fast, clock_tick.h) left (a catch-up, a remainder to
 * spread), or the expiry when it was claimed after another source. No
 * BOARD_ONESHOT_CLEAR(): tick_advance() always starts the one-shot again,
 * and every board's BOARD_ONESHOT_START drops the expiry that latched
 * (sp804_oneshot, a9_timer_oneshot, bcm2835_st_oneshot). */
static void tick_irq(void *arg)
{
    (void)arg;
    tk.irqs++;
    tick_advance(BOARD_COUNTER_READ());
}

uint32_t bsp_tick_interrupts(void)
{
    return tk.irqs;
}

void bsp_tick_start(uint32_t hz, bool (*handler)(uint32_t n))
{
    uint32_t psr = cpu_irq_save();
    timers[cpu_id()].armed = false;
    tk.handler = handler;
    tk.hz = hz;
    tk.period = BOARD_COUNTER_HZ / hz;
    tk.rem = BOARD_COUNTER_HZ % hz;
    tk.acc = 0u;
    tk.irqs = 0u;
    tk.fast_period = tk.rem == 0u && tk.period <= TICK_CAP_COUNTS ? tk.period : 0u;
    (void)bsp_clock_ns();
    uint32_t now = clk_last;
    tk.last = now;
    tk.last_ns_count = now;
    tk.last_ns = clk_ns;
    tk.next = tick_step(now);
    bsp_irq_attach(BOARD_ONESHOT_IRQ, tick_irq, NULL);
    tick_program(tk.next, now);
    cpu_irq_restore(psr);
}

void bsp_tick_defer(uint32_t periods)
{
    uint32_t psr = cpu_irq_save();
    uint32_t now = BOARD_COUNTER_READ();
    uint32_t target = tk.last;
    if (tk.rem == 0u) {
        uint32_t cap = TICK_CAP_COUNTS / tk.period;
        target += (periods < cap ? periods : cap) * tk.period;
    } else {
        uint32_t acc = tk.acc;
        for (uint32_t i = 0; i < periods && target - tk.last < TICK_CAP_COUNTS; i++)
            target = tick_step(target);
        tk.acc = acc; /* tick_step's carry is redone when the periods pass */
    }
    if ((int32_t)(target - tk.next) < 0)
        target = tk.next;
    tick_program(target, now);
    cpu_irq_restore(psr);
}

void bsp_tick_poll(void)
{
    uint32_t psr = cpu_irq_save();
    tk.target = tk.next; /* a deferral ends: tick at the next period end */
    tk.irqs++;
    tick_advance(BOARD_COUNTER_READ());
    cpu_irq_restore(psr);
}

uint64_t bsp_tick_time_ns(void)
{
    uint32_t psr = cpu_irq_save();
    uint32_t last = tk.last;
    if (last != tk.last_ns_count) {
        /* The time of counter value `last`, which lies before the clock's
         * last read: step back from the extension's exact position (clk_ns
         * + clk_rem / DEN at clk_last), rounding down to whole ns. */
        (void)bsp_clock_ns();
        uint64_t back = (uint64_t)(clk_last - last) * BOARD_COUNTER_NS_NUM; /* DEN-ths of ns */
        uint64_t exact = clk_ns * BOARD_COUNTER_NS_DEN + clk_rem;
        tk.last_ns = (exact - back) / BOARD_COUNTER_NS_DEN;
        tk.last_ns_count = last;
    }
    uint64_t ns = tk.last_ns;
    cpu_irq_restore(psr);
    return ns;
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
    tk.fast_period = 0u; /* the one-shot is bsp_timer_*'s until bsp_tick_start */
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
