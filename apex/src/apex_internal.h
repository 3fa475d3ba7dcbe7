/*
 * apex_internal.h - the guest-kernel side of the APEX (docs/arinc653.md).
 *
 * Every APEX service is a stub in the user range (apex/src/user/) that
 * calls apex_gate() with an operation number and up to seven words; that
 * one function is registered as a gate (rtos/port/pv/port.c,
 * pv_lib_gates), so a process enters it in guest-kernel mode on its own
 * guest-kernel stack, and its state (process table, objects, messages)
 * lies in .kobj where no process can write it. main() (the partition's
 * initialisation, already in guest-kernel mode) calls it directly.
 *
 * Pointers a process passes are checked with apex_user_ok() before any
 * use: they must lie in the partition's user range (or, for main(), be
 * guest-kernel memory), with no wrap-around.
 */
#ifndef APEX_INTERNAL_H
#define APEX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apex.h"
#include "os.h"

/* ---- Build-time sizes (an app's os_config.h may set them) ---- */
#ifndef APEX_CONFIG_MAX_PROCESSES
#define APEX_CONFIG_MAX_PROCESSES 16
#endif
#ifndef APEX_CONFIG_STACK_POOL_BYTES
#define APEX_CONFIG_STACK_POOL_BYTES (64u * 1024u)
#endif
#ifndef APEX_CONFIG_MAX_BUFFERS
#define APEX_CONFIG_MAX_BUFFERS 8
#endif
#ifndef APEX_CONFIG_MAX_BLACKBOARDS
#define APEX_CONFIG_MAX_BLACKBOARDS 8
#endif
#ifndef APEX_CONFIG_MAX_SEMAPHORES
#define APEX_CONFIG_MAX_SEMAPHORES 8
#endif
#ifndef APEX_CONFIG_MAX_EVENTS
#define APEX_CONFIG_MAX_EVENTS 8
#endif
/* Message storage of all buffers and blackboards together, bytes. */
#ifndef APEX_CONFIG_MESSAGE_POOL_BYTES
#define APEX_CONFIG_MESSAGE_POOL_BYTES (16u * 1024u)
#endif

/* ARINC 653 schedules processes of equal priority first come, first
 * served: no time slicing among them. */
#if OS_CONFIG_ROUND_ROBIN
#error "an APEX partition needs OS_CONFIG_ROUND_ROBIN 0 in its os_config.h"
#endif

/* The highest APEX priority this partition has: the tick core's priorities
 * map one to one; the top one is the deadline monitor's. */
#define APEX_MAX_PRIORITY (OS_CONFIG_MAX_PRIORITIES - 2)
_Static_assert(APEX_MAX_PRIORITY >= MIN_PRIORITY_VALUE,
               "APEX needs OS_CONFIG_MAX_PRIORITIES >= 3");

/* ---- Operations of apex_gate(): area << 8 | service ---- */
enum apex_area {
    APEX_AREA_PROCESS = 1,
    APEX_AREA_TIME = 2,
    APEX_AREA_BUFFER = 3,
    APEX_AREA_BLACKBOARD = 4,
    APEX_AREA_SEMAPHORE = 5,
    APEX_AREA_EVENT = 6,
    APEX_AREA_SAMPLING = 7,  /* apex/src/sampling.c */
    APEX_AREA_QUEUING = 8,   /* apex/src/queuing.c */
    APEX_AREA_PARTITION = 9, /* apex/src/partition.c */
    APEX_AREA_HM = 10,       /* apex/src/hm.c */
    APEX_AREA_COUNT = 11,
};
#define APEX_OP(area, n) (((uint32_t)(area) << 8) | (uint32_t)(n))

enum {
    APEX_OP_CREATE_PROCESS = APEX_OP(APEX_AREA_PROCESS, 0),
    APEX_OP_SET_PRIORITY,
    APEX_OP_SUSPEND_SELF,
    APEX_OP_SUSPEND,
    APEX_OP_RESUME,
    APEX_OP_STOP_SELF,
    APEX_OP_STOP,
    APEX_OP_START,
    APEX_OP_DELAYED_START,
    APEX_OP_LOCK_PREEMPTION,
    APEX_OP_UNLOCK_PREEMPTION,
    APEX_OP_GET_MY_ID,
    APEX_OP_GET_PROCESS_ID,
    APEX_OP_GET_PROCESS_STATUS,
    APEX_OP_BEGIN, /* internal: a process's first call (delayed release) */
};
enum {
    APEX_OP_TIMED_WAIT = APEX_OP(APEX_AREA_TIME, 0),
    APEX_OP_PERIODIC_WAIT,
    APEX_OP_GET_TIME,
    APEX_OP_REPLENISH,
};
enum {
    APEX_OP_CREATE_BUFFER = APEX_OP(APEX_AREA_BUFFER, 0),
    APEX_OP_SEND_BUFFER,
    APEX_OP_RECEIVE_BUFFER,
    APEX_OP_GET_BUFFER_ID,
    APEX_OP_GET_BUFFER_STATUS,
};
enum {
    APEX_OP_CREATE_BLACKBOARD = APEX_OP(APEX_AREA_BLACKBOARD, 0),
    APEX_OP_DISPLAY_BLACKBOARD,
    APEX_OP_READ_BLACKBOARD,
    APEX_OP_CLEAR_BLACKBOARD,
    APEX_OP_GET_BLACKBOARD_ID,
    APEX_OP_GET_BLACKBOARD_STATUS,
};
enum {
    APEX_OP_CREATE_SEMAPHORE = APEX_OP(APEX_AREA_SEMAPHORE, 0),
    APEX_OP_WAIT_SEMAPHORE,
    APEX_OP_SIGNAL_SEMAPHORE,
    APEX_OP_GET_SEMAPHORE_ID,
    APEX_OP_GET_SEMAPHORE_STATUS,
};
enum {
    APEX_OP_CREATE_EVENT = APEX_OP(APEX_AREA_EVENT, 0),
    APEX_OP_SET_EVENT,
    APEX_OP_RESET_EVENT,
    APEX_OP_WAIT_EVENT,
    APEX_OP_GET_EVENT_ID,
    APEX_OP_GET_EVENT_STATUS,
};

