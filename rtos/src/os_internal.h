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

/* ---- object validation (task.c holds the key) ---- */

/*
 * Type tags. A live object's tag word holds its type's constant XOR
 * os_obj_key. The key changes at every os_init() (objects made before are
 * forgotten, so their tags stop matching) and always has a zero low byte,
 * while the constants have distinct non-zero low bytes: a tag is never 0
 * (zeroed memory is never a live object) and the tags of two types never
 * match. On the para-virtual port the key lives in guest-kernel memory,
 * which tasks can neither read nor write, so a task cannot compute a tag to
 * plant in memory it controls.
 */
#define OS_TAG_TASK 0x7A5C3E01u      /* a live task */
#define OS_TAG_TASK_DEAD 0x7A5C3E02u /* a deleted task: its TCB may be reused */
#define OS_TAG_SEM 0x7A5C3E03u       /* a semaphore */
#define OS_TAG_MUTEX 0x7A5C3E04u     /* a mutex */
#define OS_TAG_QUEUE 0x7A5C3E05u     /* a queue */

/* The key of the current os_init() generation (low byte 0). */
extern uint32_t os_obj_key;

/*
 * True when p may be an object of `type`: non-NULL, aligned for the type and
 * lying wholly where the port allows objects. Checked before any access to
 * *p, so a bad pointer is never dereferenced.
 */
#define OS_OBJ_PLACED(p, type)                                                                      \
    ((p) != NULL && ((uintptr_t)(p) & (_Alignof(type) - 1u)) == 0u &&                               \
     PORT_OBJECT_OK((p), sizeof(type)))

/* True when p is a live object of `type` with tag constant `tagc`. */
#define OS_OBJ_LIVE(p, type, tagc) (OS_OBJ_PLACED(p, type) && (p)->tag == ((tagc) ^ os_obj_key))

/* The live tag of type constant tagc, to store at init/create. */
#define OS_OBJ_TAG(tagc) ((tagc) ^ os_obj_key)

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
