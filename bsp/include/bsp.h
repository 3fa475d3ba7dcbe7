/*
 * bsp.h - what a board provides to the layers above it (the native port of
 * the tick core and the partitioning kernel). It is implemented once, in
 * bsp/common/, over the board's data (bsp/<board>/board.h: memory map,
 * clock rates, interrupt numbers, and which shared IP driver of
 * bsp/drivers/ plays which role); docs/boards.md says how to add a board.
 *
 * All functions are called in a privileged mode. Unless said otherwise they
 * may be called with interrupts enabled or disabled, and never block.
 */
#ifndef BSP_H
#define BSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bring up console, interrupt controller, clock, one-shot timer, probe pins
 * and the MMU/caches (flat map of RAM and devices). Called once from main()
 * before anything else. */
void bsp_init(void);

/* ---- Console (polled, so it works from any mode and in a panic) ---- */
void bsp_console_putc(char c);
/* Writes len bytes; "\n" is sent as "\r\n". Waits for the UART. */
void bsp_console_write(const char *s, size_t len);
/* Writes what the UART takes now of the len bytes, never waiting (its
 * transmit FIFO), and returns how many it took: a "\n" counts once its
 * "\r\n" is out (a "\r" sent alone is not sent again). For writers that
 * must not wait with interrupts masked (the partitioning kernel's drains). */
size_t bsp_console_write_some(const char *s, size_t len);
/* Returns the next received byte, or -1 when none is waiting. */
int bsp_console_getc(void);

/* ---- Time ---- */
/* Monotonic nanoseconds since boot, 64-bit (never wraps in practice).
 * Resolution is the board counter's (versatilepb: 24 MHz, 41.7 ns).
 * Must be called with interrupts disabled or from a single context: it
 * extends a 32-bit hardware counter in software. */
uint64_t bsp_clock_ns(void);

/* One-shot timer event at an absolute deadline (bsp_clock_ns() time).
 * A deadline in the past fires as soon as possible. Arming again replaces the
 * previous deadline. On expiry the board calls the handler registered with
 * bsp_timer_set_handler(), in IRQ context. Resolution: 1 us on versatilepb.
 * The countdown is rounded up, so under QEMU the handler never runs before
 * the deadline; on hardware whose one-shot and counter run from different
 * oscillators it may run up to one one-shot tick early, so the caller
 * compares its deadlines with the clock (the partitioning kernel's exit
 * work does). bsp_timer_arm_from() counts from now_ns, a bsp_clock_ns()
 * reading the caller took a moment ago with interrupts masked since: it
 * saves a clock read, and the expiry comes late by that moment. */
void bsp_timer_set_handler(void (*handler)(void));
void bsp_timer_arm(uint64_t deadline_ns);
void bsp_timer_arm_from(uint64_t deadline_ns, uint64_t now_ns);
void bsp_timer_cancel(void);

/* ---- Periodic tick (the native port of the tick core) ----
 * The one-shot timer run on a grid of periods of the board counter: period
 * k ends at counter value start + k * BOARD_COUNTER_HZ / hz exactly (a
 * remainder is spread over the periods, so the grid never drifts). On each
 * expiry the board calls handler(n), IRQ context, with n >= 1 the number of
 * period ends passed since the last call, and re-arms for the next one; the
 * handler's result is ignored. The arithmetic is in counter counts (no
 * nanoseconds, no division on the way), with one counter read per tick.
 * bsp_tick_start takes the one-shot from bsp_timer_* (use one or the
 * other): the grid starts now. Call with IRQs masked.
 *
 * bsp_tick_time_ns: the bsp_clock_ns() time of the last period end passed
 * (the grid's start before the first).
 * bsp_tick_defer(periods): idle (tickless) help, IRQs masked: the next
 * expiry comes no earlier than `periods` period ends after the last one
 * passed (1: the normal next period; larger values are capped at about a
 * second, so the clock's extension stays current). Any earlier interrupt
 * may call bsp_tick_poll() to announce the period ends passed meanwhile
 * (handler(n) when n >= 1) and re-arm for the next period end. */
void bsp_tick_start(uint32_t hz, bool (*handler)(uint32_t n));
/* Times the tick was handled since bsp_tick_start: its interrupts and the
 * bsp_tick_poll() calls (tests: a tickless idle wakes to a poll). */
uint32_t bsp_tick_interrupts(void);
uint64_t bsp_tick_time_ns(void);
void bsp_tick_defer(uint32_t periods);
void bsp_tick_poll(void);

/* ---- Interrupts ---- */
typedef void (*bsp_irq_handler_t)(void *arg);
/* Attach a handler to an interrupt source of the board's controller and
 * enable it. Sources are the board's numbers (see bsp/<board>/board.h),
 * 0..bsp_irq_count-1; others are ignored. */
void bsp_irq_attach(unsigned source, bsp_irq_handler_t handler, void *arg);
void bsp_irq_enable(unsigned source);
void bsp_irq_disable(unsigned source);
/* Number of interrupt sources of the board's controller. */
extern const unsigned bsp_irq_count;
/* Called from the IRQ exception path: runs the handler of every pending
 * enabled source, highest priority first. */
void bsp_irq_dispatch(void);

/* ---- Probe pins for a logic analyzer (see docs/measuring.md) ---- */
/* Probe pins are numbered 0..BSP_PROBE_PINS-1; each change is one store. */
#define BSP_PROBE_PINS 8u
void bsp_probe_set(unsigned pin);
void bsp_probe_clear(unsigned pin);
/* Writes all probe pins at once from a bit mask (bit n = pin n). */
void bsp_probe_write(unsigned mask);

/* ---- Auxiliary one-shot timer (tests and benchmarks only) ----
 * A second hardware one-shot, independent of bsp_timer_*, counting in
 * microseconds. bsp_aux_timer_attach returns -1 on a board that has none
 * (the test then says it does not apply). The handler runs in IRQ context
 * and must call bsp_aux_timer_clear(). */
int bsp_aux_timer_attach(bsp_irq_handler_t handler, void *arg);
void bsp_aux_timer_start(uint32_t us);
void bsp_aux_timer_clear(void);
void bsp_aux_timer_stop(void);
/* Disable its interrupt source. */
void bsp_aux_timer_detach(void);

/* ---- CPU ---- */
/* Wait for an interrupt (low-power idle). Interrupts must be enabled for it
 * to return, or be pending. */
void bsp_cpu_idle(void);

/* Leave the system with a status: under QEMU, semihosting SYS_EXIT_EXTENDED
 * (status 0 = success, anything else is clamped to 1..255); on hardware,
 * print the status and stop. */
void bsp_exit(int status) __attribute__((noreturn));

/* Board name for banners ("versatilepb"). */
extern const char bsp_board_name[];

#endif /* BSP_H */
