/*
 * queue.c - FIFO message queues of fixed-size items copied by value.
 *
 * The storage is a ring: `count` items starting at index `head`.
 * Invariants: recv_waiters is non-empty only while count == 0, and
 * send_waiters only while count == capacity. Items move directly between
 * a sender and waiting receivers (and from a waiting sender into the ring
 * when a receiver frees a slot), so waiters are served in order
 * (highest priority first, FIFO among equals) and nobody can overtake them.
 *
 * Every entry point validates the queue (OS_OBJ_LIVE) before touching it,
 * and the caller's item buffer with PORT_BUFFER_OK; the storage is checked
 * once, at init.
 */
#include <string.h>

#include "os_internal.h"

OS_COLD enum os_status os_queue_init(struct os_queue *q, void *storage, size_t item_size, size_t capacity)
{
    if (!OS_OBJ_PLACED(q, struct os_queue) || storage == NULL || item_size == 0u ||
        capacity == 0u)
        return OS_ERR_PARAM;
    /* The whole storage, without overflow or wrap, must be a buffer the
     * core may write on the caller's behalf. */
    size_t bytes = item_size * capacity;
    if (bytes / capacity != item_size || (uintptr_t)storage + bytes < (uintptr_t)storage ||
        !PORT_BUFFER_OK(storage, bytes))
        return OS_ERR_PARAM;
    os_critical_enter();
    if (OS_OBJ_IS(q, OS_TAG_QUEUE)) {
        /* Re-initialising: its waiters' nodes would be orphaned. */
        if (!os_list_empty(&q->send_waiters) || !os_list_empty(&q->recv_waiters)) {
            os_critical_exit();
            return OS_ERR_STATE;
        }
    } else if (!PORT_NEW_OBJECT_OK() || !os_kobj_unclaimed(q, sizeof *q)) {
        os_critical_exit();
        return OS_ERR_PARAM;
    }
    q->storage = storage;
    q->item_size = item_size;
    q->capacity = capacity;
    q->count = 0;
    q->head = 0;
#if OS_CONFIG_QUEUE_SETS
    q->set = NULL;
#endif
    os_list_init(&q->send_waiters);
    os_list_init(&q->recv_waiters);
    q->tag = OS_OBJ_TAG(OS_TAG_QUEUE);
    os_kobj_claim(q, sizeof *q, OS_TAG_QUEUE);
    os_critical_exit();
    return OS_OK;
}

/* An item entered the ring: tell the queue's set, if any; mask held. */
static inline void entered(struct os_queue *q, bool *preempt)
{
#if OS_CONFIG_QUEUE_SETS
    if (q->set != NULL)
        os_queue_set_post(q->set, q, preempt);
#else
    (void)q;
    (void)preempt;
#endif
}

static void ring_push(struct os_queue *q, const void *item)
{
    size_t tail = (q->head + q->count) % q->capacity;
    memcpy(q->storage + tail * q->item_size, item, q->item_size);
    q->count++;
}

/* Put an item before the front: it is received next. */
static void ring_push_front(struct os_queue *q, const void *item)
{
    q->head = (q->head + q->capacity - 1u) % q->capacity;
    memcpy(q->storage + q->head * q->item_size, item, q->item_size);
    q->count++;
}

/* A waiting sender's item into the ring (at the front or the back, as it
 * asked), and the sender woken; mask held. */
static void take_sender(struct os_queue *q, struct os_task *t, bool *preempt)
{
    if (t->wait_kind == OS_WAIT_QUEUE_SEND_FRONT)
        ring_push_front(q, t->wait_data);
    else
        ring_push(q, t->wait_data);
    OS_TRACE_QUEUE_SEND(q);
    if (os_sched_wake(t, OS_OK))
        *preempt = true;
    entered(q, preempt);
}

static void ring_pop(struct os_queue *q, void *item)
{
    memcpy(item, q->storage + q->head * q->item_size, q->item_size);
    q->head = (q->head + 1u) % q->capacity;
    q->count--;
}

/*
 * Send *item if there is room or a receiver; mask held. Waiting peekers
 * ahead of the first waiting receiver get a copy; that receiver takes the
 * item; without one it goes into the ring. Returns false when full.
 */
