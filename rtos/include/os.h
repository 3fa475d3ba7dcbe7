/*
 * os.h - the tick core's application interface.
 *
 * A small fixed-priority preemptive kernel driven by a periodic tick:
 * tasks, delays (relative and periodic), counting/binary semaphores,
 * mutexes with priority inheritance, message queues, critical sections
 * and scheduler suspension. All storage is provided by the caller (no
 * dynamic allocation); every object is initialised in place.
 *
 * Priorities: a higher number is a higher priority, 0 .. OS_CONFIG_MAX_PRIORITIES-1.
 * Priority 0 belongs to the idle task; application tasks use 1 and above.
 *
 * Context: functions without a "_from_isr" suffix are for task level and
 * return OS_ERR_ISR when called from an interrupt handler. The "_from_isr"
 * functions never block; when they make a task ready that must preempt the
 * interrupted one, they call port_yield_from_isr() themselves and also
 * report it (return value or out-parameter) for callers that want to know.
 *
 * Timeouts are in ticks: OS_NO_WAIT returns at once, OS_WAIT_FOREVER never
 * times out. A blocking call returns OS_OK on success, OS_TIMEOUT when the
 * timeout expired, OS_ERR_STATE when the wait was aborted (the waiting task
 * was suspended and resumed).
 */
#ifndef OS_H
#define OS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "os_config_defaults.h"
#include "os_port.h"

/* The port's per-task fields at the end of struct os_task (os_port.h). */
#ifndef PORT_TASK_FIELDS
#define PORT_TASK_FIELDS
#endif

/* Placement attribute for kernel objects the application declares (TCBs,
 * semaphores, mutexes, queues and queue storage). A port may define it in
 * its os_port_defs.h to put them where tasks cannot write them (the
 * para-virtual port does); it is empty otherwise. */
#ifndef OS_KOBJ
#define OS_KOBJ
#endif

/*
 * Object validation hooks (os_port_defs.h may define them; see docs/rtos.md,
 * "Object validation"). The core itself checks that an object pointer is
 * non-NULL, aligned for its type and is a live object of its type: by the
 * port's type map when it has one (PORT_KOBJ_MAP, below), else by the tag.
 *
 * PORT_OBJECT_OK(ptr, size): true when [ptr, ptr + size) is a place where a
 *   kernel object may lie. Default: anywhere. The para-virtual port allows
 *   only the .kobj section, so that no other guest-kernel data can be
 *   taken for an object.
 * PORT_BUFFER_OK(ptr, size): true when the core may copy `size` bytes to or
 *   from [ptr, ptr + size) on behalf of the caller (queue storage, queue
 *   items, the os_delay_until() reference). Default: anywhere.
 * PORT_NEW_OBJECT_OK(): true when the caller may turn memory that holds no
 *   live object of the type into one (first init/create). Default: always;
 *   the para-virtual port allows it only in guest-kernel context (main()
 *   before os_start(), the idle task, upcalls), not to tasks.
 */
#ifndef PORT_OBJECT_OK
#define PORT_OBJECT_OK(ptr, size) 1
#endif
#ifndef PORT_BUFFER_OK
#define PORT_BUFFER_OK(ptr, size) 1
#endif
#ifndef PORT_NEW_OBJECT_OK
#define PORT_NEW_OBJECT_OK() 1
#endif

/*
 * Type map (optional, os_port.h): PORT_KOBJ_MAP 1 when the port keeps, for
 * its object region, a table of which object type starts at each slot.
 * The core then trusts only that table (written by the init, create and
 * delete paths) to tell an object from other bytes; without it (0, the
 * default) the tag word decides.
 */
#ifndef PORT_KOBJ_MAP
#define PORT_KOBJ_MAP 0
#endif

/* ------------------------------------------------------------------ */
/* Basic types                                                         */
/* ------------------------------------------------------------------ */

/* A tick count or a number of ticks. Wraps around; the core compares ticks
 * only through differences, so wrap is harmless as long as no single wait
 * exceeds 2^32 - 2 ticks. */
typedef uint32_t os_tick_t;

/* Timeout values. */
#define OS_WAIT_FOREVER 0xFFFFFFFFu
#define OS_NO_WAIT 0u

