/*
 * bcm2835_intc.h - the ARM interrupt controller of the Broadcom BCM2835
 * (Raspberry Pi Zero and Pi 1; QEMU -M raspi0 and raspi1ap). Its registers
 * are at ARM physical 0x2000B200 (VideoCore bus 0x7E00B200); base below is
 * the kernel's address of that first register (IRQ basic pending).
 *
 * Source numbers used by this driver:
 *   0..31   GPU interrupts of pending/enable/disable register 1 (bit n);
 *           the system timer's compare Cn is source n (0..3);
 *   32..63  GPU interrupts of register 2 (bit n - 32); the PL011 UART is
 *           GPU interrupt 57;
 *   64..71  the ARM-side "basic" sources, bits 0..7 of the basic registers:
 *           ARM timer, ARM mailbox, doorbells 0 and 1, GPU 0 and 1 halted,
 *           illegal access types 1 and 0.
 *
 * Priority: the controller has none of its own; bcm2835_intc_claim()
 * returns the lowest-numbered pending enabled source. The system timer's
 * compares are the lowest GPU numbers, so the kernel's tick (compare 1) is
 * served before any other device however busy the others are, and the
 * order is fixed, so a dispatcher that claims again after each handler
 * visits the sources in a known order. The basic sources come last: none
 * of them is a device the kernel drives (the ARM timer is not even modelled
 * by QEMU 7.2), and the most common claim, a GPU source of register 1,
 * costs a single register read.
 *
 * The pending registers show only enabled sources (a compare that matched
 * with its line disabled reads as 0 in pending register 1: checked under
 * QEMU 7.2), so the claim needs no read of the enable state. There is no
 * end-of-interrupt: a source stays pending until it is cleared at its
 * device, and bcm2835_intc_complete() does nothing.
 */
#ifndef BCM2835_INTC_H
#define BCM2835_INTC_H

#include <stdbool.h>
#include <stdint.h>

#ifndef DRV_REG32
#define DRV_REG32(base, off) (*(volatile uint32_t *)((base) + (off)))
#endif

/* Register offsets from the IRQ basic pending register. */
#define BCM2835_INTC_BASIC_PENDING 0x00u /* basic sources, summary bits */
#define BCM2835_INTC_PENDING1 0x04u      /* GPU 0..31, enabled only */
#define BCM2835_INTC_PENDING2 0x08u      /* GPU 32..63, enabled only */
#define BCM2835_INTC_FIQ_CONTROL 0x0Cu   /* FIQ source and enable */
#define BCM2835_INTC_ENABLE1 0x10u       /* write 1 to enable GPU 0..31 */
#define BCM2835_INTC_ENABLE2 0x14u       /* write 1 to enable GPU 32..63 */
#define BCM2835_INTC_ENABLE_BASIC 0x18u  /* write 1 to enable basic 0..7 */
#define BCM2835_INTC_DISABLE1 0x1Cu      /* write 1 to disable GPU 0..31 */
#define BCM2835_INTC_DISABLE2 0x20u      /* write 1 to disable GPU 32..63 */
#define BCM2835_INTC_DISABLE_BASIC 0x24u /* write 1 to disable basic 0..7 */

/* Bits 0..7 of the basic registers are the basic sources; the higher bits
 * of basic pending summarise the GPU registers and are not used. */
#define BCM2835_INTC_BASIC_MASK 0xFFu
#define BCM2835_INTC_ALL 0xFFFFFFFFu

/* First source number of each bank, and the number of sources. */
#define BCM2835_INTC_BANK1_FIRST 0u
#define BCM2835_INTC_BANK2_FIRST 32u
#define BCM2835_INTC_BASIC_FIRST 64u
#define BCM2835_INTC_SOURCES 72u

/* Every source disabled and the FIQ routing off. The controller has no
 * global enable: it is on from reset. */
void bcm2835_intc_init(uintptr_t base);

/* Let source (< BCM2835_INTC_SOURCES; others are ignored) interrupt the
 * ARM. Only the source's own enable bit changes. */
void bcm2835_intc_enable(uintptr_t base, unsigned source);

/* Stop source from interrupting; it may stay pending at its device. */
void bcm2835_intc_disable(uintptr_t base, unsigned source);

/* The lowest-numbered pending enabled source, or -1 when none is pending.
 * Nothing is acknowledged: the handler clears the source at its device. */
static inline int bcm2835_intc_claim(uintptr_t base)
{
    /* The pending registers are read directly, not first the summary
     * bits of basic pending: those only say that a register has bits set,
     * so that register would be read anyway, and the common claim (a GPU
     * source of register 1, where the timer lives) is then one read. */
    uint32_t p = DRV_REG32(base, BCM2835_INTC_PENDING1);
    if (p != 0u) {
        return (int)(BCM2835_INTC_BANK1_FIRST + (unsigned)__builtin_ctz(p));
    }
    p = DRV_REG32(base, BCM2835_INTC_PENDING2);
    if (p != 0u) {
        return (int)(BCM2835_INTC_BANK2_FIRST + (unsigned)__builtin_ctz(p));
    }
    p = DRV_REG32(base, BCM2835_INTC_BASIC_PENDING) & BCM2835_INTC_BASIC_MASK;
    if (p != 0u) {
        return (int)(BCM2835_INTC_BASIC_FIRST + (unsigned)__builtin_ctz(p));
    }
    return -1;
}

/* The claim in two steps, for a dispatch that tests one source first:
 * bcm2835_intc_peek() reads bank 1's pending word (no side effect),
 * bcm2835_intc_peek_is(w, source), for a source of bank 1 (the GPU
 * sources 0..31, where the system timer's are), is true when source is
 * the one pending source of the bank (so the claim would return it; with
 * others pending too the dispatch takes the general path),
 * bcm2835_intc_claim_peeked(base, w) is the claim given that word. */
static inline uint32_t bcm2835_intc_peek(uintptr_t base)
{
    return DRV_REG32(base, BCM2835_INTC_PENDING1);
}
static inline bool bcm2835_intc_peek_is(uint32_t w, unsigned source)
{
    return w == 1u << source;
}
static inline int bcm2835_intc_claim_peeked(uintptr_t base, uint32_t w)
{
    if (w != 0u) {
        return (int)(BCM2835_INTC_BANK1_FIRST + (unsigned)__builtin_ctz(w));
    }
    return bcm2835_intc_claim(base); /* the other banks (bank 1 read again) */
}
/* End of handling of source: nothing to do on this controller (kept for
 * the interrupt-controller interface shared with the GIC). */
static inline void bcm2835_intc_complete(uintptr_t base, unsigned source)
{
    (void)base;
    (void)source;
}

#endif /* BCM2835_INTC_H */
