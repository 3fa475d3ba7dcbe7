/*
 * event.c - event groups: bits tasks wait on (any or all), rendezvous.
 *
 * A waiting task describes its wait in a struct event_wait on its own
 * stack (the stack of its API call: on the para-virtual port the
 * guest-kernel stack), reached through its wait_data: the bits, the flags
 * and, once woken, the group's bits at that moment. A set scans the wait
 * list (highest priority first), wakes every waiter whose condition holds
 * and clears the bits those waiters asked to clear after the scan, so that
 * all waiters of one set see the same bits (a rendezvous releases every
 * task at once). O(waiters) with interrupts masked.
 *
 * Every entry point validates the group (OS_OBJ_LIVE) before touching it,
 * and out-pointers with PORT_BUFFER_OK.
 */
#include "os_internal.h"

struct event_wait {
    uint32_t bits;   /* bits waited for */
    unsigned flags;  /* OS_EVENT_WAIT_ALL, OS_EVENT_CLEAR_ON_EXIT */
    uint32_t result; /* the group's bits when the wait ended (set by the waker) */
};

enum os_status os_event_group_init(struct os_event_group *g)
{
    if (!OS_OBJ_PLACED(g, struct os_event_group))
        return OS_ERR_PARAM;
    os_critical_enter();
    if (OS_OBJ_IS(g, OS_TAG_EVENT)) {
        if (!os_list_empty(&g->waiters)) {
            os_critical_exit();
            return OS_ERR_STATE;
        }
    } else if (!PORT_NEW_OBJECT_OK() || !os_kobj_unclaimed(g, sizeof *g)) {
        os_critical_exit();
        return OS_ERR_PARAM;
    }
    g->bits = 0;
    os_list_init(&g->waiters);
    g->tag = OS_OBJ_TAG(OS_TAG_EVENT);
    os_kobj_claim(g, sizeof *g, OS_TAG_EVENT);
    os_critical_exit();
    return OS_OK;
}

static bool satisfied(uint32_t have, uint32_t want, unsigned flags)
{
    return (flags & OS_EVENT_WAIT_ALL) != 0u ? (have & want) == want : (have & want) != 0u;
}

/* Set bits and release the waiters this satisfies; mask held. */
static void set_locked(struct os_event_group *g, uint32_t bits, bool *preempt)
{
    g->bits |= bits;
    uint32_t clear = 0;
    struct os_list_node *n = os_list_first(&g->waiters);
    while (n != NULL) {
        struct os_list_node *next = n->next == &g->waiters.sentinel ? NULL : n->next;
        struct os_task *t = n->owner;
        struct event_wait *w = t->wait_data;
        if (satisfied(g->bits, w->bits, w->flags)) {
            w->result = g->bits;
            if ((w->flags & OS_EVENT_CLEAR_ON_EXIT) != 0u)
                clear |= w->bits;
            if (os_sched_wake(t, OS_OK))
                *preempt = true;
        }
        n = next;
    }
    g->bits &= ~clear;
}

enum os_status os_event_group_set(struct os_event_group *g, uint32_t bits, uint32_t *bits_after)
{
    if (!OS_OBJ_LIVE(g, struct os_event_group, OS_TAG_EVENT) || (bits & ~OS_EVENT_BITS_MASK) != 0u ||
        (bits_after != NULL && !PORT_BUFFER_OK(bits_after, sizeof *bits_after)))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    os_critical_enter();
    set_locked(g, bits, &preempt);
    uint32_t after = g->bits;
    os_critical_exit();
    if (bits_after != NULL)
        *bits_after = after;
    if (preempt)
        os_sched_request_switch();
    return OS_OK;
}

bool os_event_group_set_from_isr(struct os_event_group *g, uint32_t bits, bool *switch_needed)
{
    if (!OS_OBJ_LIVE(g, struct os_event_group, OS_TAG_EVENT) || (bits & ~OS_EVENT_BITS_MASK) != 0u)
        return false;
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    set_locked(g, bits, &preempt);
    port_irq_restore(s);
    if (preempt)
        port_yield_from_isr();
    if (switch_needed != NULL)
        *switch_needed = preempt;
    return true;
}

enum os_status os_event_group_clear(struct os_event_group *g, uint32_t bits, uint32_t *bits_before)
{
    if (!OS_OBJ_LIVE(g, struct os_event_group, OS_TAG_EVENT) || (bits & ~OS_EVENT_BITS_MASK) != 0u ||
        (bits_before != NULL && !PORT_BUFFER_OK(bits_before, sizeof *bits_before)))
        return OS_ERR_PARAM;
    PORT_IRQ_STATE_T s = port_irq_save();
    uint32_t before = g->bits;
    g->bits = before & ~bits;
    port_irq_restore(s);
    if (bits_before != NULL)
        *bits_before = before;
    return OS_OK;
}