/*
 * Results of core calls.
 *
 * Every call that takes a kernel object first checks that the pointer is a
 * live object of the right type (non-NULL, aligned, where the port allows
 * objects, carrying its type's tag; docs/rtos.md "Object validation") and,
 * before touching anything, returns OS_ERR_PARAM when it is not (an
 * uninitialised object, a deleted task, another type, the middle of an
 * object). Calls that return no status return a documented neutral value
 * instead (0, false, NULL, OS_PRIORITY_INVALID) and change nothing.
 */
enum os_status {
    OS_OK = 0,         /* done */
    OS_TIMEOUT = -1,   /* the timeout expired (or nothing available with OS_NO_WAIT) */
    OS_ERR_PARAM = -2, /* a bad argument */
    OS_ERR_STATE = -3, /* not allowed in the object's or caller's state */
    OS_ERR_ISR = -4,   /* a task-level call made from an interrupt handler */
};

/* Task states. The running task is OS_TASK_READY and is os_current. */
enum os_task_state {
    OS_TASK_READY = 0,     /* in a ready list */
    OS_TASK_BLOCKED = 1,   /* delayed and/or waiting on an object */
    OS_TASK_SUSPENDED = 2, /* stopped by os_task_suspend() */
    OS_TASK_DELETED = 3,   /* removed by os_task_delete(); TCB may be reused */
};

/* What a blocked task waits for (struct os_task.wait_kind). */
enum os_wait_kind {
    OS_WAIT_NONE = 0,       /* not waiting on an object (maybe only delayed) */
    OS_WAIT_SEM = 1,        /* wait_obj is a struct os_sem */
    OS_WAIT_MUTEX = 2,      /* wait_obj is a struct os_mutex */
    OS_WAIT_QUEUE_SEND = 3, /* wait_obj is a struct os_queue, waiting for space */
    OS_WAIT_QUEUE_RECV = 4, /* wait_obj is a struct os_queue, waiting for an item */
    OS_WAIT_QUEUE_PEEK = 5, /* as RECV, but the item is copied and not removed */
};

/* ------------------------------------------------------------------ */
/* Intrusive lists (internal; exposed because objects embed them)      */
/* ------------------------------------------------------------------ */

struct os_list;

/* A link embedded in the object it lists (a task). */
struct os_list_node {
    struct os_list_node *next; /* next node, or the list's sentinel */
    struct os_list_node *prev; /* previous node, or the list's sentinel */
    struct os_list *list;      /* the list holding this node, NULL when unlinked */
    struct os_task *owner;     /* the task this node belongs to */
    uint32_t key;              /* sort key: wake tick (delay list) or priority (wait list) */
};

/* A circular doubly linked list with a sentinel node; empty when the
 * sentinel points to itself. */
struct os_list {
    struct os_list_node sentinel; /* head.next is the first node, head.prev the last */
    uint32_t count;               /* number of nodes, for O(1) emptiness and round robin */
};

/* ------------------------------------------------------------------ */
/* Tasks                                                               */
/* ------------------------------------------------------------------ */

struct os_mutex;

/* The task control block. Lives wherever the application puts it (static). */
struct os_task {
    port_stack_t *sp;               /* saved stack pointer: MUST stay first, port assembly uses offset 0 */
    uint32_t tag;                   /* type tag (live or deleted task): early, so that checking
                                       it never reads past a smaller object of another type */
    struct os_list_node state_node; /* in a ready list or the delay list */
    struct os_list_node event_node; /* in an object's wait list while waiting on it */
    uint8_t priority;               /* effective priority (base or inherited, the higher) */
    uint8_t base_priority;          /* priority set by the application */
    uint8_t state;                  /* enum os_task_state */
    uint8_t wait_kind;              /* enum os_wait_kind while blocked on an object */
    bool realtime;                  /* delays also ask the port to wake the system on time */
    uint8_t probe_pin;              /* probe pin for job tracing, 0xFF when none */
    bool delayed;                   /* state_node is in the delay list (a timeout is running) */
    uint8_t reserved;               /* padding, keeps the layout explicit */
    os_tick_t wake_tick;            /* tick at which a delay or timeout ends */
    void *wait_obj;                 /* object waited on (see wait_kind), NULL otherwise */
    void *wait_data;                /* queue item buffer of a waiting sender/receiver */
    int wait_result;                /* enum os_status delivered to the waiting task */
    struct os_mutex *held;          /* mutexes this task owns, linked through next_held */
    const char *name;               /* for diagnostics, never NULL */
    port_stack_t *stack_base;       /* lowest word of the task's stack */
    size_t stack_words;             /* stack length in words */
    uint32_t id;                    /* creation sequence number, unique since os_init */
    uint32_t switch_count;          /* how many times the task was switched in */
    PORT_TASK_FIELDS                /* the port's own per-task state (os_port.h), last */
};

