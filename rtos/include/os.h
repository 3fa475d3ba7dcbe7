/*
 * os.h - the tick core's application interface.
 *
 * A small fixed-priority preemptive kernel driven by a periodic tick:
 * tasks, delays (relative and periodic), counting/binary semaphores,
 * mutexes with priority inheritance (recursive or not), message queues and
 * queue sets, direct-to-task notifications, event groups, stream and
 * message buffers, software timers run by a timer service task, task
 * state and run-time statistics, critical sections and scheduler
 * suspension. All storage is provided by the caller (no dynamic
 * allocation); every object is initialised in place.
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

/* Placement attribute for data a partition's warm start keeps (the
 * para-virtual port's persistent region); ordinary data elsewhere. */
#ifndef OS_PERSIST
#define OS_PERSIST
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
/* PORT_TASK_CONTROL_OK(t): true when the caller may change task t (delete,
 * suspend, resume, priority, real-time flag, probe pin, abort its delay).
 * Default: always (the idle task is refused by the core itself). The
 * para-virtual port refuses an application task control of a task the
 * guest kernel runs for itself (a library's service task: the APEX
 * deadline monitor). */
#ifndef PORT_TASK_CONTROL_OK
#define PORT_TASK_CONTROL_OK(t) 1
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
    OS_WAIT_NOTIFY = 6,     /* a notification (wait_obj NULL, the index in notify_waiting) */
    OS_WAIT_EVENT = 7,      /* wait_obj is a struct os_event_group */
    OS_WAIT_STREAM_SEND = 8, /* wait_obj is a struct os_stream, waiting for space */
    OS_WAIT_STREAM_RECV = 9, /* wait_obj is a struct os_stream, waiting for data */
    OS_WAIT_QUEUE_SET = 10, /* wait_obj is a struct os_queue_set */
    OS_WAIT_QUEUE_SEND_FRONT = 11, /* as SEND, the item goes to the front */
    OS_WAIT_NOTIFY_TAKE = 12, /* as NOTIFY, in os_task_notify_take (the waker takes for it) */
};

/* Query-only task states (os_task_get_state, os_task_get_system_state):
 * never stored in struct os_task.state. */
#define OS_TASK_RUNNING 4u /* the task that made the query */
#define OS_TASK_INVALID 5u /* not a task (or a task of a previous os_init) */

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
struct os_queue_set;

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
    struct os_task *next_task;      /* every task created since os_init (os_task_get_system_state) */
    uint64_t run_time;              /* time run, in port_time_ns() ns (OS_CONFIG_RUNTIME_STATS) */
    uint32_t notify_value[OS_CONFIG_TASK_NOTIFY_COUNT]; /* notification values (os_task_notify) */
    uint8_t notify_state[OS_CONFIG_TASK_NOTIFY_COUNT];  /* enum os_notify_state of each index */
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

/* The state of a task: enum os_task_state, or OS_TASK_RUNNING for the
 * caller itself (NULL = the caller), OS_TASK_INVALID when t is not a live
 * or deleted task. Any context. */
unsigned os_task_get_state(const struct os_task *t);

/* A task's name (NULL = the caller); NULL when t is not a live task. In a
 * partition the idle task's name lies in guest-kernel memory, which tasks
 * cannot read: os_task_get_system_state() hands out copies. */
const char *os_task_get_name(const struct os_task *t);

/*
 * End the delay or timed/untimed wait of a blocked task now (FreeRTOS
 * xTaskAbortDelay): the call it is blocked in returns as if its timeout
 * expired (OS_TIMEOUT; os_delay and os_delay_until return OS_TIMEOUT too).
 * OS_ERR_STATE when t is not blocked, OS_ERR_PARAM when t is not a live
 * task or is the caller.
 */
enum os_status os_task_abort_delay(struct os_task *t);

/* One task in a system-state snapshot (os_task_get_system_state). */
struct os_task_status {
    struct os_task *task;    /* the task */
    char name[OS_CONFIG_TASK_NAME_LEN]; /* a copy of its name, truncated, NUL-terminated (the
                                           name itself may lie where the caller cannot read:
                                           the idle task's, in a partition's guest kernel);
                                           only bytes that pass PORT_BUFFER_OK for the caller
                                           are copied (the idle task's name always) */
    uint32_t id;             /* creation sequence number */
    unsigned state;          /* enum os_task_state, OS_TASK_RUNNING for the caller */
    unsigned priority;       /* effective priority */
    unsigned base_priority;  /* priority set by the application */
    size_t stack_high_water; /* os_task_stack_high_water(): words never written */
    uint64_t run_time;       /* ns the task has run (0 without OS_CONFIG_RUNTIME_STATS) */
};