static bool send_locked(struct os_queue *q, const void *item, bool front, bool *preempt)
{
    struct os_list_node *n;
    while ((n = os_list_first(&q->recv_waiters)) != NULL) {
        struct os_task *t = n->owner;
        bool peek = t->wait_kind == OS_WAIT_QUEUE_PEEK;
        memcpy(t->wait_data, item, q->item_size);
        if (os_sched_wake(t, OS_OK))
            *preempt = true;
        if (!peek) {
            OS_TRACE_QUEUE_SEND(q);
            OS_TRACE_QUEUE_RECEIVE(q);
            return true;
        }
    }
    if (q->count == q->capacity)
        return false;
    if (front)
        ring_push_front(q, item);
    else
        ring_push(q, item);
    OS_TRACE_QUEUE_SEND(q);
    entered(q, preempt);
    return true;
}

/* Receive (or peek) the front item; mask held. A freed slot is filled at
 * once from the first waiting sender. Returns false when empty. */
static bool receive_locked(struct os_queue *q, void *item, bool peek, bool *preempt)
{
    if (q->count == 0u)
        return false;
    if (peek) {
        memcpy(item, q->storage + q->head * q->item_size, q->item_size);
        return true;
    }
    ring_pop(q, item);
    OS_TRACE_QUEUE_RECEIVE(q);
    struct os_list_node *n = os_list_first(&q->send_waiters);
    if (n != NULL)
        take_sender(q, n->owner, preempt);
    return true;
}

/* Send, the queue and the item checked. */
static enum os_status send_common(struct os_queue *q, const void *item, os_tick_t timeout,
                                  bool front)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    os_critical_enter();
    if (send_locked(q, item, front, &preempt)) {
        os_critical_exit();
        if (preempt)
            os_sched_request_switch();
        return OS_OK;
    }
    if (timeout == OS_NO_WAIT || !os_sched_can_block()) {
        os_critical_exit();
        return timeout == OS_NO_WAIT ? OS_TIMEOUT : OS_ERR_STATE;
    }
    /* The receiver that frees a slot copies from here; the item is only
     * read, wait_data is shared with receivers that write through it. */
    os_current->wait_data = (void *)(uintptr_t)item;
    os_sched_block(&q->send_waiters, q, front ? OS_WAIT_QUEUE_SEND_FRONT : OS_WAIT_QUEUE_SEND,
                   timeout);
    os_critical_exit();
    return os_sched_block_switch();
}

enum os_status os_queue_send(struct os_queue *q, const void *item, os_tick_t timeout)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE) || item == NULL ||
        !PORT_BUFFER_OK(item, q->item_size))
        return OS_ERR_PARAM;
    return send_common(q, item, timeout, false);
}

enum os_status os_queue_send_front(struct os_queue *q, const void *item, os_tick_t timeout)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE) || item == NULL ||
        !PORT_BUFFER_OK(item, q->item_size))
        return OS_ERR_PARAM;
    return send_common(q, item, timeout, true);
}

enum os_status os_queue_send_trusted(struct os_queue *q, const void *item, os_tick_t timeout,
                                     bool front)
{
    return send_common(q, item, timeout, front);
}

/* Shared by receive and peek, the queue and the buffer checked. */
static enum os_status receive_common(struct os_queue *q, void *item, os_tick_t timeout, bool peek)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    os_critical_enter();
    if (receive_locked(q, item, peek, &preempt)) {
        os_critical_exit();
        if (preempt)
            os_sched_request_switch();
        return OS_OK;
    }
    if (timeout == OS_NO_WAIT || !os_sched_can_block()) {
        os_critical_exit();
        return timeout == OS_NO_WAIT ? OS_TIMEOUT : OS_ERR_STATE;
    }
    os_current->wait_data = item;
    os_sched_block(&q->recv_waiters, q, peek ? OS_WAIT_QUEUE_PEEK : OS_WAIT_QUEUE_RECV, timeout);
    os_critical_exit();
    return os_sched_block_switch();
}

static bool item_ok(const struct os_queue *q, const void *item)
{
    return OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE) && item != NULL &&
           PORT_BUFFER_OK(item, q->item_size);
}

enum os_status os_queue_receive(struct os_queue *q, void *item, os_tick_t timeout)
{
    if (!item_ok(q, item))
        return OS_ERR_PARAM;
    return receive_common(q, item, timeout, false);
}

enum os_status os_queue_peek(struct os_queue *q, void *item, os_tick_t timeout)
{
    if (!item_ok(q, item))
        return OS_ERR_PARAM;
    return receive_common(q, item, timeout, true);
}

