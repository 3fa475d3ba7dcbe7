/* bcm2835_st.c - BCM2835 system timer, compare channels used one-shot. */
#include "bcm2835_st.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))
#define CN(channel) (BCM2835_ST_C0 + BCM2835_ST_CN_STRIDE * (channel))
#define MATCH_BIT(channel) (1u << (channel))
/* Offset that puts a compare just behind a counter value: its next match
 * is 2^32 - 1 counts away. */
#define BEHIND ((uint32_t)-1)

uint32_t bcm2835_st_count(uintptr_t base)
{
    return REG(base, BCM2835_ST_CLO);
}

void bcm2835_st_oneshot(uintptr_t base, unsigned channel, uint32_t ticks)
{
    if (channel >= BCM2835_ST_CHANNELS) {
        return;
    }
    if (ticks < BCM2835_ST_MIN_TICKS) {
        ticks = BCM2835_ST_MIN_TICKS;
    }
    uint32_t now = REG(base, BCM2835_ST_CLO);
    /* Park the compare behind the counter first, so the old deadline
     * cannot match between the clear and the new compare; then drop a
     * match that latched earlier (it would interrupt at once); only then
     * write the new deadline, so the clear cannot eat its match. */
    REG(base, CN(channel)) = now + BEHIND;
    REG(base, BCM2835_ST_CS) = MATCH_BIT(channel);
    REG(base, CN(channel)) = now + ticks;
}

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