/*
 * Fill out[0 .. capacity) with the live tasks (idle included, deleted ones
 * left out) in creation order, newest first, and return how many were
 * written; 0 when capacity is too small for all of them (FreeRTOS
 * uxTaskGetSystemState). *total_run_time (may be NULL) gets the time since
 * os_start() in ns (0 without OS_CONFIG_RUNTIME_STATS). The scan runs with
 * the scheduler suspended, not with interrupts masked: the stack scans are
 * O(stack words) per task. The out array must pass PORT_BUFFER_OK.
 */
size_t os_task_get_system_state(struct os_task_status *out, size_t capacity, uint64_t *total_run_time);

/* Number of live tasks (the idle task included). */
size_t os_task_count(void);

/* ------------------------------------------------------------------ */
/* Direct-to-task notifications                                        */
/* ------------------------------------------------------------------ */

/*
 * Each task has OS_CONFIG_TASK_NOTIFY_COUNT notification slots (an index
 * 0 .. count-1), each a 32-bit value and a state: not pending, pending
 * (notified since the last wait) or waiting (the task is blocked in a
 * wait on that index). A notification to a task waiting on that index
 * wakes it, whatever the action. Index out of range: OS_ERR_PARAM.
 */
enum os_notify_state {
    OS_NOTIFY_NOT_PENDING = 0, /* nothing received since the last wait */
    OS_NOTIFY_PENDING = 1,     /* notified, not yet taken by a wait */
    OS_NOTIFY_WAITING = 2,     /* the task is blocked waiting on this index */
};

/* What a notification does to the value. */
enum os_notify_action {
    OS_NOTIFY_NO_ACTION = 0,           /* value unchanged; only the state becomes pending */
    OS_NOTIFY_SET_BITS = 1,            /* value |= arg */
    OS_NOTIFY_INCREMENT = 2,           /* value += 1 (arg ignored): a give */
    OS_NOTIFY_SET_VALUE = 3,           /* value = arg, even when one is pending */
    OS_NOTIFY_SET_VALUE_NO_OVERWRITE = 4, /* value = arg unless one is pending */
};

/*
 * Notify task t at `index`: apply `action` with `arg`, make the index
 * pending and wake t if it waits on that index. *prev_value (may be NULL)
 * gets the value before the action. OS_ERR_STATE (nothing changed but
 * *prev_value) for OS_NOTIFY_SET_VALUE_NO_OVERWRITE while one is pending.
 * os_task_notify(t, i, 0, OS_NOTIFY_INCREMENT, NULL) is a give.
 */
enum os_status os_task_notify(struct os_task *t, unsigned index, uint32_t arg,
                              enum os_notify_action action, uint32_t *prev_value);

/* The same from an interrupt handler: true when delivered; false for a
 * refused no-overwrite, a bad task, index or action. *switch_needed (may be
 * NULL) as for os_queue_send_from_isr. */
bool os_task_notify_from_isr(struct os_task *t, unsigned index, uint32_t arg,
                             enum os_notify_action action, uint32_t *prev_value,
                             bool *switch_needed);

/*
 * Wait for a notification at `index` of the caller (FreeRTOS
 * xTaskNotifyWait): if none is pending, value &= ~clear_on_entry, then block
 * up to timeout. When one is (or becomes) pending: *value (may be NULL) gets
 * the value, then value &= ~clear_on_exit, the state becomes not pending and
 * OS_OK is returned. OS_TIMEOUT when none came (*value still gets the value).
 */
enum os_status os_task_notify_wait(unsigned index, uint32_t clear_on_entry, uint32_t clear_on_exit,
                                   uint32_t *value, os_tick_t timeout);

/*
 * Take at `index` as a light counting (clear false) or binary (clear true)
 * semaphore (FreeRTOS ulTaskNotifyTake): block up to timeout while the value
 * is 0; return the value as it was, then decrement it (clear false) or set
 * it to 0 (clear true). 0 on timeout or error.
 */
uint32_t os_task_notify_take(unsigned index, bool clear, os_tick_t timeout);

/* Make the index of t (NULL = the caller) not pending; true when it was
 * pending. False for a bad task or index. */
