/*
 * pl061.h - ARM PrimeCell PL061 GPIO. The data register is address-masked:
 * a store to base + (mask << 2) changes only the pins in mask, so setting or
 * clearing any set of pins is one store with no read-modify-write.
 */
#ifndef PL061_H
#define PL061_H

#include <stdint.h>

#define PL061_DATA 0x000u /* + (mask << 2) */
#define PL061_DIR 0x400u  /* 1 = output */
#define PL061_IE 0x410u   /* interrupt enable */
#define PL061_IC 0x41Cu   /* interrupt clear */

/* Make the pins in mask outputs, driven low. */
void pl061_init_outputs(uintptr_t base, uint32_t mask);
/* Every pin an input, no interrupt enabled or pending (the state after
 * reset): the reset driver of an assigned PL061. */
void pl061_reset(uintptr_t regs);

/* Drive the pins in mask to the matching bits of value: one store. */
static inline void pl061_write(uintptr_t base, uint32_t mask, uint32_t value)
{
    *(volatile uint32_t *)(base + PL061_DATA + ((mask & 0xFFu) << 2)) = value;
}

#endif /* PL061_H */
