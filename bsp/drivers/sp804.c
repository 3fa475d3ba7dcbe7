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

int sp804_pending(uintptr_t base)
{
    return (REG(base, SP804_MIS) & 1u) != 0u;
}
