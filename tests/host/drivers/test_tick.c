/*
 * test_tick.c - the tick on the counter grid (bsp/common/clock.c) through
 * the interrupt dispatch (bsp/common/irq.c), over a fake counter, one-shot
 * and controller (tests/host/drivers/tick/board.h): the dispatch's fast
 * path for the usual expiry (one period end passed: one claim, handler(1),
 * the countdown to the next end), and everything it must leave to the
 * general path: a catch-up of missed periods (handler(n) with n > 1), an
 * expiry at exactly a period past the next end, an early expiry, a grid
 * with a remainder to spread, a deferral (tickless idle), the one-shot in
 * bsp_timer_* use; and the clock's extension kept current by the fast path
 * alone over more than 2^32 counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "board.h"
#include "bsp.h"
#include "bsp_common.h"
#include "clock_tick.h"

#define P 24000u     /* counts per period at 1 kHz */
#define T0 1000u     /* the counter when the tick starts */
#define FIRST (T0 + P) /* the first period end */

uint32_t fake_counter;
uint32_t fake_pending;
unsigned fake_claims;
unsigned fake_completes;
unsigned fake_counter_reads;
uint32_t fake_oneshot_ticks;
unsigned fake_oneshot_starts;

void fake_oneshot_start(uint32_t ticks)
{
    /* As every board's start: the expiry that latched is dropped. */
    fake_pending &= ~(1u << BOARD_ONESHOT_IRQ);
    fake_oneshot_ticks = ticks;
    fake_oneshot_starts++;
}

int fake_claim(void)
{
    fake_claims++;
    return fake_pending == 0u ? -1 : (int)(31u - (unsigned)__builtin_clz(fake_pending));
}

static unsigned calls;     /* handler calls */
static uint32_t last_n;    /* the last call's n */
static uint32_t announced; /* the sum of n */

static bool handler(uint32_t n)
{
    calls++;
    last_n = n;
    announced += n;
    return false;
}

static unsigned timer_calls;
static void timer_handler(void)
{
    timer_calls++;
}

/* The one-shot expires with the counter at now: dispatch it. */
static void expire(uint32_t now)
{
    fake_counter = now;
    fake_pending |= 1u << BOARD_ONESHOT_IRQ;
    fake_claims = 0u;
    fake_completes = 0u;
    bsp_irq_dispatch();
}

static void boot(void)
{
    fake_counter = 0u;
    fake_pending = 0u;
    calls = 0u;
    last_n = 0u;
    announced = 0u;
    timer_calls = 0u;
    bsp_irq_init();
    bsp_clock_init();
    fake_counter = T0;
}

static int setup(void **state)
{
    (void)state;
    boot();
    bsp_tick_start(1000u, handler);
    return 0;
}

/* The usual expiry: one claim (no second claim after the handler), one
 * completion, handler(1), the countdown to the next end rounded up. */
static void test_usual_expiry_fast(void **state)
{
    (void)state;
    assert_int_equal(fake_oneshot_ticks, 1000u); /* the first period */
    expire(FIRST + 5u);
    assert_int_equal(calls, 1u);
    assert_int_equal(last_n, 1u);
    assert_int_equal(fake_claims, 1u);
    assert_int_equal(fake_completes, 1u);
    assert_int_equal(bsp_tick_interrupts(), 1u);
    /* next end FIRST + P, 23995 counts ahead: 999.8 one-shot ticks -> 1000 */
    assert_int_equal(fake_oneshot_ticks, 1000u);
    assert_int_equal(bsp_clk.tk.next, FIRST + P);
    assert_int_equal(bsp_clk.tk.target, FIRST + P);
    assert_int_equal(bsp_clk.tk.last, FIRST);
    /* and again, exactly on the end */
    expire(FIRST + P);
    assert_int_equal(calls, 2u);
    assert_int_equal(last_n, 1u);
    assert_int_equal(fake_claims, 1u);
    assert_int_equal(fake_oneshot_ticks, 1000u);
}

/* The last count before the period after: still one end, the fast path;
 * the countdown is one count, rounded up to one one-shot tick. */
static void test_last_count_of_period(void **state)
{
    (void)state;
    expire(FIRST + P - 1u);
    assert_int_equal(calls, 1u);
    assert_int_equal(last_n, 1u);
    assert_int_equal(fake_claims, 1u);
    assert_int_equal(fake_oneshot_ticks, 1u);
}

