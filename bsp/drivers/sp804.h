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
/* Start a one-shot 32-bit countdown of ticks (>= 1) with interrupt. */
void sp804_oneshot(uintptr_t base, uint32_t ticks);
/* True if this timer's interrupt is pending (masked status). */
int sp804_pending(uintptr_t base);
/* Acknowledge the interrupt. */
void sp804_clear(uintptr_t base);

#endif /* SP804_H */
