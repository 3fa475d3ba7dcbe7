/*
 * a9_timer.h - the Cortex-A9 MPCore's own timers:
 *
 *   a9_timer_*  the private timer, one per core, banked at the same address
 *               (PERIPHBASE + 0x600, 0x1E000600 on vexpress-a9), GIC PPI 29
 *               on every core. Used one-shot only, as the system timer: a
 *               periodic reload is mis-timed by QEMU under icount while the
 *               core sits in WFI.
 *   a9_gt_*     the global timer, one 64-bit up-counter shared by all cores
 *               (PERIPHBASE + 0x200, 0x1E000200 on vexpress-a9), as the
 *               free-running clock. Its comparator (banked, PPI 27) is not
 *               used.
 *
 * Both count PERIPHCLK divided by (prescaler + 1); the driver leaves the
 * prescalers at 0. Under QEMU 7.2 both count at 100 MHz (10 ns per tick).
 * Each function takes the block's base (kernel virtual address). The driver
 * keeps no state: a core's calls reach its own private timer.
 */
#ifndef A9_TIMER_H
#define A9_TIMER_H

#include <stdint.h>

/* Private timer register offsets. */
#define A9_TIMER_LOAD 0x00u    /* start value; a write also sets COUNTER */
#define A9_TIMER_COUNTER 0x04u /* counts down to 0 */
#define A9_TIMER_CONTROL 0x08u
#define A9_TIMER_ISR 0x0Cu     /* event flag, write 1 to clear */

#define A9_TIMER_CTRL_ENABLE 0x1u
#define A9_TIMER_CTRL_AUTO_RELOAD 0x2u
#define A9_TIMER_CTRL_IRQ_ENABLE 0x4u
#define A9_TIMER_CTRL_PRESCALER_SHIFT 8u
#define A9_TIMER_ISR_EVENT 0x1u

/* GIC source of the private timer (a PPI: every core its own). */
#define A9_TIMER_IRQ 29u

/* Global timer register offsets. */
#define A9_GT_COUNTER_LO 0x00u
#define A9_GT_COUNTER_HI 0x04u
#define A9_GT_CONTROL 0x08u
#define A9_GT_ISR 0x0Cu
#define A9_GT_COMPARE_LO 0x10u
#define A9_GT_COMPARE_HI 0x14u
#define A9_GT_AUTO_INCREMENT 0x18u

#define A9_GT_CTRL_ENABLE 0x1u
#define A9_GT_CTRL_COMP_ENABLE 0x2u
#define A9_GT_CTRL_IRQ_ENABLE 0x4u
#define A9_GT_CTRL_AUTO_INCREMENT 0x8u
#define A9_GT_CTRL_PRESCALER_SHIFT 8u

/* GIC source of the global timer's comparator (a PPI). */
#define A9_GT_IRQ 27u

/*
 * One interrupt of the calling core's private timer after ticks (>= 1)
 * counts, replacing any earlier one: the timer is stopped and its event
 * cleared first. The counter is loaded with ticks and interrupts when it
 * has counted down to 0: ticks counts after the CONTROL store that starts
 * it (QEMU 7.2 under icount: exactly, for 1 .. 5 000 000; a load of 0
 * never interrupts there, hence ticks >= 1). A caller that reads the clock
 * and then arms sees the interrupt that much later plus its own path: ten
 * global-timer counts from the a9_gt_count() before this call to the
 * a9_gt_count() at the top of the IRQ handler, in QEMU.
 */
static inline void a9_timer_oneshot(uintptr_t base, uint32_t ticks)
{
    /* Inline: the tick re-arms on every interrupt. Stopped before loading,
     * so the new count starts cleanly, and the event of an earlier
     * deadline is dropped. */
    volatile uint32_t *r = (volatile uint32_t *)base;
    r[A9_TIMER_CONTROL / 4u] = 0u;
    r[A9_TIMER_ISR / 4u] = A9_TIMER_ISR_EVENT;
    r[A9_TIMER_LOAD / 4u] = ticks;
    r[A9_TIMER_CONTROL / 4u] = A9_TIMER_CTRL_ENABLE | A9_TIMER_CTRL_IRQ_ENABLE;
}

/* Acknowledges the private timer's interrupt (clears the event flag). */
void a9_timer_clear(uintptr_t base);

/* Stops the private timer and clears its event: no further interrupt. */
void a9_timer_stop(uintptr_t base);

/* True if the private timer's event flag is set (it reached 0). */
int a9_timer_pending(uintptr_t base);

/* Starts the global timer counting up from where it stands (0 after
 * reset), prescaler 0, comparator off. Once, by the boot core: the counter
 * is shared. */
void a9_gt_init(uintptr_t base);

/* The global timer's low 32 bits (one load: wraps every 2^32 ticks).
 * Inline: the tick reads it on every interrupt. */
static inline uint32_t a9_gt_count(uintptr_t base)
{
    return *(volatile uint32_t *)(base + A9_GT_COUNTER_LO);
}

/* The whole 64-bit count, consistent: the high word is read before and
 * after the low word, and again if a carry came in between. */
uint64_t a9_gt_count64(uintptr_t base);

#endif /* A9_TIMER_H */
