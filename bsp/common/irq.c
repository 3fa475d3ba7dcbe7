/*
 * irq.c - bsp.h's interrupts over the board's interrupt controller driver
 * (BOARD_INTC_* in bsp/<board>/board.h): one handler per source, any
 * number of sources (BOARD_IRQ_COUNT), and the dispatch loop.
 */
#include <stddef.h>

#include "board.h"
#include "bsp.h"
#include "bsp_common.h"
#include "clock_tick.h"
#include "cpu.h"

/* The source a claimed value names: the value itself, unless the
 * controller adds more (the GIC: the sending CPU of an SGI, which its
 * completion must echo). */
#ifndef BOARD_INTC_SOURCE
#define BOARD_INTC_SOURCE(claimed) ((unsigned)(claimed))
#endif

/* One handler per interrupt source. */
struct irq_slot {
    bsp_irq_handler_t handler; /* never NULL after bsp_irq_init: irq_unattached */
    void *arg;                 /* passed to handler (irq_unattached: the source) */
};

static struct irq_slot irq_slots[BOARD_IRQ_COUNT];

/* The handler of a source nobody attached: disabled, since it would
 * otherwise keep the CPU in the IRQ path. A handler in every slot spares
 * the dispatch a test on each interrupt. */
static void irq_unattached(void *arg)
{
    BOARD_INTC_DISABLE((unsigned)(uintptr_t)arg);
}

const unsigned bsp_irq_count = BOARD_IRQ_COUNT;

void bsp_irq_attach(unsigned source, bsp_irq_handler_t handler, void *arg)
{
    if (source >= BOARD_IRQ_COUNT)
        return;
    uint32_t psr = cpu_irq_save();
    irq_slots[source].handler = handler != NULL ? handler : irq_unattached;
    irq_slots[source].arg = handler != NULL ? arg : (void *)(uintptr_t)source;
    BOARD_INTC_ENABLE(source);
    cpu_irq_restore(psr);
}

void bsp_irq_enable(unsigned source)
{
    if (source < BOARD_IRQ_COUNT)
        BOARD_INTC_ENABLE(source);
}

void bsp_irq_disable(unsigned source)
{
    if (source < BOARD_IRQ_COUNT)
        BOARD_INTC_DISABLE(source);
}

/*
 * The controller's claim gives the highest-priority pending source (its
 * driver documents the rule) and is asked again after each handler, so a
 * source raised meanwhile with a higher priority goes next. A pending
 * source with no handler runs irq_unattached, which disables it.
 *
 * The tick first: when the claim is the tick's one-shot on its usual path
 * (bsp_tick_fast, clock_tick.h), the one-shot is re-armed inline, the
 * claim completed and the tick's handler called last, with no slot lookup
 * and no second claim: every controller here is level-sensitive (the
 * GIC's pending state stays too), so a source that is pending meanwhile
 * interrupts again as soon as this exception returns. Built where the
 * tick runs (BSP_TICK_FAST: native systems, mk/native.mk); a partitioned
 * kernel's one-shot is bsp_timer_*'s, and its dispatch has no such test.
 */
#ifndef BSP_TICK_FAST
#define BSP_TICK_FAST 0
#endif

void bsp_irq_dispatch(void)
{
#if !BSP_TICK_FAST
    int claimed = BOARD_INTC_CLAIM();
#elif defined(BOARD_INTC_PEEK)
    /* The claim in two steps (the board's BOARD_INTC_PEEK*): the word read
     * once serves the tick's test and the general claim. */
    uint32_t w = BOARD_INTC_PEEK();
    uint32_t now;
    if (BOARD_INTC_PEEK_IS(w, BOARD_ONESHOT_IRQ) && bsp_tick_fast(&now)) {
        BOARD_INTC_COMPLETE(w);
        bsp_tick_fast_end(now);
        (void)bsp_clk.tk.handler(1u);
        return;
    }
    int claimed = BOARD_INTC_CLAIM_PEEKED(w);
#else
    int claimed = BOARD_INTC_CLAIM();
    uint32_t now;
    if (claimed == (int)BOARD_ONESHOT_IRQ && bsp_tick_fast(&now)) {
        BOARD_INTC_COMPLETE((unsigned)claimed);
        bsp_tick_fast_end(now);
        (void)bsp_clk.tk.handler(1u);
        return;
    }
#endif
    while (claimed >= 0) {
        unsigned source = BOARD_INTC_SOURCE(claimed);
        if (source < BOARD_IRQ_COUNT) {
            const struct irq_slot *slot = &irq_slots[source];
            slot->handler(slot->arg);
        } else {
            BOARD_INTC_DISABLE(source);
        }
        BOARD_INTC_COMPLETE((unsigned)claimed);
        claimed = BOARD_INTC_CLAIM();
    }
}

void bsp_irq_init(void)
{
    for (unsigned i = 0; i < BOARD_IRQ_COUNT; i++) {
        irq_slots[i].handler = irq_unattached;
        irq_slots[i].arg = (void *)(uintptr_t)i;
    }
    BOARD_INTC_INIT();
}
