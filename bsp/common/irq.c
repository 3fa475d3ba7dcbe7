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
    bsp_irq_handler_t handler; /* NULL: source not attached */
    void *arg;                 /* passed to handler */
};

static struct irq_slot irq_slots[BOARD_IRQ_COUNT];

const unsigned bsp_irq_count = BOARD_IRQ_COUNT;

void bsp_irq_attach(unsigned source, bsp_irq_handler_t handler, void *arg)
{
    if (source >= BOARD_IRQ_COUNT)
        return;
    uint32_t psr = cpu_irq_save();
    irq_slots[source].handler = handler;
    irq_slots[source].arg = arg;
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
 * source with no handler is disabled: it would otherwise keep the CPU in
 * the IRQ path.
 */
unsigned bsp_irq_dispatch(void)
{
    unsigned handled = 0;
    int claimed;
    while ((claimed = BOARD_INTC_CLAIM()) >= 0) {
        unsigned source = BOARD_INTC_SOURCE(claimed);
        struct irq_slot *slot =
            source < BOARD_IRQ_COUNT ? &irq_slots[source] : NULL;
        if (slot == NULL || slot->handler == NULL) {
            BOARD_INTC_DISABLE(source);
            BOARD_INTC_COMPLETE((unsigned)claimed);
            continue;
        }
        slot->handler(slot->arg);
        BOARD_INTC_COMPLETE((unsigned)claimed);
        handled++;
    }
    return handled;
}

void bsp_irq_init(void)
{
    BOARD_INTC_INIT();
}
