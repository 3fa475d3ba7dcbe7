/* bcm2835_intc.c - BCM2835 ARM interrupt controller (see the header). */
#include "bcm2835_intc.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

/* The enable or disable register of source's bank (offset into the block)
 * and the source's bit in it; false for a source out of range. */
static int source_reg(unsigned source, uint32_t off_bank1, uint32_t off_bank2,
                      uint32_t off_basic, uint32_t *off, uint32_t *bit)
{
    if (source < BCM2835_INTC_BANK2_FIRST) {
        *off = off_bank1;
        *bit = 1u << (source - BCM2835_INTC_BANK1_FIRST);
    } else if (source < BCM2835_INTC_BASIC_FIRST) {
        *off = off_bank2;
        *bit = 1u << (source - BCM2835_INTC_BANK2_FIRST);
    } else if (source < BCM2835_INTC_SOURCES) {
        *off = off_basic;
        *bit = 1u << (source - BCM2835_INTC_BASIC_FIRST);
    } else {
        return 0;
    }
    return 1;
}

void bcm2835_intc_init(uintptr_t base)
{
    REG(base, BCM2835_INTC_FIQ_CONTROL) = 0u;
    REG(base, BCM2835_INTC_DISABLE1) = BCM2835_INTC_ALL;
    REG(base, BCM2835_INTC_DISABLE2) = BCM2835_INTC_ALL;
    REG(base, BCM2835_INTC_DISABLE_BASIC) = BCM2835_INTC_BASIC_MASK;
}

void bcm2835_intc_enable(uintptr_t base, unsigned source)
{
    uint32_t off;
    uint32_t bit;

    /* The enable registers are write-1-to-set: no read-modify-write, so
     * no race with another enable. */
    if (source_reg(source, BCM2835_INTC_ENABLE1, BCM2835_INTC_ENABLE2,
                   BCM2835_INTC_ENABLE_BASIC, &off, &bit)) {
        REG(base, off) = bit;
    }
}

void bcm2835_intc_disable(uintptr_t base, unsigned source)
{
    uint32_t off;
    uint32_t bit;

    if (source_reg(source, BCM2835_INTC_DISABLE1, BCM2835_INTC_DISABLE2,
                   BCM2835_INTC_DISABLE_BASIC, &off, &bit)) {
        REG(base, off) = bit;
    }
}