bool os_task_notify_state_clear(struct os_task *t, unsigned index);

/* value &= ~bits at the index of t (NULL = the caller); returns the value
 * before. 0 for a bad task or index. */
uint32_t os_task_notify_value_clear(struct os_task *t, unsigned index, uint32_t bits);

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
 * os_tick_count() once. Reports whether it delayed: OS_OK when it blocked
 * (and woke at that time), OS_TIMEOUT without blocking when that time is now
 * or has already passed (the period overran; *previous_wake still advances
 * by one period), also OS_TIMEOUT when os_task_abort_delay() cut it short.
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

/* Ticks until the core next needs os_tick_announce(): the earliest wake,
 * or 1 while the running task shares its priority with another ready task
 * (the next tick may end its time slice); OS_WAIT_FOREVER if none. A port
 * may leave the ticks before it unannounced and announce them together
 * later (the para-virtual port's vcpu.tick_skip). */
os_tick_t os_ticks_to_next_need(void);

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
#if OS_CONFIG_QUEUE_SETS
    struct os_queue_set *set; /* the queue set it belongs to, NULL when none */
#endif
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

/* Forget a semaphore without waiters (see os_mutex_delete); OS_ERR_STATE
 * when it has waiters or belongs to a queue set. */
enum os_status os_sem_delete(struct os_sem *s);

/* ------------------------------------------------------------------ */
/* Mutexes                                                             */
/* ------------------------------------------------------------------ */