enum os_status os_queue_receive_trusted(struct os_queue *q, void *item, os_tick_t timeout)
{
    return receive_common(q, item, timeout, false);
}

/* Send from an interrupt handler, the queue and the item checked. */
static bool send_isr(struct os_queue *q, const void *item, bool front, bool *switch_needed)
{
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    bool ok = send_locked(q, item, front, &preempt);
    port_irq_restore(s);
    if (preempt)
        port_yield_from_isr();
    if (switch_needed != NULL)
        *switch_needed = preempt;
    return ok;
}

bool os_queue_send_from_isr(struct os_queue *q, const void *item, bool *switch_needed)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE) || item == NULL)
        return false;
    return send_isr(q, item, false, switch_needed);
}

OS_COLD bool os_queue_send_front_from_isr(struct os_queue *q, const void *item, bool *switch_needed)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE) || item == NULL)
        return false;
    return send_isr(q, item, true, switch_needed);
}

bool os_queue_send_isr_trusted(struct os_queue *q, const void *item, bool *switch_needed)
{
    return send_isr(q, item, false, switch_needed);
}

bool os_queue_receive_from_isr(struct os_queue *q, void *item, bool *switch_needed)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE) || item == NULL)
        return false;
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    bool ok = receive_locked(q, item, false, &preempt);
    port_irq_restore(s);
    if (preempt)
        port_yield_from_isr();
    if (switch_needed != NULL)
        *switch_needed = preempt;
    return ok;
}

OS_COLD size_t os_queue_count(const struct os_queue *q)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE))
        return 0u;
    return q->count;
}

/* Overwrite, the queue (capacity 1) and the item checked; mask held. */
static OS_COLD void overwrite_locked(struct os_queue *q, const void *item, bool *preempt)
{
    if (q->count == 1u) {
        /* Replaced in place: no item entered, the set is not told again. */
        memcpy(q->storage + q->head * q->item_size, item, q->item_size);
        OS_TRACE_QUEUE_SEND(q);
        return;
    }
    (void)send_locked(q, item, false, preempt);
}

OS_COLD enum os_status os_queue_overwrite(struct os_queue *q, const void *item)
{
    if (!item_ok(q, item) || q->capacity != 1u)
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    os_critical_enter();
    overwrite_locked(q, item, &preempt);
    os_critical_exit();
    if (preempt)
        os_sched_request_switch();
    return OS_OK;
}

OS_COLD bool os_queue_overwrite_from_isr(struct os_queue *q, const void *item, bool *switch_needed)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE) || item == NULL || q->capacity != 1u)
        return false;
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    overwrite_locked(q, item, &preempt);
    port_irq_restore(s);
    if (preempt)
        port_yield_from_isr();
    if (switch_needed != NULL)
        *switch_needed = preempt;
    return true;
}

OS_COLD bool os_queue_peek_from_isr(struct os_queue *q, void *item)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE) || item == NULL)
        return false;
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    bool ok = receive_locked(q, item, true, &preempt);
    port_irq_restore(s);
    return ok;
}

OS_COLD enum os_status os_queue_reset(struct os_queue *q)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    os_critical_enter();
#if OS_CONFIG_QUEUE_SETS
    if (q->set != NULL) {
        os_critical_exit();
        return OS_ERR_STATE;
    }
#endif
    q->count = 0;
    q->head = 0;
    /* Waiting senders fill the space, in wait order (at most capacity of
     * them: each takes one slot). */
    struct os_list_node *n;
    while (q->count < q->capacity && (n = os_list_first(&q->send_waiters)) != NULL)
        take_sender(q, n->owner, &preempt);
    os_critical_exit();
    if (preempt)
        os_sched_request_switch();
    return OS_OK;
}

OS_COLD size_t os_queue_spaces(const struct os_queue *q)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE))
        return 0u;
    return q->capacity - q->count;
}

OS_COLD enum os_status os_queue_delete(struct os_queue *q)
{
    if (!OS_OBJ_LIVE(q, struct os_queue, OS_TAG_QUEUE))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    os_critical_enter();
    bool busy = !os_list_empty(&q->send_waiters) || !os_list_empty(&q->recv_waiters);
#if OS_CONFIG_QUEUE_SETS
    busy = busy || q->set != NULL;
#endif
    if (!busy)
        os_obj_forget(q, sizeof *q);
    os_critical_exit();
    return busy ? OS_ERR_STATE : OS_OK;
}
