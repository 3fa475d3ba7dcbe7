/*
 * mutex.c - recursive mutexes with transitive priority inheritance.
 *
 * Invariants (mask held):
 *  - owner == NULL iff recursion == 0, and then waiters is empty;
 *  - a mutex is in its owner's `held` chain exactly while owned;
 *  - every task's effective priority equals the maximum of its base
 *    priority and the priorities of the first waiters of the mutexes it
 *    holds (wait lists are sorted, so the first is the highest). When a
 *    task's priority changes while it waits on a mutex, the change is
 *    carried to that mutex's owner, and so on along the chain.
 *
 * Every entry point validates the mutex (OS_OBJ_VALID) before touching it.
 */
#include "os_internal.h"

OS_COLD enum os_status os_mutex_init(struct os_mutex *m)
{
    return os_mutex_init_kind(m, OS_MUTEX_RECURSIVE);
}

OS_COLD enum os_status os_mutex_init_kind(struct os_mutex *m, enum os_mutex_kind kind)
{
    if (!OS_OBJ_PLACED(m, struct os_mutex) ||
        (kind != OS_MUTEX_RECURSIVE && kind != OS_MUTEX_NORMAL))
        return OS_ERR_PARAM;
    os_critical_enter();
    /* Re-initialising an owned mutex would cut it out of its owner's held
     * chain (and orphan its waiters, who exist only while owned). */
    enum os_status st = os_obj_init_check(m, OS_TAG_MUTEX, m->owner != NULL);
    if (st != OS_OK) {
        os_critical_exit();
        return st;
    }
    m->kind = (uint32_t)kind;
    m->owner = NULL;
    m->recursion = 0;
    os_list_init(&m->waiters);
    m->next_held = NULL;
    m->tag = OS_OBJ_TAG(OS_TAG_MUTEX);
    os_kobj_claim(m, sizeof *m, OS_TAG_MUTEX);
    os_critical_exit();
    return OS_OK;
}

void os_mutex_update_priority(struct os_task *t)
{
    /* The depth bound stops a deadlock cycle from looping forever. */
    for (unsigned depth = 0; t != NULL && depth < OS_CONFIG_INHERIT_DEPTH; depth++) {
        uint8_t prio = t->base_priority;
        for (const struct os_mutex *m = t->held; m != NULL; m = m->next_held) {
            const struct os_list_node *n = os_list_first(&m->waiters);
            if (n != NULL && n->owner->priority > prio)
                prio = n->owner->priority;
        }
        if (prio == t->priority)
            break;
        os_sched_set_effective_priority(t, prio);
        if (t->state != OS_TASK_BLOCKED || t->wait_kind != OS_WAIT_MUTEX)
            break;
        t = ((struct os_mutex *)t->wait_obj)->owner;
    }
}

void os_mutex_waiter_left(struct os_mutex *m)
{
    os_mutex_update_priority(m->owner);
}

/* Make t the owner of the free mutex m; mask held. */
static void take_ownership(struct os_mutex *m, struct os_task *t)
{
    m->owner = t;
    m->recursion = 1;
    m->next_held = t->held;
    t->held = m;
    OS_TRACE_MUTEX_LOCK(m);
}

enum os_status os_mutex_lock(struct os_mutex *m, os_tick_t timeout)
{
    if (!OS_OBJ_VALID(m, OS_TAG_MUTEX))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    if (!os_running())
        return OS_ERR_STATE;
    os_critical_enter();
    struct os_task *self = os_current;
    if (m->owner == NULL) {
        take_ownership(m, self);
        os_critical_exit();
        return OS_OK;
    }
    /* A normal mutex locked again by its owner: the owner waits on it like
     * any other locker (until its timeout: it cannot unlock meanwhile). */
    if (m->owner == self && m->kind == OS_MUTEX_RECURSIVE) {
        enum os_status st = OS_OK;
        if (m->recursion == UINT32_MAX)
            st = OS_ERR_STATE;
        else
            m->recursion++;
        os_critical_exit();
        return st;
    }
    if (timeout == OS_NO_WAIT || !os_sched_can_block()) {
        os_critical_exit();
        return timeout == OS_NO_WAIT ? OS_TIMEOUT : OS_ERR_STATE;
    }
    os_sched_block(&m->waiters, m, OS_WAIT_MUTEX, timeout);
    /* The owner now runs at least at our priority (and its owner, ...). */
    os_mutex_update_priority(m->owner);
    os_critical_exit();
    /* On OS_OK the unlocking task already made us the owner. */
    return os_sched_block_switch();
}

enum os_status os_mutex_unlock(struct os_mutex *m)
{
    if (!OS_OBJ_VALID(m, OS_TAG_MUTEX))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    os_critical_enter();
    struct os_task *self = os_current;
    if (self == NULL || m->owner != self) {
        os_critical_exit();
        return OS_ERR_STATE;
    }
    if (--m->recursion > 0u) {
        os_critical_exit();
        return OS_OK;
    }
    /* Unlink m from self's held chain (mutexes may be unlocked in any order). */
    struct os_mutex **pp = &self->held;
    while (*pp != m)
        pp = &(*pp)->next_held;
    *pp = m->next_held;
    m->next_held = NULL;
    m->owner = NULL;
    OS_TRACE_MUTEX_UNLOCK(m);

    struct os_list_node *n = os_list_first(&m->waiters);
    if (n != NULL) {
        /* Hand over to the first waiter; it inherits from those left. */
        struct os_task *t = n->owner;
        os_list_remove(&t->event_node);
        take_ownership(m, t);
        (void)os_sched_wake(t, OS_OK);
        os_mutex_update_priority(t);
    }
    /* Drop what self inherited through m. */
    os_mutex_update_priority(self);
    bool need = os_sched_switch_needed();
    os_critical_exit();
    if (need)
        os_sched_request_switch();
    return OS_OK;
}

OS_COLD struct os_task *os_mutex_owner(const struct os_mutex *m)
{
    if (!OS_OBJ_VALID(m, OS_TAG_MUTEX))
        return NULL;
    return m->owner;
}

OS_COLD uint32_t os_mutex_recursion(const struct os_mutex *m)
{
    if (!OS_OBJ_VALID(m, OS_TAG_MUTEX))
        return 0u;
    return m->recursion;
}

OS_COLD enum os_status os_mutex_delete(struct os_mutex *m)
{
    if (!OS_OBJ_VALID(m, OS_TAG_MUTEX))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    os_critical_enter();
    /* Waiters exist only while it is owned. */
    enum os_status st = m->owner != NULL ? OS_ERR_STATE : OS_OK;
    if (st == OS_OK)
        os_obj_forget(m, sizeof *m);
    os_critical_exit();
    return st;
}
