/*
 * notify.c - direct-to-task notifications.
 *
 * Each task has OS_CONFIG_TASK_NOTIFY_COUNT slots (notify_value,
 * notify_state in its TCB). A waiting task is blocked with wait_kind
 * OS_WAIT_NOTIFY on no wait list (only the delay list when it has a
 * timeout); the slot it waits on is the one in state OS_NOTIFY_WAITING. A
 * notification of that slot wakes it with OS_OK; the waiter then reads and
 * clears the slot itself, under the mask, after it runs again, so whatever
 * arrived meanwhile is seen too.
 *
 * The notify and wait paths use the port's (inline) critical section, as
 * the semaphore's do: a notification is meant as the lighter semaphore.
 *
 * Every entry point validates the task (OS_TASK_LIVE) and the index before
 * touching the TCB, and out-pointers with PORT_BUFFER_OK.
 */
#include "os_internal.h"

/* What a task waiting in os_task_notify_take asks of the notification
 * that wakes it (on its own stack, through wait_data): the waker takes for
 * it, so the woken task returns without entering the mask again. */
struct take_wait {
    uint32_t clear;  /* non-zero: binary (set to 0), else counting (decrement) */
    uint32_t result; /* the value before the take, stored by the waker */
};

/* Apply one notification to t; mask held, t live, index valid. */
static enum os_status notify_locked(struct os_task *t, unsigned index, uint32_t arg,
                                    enum os_notify_action action, uint32_t *prev_value,
                                    bool *preempt)
{
    uint32_t *v = &t->notify_value[index];
    uint8_t old = t->notify_state[index];
    if (prev_value != NULL)
        *prev_value = *v;
    switch (action) {
    case OS_NOTIFY_NO_ACTION:
        break;
    case OS_NOTIFY_SET_BITS:
        *v |= arg;
        break;
    case OS_NOTIFY_INCREMENT:
        (*v)++;
        break;
    case OS_NOTIFY_SET_VALUE:
        *v = arg;
        break;
    case OS_NOTIFY_SET_VALUE_NO_OVERWRITE:
        if (old == OS_NOTIFY_PENDING)
            return OS_ERR_STATE;
        *v = arg;
        break;
    default:
        return OS_ERR_PARAM;
    }
    t->notify_state[index] = OS_NOTIFY_PENDING;
    if (old != OS_NOTIFY_WAITING || t->state != OS_TASK_BLOCKED)
        return OS_OK;
    if (t->wait_kind == OS_WAIT_NOTIFY_TAKE) {
        struct take_wait *w = t->wait_data;
        uint32_t cur = *v;
        w->result = cur;
        if (cur != 0u)
            *v = w->clear != 0u ? 0u : cur - 1u;
        t->notify_state[index] = OS_NOTIFY_NOT_PENDING;
    } else if (t->wait_kind != OS_WAIT_NOTIFY) {
        return OS_OK;
    }
    if (os_sched_wake(t, OS_OK))
        *preempt = true;
    return OS_OK;
}

enum os_status os_task_notify(struct os_task *t, unsigned index, uint32_t arg,
                              enum os_notify_action action, uint32_t *prev_value)
{
    if (!OS_TASK_LIVE(t) || index >= OS_CONFIG_TASK_NOTIFY_COUNT ||
        (prev_value != NULL && !PORT_BUFFER_OK(prev_value, sizeof *prev_value)))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    bool preempt = false;
    port_critical_enter();
    enum os_status st = notify_locked(t, index, arg, action, prev_value, &preempt);
    port_critical_exit();
    if (preempt)
        os_sched_request_switch();
    return st;
}

bool os_task_notify_from_isr(struct os_task *t, unsigned index, uint32_t arg,
                             enum os_notify_action action, uint32_t *prev_value,
                             bool *switch_needed)
{
    if (!OS_TASK_LIVE(t) || index >= OS_CONFIG_TASK_NOTIFY_COUNT)
        return false;
    bool preempt = false;
    PORT_IRQ_STATE_T s = port_irq_save();
    enum os_status st = notify_locked(t, index, arg, action, prev_value, &preempt);
    port_irq_restore(s);
    if (preempt)
        port_yield_from_isr();
    if (switch_needed != NULL)
        *switch_needed = preempt;
    return st == OS_OK;
}

