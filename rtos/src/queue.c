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
 * Every entry point validates the queue (OS_OBJ_VALID) before touching it,
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
    /* Re-initialising with waiters would orphan their nodes. */
    enum os_status st = os_obj_init_check(
        q, OS_TAG_QUEUE, !os_list_empty(&q->send_waiters) || !os_list_empty(&q->recv_waiters));
    if (st != OS_OK) {
        os_critical_exit();
        return st;
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

/* The operations of the entry points below, by the wait kind they wait as
 * (OP_OVERWRITE never waits); one dispatch for the task-level and the
 * interrupt-level forms. */
#define OP_SEND OS_WAIT_QUEUE_SEND
#define OP_SEND_FRONT OS_WAIT_QUEUE_SEND_FRONT
#define OP_RECEIVE OS_WAIT_QUEUE_RECV
#define OP_PEEK OS_WAIT_QUEUE_PEEK
#define OP_OVERWRITE OS_WAIT_NONE

static bool op_sends(unsigned op)
{
    return op == OP_SEND || op == OP_SEND_FRONT;
}

/* Do op now if it can be done; mask held. False when it must wait. */
static bool op_locked(struct os_queue *q, void *item, unsigned op, bool *preempt)
{
    if (op == OP_OVERWRITE) {
        overwrite_locked(q, item, preempt);
        return true;
    }
    if (op_sends(op))
        return send_locked(q, item, op == OP_SEND_FRONT, preempt);
    return receive_locked(q, item, op == OP_PEEK, preempt);
}

/* A task-level operation, the queue and the item checked. The item is
 * only read by a send (wait_data is shared with receivers, that write
 * through it). */
static enum os_status task_op(struct os_queue *q, void *item, os_tick_t timeout, unsigned op)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    os_critical_enter();
    if (op_locked(q, item, op, &preempt)) {
        os_critical_exit();
        if (preempt)
            os_sched_request_switch();
        return OS_OK;
    }
    if (timeout == OS_NO_WAIT || !os_sched_can_block()) {
        os_critical_exit();
        return timeout == OS_NO_WAIT ? OS_TIMEOUT : OS_ERR_STATE;
    }
    /* The task that ends the wait copies from or to here. */
    os_current->wait_data = item;
    os_sched_block(op_sends(op) ? &q->send_waiters : &q->recv_waiters, q, (enum os_wait_kind)op,
                   timeout);
    os_critical_exit();
    return os_sched_block_switch();
}

/* task_op() after the checks of the task-level entry points. */
static enum os_status task_op_checked(struct os_queue *q, const void *item, os_tick_t timeout,
                                      unsigned op)
{
    if (!OS_OBJ_VALID(q, OS_TAG_QUEUE) || item == NULL || !PORT_BUFFER_OK(item, q->item_size) ||
        (op == OP_OVERWRITE && q->capacity != 1u))
        return OS_ERR_PARAM;
    return task_op(q, (void *)(uintptr_t)item, timeout, op);
}

enum os_status os_queue_send(struct os_queue *q, const void *item, os_tick_t timeout)
{
    return task_op_checked(q, item, timeout, OP_SEND);
}

enum os_status os_queue_send_front(struct os_queue *q, const void *item, os_tick_t timeout)
{
    return task_op_checked(q, item, timeout, OP_SEND_FRONT);
}

enum os_status os_queue_send_trusted(struct os_queue *q, const void *item, os_tick_t timeout,
                                     bool front)
{
    return task_op(q, (void *)(uintptr_t)item, timeout, front ? OP_SEND_FRONT : OP_SEND);
}

enum os_status os_queue_receive(struct os_queue *q, void *item, os_tick_t timeout)
{
    return task_op_checked(q, item, timeout, OP_RECEIVE);
}

enum os_status os_queue_peek(struct os_queue *q, void *item, os_tick_t timeout)
{
    return task_op_checked(q, item, timeout, OP_PEEK);
}

enum os_status os_queue_receive_trusted(struct os_queue *q, void *item, os_tick_t timeout)
{
    return task_op(q, item, timeout, OP_RECEIVE);
}

OS_COLD enum os_status os_queue_overwrite(struct os_queue *q, const void *item)
{
    return task_op_checked(q, item, OS_NO_WAIT, OP_OVERWRITE);
}

/* An operation from an interrupt handler, the queue and the item checked. */
static bool isr_op(struct os_queue *q, void *item, unsigned op, bool *switch_needed)
{
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    bool ok = op_locked(q, item, op, &preempt);
    port_irq_restore(s);
    if (preempt)
        port_yield_from_isr();
    if (switch_needed != NULL)
        *switch_needed = preempt;
    return ok;
}

/* isr_op() after the checks of the interrupt-level entry points. */
static bool isr_op_checked(struct os_queue *q, const void *item, unsigned op, bool *switch_needed)
{
    if (!OS_OBJ_VALID(q, OS_TAG_QUEUE) || item == NULL ||
        (op == OP_OVERWRITE && q->capacity != 1u))
        return false;
    return isr_op(q, (void *)(uintptr_t)item, op, switch_needed);
}

bool os_queue_send_from_isr(struct os_queue *q, const void *item, bool *switch_needed)
{
    return isr_op_checked(q, item, OP_SEND, switch_needed);
}

OS_COLD bool os_queue_send_front_from_isr(struct os_queue *q, const void *item, bool *switch_needed)
{
    return isr_op_checked(q, item, OP_SEND_FRONT, switch_needed);
}

bool os_queue_send_isr_trusted(struct os_queue *q, const void *item, bool *switch_needed)
{
    return isr_op(q, (void *)(uintptr_t)item, OP_SEND, switch_needed);
}

bool os_queue_receive_from_isr(struct os_queue *q, void *item, bool *switch_needed)
{
    return isr_op_checked(q, item, OP_RECEIVE, switch_needed);
}

OS_COLD bool os_queue_overwrite_from_isr(struct os_queue *q, const void *item, bool *switch_needed)
{
    /* True once the checks pass: an overwrite always succeeds. */
    return isr_op_checked(q, item, OP_OVERWRITE, switch_needed);
}

OS_COLD bool os_queue_peek_from_isr(struct os_queue *q, void *item)
{
    /* A peek wakes nobody: no switch to report. */
    return isr_op_checked(q, item, OP_PEEK, NULL);
}

OS_COLD size_t os_queue_count(const struct os_queue *q)
{
    if (!OS_OBJ_VALID(q, OS_TAG_QUEUE))
        return 0u;
    return q->count;
}

OS_COLD enum os_status os_queue_reset(struct os_queue *q)
{
    if (!OS_OBJ_VALID(q, OS_TAG_QUEUE))
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
    if (!OS_OBJ_VALID(q, OS_TAG_QUEUE))
        return 0u;
    return q->capacity - q->count;
}

OS_COLD enum os_status os_queue_delete(struct os_queue *q)
{
    if (!OS_OBJ_VALID(q, OS_TAG_QUEUE))
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