bool os_event_group_clear_from_isr(struct os_event_group *g, uint32_t bits)
{
    if (!OS_OBJ_LIVE(g, struct os_event_group, OS_TAG_EVENT) || (bits & ~OS_EVENT_BITS_MASK) != 0u)
        return false;
    PORT_IRQ_STATE_T s = port_irq_save();
    g->bits &= ~bits;
    port_irq_restore(s);
    return true;
}

uint32_t os_event_group_get(const struct os_event_group *g)
{
    if (!OS_OBJ_LIVE(g, struct os_event_group, OS_TAG_EVENT))
        return 0u;
    return g->bits;
}

/*
 * Wait (after setting set_bits, for a sync) until want is satisfied; the
 * common part of wait and sync. Validated arguments.
 */
static enum os_status wait_common(struct os_event_group *g, uint32_t set_bits, uint32_t want,
                                  unsigned flags, uint32_t *bits_out, os_tick_t timeout)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    struct event_wait w = {.bits = want, .flags = flags, .result = 0};
    enum os_status st;
    os_critical_enter();
    /* A sync judges by the bits before its own set's waiters cleared
     * theirs: the waiters it releases have the same wait bits. */
    uint32_t have = g->bits | set_bits;
    if (set_bits != 0u)
        set_locked(g, set_bits, &preempt);
    if (satisfied(have, want, flags)) {
        w.result = have;
        if ((flags & OS_EVENT_CLEAR_ON_EXIT) != 0u)
            g->bits &= ~want;
        st = OS_OK;
        os_critical_exit();
    } else if (timeout == OS_NO_WAIT || !os_sched_can_block()) {
        w.result = g->bits;
        st = timeout == OS_NO_WAIT ? OS_TIMEOUT : OS_ERR_STATE;
        os_critical_exit();
    } else {
        os_current->wait_data = &w;
        os_sched_block(&g->waiters, g, OS_WAIT_EVENT, timeout);
        os_critical_exit();
        /* The set that woke us (OS_OK) stored w.result and did the clear. */
        st = os_sched_block_switch();
        preempt = false; /* the block's switch ran whatever the set made ready */
        if (st != OS_OK) {
            os_critical_enter();
            w.result = OS_OBJ_IS(g, OS_TAG_EVENT) ? g->bits : 0u;
            os_critical_exit();
        }
    }
    if (bits_out != NULL)
        *bits_out = w.result;
    if (preempt)
        os_sched_request_switch();
    return st;
}

enum os_status os_event_group_wait(struct os_event_group *g, uint32_t bits, unsigned flags,
                                   uint32_t *bits_out, os_tick_t timeout)
{
    if (!OS_OBJ_LIVE(g, struct os_event_group, OS_TAG_EVENT) || bits == 0u ||
        (bits & ~OS_EVENT_BITS_MASK) != 0u ||
        (flags & ~(OS_EVENT_WAIT_ALL | OS_EVENT_CLEAR_ON_EXIT)) != 0u ||
        (bits_out != NULL && !PORT_BUFFER_OK(bits_out, sizeof *bits_out)))
        return OS_ERR_PARAM;
    return wait_common(g, 0u, bits, flags, bits_out, timeout);
}

enum os_status os_event_group_sync(struct os_event_group *g, uint32_t set_bits, uint32_t wait_bits,
                                   uint32_t *bits_out, os_tick_t timeout)
{
    if (!OS_OBJ_LIVE(g, struct os_event_group, OS_TAG_EVENT) || wait_bits == 0u ||
        ((set_bits | wait_bits) & ~OS_EVENT_BITS_MASK) != 0u ||
        (bits_out != NULL && !PORT_BUFFER_OK(bits_out, sizeof *bits_out)))
        return OS_ERR_PARAM;
    return wait_common(g, set_bits, wait_bits, OS_EVENT_WAIT_ALL | OS_EVENT_CLEAR_ON_EXIT, bits_out,
                       timeout);
}

enum os_status os_event_group_delete(struct os_event_group *g)
{
    if (!OS_OBJ_LIVE(g, struct os_event_group, OS_TAG_EVENT))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    os_critical_enter();
    struct os_list_node *n;
    while ((n = os_list_first(&g->waiters)) != NULL) {
        struct os_task *t = n->owner;
        ((struct event_wait *)t->wait_data)->result = 0u;
        if (os_sched_wake(t, OS_ERR_STATE))
            preempt = true;
    }
    os_obj_forget(g, sizeof *g);
    os_critical_exit();
    if (preempt)
        os_sched_request_switch();
    return OS_OK;
}