/* Exactly a period past the next end: two ends passed, not the fast path. */
static void test_two_ends_not_fast(void **state)
{
    (void)state;
    expire(FIRST + P);
    assert_int_equal(calls, 1u);
    assert_int_equal(last_n, 2u);
    assert_int_equal(fake_claims, 2u); /* the general loop claims again */
    assert_int_equal(bsp_clk.tk.next, FIRST + 2u * P);
    assert_int_equal(fake_oneshot_ticks, 1000u);
    /* the grid goes on from there, by the fast path */
    expire(FIRST + 2u * P + 1u);
    assert_int_equal(calls, 2u);
    assert_int_equal(last_n, 1u);
    assert_int_equal(fake_claims, 1u);
}

/* Missed periods (a long masked stretch): caught up in one call, the
 * one-shot re-armed for the next end after now, on the grid. */
static void test_catch_up(void **state)
{
    (void)state;
    expire(FIRST + 3u * P + 7u);
    assert_int_equal(calls, 1u);
    assert_int_equal(last_n, 4u);
    assert_int_equal(announced, 4u);
    assert_int_equal(bsp_clk.tk.next, FIRST + 4u * P);
    assert_int_equal(bsp_clk.tk.last, FIRST + 3u * P);
    assert_int_equal(fake_oneshot_ticks, (P - 7u + 23u) / 24u);
    assert_int_equal(bsp_tick_interrupts(), 1u);
    /* a catch-up of many periods at once (the jump of tick_advance) */
    expire(FIRST + 1000u * P + 3u);
    assert_int_equal(last_n, 997u);
    assert_int_equal(announced, 1001u);
    assert_int_equal(bsp_clk.tk.next, FIRST + 1001u * P);
}

/* An expiry before the end it was armed for: nothing announced, re-armed
 * for the rest. */
static void test_early_expiry(void **state)
{
    (void)state;
    expire(FIRST - 10u);
    assert_int_equal(calls, 0u);
    assert_int_equal(fake_oneshot_ticks, 1u);
    assert_int_equal(bsp_clk.tk.next, FIRST);
    expire(FIRST);
    assert_int_equal(calls, 1u);
    assert_int_equal(last_n, 1u);
}

/* A deferral (tickless idle): its expiry announces every end it covered,
 * through the general path; the grid resumes after it. A period end that
 * an earlier expiry finds passed is announced as well. */
static void test_deferral(void **state)
{
    (void)state;
    bsp_tick_defer(5u);
    assert_int_equal(bsp_clk.tk.target, T0 + 5u * P);
    assert_int_equal(fake_oneshot_ticks, 5u * 1000u);
    expire(T0 + 5u * P + 2u);
    assert_int_equal(calls, 1u);
    assert_int_equal(last_n, 5u);
    assert_int_equal(fake_claims, 2u);
    assert_int_equal(bsp_clk.tk.target, T0 + 6u * P);
    /* deferred again, and an expiry (a capped countdown, say) after the
     * first end but before the target */
    bsp_tick_defer(4u);
    expire(T0 + 6u * P + 9u);
    assert_int_equal(calls, 2u);
    assert_int_equal(last_n, 1u);
    assert_int_equal(announced, 6u);
    assert_int_equal(bsp_clk.tk.next, T0 + 7u * P);
    /* bsp_tick_poll after some other wake-up: the ends passed meanwhile */
    bsp_tick_defer(4u);
    fake_counter = T0 + 9u * P + 1u;
    bsp_tick_poll();
    assert_int_equal(last_n, 3u);
    assert_int_equal(announced, 9u);
    assert_int_equal(bsp_clk.tk.target, T0 + 10u * P);
}

/* A rate that does not divide the counter's (7 Hz): no fast path, and the
 * remainder spread over the periods, exactly: end k at T0 + k * 24e6 / 7,
 * rounded down. */
static void test_remainder_grid(void **state)
{
    (void)state;
    boot();
    bsp_tick_start(7u, handler);
    assert_int_equal(bsp_clk.tk.fast_period, 0u);
    for (uint32_t k = 1u; k <= 20u; k++) {
        uint32_t end = T0 + (uint32_t)((uint64_t)k * BOARD_COUNTER_HZ / 7u);
        expire(end - 1u);
        assert_int_equal(calls, k - 1u);
        expire(end);
        assert_int_equal(calls, k);
        assert_int_equal(last_n, 1u);
        assert_int_equal(fake_claims, 2u);
    }
}

