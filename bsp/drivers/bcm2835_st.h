/*
 * bcm2835_st.h - the BCM2835 system timer (Raspberry Pi Zero and Pi 1;
 * QEMU -M raspi0 and raspi1ap), ARM physical 0x20003000, bus 0x7E003000.
 *
 * A free-running 64-bit counter at 1 MHz (CLO, CHI) and four 32-bit
 * compare registers C0..C3. Compare channel n latches its match bit n in CS
 * when CLO becomes equal to Cn, and raises GPU interrupt n (the interrupt
 * controller's source n, bcm2835_intc.h) while that bit is set. A match bit
 * latches whether or not the line is enabled, and is cleared only by
 * writing 1 to it.
 *
 * Channels: on the hardware the VideoCore firmware uses C0 and C2; the ARM
 * has C1 and C3 (QEMU 7.2 models all four). The kernel's one-shot is C1,
 * C3 is free for tests or for a partition.
 *
 * The block has several channels, so every function of a channel takes the
 * channel number (0..3; a call with another number does nothing) as its
 * second argument, and a board binds its roles to channels, e.g. its
 * one-shot is bcm2835_st_oneshot(base, BCM2835_ST_CH_ARM, ticks).
 * A channel given to a partition is named by the address of its compare
 * register, BCM2835_ST_CHANNEL_REGS(base, n): that is the `regs` of the
 * reset driver bcm2835_st_reset().
 *
 * There is no way to switch a compare off: a "stopped" channel has its
 * compare set just behind the counter, so it next matches 2^32 - 1 us
 * (about 71.6 minutes) later; a caller that needs never disables the
 * channel's line at the interrupt controller too.
 */
#ifndef BCM2835_ST_H
#define BCM2835_ST_H

#include <stdint.h>

/* Register offsets. */
#define BCM2835_ST_CS 0x00u  /* match bits M0..M3, write 1 to clear */
#define BCM2835_ST_CLO 0x04u /* counter, low 32 bits */
#define BCM2835_ST_CHI 0x08u /* counter, high 32 bits */
#define BCM2835_ST_C0 0x0Cu  /* compare n at C0 + 4 n */
#define BCM2835_ST_CN_STRIDE 4u

#define BCM2835_ST_HZ 1000000u /* counter clock: 1 MHz */
#define BCM2835_ST_CHANNELS 4u

/* Channels by owner on the hardware. */
#define BCM2835_ST_CH_GPU0 0u /* VideoCore firmware */
#define BCM2835_ST_CH_ARM 1u  /* the kernel's one-shot */
#define BCM2835_ST_CH_GPU2 2u /* VideoCore firmware */
#define BCM2835_ST_CH_FREE 3u /* tests, or assignment to a partition */

/* Address of channel n's compare register: the channel's `regs`. */
#define BCM2835_ST_CHANNEL_REGS(base, n) \
    ((base) + BCM2835_ST_C0 + BCM2835_ST_CN_STRIDE * (n))
/* The block fills the start of its 4 KiB page, so the block of a `regs`
 * is that address with these bits cleared. */
#define BCM2835_ST_PAGE_MASK 0xFFFu

/*
 * Shortest one-shot delay programmed: a shorter request is lengthened to
 * this. The compare is an equality with CLO, and the counter may tick
 * between the read of CLO and the store to Cn; with a lead of 2 counts the
 * compare is still ahead of the counter when written, provided the caller
 * is not held up for 1 us between the two (it runs with interrupts
 * masked). A compare written behind the counter would match only 2^32 us
 * later.
 */
#define BCM2835_ST_MIN_TICKS 2u

/* Register access and the channel's fields, shared with bcm2835_st.c. */
#define BCM2835_ST_REG(base, off) (*(volatile uint32_t *)((base) + (off)))
#define BCM2835_ST_CN(channel) (BCM2835_ST_C0 + BCM2835_ST_CN_STRIDE * (channel))
#define BCM2835_ST_MATCH_BIT(channel) (1u << (channel))
/* Offset that puts a compare just behind a counter value: its next match
 * is 2^32 - 1 counts away. */
#define BCM2835_ST_BEHIND ((uint32_t)-1)

/* The counter's low 32 bits (CLO), in microseconds. Inline: the tick reads
 * it on every interrupt. */
static inline uint32_t bcm2835_st_count(uintptr_t base)
{
    return BCM2835_ST_REG(base, BCM2835_ST_CLO);
}

/*
 * One interrupt of channel (0..3) after ticks microseconds (at least
 * BCM2835_ST_MIN_TICKS, see above), counted from the read of CLO made
 * here, replacing any earlier deadline of the channel. A match that
 * latched before (even with the line disabled) is dropped first, so the
 * interrupt is never early.
 */
static inline void bcm2835_st_oneshot(uintptr_t base, unsigned channel, uint32_t ticks)
{
    /* Inline (the tick re-arms on every interrupt; the channel is a
     * constant at every call, so its check folds away). */
    if (channel >= BCM2835_ST_CHANNELS) {
        return;
    }
    if (ticks < BCM2835_ST_MIN_TICKS) {
        ticks = BCM2835_ST_MIN_TICKS;
    }
    uint32_t now = BCM2835_ST_REG(base, BCM2835_ST_CLO);
    /* Park the compare behind the counter first, so the old deadline
     * cannot match between the clear and the new compare; then drop a
     * match that latched earlier (it would interrupt at once); only then
     * write the new deadline, so the clear cannot eat its match. */
    BCM2835_ST_REG(base, BCM2835_ST_CN(channel)) = now + BCM2835_ST_BEHIND;
    BCM2835_ST_REG(base, BCM2835_ST_CS) = BCM2835_ST_MATCH_BIT(channel);
    BCM2835_ST_REG(base, BCM2835_ST_CN(channel)) = now + ticks;
}

/* Acknowledge channel's interrupt (clear its match bit). */
void bcm2835_st_clear(uintptr_t base, unsigned channel);

/* No further interrupt of channel: its match bit cleared and its compare
 * moved 2^32 - 1 us ahead (see above). */
void bcm2835_st_stop(uintptr_t base, unsigned channel);

/* Nonzero while channel's match bit is set. */
int bcm2835_st_pending(uintptr_t base, unsigned channel);

/* The reset driver of a channel given to a partition: regs is
 * BCM2835_ST_CHANNEL_REGS(base, n); that channel is stopped with nothing
 * pending, the others are not touched. */
void bcm2835_st_reset(uintptr_t regs);

#endif /* BCM2835_ST_H */
