/*
 * clock_tick.h - the clock's state and the tick's fast path, shared by
 * clock.c (which owns them) and irq.c (whose dispatch tries the fast path
 * first when the tick's one-shot is what it claimed). Not part of bsp.h.
 *
 * The fast path is the tick's usual expiry: exactly one period end has
 * passed (now - next < period) and the periods are whole counts (no
 * remainder to spread). Then tick_advance() of clock.c would do exactly
 * this: one period end, the countdown to the next (which lies at most a
 * period ahead: no clamping), and handler(1). Every other case (the tick
 * not started, a catch-up of missed periods, a remainder) is left to
 * tick_advance(), reached through the general dispatch: fast_period is 0
 * there, so the one test fails. A deferral in force (tickless idle) needs
 * no test of its own: its expiry comes a whole period or more after next,
 * and an earlier expiry (a capped countdown) that finds a period end
 * passed announces it, as tick_advance() would.
 */
#ifndef CLOCK_TICK_H
#define CLOCK_TICK_H

#include <stdbool.h>
#include <stdint.h>

#include "board.h"
#include "bsp.h"

/* Counts per one-shot tick when the counter runs a whole multiple of the
 * one-shot's rate (every board so far): the conversion is then a division
 * by a constant (a multiplication). */
#define TICK_RATIO (BOARD_COUNTER_HZ / BOARD_ONESHOT_HZ)
#define TICK_RATIO_EXACT (BOARD_COUNTER_HZ % BOARD_ONESHOT_HZ == 0u)

/* Counter counts as one-shot ticks, rounded up (a countdown never ends
 * before its target): a division by a constant. */
static inline uint32_t tick_oneshot_ticks(uint32_t counts)
{
    if (TICK_RATIO_EXACT)
        return (counts + TICK_RATIO - 1u) / TICK_RATIO;
    return (uint32_t)(((uint64_t)counts * BOARD_ONESHOT_HZ + BOARD_COUNTER_HZ - 1u) /
                      BOARD_COUNTER_HZ);
}

/* The software extension of the counter, and the tick's state in one
 * object, so that the tick's expiry addresses both from one base.
 * Invariant: ns + rem / BOARD_COUNTER_NS_DEN ns is exactly `last` counts
 * since boot. */
struct bsp_clk {
    uint64_t ns;   /* nanoseconds at last */
    uint32_t last; /* counter value at the last read */
    uint32_t rem;  /* leftover fraction of a ns, 0..DEN-1 */
    struct {
        bool (*handler)(uint32_t n);
        uint32_t next;   /* counter value of the next period end */
        uint32_t last;   /* counter value of the last period end passed */
        uint32_t target; /* counter value the current countdown is for */
        uint32_t period; /* whole counts per period */
        uint32_t rem;    /* BOARD_COUNTER_HZ % hz: spread over the periods */
        uint32_t acc;    /* accumulated remainder, 0..hz-1 */
        uint32_t hz;
        uint32_t irqs;   /* interrupts and polls (bsp_tick_interrupts) */
        /* The fast path's period: `period` when the tick runs and rem is
         * 0, else 0 (the fast path never applies). */
        uint32_t fast_period;
        uint32_t last_ns_count; /* bsp_tick_time_ns(): counter value ... */
        uint64_t last_ns;       /* ... and its time, cached */
    } tk;
};
extern struct bsp_clk bsp_clk;

/* The tick's usual expiry (see above), IRQs masked: true when it was
 * that, the one-shot re-armed for the next period end, *at the counter's
 * value read; the caller then completes the claim, calls
 * bsp_tick_fast_end(*at) and bsp_clk.tk.handler(1). False, with nothing
 * done, otherwise. */
static inline __attribute__((always_inline)) bool bsp_tick_fast(uint32_t *at)
{
    uint32_t now = BOARD_COUNTER_READ();
    uint32_t next = bsp_clk.tk.next;
    uint32_t period = bsp_clk.tk.fast_period;
    if (__builtin_expect(now - next >= period, 0))
        return false;
    bsp_clk.tk.irqs++;
    bsp_clk.tk.last = next;
    next += period;
    bsp_clk.tk.next = next;
    bsp_clk.tk.target = next;
    /* 1 <= counts <= period: no clamping, no zero to round up. */
    BOARD_ONESHOT_START(tick_oneshot_ticks(next - now));
    *at = now;
    return true;
}

/* The end of the fast path, after the claim's completion (so that the
 * controller's address is still at hand for it): the clock's software
 * extension needs a read every 2^32 counts; the tick reads the clock when
 * half of that has passed. */
static inline __attribute__((always_inline)) void bsp_tick_fast_end(uint32_t now)
{
    if ((int32_t)(now - bsp_clk.last) < 0)
        (void)bsp_clock_ns();
}

#endif /* CLOCK_TICK_H */