/* Before bsp_tick_start the one-shot is bsp_timer_*'s: its expiry goes to
 * the timer's handler, never to the tick's fast path. */
static void test_timer_mode_not_tick(void **state)
{
    (void)state;
    boot();
    uint32_t irqs = bsp_tick_interrupts(); /* a count since bsp_tick_start */
    bsp_timer_set_handler(timer_handler);
    bsp_timer_arm(1000u); /* 1 us after boot */
    fake_counter = T0 + 48u;
    fake_pending |= 1u << BOARD_ONESHOT_IRQ;
    bsp_irq_dispatch();
    assert_int_equal(timer_calls, 1u);
    assert_int_equal(calls, 0u);
    assert_int_equal(bsp_tick_interrupts(), irqs);
}

/* bsp_timer_* with a deadline beyond the one-shot's cap (1 s): each capped
 * countdown's end reads the clock and counts on, the handler runs only at
 * the deadline; the end of an uncapped countdown (rounded up, so never
 * early) calls it with no clock read. */
static void test_timer_capped_countdown(void **state)
{
    (void)state;
    boot();
    bsp_timer_set_handler(timer_handler);
    bsp_timer_arm(2500000000ull);
    assert_int_equal(fake_oneshot_ticks, 1000000u); /* capped: 1 s */
    expire(T0 + 24000000u);                          /* 1 s later */
    assert_int_equal(timer_calls, 0u);
    assert_int_equal(fake_oneshot_ticks, 1000000u); /* capped again */
    expire(T0 + 48000000u);                          /* 2 s later */
    assert_int_equal(timer_calls, 0u);
    /* 2.5 s - (2 s + 1000 counts = 41 667 ns): 499 959 us, rounded up */
    assert_int_equal(fake_oneshot_ticks, 499959u);
    unsigned reads = fake_counter_reads;
    expire(T0 + 60000000u);
    assert_int_equal(timer_calls, 1u);
    /* Only the dispatch's own read: the tick's fast path (BSP_TICK_FAST,
     * these tests' build) peeks at the counter before it knows the mode. */
    assert_int_equal(fake_counter_reads, reads + 1u);
}

/* The fast path alone keeps the clock's 32-bit extension current: over
 * 200 000 periods (4.8e9 counts, more than 2^32) with no other clock
 * read, the clock still reads the exact time. */
static void test_extension_over_wrap(void **state)
{
    (void)state;
    uint32_t end = FIRST;
    for (uint32_t k = 0; k < 200000u; k++) {
        expire(end + 3u);
        assert_true(fake_counter - bsp_clk.last < 0x80000000u);
        end += P;
    }
    assert_int_equal(calls, 200000u);
    assert_int_equal(announced, 200000u);
    /* now: FIRST + 199 999 P + 3 counts after the boot read at 0 */
    uint64_t counts = (uint64_t)FIRST + 199999ull * P + 3u;
    assert_true(bsp_clock_ns() == counts * 125u / 3u);
}

/* Another source pending beside the tick: the general path, in the
 * controller's order, and the tick still announced once. */
static void test_other_source_pending(void **state)
{
    (void)state;
    fake_pending |= 1u << 12; /* a source with no handler: disabled */
    expire(FIRST + 1u);
    assert_int_equal(calls, 1u);
    assert_int_equal(last_n, 1u);
    assert_int_equal(fake_pending, 0u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_usual_expiry_fast, setup),
        cmocka_unit_test_setup(test_last_count_of_period, setup),
        cmocka_unit_test_setup(test_two_ends_not_fast, setup),
        cmocka_unit_test_setup(test_catch_up, setup),
        cmocka_unit_test_setup(test_early_expiry, setup),
        cmocka_unit_test_setup(test_deferral, setup),
        cmocka_unit_test(test_remainder_grid),
        cmocka_unit_test(test_timer_mode_not_tick),
        cmocka_unit_test(test_timer_capped_countdown),
        cmocka_unit_test_setup(test_extension_over_wrap, setup),
        cmocka_unit_test_setup(test_other_source_pending, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
