/* sp804.c - ARM dual timer SP804, one-shot use. */
#include "sp804.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

void sp804_stop(uintptr_t base)
{
    REG(base, SP804_CONTROL) = 0u;
    REG(base, SP804_INTCLR) = 1u;
}

void sp804_reset(uintptr_t regs)
{
    sp804_stop(regs);
    sp804_stop(regs + SP804_TIMER2_OFFSET);
}

void sp804_oneshot(uintptr_t base, uint32_t ticks)
{
    /* The timer is stopped before loading so the new count starts cleanly,
     * and a stale interrupt of the previous deadline is dropped. */
    REG(base, SP804_CONTROL) = 0u;
    REG(base, SP804_INTCLR) = 1u;
    REG(base, SP804_LOAD) = ticks;
    REG(base, SP804_CONTROL) = SP804_CTRL_ENABLE | SP804_CTRL_INTEN |
                               SP804_CTRL_32BIT | SP804_CTRL_ONESHOT;
}

int sp804_pending(uintptr_t base)
{
    return (REG(base, SP804_MIS) & 1u) != 0u;
}

void sp804_clear(uintptr_t base)
{
    REG(base, SP804_INTCLR) = 1u;
}