_Static_assert(offsetof(struct os_task, sp) == 0,
               "ports save the stack pointer at offset 0 of struct os_task");

/* Initialise the core (all state is reset; objects made before are
 * forgotten) and create the idle task. Call before anything else. */
void os_init(void);

/* As os_init(), but the tick count starts at initial_tick instead of 0
 * (used to test wrap-around and by guests restarted with a known count). */
void os_init_at(os_tick_t initial_tick);

/*
 * Start scheduling: run the highest-priority ready task. Never returns on a
 * target. A port whose os_port_defs.h defines PORT_START_RETURNS to 1 (the
 * host test port) returns when the system first goes idle.
 */
#ifndef PORT_START_RETURNS
#define PORT_START_RETURNS 0
#endif
#if PORT_START_RETURNS
void os_start(void);
#else
void os_start(void) __attribute__((noreturn));
#endif

/* True once os_start() has run the first task. */
bool os_running(void);

/*
 * Create a task that runs entry(arg) at the given priority on the given
 * stack (stack_words words, at least PORT_STACK_MIN_WORDS). The stack is
 * filled with a pattern for overflow and high-water checks. May be called
 * before or after os_start(); a new task of higher priority than the caller
 * runs at once. Returns OS_ERR_PARAM for a NULL/too small argument, priority
 * 0 or >= OS_CONFIG_MAX_PRIORITIES, or a TCB or stack the port refuses (the
 * para-virtual port wants the TCB in guest-kernel memory: OS_KOBJ, and a
 * task may only reuse the TCB of a deleted task, not make a new one), and
 * OS_ERR_STATE for the TCB of a live (not deleted) task.
 */
enum os_status os_task_create(struct os_task *t, const char *name, void (*entry)(void *), void *arg,
                              unsigned priority, port_stack_t *stack, size_t stack_words);

/* Delete a task (NULL = the caller, which does not return). A task waiting
 * on an object is removed from its wait list; the object stays usable.
 * A task that owns a mutex cannot be deleted (OS_ERR_STATE). The TCB then
 * holds the deleted-task tag: every call but os_task_create() refuses it
 * (OS_ERR_PARAM), and os_task_create() may reuse it. */
enum os_status os_task_delete(struct os_task *t);

/* Where a task's entry function returns to: deletes the calling task. */
void os_task_exit(void) __attribute__((noreturn));

/* Stop a task (NULL = the caller) until os_task_resume(). A task suspended
 * while waiting gives up the wait: its call returns OS_ERR_STATE after resume.
 * OS_ERR_PARAM for a pointer that is not a live task (also a deleted one). */
enum os_status os_task_suspend(struct os_task *t);

/* Make a suspended task ready again. OS_ERR_STATE if it is not suspended,
 * OS_ERR_PARAM if t is not a live task. */
enum os_status os_task_resume(struct os_task *t);

/* The same from an interrupt handler; returns true when a switch is needed
 * (already requested with port_yield_from_isr()); false, doing nothing, when
 * t is not a live task. */
bool os_task_resume_from_isr(struct os_task *t);

/* Let the other ready tasks of the caller's priority run first. */
void os_task_yield(void);

/* The calling task (os_current). */
struct os_task *os_task_self(void);

/* Change a task's base priority (NULL = the caller). The effective priority
 * stays at least what inherited mutex waiters require. */
enum os_status os_task_set_priority(struct os_task *t, unsigned priority);

/* What os_task_get_priority() returns for a pointer that is not a live task
 * (no valid priority has this value). */
#define OS_PRIORITY_INVALID 0xFFFFFFFFu

/* A task's effective priority (NULL = the caller); OS_PRIORITY_INVALID when
 * t is not a live task. */
unsigned os_task_get_priority(const struct os_task *t);

/* Mark a task real-time (NULL = the caller): its delays then also call
 * port_realtime_wake_at() with the absolute wake time. OS_ERR_PARAM (and
 * nothing changed) when t is not a live task. */
enum os_status os_task_set_realtime(struct os_task *t, bool rt);

/* Attach a probe pin (0xFF = none) to a task for job tracing. OS_ERR_PARAM
 * (and nothing changed) when t is not a live task. */
