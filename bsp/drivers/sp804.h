/*
 * sp804.h - ARM dual timer SP804, one timer of a pair, used one-shot only
 * (periodic mode is mis-timed by QEMU under icount when the CPU idles).
 * base is the timer's own register block: block base + 0x00 for the first
 * timer, + 0x20 for the second.
 */
#ifndef SP804_H
#define SP804_H

#include <stdint.h>

/* Register offsets of one timer. */
#define SP804_LOAD 0x00u
#define SP804_VALUE 0x04u
#define SP804_CONTROL 0x08u
#define SP804_INTCLR 0x0Cu
#define SP804_RIS 0x10u
#define SP804_MIS 0x14u
#define SP804_BGLOAD 0x18u
#define SP804_TIMER2_OFFSET 0x20u

#define SP804_CTRL_ONESHOT 0x01u
#define SP804_CTRL_32BIT 0x02u
#define SP804_CTRL_INTEN 0x20u
#define SP804_CTRL_PERIODIC 0x40u
#define SP804_CTRL_ENABLE 0x80u

/* Stop the timer and clear its interrupt. */
void sp804_stop(uintptr_t base);
/* Both timers of the block stopped, their interrupts cleared (the state
 * after reset): the reset driver of an assigned SP804. */
void sp804_reset(uintptr_t regs);
/* Start a one-shot 32-bit countdown of ticks (>= 1) with interrupt. Inline:
 * the tick re-arms with it on every period. A stale interrupt of the
 * previous deadline is dropped first; the load restarts a running count
 * at once (SP804 TRM), and the control write (re)enables it, as one-shot
 * mode leaves it halted after an expiry. */
static inline void sp804_oneshot(uintptr_t base, uint32_t ticks)
{
    volatile uint32_t *r = (volatile uint32_t *)base;
    /* Any value written to INTCLR clears the interrupt: the count itself,
     * so that no constant has to be built for it. */
    r[SP804_INTCLR / 4u] = ticks;
    r[SP804_LOAD / 4u] = ticks;
    r[SP804_CONTROL / 4u] = SP804_CTRL_ENABLE | SP804_CTRL_INTEN | SP804_CTRL_32BIT |
                            SP804_CTRL_ONESHOT;
}
/* True if this timer's interrupt is pending (masked status). */
int sp804_pending(uintptr_t base);
/* Acknowledge the interrupt. */
static inline void sp804_clear(uintptr_t base)
{
    ((volatile uint32_t *)base)[SP804_INTCLR / 4u] = 1u;
}

#endif /* SP804_H */
