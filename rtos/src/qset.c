/*
 * qset.c - queue sets: one task waits on several queues and semaphores.
 *
 * A set is a ring of member addresses. Queues and semaphores that belong
 * to a set (their `set` pointer, OS_CONFIG_QUEUE_SETS) post their address
 * here for every item or unit that arrives and is not handed straight to a
 * task waiting on the member (os_queue_set_post, called by queue.c and
 * sem.c with the mask held); a select takes the oldest address. A post to
 * a task waiting in select hands the address over directly (the ring stays
 * empty while tasks wait, as for queues). A post to a full set is dropped
 * and counted: the application sizes the set for the members' capacities.
 *
 * Without OS_CONFIG_QUEUE_SETS the members carry no set pointer; the calls
 * refuse (OS_ERR_STATE) and nothing else costs anything.
 */
#include "os_internal.h"

#if OS_CONFIG_QUEUE_SETS

enum os_status os_queue_set_init(struct os_queue_set *set, void **storage, size_t capacity)
{
    if (!OS_OBJ_PLACED(set, struct os_queue_set) || storage == NULL || capacity == 0u ||
        capacity > SIZE_MAX / sizeof(void *) ||
        (uintptr_t)storage + capacity * sizeof(void *) < (uintptr_t)storage ||
        !PORT_BUFFER_OK(storage, capacity * sizeof(void *)))
        return OS_ERR_PARAM;
    os_critical_enter();
    if (OS_OBJ_IS(set, OS_TAG_QSET)) {
        /* Members still point at it: only an idle, empty set is redone. */
        if (!os_list_empty(&set->waiters) || set->count != 0u) {
            os_critical_exit();
            return OS_ERR_STATE;
        }
    } else if (!PORT_NEW_OBJECT_OK() || !os_kobj_unclaimed(set, sizeof *set)) {
        os_critical_exit();
        return OS_ERR_PARAM;
    }
    set->storage = storage;
    set->capacity = capacity;
    set->count = 0;
    set->head = 0;
    set->dropped = 0;
    os_list_init(&set->waiters);
    set->tag = OS_OBJ_TAG(OS_TAG_QSET);
    os_kobj_claim(set, sizeof *set, OS_TAG_QSET);
    os_critical_exit();
    return OS_OK;
}

void os_queue_set_post(struct os_queue_set *set, void *member, bool *preempt)
{
    struct os_list_node *n = os_list_first(&set->waiters);
    if (n != NULL) {
        struct os_task *t = n->owner;
        *(void **)t->wait_data = member;
        if (os_sched_wake(t, OS_OK))
            *preempt = true;
        return;
    }
    if (set->count == set->capacity) {
        set->dropped++;
        return;
    }
    set->storage[(set->head + set->count) % set->capacity] = member;
    set->count++;
}

/* The set pointer of member (a live queue or semaphore), NULL when it is
 * neither; *empty tells whether it holds no item or unit. Mask held. */
static struct os_queue_set **member_slot(void *member, bool *empty)
{
    struct os_queue *q = member;
    if (OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE)) {
        *empty = q->count == 0u;
        return &q->set;
    }
    struct os_sem *s = member;
    if (OS_OBJ_LIVE(s, struct os_sem, OS_TAG_SEM)) {
        *empty = s->count == 0u;
        return &s->set;
    }
    return NULL;
}

enum os_status os_queue_set_add(struct os_queue_set *set, void *member)
{
    if (!OS_OBJ_LIVE(set, struct os_queue_set, OS_TAG_QSET))
        return OS_ERR_PARAM;
    enum os_status st = OS_OK;
    os_critical_enter();
    bool empty = false;
    struct os_queue_set **slot = member_slot(member, &empty);
    if (slot == NULL)
        st = OS_ERR_PARAM;
    else if (*slot != NULL || !empty)
        st = OS_ERR_STATE;
    else
        *slot = set;
    os_critical_exit();
    return st;
}

enum os_status os_queue_set_remove(struct os_queue_set *set, void *member)
{
    if (!OS_OBJ_LIVE(set, struct os_queue_set, OS_TAG_QSET))
        return OS_ERR_PARAM;
    enum os_status st = OS_OK;
    os_critical_enter();
    bool empty = false;
    struct os_queue_set **slot = member_slot(member, &empty);
    if (slot == NULL)
        st = OS_ERR_PARAM;
    else if (*slot != set || !empty)
        st = OS_ERR_STATE;
    else
        *slot = NULL;
    os_critical_exit();
    return st;
}

/* Take the oldest entry; mask held. NULL when empty. */
static void *pop_locked(struct os_queue_set *set)
{
    if (set->count == 0u)
        return NULL;
    void *m = set->storage[set->head];
    set->head = (set->head + 1u) % set->capacity;
    set->count--;
    return m;
}

enum os_status os_queue_set_select(struct os_queue_set *set, void **member, os_tick_t timeout)
{
    if (!OS_OBJ_LIVE(set, struct os_queue_set, OS_TAG_QSET) || member == NULL ||
        !PORT_BUFFER_OK(member, sizeof *member))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    void *got = NULL;
    os_critical_enter();
    got = pop_locked(set);
    if (got != NULL) {
        os_critical_exit();
        *member = got;
        return OS_OK;
    }
    if (timeout == OS_NO_WAIT || !os_sched_can_block()) {
        os_critical_exit();
        *member = NULL;
        return timeout == OS_NO_WAIT ? OS_TIMEOUT : OS_ERR_STATE;
    }
    /* The post that wakes us stores the member here (our own stack). */
    os_current->wait_data = &got;
    os_sched_block(&set->waiters, set, OS_WAIT_QUEUE_SET, timeout);
    os_critical_exit();
    enum os_status st = os_sched_block_switch();
    *member = st == OS_OK ? got : NULL;
    return st;
}

void *os_queue_set_select_from_isr(struct os_queue_set *set)
{
    if (!OS_OBJ_LIVE(set, struct os_queue_set, OS_TAG_QSET))
        return NULL;
    PORT_IRQ_STATE_T s = port_irq_save();
    void *m = pop_locked(set);
    port_irq_restore(s);
    return m;
}

#else /* !OS_CONFIG_QUEUE_SETS */

enum os_status os_queue_set_init(struct os_queue_set *set, void **storage, size_t capacity)
{
    (void)set;
    (void)storage;
    (void)capacity;
    return OS_ERR_STATE;
}

enum os_status os_queue_set_add(struct os_queue_set *set, void *member)
{
    (void)set;
    (void)member;
    return OS_ERR_STATE;
}

enum os_status os_queue_set_remove(struct os_queue_set *set, void *member)
{
    (void)set;
    (void)member;
    return OS_ERR_STATE;
}

enum os_status os_queue_set_select(struct os_queue_set *set, void **member, os_tick_t timeout)
{
    (void)set;
    (void)member;
    (void)timeout;
    return OS_ERR_STATE;
}

void *os_queue_set_select_from_isr(struct os_queue_set *set)
{
    (void)set;
    return NULL;
}

#endif /* OS_CONFIG_QUEUE_SETS */
