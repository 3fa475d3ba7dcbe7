/* pl061.c - ARM PrimeCell PL061 GPIO. */
#include "pl061.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

void pl061_reset(uintptr_t regs)
{
    REG(regs, PL061_IE) = 0u;
    REG(regs, PL061_IC) = 0xFFu;
    REG(regs, PL061_DIR) = 0u;
}

void pl061_init_outputs(uintptr_t base, uint32_t mask)
{
    REG(base, PL061_IE) = 0u;
    pl061_write(base, mask, 0u);
    REG(base, PL061_DIR) = REG(base, PL061_DIR) | (mask & 0xFFu);
}
