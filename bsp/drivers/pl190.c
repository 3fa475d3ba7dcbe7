/* pl190.c - ARM PrimeCell PL190 VIC, non-vectored use. */
#include "pl190.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

void pl190_init(uintptr_t base)
{
    REG(base, PL190_INTENCLEAR) = 0xFFFFFFFFu;
    REG(base, PL190_INTSELECT) = 0u;
    REG(base, PL190_SOFTINTCLEAR) = 0xFFFFFFFFu;
    for (unsigned i = 0; i < 16u; i++) {
        REG(base, PL190_VECTCNTL0 + 4u * i) = 0u;
    }
}

void pl190_enable(uintptr_t base, unsigned source)
{
    REG(base, PL190_INTENABLE) = 1u << source;
}

void pl190_disable(uintptr_t base, unsigned source)
{
    REG(base, PL190_INTENCLEAR) = 1u << source;
}