/* A recursive mutex with (transitive) priority inheritance. */
struct os_mutex {
    uint32_t tag;               /* type tag: the live mutex tag once initialised */
    uint32_t kind;              /* enum os_mutex_kind */
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

/* Mutex kinds (os_mutex_init_kind). */
enum os_mutex_kind {
    OS_MUTEX_RECURSIVE = 0, /* the owner may lock again; as many unlocks free it */
    OS_MUTEX_NORMAL = 1,    /* a lock by the owner waits (up to its timeout) like any other */
};

/* Initialise a free mutex of the given kind (os_mutex_init: recursive).
 * Both kinds inherit priority. OS_ERR_PARAM for an unknown kind. */
enum os_status os_mutex_init_kind(struct os_mutex *m, enum os_mutex_kind kind);

/* Times the owner has locked m (0 when free or m is not a live mutex). */
uint32_t os_mutex_recursion(const struct os_mutex *m);

/* Forget a free mutex: afterwards every call refuses it (OS_ERR_PARAM) until
 * it is initialised again. OS_ERR_STATE when it is owned. Same rule for the
 * other _delete calls: the object must have no waiters (else OS_ERR_STATE),
 * and only guest-kernel code may make it again where PORT_NEW_OBJECT_OK()
 * restricts new objects. */
enum os_status os_mutex_delete(struct os_mutex *m);

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
#if OS_CONFIG_QUEUE_SETS
    struct os_queue_set *set;    /* the queue set it belongs to, NULL when none */
#endif
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

/* Copy *item to the front of the queue (it is received next), waiting up
 * to timeout for space. */
enum os_status os_queue_send_front(struct os_queue *q, const void *item, os_tick_t timeout);

/* The same from an interrupt handler (as os_queue_send_from_isr). */
bool os_queue_send_front_from_isr(struct os_queue *q, const void *item, bool *switch_needed);

/* Write *item into a queue of capacity 1, replacing the item it holds if
 * any; never blocks. OS_ERR_PARAM when the capacity is not 1. */
enum os_status os_queue_overwrite(struct os_queue *q, const void *item);

/* The same from an interrupt handler: false when q is not a live queue of
 * capacity 1. */
bool os_queue_overwrite_from_isr(struct os_queue *q, const void *item, bool *switch_needed);

/* Copy the front item without removing it, from an interrupt handler:
 * false when empty (or q is not a live queue). */
bool os_queue_peek_from_isr(struct os_queue *q, void *item);

/* Empty the queue (FreeRTOS xQueueReset). Waiting senders then put their
 * items in (in wait order, as space allows) and are woken; waiting
 * receivers keep waiting. O(capacity + waiters) with interrupts masked.
 * With queue sets, OS_ERR_STATE for a member of a set. */
enum os_status os_queue_reset(struct os_queue *q);

/* Free slots now; 0 when q is not a live queue. Any context. */
size_t os_queue_spaces(const struct os_queue *q);

/* Forget a queue without waiters (see os_mutex_delete); OS_ERR_STATE when
 * it has waiters or belongs to a queue set. */
enum os_status os_queue_delete(struct os_queue *q);

/* ------------------------------------------------------------------ */
/* Queue sets (OS_CONFIG_QUEUE_SETS)                                   */
/* ------------------------------------------------------------------ */

/*
 * A queue set lets a task wait on several queues and semaphores at once
 * (FreeRTOS xQueueSelectFromSet). Every item sent to a member queue and
 * every unit given to a member semaphore that is not handed straight to a
 * task waiting on the member posts the member's address into the set; a
 * select returns the next such address, and the task then receives from
 * (takes) that member with OS_NO_WAIT. The set's capacity must cover the
 * members' combined capacities (queue capacities, semaphore maximums) so
 * that a post never finds it full (a post to a full set is dropped and
 * counted in dropped). Members must be empty when added and may belong to
 * one set only; mutexes are no members. Without OS_CONFIG_QUEUE_SETS the
 * calls exist but refuse with OS_ERR_STATE (NULL for select_from_isr), and
 * queues and semaphores carry no set pointer (no cost on their paths).
 */
struct os_queue_set {
    uint32_t tag;           /* type tag: the live queue-set tag once initialised */
    void **storage;         /* capacity member addresses, a ring */
    size_t capacity;        /* entries the storage holds, > 0 */
    size_t count;           /* entries stored now */
    size_t head;            /* index of the oldest entry */
    uint32_t dropped;       /* posts lost because the set was full */
    struct os_list waiters; /* tasks blocked in select */
};

/* Initialise an empty set on storage of capacity pointers (PORT_BUFFER_OK).
 * OS_ERR_STATE when re-initialising a live set with waiters or entries. */
enum os_status os_queue_set_init(struct os_queue_set *set, void **storage, size_t capacity);

/* Add a live queue or semaphore (member) to set. OS_ERR_STATE when the
 * member is not empty (items or units) or already belongs to a set. */
enum os_status os_queue_set_add(struct os_queue_set *set, void *member);

/* Remove a member from set. OS_ERR_STATE when it is not a member of set or
 * is not empty. */
enum os_status os_queue_set_remove(struct os_queue_set *set, void *member);

/* Wait up to timeout for a member with data; *member gets its address
 * (PORT_BUFFER_OK). OS_TIMEOUT when none came. */
enum os_status os_queue_set_select(struct os_queue_set *set, void **member, os_tick_t timeout);

/* From an interrupt handler: the next member with data, NULL when none. */
void *os_queue_set_select_from_isr(struct os_queue_set *set);

/* ------------------------------------------------------------------ */
/* Event groups                                                        */
/* ------------------------------------------------------------------ */

/* The bits an event group holds (as FreeRTOS with 32-bit ticks: 24). */
#define OS_EVENT_BITS_MASK 0x00FFFFFFu

/* os_event_group_wait flags. */
#define OS_EVENT_WAIT_ALL 0x1u      /* all of the bits (default: any of them) */
#define OS_EVENT_CLEAR_ON_EXIT 0x2u /* clear the waited-for bits when the wait succeeds */

/* A set of event bits tasks can wait on. */
struct os_event_group {
    uint32_t tag;           /* type tag: the live event-group tag once initialised */
    uint32_t bits;          /* the bits set now (within OS_EVENT_BITS_MASK) */
    struct os_list waiters; /* tasks blocked in wait/sync, highest priority first */
};

/* Initialise with no bits set. OS_ERR_STATE when re-initialising a live
 * group with waiters. */
enum os_status os_event_group_init(struct os_event_group *g);

/*
 * Set bits (outside OS_EVENT_BITS_MASK: OS_ERR_PARAM), then wake every
 * waiter whose condition now holds (in wait-list order; each sees the bits
 * as they were when it was woken, and the bits waiters asked to clear are
 * cleared after the scan). *bits_after (may be NULL) gets the bits after
 * that. O(waiters) with interrupts masked.
 */
enum os_status os_event_group_set(struct os_event_group *g, uint32_t bits, uint32_t *bits_after);

/* The same from an interrupt handler (done at once, not deferred to the
 * timer service task as FreeRTOS does). False for a bad group or bits. */
bool os_event_group_set_from_isr(struct os_event_group *g, uint32_t bits, bool *switch_needed);

/* Clear bits; *bits_before (may be NULL) gets the bits before. */
enum os_status os_event_group_clear(struct os_event_group *g, uint32_t bits, uint32_t *bits_before);

/* The same from an interrupt handler. False for a bad group or bits. */
bool os_event_group_clear_from_isr(struct os_event_group *g, uint32_t bits);

/* The bits set now; 0 when g is not a live group. Any context. */
uint32_t os_event_group_get(const struct os_event_group *g);

/*
 * Wait up to timeout until any (or with OS_EVENT_WAIT_ALL all) of `bits`
 * (non-zero, within the mask) are set. OS_OK when they were; *bits_out
 * (may be NULL) gets the group's bits at that moment, before the
 * OS_EVENT_CLEAR_ON_EXIT clear. OS_TIMEOUT otherwise, *bits_out then gets
 * the bits at the timeout (nothing cleared).
 */
enum os_status os_event_group_wait(struct os_event_group *g, uint32_t bits, unsigned flags,
                                   uint32_t *bits_out, os_tick_t timeout);

/*
 * Rendezvous (FreeRTOS xEventGroupSync): set set_bits, then wait up to
 * timeout until all wait_bits are set; on success the wait_bits are
 * cleared (for every task of the rendezvous at once) and OS_OK is
 * returned. *bits_out as for os_event_group_wait.
 */
enum os_status os_event_group_sync(struct os_event_group *g, uint32_t set_bits, uint32_t wait_bits,
                                   uint32_t *bits_out, os_tick_t timeout);

/* Forget a group; its waiters are woken with OS_ERR_STATE (FreeRTOS
 * vEventGroupDelete unblocks them). */
enum os_status os_event_group_delete(struct os_event_group *g);

/* ------------------------------------------------------------------ */
/* Stream and message buffers                                          */
/* ------------------------------------------------------------------ */

/*
 * A byte ring copied by value (FreeRTOS stream buffer), or, as a message
 * buffer, a ring of whole messages each stored behind a size_t length
 * (a message of n bytes takes n + sizeof(size_t) bytes of storage).
 * Meant for one writer and one reader at a time (as in FreeRTOS); several
 * waiters are served highest priority first.
 *
 * Stream: a send writes what fits and, with a timeout, waits until all of
 * its bytes fit (then writes them), writing what fits when the timeout
 * expires; it returns the bytes written. A receive takes what is there (up
 * to len) at once when the buffer is not empty; an empty one waits until a
 * send brings it to `trigger` bytes (the trigger level: when a waiting
 * receiver is woken), or until the timeout, then takes what is there
 * (possibly 0).
 * Message: a send writes the whole message or nothing (it waits up to the
 * timeout for room); a message longer than the storage can ever hold
 * returns 0 at once. A receive takes one whole message; one longer than
 * len stays in the buffer and 0 is returned.
 * Every copy is O(bytes) with interrupts masked.
 */
struct os_stream {
    uint32_t tag;                /* type tag: the live stream tag once initialised */
    uint8_t *storage;            /* size bytes, a ring */
    size_t size;                 /* bytes the storage holds, > 0 */
    size_t count;                /* bytes stored now (headers included) */
    size_t head;                 /* index of the oldest byte */
    size_t trigger;              /* stream: bytes a waiting receiver needs, 1 .. size */
    uint32_t message;            /* non-zero for a message buffer */
    struct os_list send_waiters; /* senders waiting for space */
    struct os_list recv_waiters; /* receivers waiting for data */
};

/* A stream buffer on storage of size bytes (PORT_BUFFER_OK), trigger level
 * 1 .. size (0 is taken as 1). OS_ERR_STATE when re-initialising a live one
 * with waiters. */
enum os_status os_stream_init(struct os_stream *sb, void *storage, size_t size, size_t trigger);

/* A message buffer on storage of size bytes (> sizeof(size_t)). */
enum os_status os_stream_init_message(struct os_stream *sb, void *storage, size_t size);

/* Send len bytes from data (PORT_BUFFER_OK); returns the bytes written (a
 * whole message or 0 for a message buffer). 0 for a bad buffer or object,
 * or from an interrupt handler. */
size_t os_stream_send(struct os_stream *sb, const void *data, size_t len, os_tick_t timeout);

/* Receive up to len bytes into buf (PORT_BUFFER_OK); returns the bytes
 * received. */
size_t os_stream_receive(struct os_stream *sb, void *buf, size_t len, os_tick_t timeout);

/* From an interrupt handler; never block. */
size_t os_stream_send_from_isr(struct os_stream *sb, const void *data, size_t len,
                               bool *switch_needed);
size_t os_stream_receive_from_isr(struct os_stream *sb, void *buf, size_t len,
                                  bool *switch_needed);

/* Bytes a stream holds (message buffer: headers included); free bytes;
 * the length of the next message (0 when empty or a stream). 0 for a bad
 * object. Any context. */
size_t os_stream_bytes_available(const struct os_stream *sb);
size_t os_stream_spaces_available(const struct os_stream *sb);
size_t os_stream_next_message_length(const struct os_stream *sb);

/* Change the trigger level (1 .. size; 0 is taken as 1). OS_ERR_PARAM above
 * the size or for a message buffer. */
enum os_status os_stream_set_trigger(struct os_stream *sb, size_t trigger);

/* Empty it; OS_ERR_STATE while a task waits on it (as FreeRTOS). */
enum os_status os_stream_reset(struct os_stream *sb);

/* Forget it (see os_mutex_delete). */
enum os_status os_stream_delete(struct os_stream *sb);

/* ------------------------------------------------------------------ */
/* Software timers                                                     */
/* ------------------------------------------------------------------ */

/*
 * Timers run in the timer service task (os_timer_service_start): every
 * call below but the queries posts a command to the service's command
 * queue, waiting up to `wait` ticks when it is full (OS_TIMEOUT when it
 * stays full: the command is not sent); the service task applies the
 * commands in order and runs the callbacks of expired timers, one at a
 * time, at its own priority and, in a partition, in task mode (never in the
 * guest kernel). Nothing of it runs in the tick. A timer's period counts
 * from the tick at which the command was issued (start, reset, change
 * period), not from when the service applies it. An auto-reload timer's
 * next expiry is its last expiry + period (no drift; missed periods are
 * run one after the other). The active list is changed with the scheduler
 * suspended, not with interrupts masked (O(active timers) per insertion).
 */
struct os_timer;
typedef void (*os_timer_fn)(struct os_timer *timer);

struct os_timer {
    uint32_t tag;          /* type tag: the live timer tag once initialised */
    os_timer_fn callback;  /* run by the service task at expiry */
    void *id;              /* the application's word (FreeRTOS timer ID) */
    const char *name;      /* for diagnostics, never NULL */
    os_tick_t period;      /* ticks, > 0 */
    os_tick_t expiry;      /* tick of the next expiry while active */
    uint32_t auto_reload;  /* non-zero: restarts itself at every expiry */
    uint32_t active;       /* non-zero while in the service task's active list */
    struct os_list_node node; /* in the active list, sorted by expiry (owner NULL) */
};

/* A command in the service task's queue (the application sizes the queue
 * storage with it; the fields are the core's). */
struct os_timer_cmd {
    uint32_t op;                 /* what to do */
    struct os_timer *timer;      /* the timer, or NULL for a pended call */
    os_tick_t tick;              /* issue tick, or the new period */
    void (*call)(void *, uint32_t); /* pended call */
    void *arg1;
    uint32_t arg2;
};

/* What the service task runs next (os_timer_service_next). */
struct os_timer_job {
    os_timer_fn callback;           /* non-NULL: run callback(timer) */
    struct os_timer *timer;
    void (*call)(void *, uint32_t); /* non-NULL: run call(arg1, arg2) */
    void *arg1;
    uint32_t arg2;
};

/*
 * Set up the timer service: its command queue on cmds[0 .. ncmds), then
 * create the service task on tcb (name "timers", priority, stack) running
 * os_timer_service_task. Call once per os_init(), before or after
 * os_start() (in a partition: from main() before os_start(), so that the
 * queue and the TCB are guest-kernel memory; cmds should be OS_KOBJ).
 * OS_ERR_STATE when the service already runs. (rtos/lib: the task runs in
 * task mode in a partition.)
 */
enum os_status os_timer_service_start(struct os_task *tcb, unsigned priority, port_stack_t *stack,
                                      size_t stack_words, struct os_timer_cmd *cmds, size_t ncmds);

/* The core half of os_timer_service_start(): record the service task's TCB
 * and the command queue. */
enum os_status os_timer_service_init(struct os_task *tcb, struct os_timer_cmd *cmds, size_t ncmds);

/* The service task's body (rtos/lib): forever, os_timer_service_next()
 * then run the job. */
void os_timer_service_task(void *arg);

/*
 * For the service task only (else OS_ERR_STATE): apply commands and wait
 * until a callback or pended call is due, then describe it in *job. It
 * never runs application code itself.
 */
enum os_status os_timer_service_next(struct os_timer_job *job);

/* The service task, NULL before os_timer_service_init(). */
struct os_task *os_timer_service_handle(void);

/* Initialise a dormant timer (FreeRTOS xTimerCreateStatic). period > 0,
 * callback non-NULL. OS_ERR_STATE when re-initialising an active one. */
enum os_status os_timer_init(struct os_timer *tm, const char *name, os_tick_t period,
                             bool auto_reload, void *id, os_timer_fn callback);

/* Commands (see above). start: expire period ticks after now (restart if
 * active); stop; reset (= start); change_period: set the period and start
 * it from now; delete: stop and forget the timer (its tag goes when the
 * service applies the command). */
enum os_status os_timer_start(struct os_timer *tm, os_tick_t wait);
enum os_status os_timer_stop(struct os_timer *tm, os_tick_t wait);
enum os_status os_timer_reset(struct os_timer *tm, os_tick_t wait);
enum os_status os_timer_change_period(struct os_timer *tm, os_tick_t period, os_tick_t wait);
enum os_status os_timer_delete(struct os_timer *tm, os_tick_t wait);

/* From an interrupt handler (never wait): false when the queue is full or
 * the timer is bad. */
bool os_timer_start_from_isr(struct os_timer *tm, bool *switch_needed);
bool os_timer_stop_from_isr(struct os_timer *tm, bool *switch_needed);
bool os_timer_reset_from_isr(struct os_timer *tm, bool *switch_needed);
bool os_timer_change_period_from_isr(struct os_timer *tm, os_tick_t period, bool *switch_needed);

/* Run call(arg1, arg2) in the service task (FreeRTOS
 * xTimerPendFunctionCall); the _from_isr form never waits. */
enum os_status os_timer_pend_call(void (*call)(void *, uint32_t), void *arg1, uint32_t arg2,
                                  os_tick_t wait);
bool os_timer_pend_call_from_isr(void (*call)(void *, uint32_t), void *arg1, uint32_t arg2,
                                 bool *switch_needed);

/* Queries (any context; as the service task last applied commands).
 * is_active: false for a bad timer. The others: 0 / NULL for a bad timer. */
bool os_timer_is_active(const struct os_timer *tm);
void *os_timer_get_id(const struct os_timer *tm);
enum os_status os_timer_set_id(struct os_timer *tm, void *id);
os_tick_t os_timer_get_period(const struct os_timer *tm);
os_tick_t os_timer_get_expiry(const struct os_timer *tm);
const char *os_timer_get_name(const struct os_timer *tm);
/* Change auto-reload at once (FreeRTOS vTimerSetReloadMode). */
enum os_status os_timer_set_auto_reload(struct os_timer *tm, bool auto_reload);
bool os_timer_get_auto_reload(const struct os_timer *tm);

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
 * Returns os_current (the port's restore may take it from the return value
 * instead of loading it again).
 */
struct os_task *os_task_switch(void);

/*
 * As os_task_switch(), after moving the running task behind the other ready
 * tasks of its priority: the switch of os_task_yield() on a port with
 * PORT_FAST_YIELD (os_port.h). Interrupts masked; cur is os_current (the
 * port has it at hand after saving the context). Returns the new
 * os_current.
 */
struct os_task *os_task_yield_switch(struct os_task *cur);

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
/* A failed assert: port_panic("file:line: assert"). The file is one string
 * per source file (OS_ASSERT_FILE: a source may name its own array of
 * __FILE__, so that its asserts share one copy) and the line a number, so
 * an assert costs its test and a call, not a string of its own. */
void os_assert_failed(const char *file, unsigned line) __attribute__((noreturn, cold));
#ifndef OS_ASSERT_FILE
#define OS_ASSERT_FILE __FILE__
#endif
#define OS_ASSERT(x)                                                                                \
    do {                                                                                            \
        if (!(x))                                                                                   \
            os_assert_failed(OS_ASSERT_FILE, __LINE__);                                             \
    } while (0)
#else
#define OS_ASSERT(x) ((void)sizeof(x))
#endif

#endif /* OS_H */