/*
 * Block the caller on its slot `index` for up to timeout ticks; mask held
 * on entry and on return (it is left while the task is switched out).
 * Returns false when the caller may not block (nothing changed).
 */
static bool notify_block(struct os_task *self, unsigned index, os_tick_t timeout)
{
    if (!os_sched_can_block())
        return false;
    self->notify_state[index] = OS_NOTIFY_WAITING;
    os_sched_block(NULL, NULL, OS_WAIT_NOTIFY, timeout);
    port_critical_exit();
    (void)os_sched_block_switch();
    port_critical_enter();
    return true;
}

enum os_status os_task_notify_wait(unsigned index, uint32_t clear_on_entry, uint32_t clear_on_exit,
                                   uint32_t *value, os_tick_t timeout)
{
    if (index >= OS_CONFIG_TASK_NOTIFY_COUNT ||
        (value != NULL && !PORT_BUFFER_OK(value, sizeof *value)))
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    if (!os_running())
        return OS_ERR_STATE;
    struct os_task *self = os_current;
    port_critical_enter();
    if (self->notify_state[index] != OS_NOTIFY_PENDING) {
        self->notify_value[index] &= ~clear_on_entry;
        if (timeout != OS_NO_WAIT && !notify_block(self, index, timeout)) {
            port_critical_exit();
            return OS_ERR_STATE;
        }
    }
    /* Woken, timed out or aborted: what counts is whether it is pending. */
    if (value != NULL)
        *value = self->notify_value[index];
    enum os_status st = OS_TIMEOUT;
    if (self->notify_state[index] == OS_NOTIFY_PENDING) {
        self->notify_value[index] &= ~clear_on_exit;
        st = OS_OK;
    }
    self->notify_state[index] = OS_NOTIFY_NOT_PENDING;
    port_critical_exit();
    return st;
}

uint32_t os_task_notify_take(unsigned index, bool clear, os_tick_t timeout)
{
    if (index >= OS_CONFIG_TASK_NOTIFY_COUNT || port_in_isr() || !os_sched.started)
        return 0u;
    struct os_task *self = os_current;
    port_critical_enter();
    if (self->notify_value[index] == 0u && timeout != OS_NO_WAIT) {
        if (!os_sched_can_block()) {
            port_critical_exit();
            return 0u;
        }
        struct take_wait w = {.clear = clear ? 1u : 0u, .result = 0u};
        self->wait_data = &w;
        self->notify_state[index] = OS_NOTIFY_WAITING;
        os_sched_block(NULL, NULL, OS_WAIT_NOTIFY_TAKE, timeout);
        port_critical_exit();
        if (os_sched_block_switch() == OS_OK)
            return w.result; /* taken by the notification that woke us */
        /* Timed out, aborted or suspended: take what is there now. */
        port_critical_enter();
    }
    uint32_t v = self->notify_value[index];
    if (v != 0u)
        self->notify_value[index] = clear ? 0u : v - 1u;
    self->notify_state[index] = OS_NOTIFY_NOT_PENDING;
    port_critical_exit();
    return v;
}

/* The task a query names: NULL is the caller. */
static struct os_task *target(struct os_task *t)
{
    if (t == NULL)
        return os_current;
    return OS_TASK_LIVE(t) ? t : NULL;
}

bool os_task_notify_state_clear(struct os_task *t, unsigned index)
{
    t = target(t);
    if (t == NULL || index >= OS_CONFIG_TASK_NOTIFY_COUNT)
        return false;
    PORT_IRQ_STATE_T s = port_irq_save();
    bool was = t->notify_state[index] == OS_NOTIFY_PENDING;
    if (was)
        t->notify_state[index] = OS_NOTIFY_NOT_PENDING;
    port_irq_restore(s);
    return was;
}

uint32_t os_task_notify_value_clear(struct os_task *t, unsigned index, uint32_t bits)
{
    t = target(t);
    if (t == NULL || index >= OS_CONFIG_TASK_NOTIFY_COUNT)
        return 0u;
    PORT_IRQ_STATE_T s = port_irq_save();
    uint32_t v = t->notify_value[index];
    t->notify_value[index] = v & ~bits;
    port_irq_restore(s);
    return v;
}
