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

/* The hot paths (semaphore give and take, delays) call the port's
 * critical section directly, inline where the port makes it so
 * (os_port.h); the rest of the core calls os_critical_enter/exit(), one
 * copy of it, to keep the code small. So do a take and a delay that block,
 * to leave the section: the switch that follows costs far more than the
 * call. */

/* A function off every hot path (creation, deletion, attributes, queries,
 * the rare branches of the hot paths): compiled for size (GCC's cold:
 * optimised for size, placed apart). The checks in it are the same. */
#define OS_COLD __attribute__((cold))

/* ---- object validation (task.c holds the key and the type map code) ---- */

/*
 * Type tags. A live object's tag word holds its type's constant XOR
 * os_obj_key. The key changes at every os_init() (objects made before are
 * forgotten, so their tags stop matching) and always has a zero low byte,
 * while the constants have distinct non-zero low bytes: a tag is never 0
 * (zeroed memory is never a live object) and the tags of two types never
 * match. On a port without a type map the tag is the whole check, and it is
 * only as secret as the key; a port with one (PORT_KOBJ_MAP) does not read
 * tags at all (below).
 */
#define OS_TAG_TASK 0x7A5C3E01u      /* a live task */
#define OS_TAG_TASK_DEAD 0x7A5C3E02u /* a deleted task: its TCB may be reused */
#define OS_TAG_SEM 0x7A5C3E03u       /* a semaphore */
#define OS_TAG_MUTEX 0x7A5C3E04u     /* a mutex */
#define OS_TAG_QUEUE 0x7A5C3E05u     /* a queue */
#define OS_TAG_EVENT 0x7A5C3E06u     /* an event group */
#define OS_TAG_STREAM 0x7A5C3E07u    /* a stream or message buffer */
#define OS_TAG_TIMER 0x7A5C3E08u     /* a software timer */
#define OS_TAG_QSET 0x7A5C3E09u      /* a queue set */

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

/* The live tag of type constant tagc, to store at init/create. */
#define OS_OBJ_TAG(tagc) ((tagc) ^ os_obj_key)

/*
 * The type map (ports with PORT_KOBJ_MAP, os_port.h). One entry per
 * PORT_KOBJ_GRAIN bytes of the port's object region: OS_KOBJ_FREE where no
 * object lies, the type's code (the low byte of its tag constant) at the
 * first grain of a live object or a deleted task, OS_KOBJ_INSIDE at every
 * other grain an object covers. The map lies outside the region and outside
 * any buffer, and only the init, create and delete paths write it (the
 * os_kobj_* functions of task.c); so no byte a task can steer (queue
 * storage, a count, the inside of an object) can make a pointer pass for an
 * object, whatever the key. Each check is one load from the map.
 */
#define OS_KOBJ_FREE 0x00u   /* no object covers this grain */
#define OS_KOBJ_INSIDE 0x80u /* an object covers it, but does not start there */
#define OS_KOBJ_CODE(tagc) ((uint8_t)((tagc)&0xFFu))

#if PORT_KOBJ_MAP
_Static_assert((PORT_KOBJ_GRAIN & (PORT_KOBJ_GRAIN - 1u)) == 0u &&
                   PORT_KOBJ_GRAIN <= _Alignof(struct os_task) &&
                   PORT_KOBJ_GRAIN <= _Alignof(struct os_sem) &&
                   PORT_KOBJ_GRAIN <= _Alignof(struct os_mutex) &&
                   PORT_KOBJ_GRAIN <= _Alignof(struct os_queue) &&
                   PORT_KOBJ_GRAIN <= _Alignof(struct os_event_group) &&
                   PORT_KOBJ_GRAIN <= _Alignof(struct os_stream) &&
                   PORT_KOBJ_GRAIN <= _Alignof(struct os_timer) &&
                   PORT_KOBJ_GRAIN <= _Alignof(struct os_queue_set),
               "one map entry per aligned object address");

/* The map entry of p, a pointer that passed OS_OBJ_PLACED (so it lies in
 * the region and the index is within the map). */
static inline uint8_t *os_kobj_entry(const void *p)
{
    return &PORT_KOBJ_TABLE[((uintptr_t)p - (uintptr_t)PORT_KOBJ_BASE) / PORT_KOBJ_GRAIN];
}

/* True when the placed pointer p is an object of type constant tagc. */
#define OS_OBJ_IS(p, tagc) (*os_kobj_entry(p) == OS_KOBJ_CODE(tagc))
#else
#define OS_OBJ_IS(p, tagc) ((p)->tag == OS_OBJ_TAG(tagc))
#endif

/* True when p is a live object of `type` with tag constant `tagc`. */
#define OS_OBJ_LIVE(p, type, tagc) (OS_OBJ_PLACED(p, type) && OS_OBJ_IS(p, tagc))

/* True when t is a live task (not deleted). */
#define OS_TASK_LIVE(t) OS_OBJ_LIVE(t, struct os_task, OS_TAG_TASK)

