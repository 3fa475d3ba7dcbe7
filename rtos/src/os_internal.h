/*
 * os_internal.h - shared internals of the tick core (not for applications).
 *
 * Locking: every function here except the os_list_* helpers must be called
 * with interrupts masked (inside os_critical_enter/exit at task level, or
 * port_irq_save/restore in interrupt handlers). The lists are only touched
 * under that mask, so interrupt handlers may change them at any time
 * outside it, even while the scheduler is suspended.
 */
#ifndef OS_INTERNAL_H
#define OS_INTERNAL_H

#include "os.h"
#include "os_trace.h"

/* ---- lists (list.c) ---- */

void os_list_init(struct os_list *l);
/* Initialise a node as unlinked, belonging to owner. */
void os_list_node_init(struct os_list_node *n, struct os_task *owner);
void os_list_append(struct os_list *l, struct os_list_node *n);
void os_list_prepend(struct os_list *l, struct os_list_node *n);
/* Insert after the last node whose key is >= n->key (descending, FIFO among equals). */
void os_list_insert_desc(struct os_list *l, struct os_list_node *n);
/* Insert ordered by (key - base) ascending, after equal keys; keys are
 * wrap-around tick values that all lie within 2^32 after base. */
void os_list_insert_wrapped(struct os_list *l, struct os_list_node *n, uint32_t base);
void os_list_remove(struct os_list_node *n);
/* First node or NULL. */
struct os_list_node *os_list_first(const struct os_list *l);

static inline bool os_list_empty(const struct os_list *l) { return l->count == 0u; }

/* ---- scheduler (task.c) ---- */

/* Make t ready: append it to its priority's ready list. */
void os_sched_make_ready(struct os_task *t);

/*
 * Block os_current on wait list `wl` (may be NULL: a plain delay) of
 * object obj for up to timeout ticks (OS_WAIT_FOREVER: no timeout).
 * Only records the wait; the caller leaves the critical section and calls
 * os_sched_block_switch() to give up the CPU.
 */
void os_sched_block(struct os_list *wl, void *obj, enum os_wait_kind kind, os_tick_t timeout);

/*
 * Switch away from a task that os_sched_block() blocked. Called at task
 * level outside any critical section; returns when the task runs again
 * and yields its wait_result.
 */
enum os_status os_sched_block_switch(void);

/*
 * End the wait of a blocked task t with `result`: remove it from the
 * wait list and the delay list and make it ready. Returns true when t
 * should preempt os_current.
 */
bool os_sched_wake(struct os_task *t, enum os_status result);

/* Wake the first waiter of wl with result OS_OK; NULL if there is none. */
struct os_task *os_sched_wake_first(struct os_list *wl, bool *preempt);

/* Request a switch from task level (deferred while suspended) or, in an
 * interrupt handler, at its end. Called outside critical sections at task
 * level. */
void os_sched_request_switch(void);

/* True when the running task must give way: it is no longer ready or a
 * ready task has a higher priority. False before os_start(). */
bool os_sched_switch_needed(void);

/* True when t's priority is above the running task's. */
bool os_sched_preempts(const struct os_task *t);

/* Change t's effective priority, moving it in the ready list or its wait
 * list as needed. Does not request a switch. */
void os_sched_set_effective_priority(struct os_task *t, uint8_t prio);

/* True when the caller is at task level and may block (not in an ISR,
 * scheduler running and not suspended). */
bool os_sched_can_block(void);

/* ---- mutexes (mutex.c) ---- */

/*
 * Recompute t's effective priority from its base priority and the first
 * waiters of the mutexes it owns; when it changes and t itself waits on a
 * mutex, propagate to that mutex's owner (bounded by OS_CONFIG_INHERIT_DEPTH).
 */
void os_mutex_update_priority(struct os_task *t);

/* A waiter left m's wait list without getting it (timeout, abort, deletion):
 * the owner's inherited priority may drop. */
void os_mutex_waiter_left(struct os_mutex *m);

#endif /* OS_INTERNAL_H */
