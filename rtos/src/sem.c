/*
 * sem.c - counting and binary semaphores.
 *
 * Invariant: waiters is non-empty only while count == 0. A give with
 * waiters hands the unit straight to the first waiter (highest priority,
 * FIFO among equals) instead of raising the count, so a task that takes in
 * between cannot steal it.
 *
 * Every entry point validates the semaphore (placement and tag) before
 * touching it: inline (OS_OBJ_LIVE) on the give and take, by the shared
 * OS_OBJ_VALID elsewhere; see os_internal.h.
 */
#include "os_internal.h"

OS_COLD enum os_status os_sem_init(struct os_sem *s, unsigned initial, unsigned max)
{
    if (!OS_OBJ_PLACED(s, struct os_sem) || max == 0u || initial > max)
        return OS_ERR_PARAM;
    os_critical_enter();
    /* Re-initialising with waiters would orphan their nodes. */
    enum os_status st = os_obj_init_check(s, OS_TAG_SEM, !os_list_empty(&s->waiters));
    if (st != OS_OK) {
        os_critical_exit();
        return st;
    }
    s->count = initial;
    s->max = max;
#if OS_CONFIG_QUEUE_SETS
    s->set = NULL;
#endif
    os_list_init(&s->waiters);
    s->tag = OS_OBJ_TAG(OS_TAG_SEM);
    os_kobj_claim(s, sizeof *s, OS_TAG_SEM);
    os_critical_exit();
    return OS_OK;
}

enum os_status os_sem_take(struct os_sem *s, os_tick_t timeout)
{
    if (!OS_OBJ_LIVE(s, struct os_sem, OS_TAG_SEM))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    port_critical_enter();
    if (s->count > 0u) {
        s->count--;
        OS_TRACE_SEM_TAKE(s);
        port_critical_exit();
        return OS_OK;
    }
    if (timeout == OS_NO_WAIT || !os_sched_can_block()) {
        os_critical_exit(); /* the rare way out: the shared copy */
        return timeout == OS_NO_WAIT ? OS_TIMEOUT : OS_ERR_STATE;
    }
    os_sched_block(&s->waiters, s, OS_WAIT_SEM, timeout);
    os_critical_exit(); /* a switch follows: the shared copy */
    return os_sched_block_switch();
}

/* Give one unit; mask held. Returns OS_OK or OS_ERR_STATE (at max). */
static enum os_status give_locked(struct os_sem *s, bool *preempt)
{
    OS_TRACE_SEM_GIVE(s);
    if (os_sched_wake_first(&s->waiters, preempt) != NULL) {
        OS_TRACE_SEM_TAKE(s); /* the waiter's take completes now */
        return OS_OK;
    }
    if (s->count >= s->max)
        return OS_ERR_STATE;
    s->count++;
#if OS_CONFIG_QUEUE_SETS
    if (s->set != NULL)
        os_queue_set_post(s->set, s, preempt);
#endif
    return OS_OK;
}

enum os_status os_sem_give(struct os_sem *s)
{
    if (!OS_OBJ_LIVE(s, struct os_sem, OS_TAG_SEM))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    port_critical_enter();
    enum os_status st = give_locked(s, &preempt);
    port_critical_exit();
    if (preempt)
        os_sched_request_switch();
    return st;
}

bool os_sem_give_from_isr(struct os_sem *s)
{
    if (!OS_OBJ_LIVE(s, struct os_sem, OS_TAG_SEM))
        return false;
    bool preempt = false;
    PORT_IRQ_STATE_T st = port_irq_save();
    (void)give_locked(s, &preempt);
    port_irq_restore(st);
    if (preempt)
        port_yield_from_isr();
    return preempt;
}

OS_COLD unsigned os_sem_count(const struct os_sem *s)
{
    if (!OS_OBJ_VALID(s, OS_TAG_SEM))
        return 0u;
    return s->count;
}

OS_COLD enum os_status os_sem_delete(struct os_sem *s)
{
    if (!OS_OBJ_VALID(s, OS_TAG_SEM))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    os_critical_enter();
    bool busy = !os_list_empty(&s->waiters);
#if OS_CONFIG_QUEUE_SETS
    busy = busy || s->set != NULL;
#endif
    if (!busy)
        os_obj_forget(s, sizeof *s);
    os_critical_exit();
    return busy ? OS_ERR_STATE : OS_OK;
}