/*
 * OS_OBJ_LIVE out of line (task.c), for the entry points off the hot paths:
 * one copy of the same checks, the type's alignment and size taken from a
 * table by its code (the low byte of the tag constant; every constant has
 * the high bytes of OS_TAG_HIGH). The hot paths (semaphore give and take)
 * keep OS_OBJ_LIVE inline.
 */
#define OS_TAG_HIGH 0x7A5C3E00u
bool os_obj_live(const void *p, unsigned code);
#define OS_OBJ_VALID(p, tagc) os_obj_live((p), OS_KOBJ_CODE(tagc))

/*
 * The common check of the _init calls (task.c), mask held, on p that
 * passed OS_OBJ_PLACED: OS_OK when an object of type constant tagc may be
 * initialised at p: p is one already and not busy (busy: what the caller
 * read of it under the mask, which counts only then), or p is memory where
 * the port lets a new object be made (PORT_NEW_OBJECT_OK, os_kobj_unclaimed).
 * Otherwise OS_ERR_STATE (a busy object) or OS_ERR_PARAM.
 */
enum os_status os_obj_init_check(const void *p, uint32_t tagc, bool busy);

/*
 * The map's writers (task.c; all do nothing without a type map). Called
 * with the mask held, on pointers that passed OS_OBJ_PLACED.
 *
 * os_kobj_unclaimed: true when no object covers any byte of [p, p + size):
 *   a new object may be made there (it would overlap no other).
 * os_kobj_claim: record an object of type constant tagc at p, covering
 *   size bytes (a new one, or one re-initialised in place).
 * os_kobj_retype: change the type of the object starting at p (a task's TCB
 *   when the task is deleted or created again), keeping what it covers.
 * os_kobj_forget_all: clear the map (os_init: every object is forgotten).
 */
bool os_kobj_unclaimed(const void *p, size_t size);
void os_kobj_claim(const void *p, size_t size, uint32_t tagc);
void os_kobj_retype(const void *p, uint32_t tagc);
void os_kobj_forget_all(void);
/* os_kobj_release: the object at p, covering size bytes, is gone (a delete):
 *   its grains become free. */
void os_kobj_release(const void *p, size_t size);

/*
 * The common end of the _delete calls: with the mask held, drop the tag of
 * the live object at p (size bytes) and release its map entries, so that
 * every later call refuses it. The tag word is the object's first.
 */
void os_obj_forget(void *p, size_t size);

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
/* os_list_remove() inline, for the wake path. */
static inline void os_list_unlink(struct os_list_node *n)
{
    struct os_list *l = n->list;
    OS_ASSERT(l != NULL && l->count > 0u);
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = NULL;
    n->prev = NULL;
    n->list = NULL;
    l->count--;
}
/* First node or NULL. */
static inline struct os_list_node *os_list_first(const struct os_list *l)
{
    return l->count == 0u ? NULL : l->sentinel.next;
}

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
 * level outside any critical section, by a caller that checked
 * os_sched_can_block() before os_sched_block(); returns when the task
 * runs again and yields its wait_result.
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

/* The scheduler's state (task.c), shared with the inline helpers below. */
struct os_sched_state {
    /* Ready tasks of each priority: a circular list through the tasks'
     * state_node (no sentinel; a ready node has list NULL and key = its
     * priority), ready_head[p] its first task, NULL when empty. The
     * running task is the head of its list, so moving it behind its equals
     * is one store. First, so that it is addressed without an offset. */
    struct os_list_node *ready_head[OS_CONFIG_MAX_PRIORITIES];
    uint32_t ready_bitmap;    /* bit p set iff ready_head[p] is not NULL */
    unsigned suspend_nesting; /* os_scheduler_suspend() depth */
    bool started;             /* os_start() has chosen the first task */
    bool switch_pending;      /* a switch was asked while suspended */
    os_tick_t tick_count;     /* ticks announced since os_init (plus the initial count) */
    /* Delayed tasks by wake tick (relative to tick_count), earliest first;
     * here beside tick_count, so that the tick addresses both from one
     * base. */
    struct os_list delayed;
};
extern struct os_sched_state os_sched;
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

/* ---- queues (queue.c): for the core's own callers ---- */

/* os_queue_send/_front and os_queue_receive on a queue the caller knows to
 * be live, with a buffer of the core's own (not checked with
 * PORT_BUFFER_OK: it may be on a guest-kernel stack). Task level. */
enum os_status os_queue_send_trusted(struct os_queue *q, const void *item, os_tick_t timeout,
                                     bool front);
enum os_status os_queue_receive_trusted(struct os_queue *q, void *item, os_tick_t timeout);
/* os_queue_send_from_isr on such a queue and buffer. */
bool os_queue_send_isr_trusted(struct os_queue *q, const void *item, bool *switch_needed);

/* ---- queue sets (qset.c) ---- */

/* An item or unit arrived in member (a queue or semaphore of set) and was
 * not handed to a task waiting on the member: post the member to the set;
 * mask held. Sets *preempt when a selecting task that is woken preempts. */
void os_queue_set_post(struct os_queue_set *set, void *member, bool *preempt);

#endif /* OS_INTERNAL_H */
