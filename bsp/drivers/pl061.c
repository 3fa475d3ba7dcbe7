/* pl061.c - ARM PrimeCell PL061 GPIO. */
#include "pl061.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

void pl061_init_outputs(uintptr_t base, uint32_t mask)
{
    REG(base, PL061_IE) = 0u;
    pl061_write(base, mask, 0u);
    REG(base, PL061_DIR) = REG(base, PL061_DIR) | (mask & 0xFFu);
}