enum os_status os_task_set_probe_pin(struct os_task *t, uint8_t pin);

/* Words at the low end of a task's stack never written since creation
 * (NULL = the caller); 0 when t is not a live task. */
size_t os_task_stack_high_water(const struct os_task *t);

/* The idle task (priority 0), created by os_init(). */
struct os_task *os_idle_task(void);

/* ------------------------------------------------------------------ */
/* Time                                                                */
/* ------------------------------------------------------------------ */

/* Ticks since os_init() (plus the initial count of os_init_at()). */
os_tick_t os_tick_count(void);

/* Block the caller for `ticks` ticks (0 = yield). Returns OS_OK, or
 * OS_ERR_STATE if the delay was cut short by suspend/resume. */
enum os_status os_delay(os_tick_t ticks);

/*
 * Drift-free periodic delay: block until *previous_wake + period, then
 * store that time in *previous_wake. Initialise *previous_wake with
 * os_tick_count() once. Returns OS_TIMEOUT without blocking when that time
 * has already passed (the period overran; *previous_wake still advances by
 * one period), OS_OK otherwise.
 */
enum os_status os_delay_until(os_tick_t *previous_wake, os_tick_t period);

/*
 * Announce that `ticks` ticks elapsed (>1 to catch up after the system
 * could not take its tick, e.g. a partition that was not running). Call
 * from interrupt context (or the para-virtual upcall). Delays and timeouts
 * due within these ticks end in wake order. Returns true when a switch is
 * needed (already requested with port_yield_from_isr()).
 */
bool os_tick_announce(uint32_t ticks);

/* Ticks until the earliest delay or timeout ends, OS_WAIT_FOREVER if none. */
os_tick_t os_ticks_to_next_wake(void);

/* The system's monotonic time in ns (port_time_ns()). */
uint64_t os_time_ns(void);

/* Length of one tick in ns. */
#define OS_TICK_NS (1000000000ull / (uint64_t)OS_CONFIG_TICK_HZ)

/* ------------------------------------------------------------------ */
/* Semaphores                                                          */
/* ------------------------------------------------------------------ */

/* A counting semaphore (binary when max is 1). */
struct os_sem {
    uint32_t tag;           /* type tag: the live semaphore tag once initialised */
    unsigned count;         /* available units, 0 .. max */
    unsigned max;           /* upper bound of count, >= 1 */
    struct os_list waiters; /* tasks blocked in take, highest priority first, FIFO among equals */
};

/* Initialise with `initial` units (<= max). Re-initialising a live
 * semaphore that has waiters returns OS_ERR_STATE. */
enum os_status os_sem_init(struct os_sem *s, unsigned initial, unsigned max);

/* Take one unit, waiting up to timeout ticks. */
enum os_status os_sem_take(struct os_sem *s, os_tick_t timeout);

/* Give one unit: to the first waiter, or to the count. OS_ERR_STATE when the
 * count is already at max (the give is dropped). */
enum os_status os_sem_give(struct os_sem *s);

/* Give from an interrupt handler. Returns true when a switch is needed
 * (already requested). A give at max count is dropped; false, doing
 * nothing, when s is not a live semaphore. */
bool os_sem_give_from_isr(struct os_sem *s);

/* Current count; 0 when s is not a live semaphore. */
unsigned os_sem_count(const struct os_sem *s);

/* ------------------------------------------------------------------ */
/* Mutexes                                                             */
/* ------------------------------------------------------------------ */

/* A recursive mutex with (transitive) priority inheritance. */
struct os_mutex {
    uint32_t tag;               /* type tag: the live mutex tag once initialised */
    struct os_task *owner;      /* owning task, NULL when free */
    uint32_t recursion;         /* times the owner has locked it, 0 when free */
    struct os_list waiters;     /* blocked lockers, highest priority first, FIFO among equals */
    struct os_mutex *next_held; /* next mutex owned by the same owner */
};

/* Initialise a free mutex. Re-initialising a live mutex that is owned
 * returns OS_ERR_STATE. */
enum os_status os_mutex_init(struct os_mutex *m);

/* Lock (again, if the caller owns it), waiting up to timeout ticks. While
 * the caller waits, the owner runs at least at the caller's priority. */
enum os_status os_mutex_lock(struct os_mutex *m, os_tick_t timeout);

/* Unlock once; OS_ERR_STATE if the caller is not the owner. The last unlock
 * hands the mutex to the first waiter and drops inherited priority. */