enum {
    APEX_OP_GET_PARTITION_STATUS = APEX_OP(APEX_AREA_PARTITION, 0),
    APEX_OP_SET_PARTITION_MODE,
    APEX_OP_SET_MODULE_SCHEDULE,
    APEX_OP_GET_MODULE_SCHEDULE_STATUS,
    APEX_OP_GET_MODULE_SCHEDULE_ID,
};
enum {
    APEX_OP_REPORT_APPLICATION_MESSAGE = APEX_OP(APEX_AREA_HM, 0),
    APEX_OP_CREATE_ERROR_HANDLER,
    APEX_OP_GET_ERROR_STATUS,
    APEX_OP_RAISE_APPLICATION_ERROR, /* keeps the message; the stub reports */
    APEX_OP_ERROR_HANDLER_WAIT,      /* internal: the handler's next error */
};

/* The gate: returns a RETURN_CODE_TYPE. a[0..6] are the call's words. */
int32_t apex_gate(uint32_t op, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
                  uint32_t a5, uint32_t a6, uint32_t a7);

/* An area's handler: op's low byte selects the service; a[0..6]. Areas
 * other helpers' files implement are weak (apex/src/gate.c) until linked. */
typedef RETURN_CODE_TYPE (*apex_area_fn)(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_process(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_time(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_buffer(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_blackboard(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_semaphore(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_event(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_sampling(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_queuing(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_partition(uint32_t op, const uint32_t a[7]);
RETURN_CODE_TYPE apex_area_hm(uint32_t op, const uint32_t a[7]);

/* Two words of a call as a 64-bit time (low, high). */
static inline SYSTEM_TIME_TYPE apex_time_arg(uint32_t lo, uint32_t hi)
{
    return (SYSTEM_TIME_TYPE)(((uint64_t)hi << 32) | (uint64_t)lo);
}

/* True if [p, p + len) may be read or written for the caller: in the
 * partition's user range (or anywhere for guest-kernel callers: main()),
 * without wrap-around. len 0 is checked as 1. */
bool apex_user_ok(const void *p, size_t len);
/* True if [addr, addr + len) lies in the partition's user range, whoever
 * the caller (code addresses: entry points). */
bool apex_in_user(uintptr_t addr, size_t len);

/* ---- Processes and waiting (process.c, wait.c) ---- */

/* A list of waiting processes in the APEX object's own discipline. */
struct apex_proc;
struct apex_waitq {
    struct apex_proc *head; /* first to release */
    uint8_t discipline;     /* QUEUING_DISCIPLINE_TYPE */
    uint16_t count;
};

struct apex_proc {
    struct os_task task;    /* the tick-core task (TCB) */
    struct os_sem wake;     /* binary: every wait of the process blocks here */
    PROCESS_ATTRIBUTE_TYPE attr;
    uint32_t *stack;        /* in the user range (apex_stack_pool) */
    size_t stack_words;
    PRIORITY_TYPE priority; /* current priority */
    uint8_t used;
    uint8_t dormant;        /* DORMANT: not started or stopped */
    uint8_t started_early;  /* STARTed before NORMAL: runs when NORMAL begins */
    uint8_t suspended;      /* SUSPENDed (by another process) */
    uint8_t susp_blocked;   /* blocked in that suspension */
    uint8_t self_susp;      /* blocked in SUSPEND_SELF */
    uint8_t delayed_start;  /* DELAYED_START: waiting for its first release */
    uint8_t release_pending; /* started before the first tick: release then */
    uint8_t waiting;        /* blocked in a wait of the APEX */
    /* Object waits: the queue, the link, what the waker delivered. */
    struct apex_waitq *wq;
    struct apex_proc *wq_next;
    int32_t wq_result;      /* RETURN_CODE_TYPE delivered by the waker */
    void *wq_data;          /* message buffer of a waiting sender/receiver */
    uint32_t wq_len;        /* its length */
    void *wq_aux;           /* a waiting receiver's MESSAGE_SIZE_TYPE output */
    /* Time. */
    SYSTEM_TIME_TYPE release;       /* current release point */
    SYSTEM_TIME_TYPE deadline;      /* absolute; INFINITE_TIME_VALUE none */
    SYSTEM_TIME_TYPE start_delay;   /* DELAYED_START */
    struct apex_proc *dl_next;      /* deadline list (earliest first) */
    uint8_t dl_linked;
    uint8_t dl_reported;
};

extern struct apex_proc apex_procs[APEX_CONFIG_MAX_PROCESSES];

/* The calling process, or NULL for main() (the initialisation). */
struct apex_proc *apex_self(void);
/* Process by id, NULL when no such process. */
struct apex_proc *apex_proc_by_id(PROCESS_ID_TYPE id);
PROCESS_ID_TYPE apex_proc_id(const struct apex_proc *p);
/* The partition went NORMAL (processes run). */
extern bool apex_normal;
/* Preemption lock level of the partition. */
extern LOCK_LEVEL_TYPE apex_lock_level;

/* Ticks from now until at least `ns` from now (0 -> 0; clamps). */
os_tick_t apex_ticks_for(SYSTEM_TIME_TYPE ns);
/* Ticks from now until absolute time `at` (0 if passed). */
os_tick_t apex_ticks_until(SYSTEM_TIME_TYPE at);
SYSTEM_TIME_TYPE apex_now(void);

/*
 * Wait in the object's queue (already checked: the caller is a process,
 * lock level 0, timeout not 0): returns the waker's result, or TIMED_OUT.
 * Call inside os_critical_enter(); returns inside it too.
 */
RETURN_CODE_TYPE apex_wait_on(struct apex_waitq *q, SYSTEM_TIME_TYPE timeout);
/* Release the first waiter with `result` (inside a critical section, or
 * in an upcall: a port's virtual interrupt); NULL when none. */
struct apex_proc *apex_wake_first(struct apex_waitq *q, RETURN_CODE_TYPE result);
/* Remove p from its queue (STOP; timeouts). */
void apex_waitq_remove(struct apex_proc *p);
/* Block the caller `ticks` (OS_WAIT_FOREVER: until woken) on its wake
 * semaphore, honouring SUSPEND meanwhile: NO_ERROR when woken, TIMED_OUT. */
RETURN_CODE_TYPE apex_block(struct apex_proc *p, os_tick_t ticks);

/* Checks common to every blocking service with a timeout: INVALID_MODE
 * when the caller cannot wait (main(), lock held) and timeout != 0. */
RETURN_CODE_TYPE apex_may_wait(SYSTEM_TIME_TYPE timeout);

/* Name helpers: a NAME_TYPE copied from the caller (validated) and compared. */
bool apex_name_copy(char dst[MAX_NAME_LENGTH], uint32_t src);
bool apex_name_eq(const char a[MAX_NAME_LENGTH], const char b[MAX_NAME_LENGTH]);

/* A creation's common checks, in the standard's order: the table is full
 * (INVALID_CONFIG), the name exists (NO_ACTION). `names` is the first name
 * of a table of n objects `stride` bytes apart, `used` likewise; returns
 * NO_ERROR and the free slot. */
RETURN_CODE_TYPE apex_create_slot(const char name[MAX_NAME_LENGTH], const char *names,
                                  const uint8_t *used, size_t stride, unsigned n,
                                  unsigned *slot);
/* Look a name up in such a table: the id (slot + 1) or 0. */
APEX_INTEGER apex_find_name(const char name[MAX_NAME_LENGTH], const char *names,
                            const uint8_t *used, size_t stride, unsigned n);
/* A timeout argument: >= 0 or INFINITE_TIME_VALUE. */
static inline bool apex_timeout_ok(SYSTEM_TIME_TYPE t)
{
    return t >= 0 || t == INFINITE_TIME_VALUE;
}

/* Message storage carved from one pool at creation (never freed). */
void *apex_msg_alloc(size_t bytes);

/* Stop another process (STOP's work, for the health monitor's process
 * level too): off every queue, no deadline, its task deleted, DORMANT.
 * Task level (not from an upcall); p must not be the caller. */
void apex_process_stop(struct apex_proc *p);

/* Deadline monitoring (process.c). */
void apex_deadline_set(struct apex_proc *p, SYSTEM_TIME_TYPE deadline);

/* Start every process STARTed during initialisation and the deadline
 * monitor, then run the tick core (os_start(): does not return). The
 * guest side of SET_PARTITION_MODE(NORMAL). */
#if PORT_START_RETURNS
void apex_partition_enter_normal(void); /* the host port: returns when idle */
#else
void apex_partition_enter_normal(void) __attribute__((noreturn));
#endif
/* Make sure the tick core is initialised (first APEX call in main()). */
void apex_init(void);

/* Counters of the deadline monitor, for tests (a miss is also reported to
 * the health monitor: PK_GUEST_ERR_DEADLINE with the process id). */
extern uint32_t apex_deadline_misses;

#endif /* APEX_INTERNAL_H */
