/* bcm2835_st.c - BCM2835 system timer, compare channels used one-shot. */
#include "bcm2835_st.h"

#define REG BCM2835_ST_REG
#define CN BCM2835_ST_CN
#define MATCH_BIT BCM2835_ST_MATCH_BIT
#define BEHIND BCM2835_ST_BEHIND

void bcm2835_st_clear(uintptr_t base, unsigned channel)
{
    if (channel < BCM2835_ST_CHANNELS) {
        REG(base, BCM2835_ST_CS) = MATCH_BIT(channel);
    }
}

void bcm2835_st_stop(uintptr_t base, unsigned channel)
{
    if (channel >= BCM2835_ST_CHANNELS) {
        return;
    }
    /* Compare first, then the clear: no match can latch after it. */
    REG(base, CN(channel)) = REG(base, BCM2835_ST_CLO) + BEHIND;
    REG(base, BCM2835_ST_CS) = MATCH_BIT(channel);
}

int bcm2835_st_pending(uintptr_t base, unsigned channel)
{
    if (channel >= BCM2835_ST_CHANNELS) {
        return 0;
    }
    return (REG(base, BCM2835_ST_CS) & MATCH_BIT(channel)) != 0u;
}

void bcm2835_st_reset(uintptr_t regs)
{
    uintptr_t base = regs & ~(uintptr_t)BCM2835_ST_PAGE_MASK;
    unsigned channel =
        (unsigned)((regs - base - BCM2835_ST_C0) / BCM2835_ST_CN_STRIDE);
    bcm2835_st_stop(base, channel);
}