enum os_status os_mutex_unlock(struct os_mutex *m);

/* Current owner, or NULL (also when m is not a live mutex). */
struct os_task *os_mutex_owner(const struct os_mutex *m);

/* ------------------------------------------------------------------ */
/* Queues                                                              */
/* ------------------------------------------------------------------ */

/* A FIFO of fixed-size items copied by value into caller-provided storage. */
struct os_queue {
    uint32_t tag;                /* type tag: the live queue tag once initialised */
    uint8_t *storage;            /* capacity * item_size bytes */
    size_t item_size;            /* bytes per item, > 0 */
    size_t capacity;             /* items the storage holds, > 0 */
    size_t count;                /* items stored now */
    size_t head;                 /* index of the oldest item */
    struct os_list send_waiters; /* senders waiting for space */
    struct os_list recv_waiters; /* receivers/peekers waiting for an item */
};

/* Initialise an empty queue on storage of capacity * item_size bytes (the
 * port may restrict where it lies: PORT_BUFFER_OK). Re-initialising a live
 * queue that has waiters returns OS_ERR_STATE. */
enum os_status os_queue_init(struct os_queue *q, void *storage, size_t item_size, size_t capacity);

/* Copy *item to the back of the queue, waiting up to timeout for space.
 * The item buffer (item_size bytes) must pass PORT_BUFFER_OK, as must the
 * receive and peek buffers below. */
enum os_status os_queue_send(struct os_queue *q, const void *item, os_tick_t timeout);

/* Move the front item into *item, waiting up to timeout for one. */
enum os_status os_queue_receive(struct os_queue *q, void *item, os_tick_t timeout);

/* Copy the front item into *item without removing it. */
enum os_status os_queue_peek(struct os_queue *q, void *item, os_tick_t timeout);

/* From an interrupt handler: false when full (or q is not a live queue).
 * *switch_needed (may be NULL) is set true when a switch is needed
 * (already requested). */
bool os_queue_send_from_isr(struct os_queue *q, const void *item, bool *switch_needed);

/* From an interrupt handler: false when empty (or q is not a live queue). */
bool os_queue_receive_from_isr(struct os_queue *q, void *item, bool *switch_needed);

/* Items stored now; 0 when q is not a live queue. */
size_t os_queue_count(const struct os_queue *q);

/* ------------------------------------------------------------------ */
/* Critical sections and scheduler suspension                          */
/* ------------------------------------------------------------------ */

/* Mask the interrupts that may call the core (nesting). Task level only. */
void os_critical_enter(void);
void os_critical_exit(void);

/* Keep the current task running, interrupts still enabled (nesting). A
 * switch requested meanwhile happens at the outermost resume. Blocking
 * calls are not allowed while suspended. */
void os_scheduler_suspend(void);
void os_scheduler_resume(void);

/* ------------------------------------------------------------------ */
/* Port entry and hooks                                                */
/* ------------------------------------------------------------------ */

/* The running task. Written only by os_task_switch(). */
extern struct os_task *volatile os_current;

/*
 * Called by the port, interrupts masked, when it is about to switch (after
 * saving the outgoing context into os_current->sp): checks the outgoing
 * task's stack, selects the highest-priority ready task into os_current
 * (unchanged while the scheduler is suspended) and traces the switch.
 */
void os_task_switch(void);

/*
 * As os_task_switch(), after moving the running task behind the other ready
 * tasks of its priority: the switch of os_task_yield() on a port with
 * PORT_FAST_YIELD (os_port.h). Interrupts masked.
 */
void os_task_yield_switch(void);

/* Called on a detected stack overflow of t. Default (weak): port_panic(). */
void os_hook_stack_overflow(struct os_task *t);

/* Called by the idle task on each loop before port_idle(). Default: nothing. */
void os_hook_idle(void);

/* ------------------------------------------------------------------ */
/* Asserts                                                             */
/* ------------------------------------------------------------------ */

#define OS_STR2(x) #x
#define OS_STR(x) OS_STR2(x)

#if OS_CONFIG_ASSERT
#define OS_ASSERT(x)                                                                                \
    do {                                                                                            \
        if (!(x))                                                                                   \
            port_panic(__FILE__ ":" OS_STR(__LINE__) ": assert " #x);                               \
    } while (0)
#else
#define OS_ASSERT(x) ((void)sizeof(x))
#endif

#endif /* OS_H */
