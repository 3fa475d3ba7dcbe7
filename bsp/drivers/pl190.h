/*
 * pl190.h - ARM PrimeCell PL190 vectored interrupt controller, used
 * non-vectored: the IRQ path reads the status and dispatches in software.
 */
#ifndef PL190_H
#define PL190_H

#include <stdbool.h>
#include <stdint.h>

#ifndef DRV_REG32
#define DRV_REG32(base, off) (*(volatile uint32_t *)((base) + (off)))
#endif

/* Register offsets. */
#define PL190_IRQSTATUS 0x000u  /* enabled, IRQ-routed, pending sources */
#define PL190_RAWINTR 0x008u    /* raw pending sources */
#define PL190_INTSELECT 0x00Cu  /* 1 = FIQ */
#define PL190_INTENABLE 0x010u  /* write 1 to enable */
#define PL190_INTENCLEAR 0x014u /* write 1 to disable */
#define PL190_SOFTINT 0x018u
#define PL190_SOFTINTCLEAR 0x01Cu
#define PL190_VECTCNTL0 0x200u  /* vector control 0..15 */

#define PL190_SOURCES 32u

/* All sources disabled, all routed to IRQ, vectored slots off. */
void pl190_init(uintptr_t base);
void pl190_enable(uintptr_t base, unsigned source);
void pl190_disable(uintptr_t base, unsigned source);
/* Pending enabled IRQ sources, one bit per source. */
/* The highest-numbered pending enabled source (the board's priority rule:
 * on the Versatile the higher numbers are the faster devices), or -1. */
static inline int pl190_claim(uintptr_t base)
{
    uint32_t status = DRV_REG32(base, PL190_IRQSTATUS);
    if (status == 0u)
        return -1;
    return (int)(31u - (unsigned)__builtin_clz(status));
}
/* The claim in two steps, for a dispatch that tests one source first:
 * pl190_peek() reads the pending word (no side effect),
 * pl190_peek_is(w, source) is true when source is the one pending source
 * (so the claim would return it; with others pending too the dispatch
 * takes the general path), pl190_claim_peeked(w) is
 * pl190_claim() of that word. */
static inline uint32_t pl190_peek(uintptr_t base)
{
    return DRV_REG32(base, PL190_IRQSTATUS);
}
static inline bool pl190_peek_is(uint32_t w, unsigned source)
{
    return w == 1u << source;
}
static inline int pl190_claim_peeked(uint32_t w)
{
    return w == 0u ? -1 : (int)(31u - (unsigned)__builtin_clz(w));
}
/* End of the handling of a claimed source: nothing to do on a PL190. */
static inline void pl190_complete(uintptr_t base, unsigned source)
{
    /* The PL190 keeps no state of a claim in non-vectored use: a source
     * stays pending until its device is acknowledged. */
    (void)base;
    (void)source;
}

#endif /* PL190_H */
