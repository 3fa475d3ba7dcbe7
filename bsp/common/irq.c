/*
 * irq.c - bsp.h's interrupts over the board's interrupt controller driver
 * (BOARD_INTC_* in bsp/<board>/board.h): one handler per source, any
 * number of sources (BOARD_IRQ_COUNT), and the dispatch loop.
 */
#include <stddef.h>

#include "board.h"
#include "bsp.h"
#include "bsp_common.h"
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
 */
void bsp_irq_dispatch(void)
{
    int claimed;
    while ((claimed = BOARD_INTC_CLAIM()) >= 0) {
        unsigned source = BOARD_INTC_SOURCE(claimed);
        if (source < BOARD_IRQ_COUNT) {
            const struct irq_slot *slot = &irq_slots[source];
            slot->handler(slot->arg);
        } else {
            BOARD_INTC_DISABLE(source);
        }
        BOARD_INTC_COMPLETE((unsigned)claimed);
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
