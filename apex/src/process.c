/*
 * process.c - APEX processes and time over tick-core tasks
 * (docs/arinc653.md, "Processes", "Time").
 *
 * A process is a tick-core task whose TCB, wait object and attributes are
 * in apex_procs (.kobj); its stack is carved from apex_stack_pool (user
 * range) at CREATE_PROCESS. CREATE_PROCESS makes the task once and deletes
 * it, so that START, from main() or from a process, may reuse the TCB
 * (a deleted task's TCB may be set up again by a task: docs/abi.md).
 *
 * Every wait of a process (objects, TIMED_WAIT, PERIODIC_WAIT, SUSPEND_SELF,
 * a delayed release) blocks on its own binary semaphore `wake` with a
 * timeout in ticks. The tick core's suspension is used only for a process
 * that is not waiting (it would end a wait); a process SUSPENDed while it
 * waits goes on waiting and stays suspended when the wait ends.
 *
 * Deadlines: a list ordered by deadline; one guest-kernel task of the top
 * priority sleeps until the earliest and reports a miss to the health
 * monitor (PK_SVC_REPORT_ERROR, PK_GUEST_ERR_DEADLINE, the process id).
 * Its cost is one wake-up per deadline that expires and an insertion
 * (O(processes)) per change of deadline, never a poll per tick.
 */
#include <string.h>

#include "apex_internal.h"
#include "pv_svc.h"

OS_KOBJ struct apex_proc apex_procs[APEX_CONFIG_MAX_PROCESSES];
static char proc_names[APEX_CONFIG_MAX_PROCESSES][MAX_NAME_LENGTH + 1];

/* Entry points: ARM code, word-aligned (an odd address would be Thumb:
 * processes run in ARM state). The host tests' code has no such rule. */
#if defined(__arm__)
#define APEX_CODE_ALIGN 4u
#else
#define APEX_CODE_ALIGN 1u
#endif

/* The user-range pieces (apex/src/user/entry.c): the stack pool and the
 * first code of every process (calls the entry point, then STOP_SELF). */
extern uint32_t apex_stack_pool[APEX_CONFIG_STACK_POOL_BYTES / 4u];
#define STACK_GRAIN (PORT_STACK_ALIGN > 8u ? PORT_STACK_ALIGN : 8u)
void apex_process_entry(void *entry);
static size_t stack_used; /* bytes of the pool given out */

bool apex_normal;
LOCK_LEVEL_TYPE apex_lock_level;
uint32_t apex_deadline_misses;
static bool inited;

/* The deadline monitor. */
static OS_KOBJ struct os_task monitor_task;
static OS_KOBJ struct os_sem monitor_sem;
#define MONITOR_STACK_WORDS (PORT_STACK_MIN_WORDS + 64u)
_Alignas(8) static port_stack_t monitor_stack[MONITOR_STACK_WORDS];
static struct apex_proc *dl_head;
static void monitor(void *arg);

void apex_init(void)
{
    if (inited || os_running())
        return;
    inited = true;
    os_init();
    (void)os_sem_init(&monitor_sem, 0u, 1u);
}

struct apex_proc *apex_self(void)
{
    if (!os_running())
        return NULL;
    struct os_task *t = os_current;
    uintptr_t a = (uintptr_t)t, lo = (uintptr_t)&apex_procs[0];
    if (a < lo || a >= (uintptr_t)&apex_procs[APEX_CONFIG_MAX_PROCESSES])
        return NULL;
    struct apex_proc *p = &apex_procs[(a - lo) / sizeof apex_procs[0]];
    return &p->task == t && p->used ? p : NULL;
}

struct apex_proc *apex_proc_by_id(PROCESS_ID_TYPE id)
{
    if (id < 1 || id > APEX_CONFIG_MAX_PROCESSES)
        return NULL;
    struct apex_proc *p = &apex_procs[id - 1];
    return p->used ? p : NULL;
}

PROCESS_ID_TYPE apex_proc_id(const struct apex_proc *p)
{
    return (PROCESS_ID_TYPE)(p - apex_procs) + 1;
}

SYSTEM_TIME_TYPE apex_now(void)
{
    return (SYSTEM_TIME_TYPE)os_time_ns();
}

os_tick_t apex_ticks_until(SYSTEM_TIME_TYPE at)
{
    SYSTEM_TIME_TYPE base = (SYSTEM_TIME_TYPE)port_tick_time_ns();
    if (at <= base || at <= apex_now())
        return 0u;
    uint64_t n = ((uint64_t)(at - base) + OS_TICK_NS - 1u) / OS_TICK_NS;
    return n >= OS_WAIT_FOREVER ? OS_WAIT_FOREVER - 1u : (os_tick_t)n;
}

os_tick_t apex_ticks_for(SYSTEM_TIME_TYPE ns)
{
    if (ns == INFINITE_TIME_VALUE)
        return OS_WAIT_FOREVER;
    if (ns <= 0)
        return 0u;
    SYSTEM_TIME_TYPE now = apex_now();
    if (ns > INT64_MAX - now)
        return OS_WAIT_FOREVER - 1u;
    os_tick_t n = apex_ticks_until(now + ns);
    return n == 0u ? 1u : n;
}

RETURN_CODE_TYPE apex_may_wait(SYSTEM_TIME_TYPE timeout)
{
    (void)timeout;
    if (apex_self() == NULL || apex_lock_level > 0)
        return INVALID_MODE;
    return NO_ERROR;
}

/* ---- Blocking ---- */

/* Consume a give that raced with a timeout (inside a critical section). */
static void drain(struct apex_proc *p)
{
    while (os_sem_count(&p->wake) != 0u)
        (void)os_sem_take(&p->wake, OS_NO_WAIT);
}

/* A wait ended: stay blocked while SUSPENDed (inside a critical section,
 * left and entered again around the block). */
static void honour_suspension(struct apex_proc *p)
{
    drain(p);
    while (p->suspended) {
        p->susp_blocked = 1u;
        os_critical_exit();
        (void)os_sem_take(&p->wake, OS_WAIT_FOREVER);
        os_critical_enter();
        p->susp_blocked = 0u;
        drain(p);
    }
}

RETURN_CODE_TYPE apex_block(struct apex_proc *p, os_tick_t ticks)
{
    os_critical_enter();
    p->waiting = 1u;
    p->wq_result = TIMED_OUT;
    os_critical_exit();
    enum os_status r = os_sem_take(&p->wake, ticks);
    os_critical_enter();
    RETURN_CODE_TYPE rc = r == OS_OK ? NO_ERROR : (RETURN_CODE_TYPE)p->wq_result;
    p->waiting = 0u;
    honour_suspension(p);
    os_critical_exit();
    return rc;
}

/* ---- Wait queues in the object's discipline ---- */

static void waitq_insert(struct apex_waitq *q, struct apex_proc *p)
{
    struct apex_proc **at = &q->head;
    while (*at != NULL &&
           (q->discipline == FIFO || (*at)->priority >= p->priority))
        at = &(*at)->wq_next;
    p->wq_next = *at;
    *at = p;
    p->wq = q;
    q->count++;
}

void apex_waitq_remove(struct apex_proc *p)
{
    struct apex_waitq *q = p->wq;
    if (q == NULL)
        return;
    for (struct apex_proc **at = &q->head; *at != NULL; at = &(*at)->wq_next) {
        if (*at == p) {
            *at = p->wq_next;
            q->count--;
            break;
        }
    }
    p->wq = NULL;
    p->wq_next = NULL;
}

RETURN_CODE_TYPE apex_wait_on(struct apex_waitq *q, SYSTEM_TIME_TYPE timeout)
{
    struct apex_proc *p = apex_self();
    waitq_insert(q, p);
    p->waiting = 1u;
    p->wq_result = TIMED_OUT;
    os_tick_t ticks = apex_ticks_for(timeout);
    os_critical_exit();
    (void)os_sem_take(&p->wake, ticks);
    os_critical_enter();
    RETURN_CODE_TYPE rc;
    if (p->wq != NULL) { /* nobody released it: the timeout */
        apex_waitq_remove(p);
        rc = TIMED_OUT;
    } else {
        rc = (RETURN_CODE_TYPE)p->wq_result;
    }
    p->waiting = 0u;
    honour_suspension(p);
    return rc;
}

struct apex_proc *apex_wake_first(struct apex_waitq *q, RETURN_CODE_TYPE result)
{
    struct apex_proc *p = q->head;
    if (p == NULL)
        return NULL;
    apex_waitq_remove(p);
    p->wq_result = result;
    /* Also from an upcall (a port's virtual interrupt). */
    if (port_in_isr())
        (void)os_sem_give_from_isr(&p->wake);
    else
        (void)os_sem_give(&p->wake);
    return p;
}

/* ---- Deadlines ---- */

static void dl_unlink(struct apex_proc *p)
{
    if (!p->dl_linked)
        return;
    for (struct apex_proc **at = &dl_head; *at != NULL; at = &(*at)->dl_next) {
        if (*at == p) {
            *at = p->dl_next;
            break;
        }
    }
    p->dl_linked = 0u;
    p->dl_next = NULL;
}

void apex_deadline_set(struct apex_proc *p, SYSTEM_TIME_TYPE deadline)
{
    os_critical_enter();
    dl_unlink(p);
    p->deadline = deadline;
    p->dl_reported = 0u;
    if (deadline != INFINITE_TIME_VALUE) {
        struct apex_proc **at = &dl_head;
        while (*at != NULL && (*at)->deadline <= deadline)
            at = &(*at)->dl_next;
        p->dl_next = *at;
        *at = p;
        p->dl_linked = 1u;
        /* A new earliest deadline: the monitor sleeps until it instead. */
        if (dl_head == p && os_running())
            (void)os_sem_give(&monitor_sem);
    }
    os_critical_exit();
}

static void report_miss(struct apex_proc *p)
{
    p->dl_reported = 1u;
    apex_deadline_misses++;
    (void)pv_report_error(PK_GUEST_ERR_DEADLINE, (uint32_t)apex_proc_id(p));
}

/* Highest priority, guest-kernel mode: sleeps until the earliest deadline. */
static void monitor(void *arg)
{
    (void)arg;
    for (;;) {
        os_critical_enter();
        struct apex_proc *miss = NULL;
        os_tick_t ticks = OS_WAIT_FOREVER;
        if (dl_head != NULL) {
            if (dl_head->deadline <= apex_now()) { /* not done by then */
                miss = dl_head;
                dl_unlink(miss);
            } else {
                ticks = apex_ticks_until(dl_head->deadline);
                if (ticks == 0u)
                    ticks = 1u;
            }
        }
        os_critical_exit();
        if (miss != NULL)
            report_miss(miss);
        else
            (void)os_sem_take(&monitor_sem, ticks);
    }
}

/* ---- Starting and stopping ---- */

/* The release point `delay` from now: the first tick at or after now +
 * delay (on the tick grid, where a period then keeps it); without a delay
 * the last tick (the process is ready at once). */
static SYSTEM_TIME_TYPE release_after(SYSTEM_TIME_TYPE delay)
{
    SYSTEM_TIME_TYPE base = (SYSTEM_TIME_TYPE)port_tick_time_ns();
    SYSTEM_TIME_TYPE want = apex_now() + delay;
    SYSTEM_TIME_TYPE round = delay > 0 ? (SYSTEM_TIME_TYPE)OS_TICK_NS - 1 : 0;
    SYSTEM_TIME_TYPE n = want <= base ? 0 : (want - base + round) / (SYSTEM_TIME_TYPE)OS_TICK_NS;
    return base + n * (SYSTEM_TIME_TYPE)OS_TICK_NS;
}

static void set_first_deadline(struct apex_proc *p)
{
    apex_deadline_set(p, p->attr.TIME_CAPACITY == INFINITE_TIME_VALUE
                             ? INFINITE_TIME_VALUE
                             : p->release + p->attr.TIME_CAPACITY);
}

static RETURN_CODE_TYPE start(struct apex_proc *p, SYSTEM_TIME_TYPE delay)
{
    p->start_delay = delay;
    p->suspended = p->susp_blocked = p->self_susp = p->waiting = 0u;
    p->wq = NULL;
    p->priority = p->attr.BASE_PRIORITY;
    (void)os_sem_init(&p->wake, 0u, 1u);
    /* Before the partition's first tick the tick grid is not known yet:
     * the process computes its release at that tick (APEX_OP_BEGIN). */
    p->release_pending = os_tick_count() == 0u ? 1u : 0u;
    p->delayed_start = (delay > 0 || p->release_pending) ? 1u : 0u;
    p->release = p->release_pending ? INFINITE_TIME_VALUE : release_after(delay);
    /* All set before the task exists: a process of a higher priority runs
     * at once, inside os_task_create(). */
    p->dormant = 0u;
    p->started_early = 0u;
    if (p->release_pending)
        apex_deadline_set(p, INFINITE_TIME_VALUE);
    else
        set_first_deadline(p);
    if (os_task_create(&p->task, proc_names[p - apex_procs], apex_process_entry,
                       (void *)p->attr.ENTRY_POINT, (unsigned)p->priority,
                       (port_stack_t *)p->stack, p->stack_words) != OS_OK) {
        apex_deadline_set(p, INFINITE_TIME_VALUE);
        p->dormant = 1u;
        return INVALID_CONFIG;
    }
    return NO_ERROR;
}

/* Make p dormant (inside nothing; p is not the caller). */
void apex_process_stop(struct apex_proc *p)
{
    os_critical_enter();
    apex_waitq_remove(p);
    dl_unlink(p);
    p->deadline = INFINITE_TIME_VALUE;
    p->dormant = 1u;
    p->started_early = 0u;
    p->suspended = p->susp_blocked = p->self_susp = p->waiting = 0u;
    (void)os_task_delete(&p->task);
    os_critical_exit();
}

void apex_partition_enter_normal(void)
{
    apex_init();
    for (unsigned i = 0; i < APEX_CONFIG_MAX_PROCESSES; i++) {
        struct apex_proc *p = &apex_procs[i];
        if (p->used && p->started_early)
            (void)start(p, p->start_delay);
    }
    (void)os_task_create(&monitor_task, "apex-deadline", monitor, NULL,
                         OS_CONFIG_MAX_PRIORITIES - 1u, monitor_stack, MONITOR_STACK_WORDS);
    apex_normal = true;
    os_start();
#if !PORT_START_RETURNS
    for (;;)
        ;
#endif
}

/* ---- Services ---- */

/* A duration the APEX adds to a time: INFINITE or 0 .. APEX_TIME_MAX
 * (2^53 ns, 104 days), so that release + period and now + delay cannot
 * overflow. */
#define APEX_TIME_MAX ((SYSTEM_TIME_TYPE)1 << 53)
static bool time_ok(SYSTEM_TIME_TYPE t)
{
    return (t >= 0 && t <= APEX_TIME_MAX) || t == INFINITE_TIME_VALUE;
}

static RETURN_CODE_TYPE create_process(const uint32_t a[7])
{
    const PROCESS_ATTRIBUTE_TYPE *ua = (const PROCESS_ATTRIBUTE_TYPE *)(uintptr_t)a[0];
    PROCESS_ID_TYPE *uid = (PROCESS_ID_TYPE *)(uintptr_t)a[1];
    if (!apex_user_ok(ua, sizeof *ua) || !apex_user_ok(uid, sizeof *uid))
        return INVALID_PARAM;
    PROCESS_ATTRIBUTE_TYPE at = *ua;
    if (apex_normal)
        return INVALID_MODE;
    /* The name, from the copy: up to its NUL, then NUL-padded. */
    char name[MAX_NAME_LENGTH];
    size_t nl = 0;
    for (; nl < MAX_NAME_LENGTH && at.NAME[nl] != '\0'; nl++)
        name[nl] = at.NAME[nl];
    for (; nl < MAX_NAME_LENGTH; nl++)
        name[nl] = '\0';
    memcpy(at.NAME, name, MAX_NAME_LENGTH);
    unsigned free_slot = APEX_CONFIG_MAX_PROCESSES;
    for (unsigned i = 0; i < APEX_CONFIG_MAX_PROCESSES; i++) {
        if (apex_procs[i].used && apex_name_eq(apex_procs[i].attr.NAME, name))
            return NO_ACTION;
        if (!apex_procs[i].used && free_slot == APEX_CONFIG_MAX_PROCESSES)
            free_slot = i;
    }
    if (free_slot == APEX_CONFIG_MAX_PROCESSES)
        return INVALID_CONFIG;
    uintptr_t entry = (uintptr_t)at.ENTRY_POINT;
    if (name[0] == '\0' || entry == 0u || (entry & (APEX_CODE_ALIGN - 1u)) != 0u ||
        !apex_in_user(entry, 4u))
        return INVALID_PARAM;
    if (at.STACK_SIZE < PORT_STACK_MIN_WORDS * sizeof(port_stack_t))
        return INVALID_PARAM;
    if (at.STACK_SIZE > APEX_CONFIG_STACK_POOL_BYTES - stack_used)
        return INVALID_CONFIG; /* before rounding: no wrap-around */
    size_t bytes = ((size_t)at.STACK_SIZE + STACK_GRAIN - 1u) / STACK_GRAIN * STACK_GRAIN;
    size_t words = bytes / sizeof(port_stack_t);
    if (bytes > APEX_CONFIG_STACK_POOL_BYTES - stack_used)
        return INVALID_CONFIG;
    if (at.BASE_PRIORITY < MIN_PRIORITY_VALUE || at.BASE_PRIORITY > APEX_MAX_PRIORITY)
        return INVALID_PARAM;
    if (!time_ok(at.PERIOD) || at.PERIOD == 0 || !time_ok(at.TIME_CAPACITY) ||
        at.TIME_CAPACITY == 0)
        return INVALID_PARAM;
    if (at.PERIOD != INFINITE_TIME_VALUE && at.TIME_CAPACITY != INFINITE_TIME_VALUE &&
        at.TIME_CAPACITY > at.PERIOD)
        return INVALID_PARAM;
    if (at.DEADLINE != SOFT && at.DEADLINE != HARD)
        return INVALID_PARAM;
    if (at.PERIOD != INFINITE_TIME_VALUE && (uint64_t)at.PERIOD % OS_TICK_NS != 0u)
        return INVALID_CONFIG;
    struct apex_proc *p = &apex_procs[free_slot];
    memset(p, 0, sizeof *p);
    /* Field by field: the creator's padding bytes are not kept. */
    p->attr.PERIOD = at.PERIOD;
    p->attr.TIME_CAPACITY = at.TIME_CAPACITY;
    p->attr.ENTRY_POINT = at.ENTRY_POINT;
    p->attr.STACK_SIZE = at.STACK_SIZE;
    p->attr.BASE_PRIORITY = at.BASE_PRIORITY;
    p->attr.DEADLINE = at.DEADLINE;
    memcpy(p->attr.NAME, name, MAX_NAME_LENGTH);
    memcpy(proc_names[free_slot], name, MAX_NAME_LENGTH);
    proc_names[free_slot][MAX_NAME_LENGTH] = '\0';
    p->stack = (uint32_t *)((uint8_t *)apex_stack_pool + stack_used);
    p->stack_words = words;
    p->priority = at.BASE_PRIORITY;
    p->deadline = INFINITE_TIME_VALUE;
    /* Made once here, in guest-kernel context, then deleted: START may set
     * the TCB up again from a process. */
    if (os_task_create(&p->task, proc_names[free_slot], apex_process_entry, NULL,
                       (unsigned)p->priority, (port_stack_t *)p->stack, words) != OS_OK)
        return INVALID_CONFIG;
    (void)os_task_delete(&p->task);
    if (os_sem_init(&p->wake, 0u, 1u) != OS_OK)
        return INVALID_CONFIG;
    stack_used += bytes;
    p->used = 1u;
    p->dormant = 1u;
    *uid = apex_proc_id(p);
    return NO_ERROR;
}

static RETURN_CODE_TYPE do_start(struct apex_proc *p, SYSTEM_TIME_TYPE delay)
{
    if (!apex_normal) {
        /* Started during initialisation: released when NORMAL begins. */
        p->started_early = 1u;
        p->start_delay = delay;
        return NO_ERROR;
    }
    return start(p, delay);
}

static PROCESS_STATE_TYPE state_of(const struct apex_proc *p)
{
    if (p->dormant && !p->started_early)
        return DORMANT;
    if (!apex_normal || p->started_early)
        return WAITING;
    if (&p->task == os_current)
        return RUNNING;
    if (p->waiting || p->suspended || p->self_susp || p->delayed_start ||
        p->task.state != OS_TASK_READY)
        return WAITING;
    return READY;
}

RETURN_CODE_TYPE apex_area_process(uint32_t op, const uint32_t a[7])
{
    struct apex_proc *self = apex_self();
    switch (op | APEX_OP(APEX_AREA_PROCESS, 0)) {
    case APEX_OP_CREATE_PROCESS:
        return create_process(a);
    case APEX_OP_GET_MY_ID: {
        PROCESS_ID_TYPE *out = (PROCESS_ID_TYPE *)(uintptr_t)a[0];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        if (self == NULL)
            return INVALID_MODE;
        *out = apex_proc_id(self);
        return NO_ERROR;
    }
    case APEX_OP_GET_PROCESS_ID: {
        char name[MAX_NAME_LENGTH];
        PROCESS_ID_TYPE *out = (PROCESS_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        for (unsigned i = 0; i < APEX_CONFIG_MAX_PROCESSES; i++) {
            if (apex_procs[i].used && apex_name_eq(apex_procs[i].attr.NAME, name)) {
                *out = (PROCESS_ID_TYPE)i + 1;
                return NO_ERROR;
            }
        }
        return INVALID_CONFIG;
    }
    case APEX_OP_STOP_SELF:
        if (self == NULL)
            return NO_ACTION;
        os_critical_enter();
        while (apex_lock_level > 0) {
            apex_lock_level--;
            os_scheduler_resume();
        }
        dl_unlink(self);
        self->deadline = INFINITE_TIME_VALUE;
        self->dormant = 1u;
        os_critical_exit();
        (void)os_task_delete(NULL);
        return NO_ERROR; /* not reached */
    case APEX_OP_SUSPEND_SELF: {
        SYSTEM_TIME_TYPE t = apex_time_arg(a[0], a[1]);
        if (self == NULL || apex_lock_level > 0)
            return INVALID_MODE;
        if (!apex_timeout_ok(t))
            return INVALID_PARAM;
        if (self->attr.PERIOD != INFINITE_TIME_VALUE)
            return INVALID_MODE;
        if (t == 0)
            return NO_ERROR;
        self->self_susp = 1u;
        RETURN_CODE_TYPE rc = apex_block(self, apex_ticks_for(t));
        self->self_susp = 0u;
        return rc;
    }
    case APEX_OP_LOCK_PREEMPTION:
    case APEX_OP_UNLOCK_PREEMPTION: {
        LOCK_LEVEL_TYPE *out = (LOCK_LEVEL_TYPE *)(uintptr_t)a[0];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        if (!apex_normal || self == NULL)
            return NO_ACTION;
        RETURN_CODE_TYPE rc = NO_ERROR;
        if ((op | APEX_OP(APEX_AREA_PROCESS, 0)) == APEX_OP_LOCK_PREEMPTION) {
            if (apex_lock_level >= MAX_LOCK_LEVEL) {
                rc = INVALID_CONFIG;
            } else {
                os_scheduler_suspend();
                apex_lock_level++;
            }
        } else if (apex_lock_level == 0) {
            rc = NO_ACTION;
        } else {
            apex_lock_level--;
            os_scheduler_resume();
        }
        *out = apex_lock_level;
        return rc;
    }
    case APEX_OP_BEGIN:
        /* The first code of a process: wait for a delayed release. */
        if (self != NULL && self->release_pending) {
            while (os_tick_count() == 0u)
                (void)apex_block(self, 1u);
            self->release = release_after(self->start_delay);
            self->release_pending = 0u;
            set_first_deadline(self);
        }
        if (self != NULL && self->delayed_start) {
            os_tick_t n = apex_ticks_until(self->release);
            if (n != 0u)
                (void)apex_block(self, n);
            self->delayed_start = 0u;
        }
        return NO_ERROR;
    default:
        break;
    }

    /* The services on another process, named by its id. */
    struct apex_proc *p = apex_proc_by_id((PROCESS_ID_TYPE)a[0]);
    if (p == NULL)
        return INVALID_PARAM;
    switch (op | APEX_OP(APEX_AREA_PROCESS, 0)) {
    case APEX_OP_GET_PROCESS_STATUS: {
        PROCESS_STATUS_TYPE *out = (PROCESS_STATUS_TYPE *)(uintptr_t)a[1];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        PROCESS_STATUS_TYPE st;
        memset(&st, 0, sizeof st); /* padding too: no guest-kernel bytes out */
        os_critical_enter();
        st.DEADLINE_TIME = p->deadline;
        st.CURRENT_PRIORITY = p->priority;
        st.PROCESS_STATE = state_of(p);
        st.ATTRIBUTES = p->attr;
        os_critical_exit();
        *out = st;
        return NO_ERROR;
    }
    case APEX_OP_SET_PRIORITY: {
        PRIORITY_TYPE prio = (PRIORITY_TYPE)a[1];
        if (prio < MIN_PRIORITY_VALUE || prio > APEX_MAX_PRIORITY)
            return INVALID_PARAM;
        if (p->dormant)
            return INVALID_MODE;
        os_critical_enter();
        p->priority = prio;
        struct apex_waitq *q = p->wq;
        if (q != NULL && q->discipline == PRIORITY) {
            apex_waitq_remove(p);
            waitq_insert(q, p);
        }
        os_critical_exit();
        (void)os_task_set_priority(&p->task, (unsigned)prio);
        return NO_ERROR;
    }
    case APEX_OP_START:
        if (!p->dormant || p->started_early)
            return NO_ACTION;
        return do_start(p, 0);
    case APEX_OP_DELAYED_START: {
        SYSTEM_TIME_TYPE d = apex_time_arg(a[1], a[2]);
        if (d < 0 || d > APEX_TIME_MAX)
            return INVALID_PARAM;
        if (p->attr.PERIOD != INFINITE_TIME_VALUE && d >= p->attr.PERIOD)
            return INVALID_PARAM;
        if (!p->dormant || p->started_early)
            return NO_ACTION;
        return do_start(p, d);
    }
    case APEX_OP_STOP:
        if (p == self)
            return INVALID_PARAM;
        if (p->dormant && !p->started_early)
            return NO_ACTION;
        if (p->started_early) {
            p->started_early = 0u;
            return NO_ERROR;
        }
        apex_process_stop(p);
        return NO_ERROR;
    case APEX_OP_SUSPEND: {
        if (p == self)
            return INVALID_PARAM;
        if (p->dormant || p->started_early)
            return INVALID_MODE;
        if (p->attr.PERIOD != INFINITE_TIME_VALUE)
            return INVALID_MODE;
        os_critical_enter();
        RETURN_CODE_TYPE rc = NO_ERROR;
        if (p->suspended || p->self_susp) {
            rc = NO_ACTION;
        } else {
            p->suspended = 1u;
            /* Not waiting: the tick core stops it; waiting: it stays
             * suspended when its wait ends (honour_suspension). */
            if (!p->waiting)
                (void)os_task_suspend(&p->task);
        }
        os_critical_exit();
        return rc;
    }
    case APEX_OP_RESUME: {
        if (p == self)
            return INVALID_PARAM;
        if (p->dormant || p->started_early)
            return INVALID_MODE;
        os_critical_enter();
        RETURN_CODE_TYPE rc = NO_ERROR;
        if (p->self_susp) {
            p->self_susp = 0u;
            p->wq_result = NO_ERROR;
            (void)os_sem_give(&p->wake);
        } else if (p->suspended) {
            p->suspended = 0u;
            if (p->susp_blocked)
                (void)os_sem_give(&p->wake);
            else if (p->task.state == OS_TASK_SUSPENDED)
                (void)os_task_resume(&p->task);
        } else {
            rc = NO_ACTION;
        }
        os_critical_exit();
        return rc;
    }
    default:
        return INVALID_PARAM;
    }
}

/* ---- Preemption lock and time ---- */

RETURN_CODE_TYPE apex_area_time(uint32_t op, const uint32_t a[7])
{
    struct apex_proc *self = apex_self();
    switch (op | APEX_OP(APEX_AREA_TIME, 0)) {
    case APEX_OP_GET_TIME: {
        SYSTEM_TIME_TYPE *out = (SYSTEM_TIME_TYPE *)(uintptr_t)a[0];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        *out = apex_now();
        return NO_ERROR;
    }
    case APEX_OP_TIMED_WAIT: {
        SYSTEM_TIME_TYPE d = apex_time_arg(a[0], a[1]);
        if (self == NULL || apex_lock_level > 0)
            return INVALID_MODE;
        if (d < 0 || d > APEX_TIME_MAX)
            return INVALID_PARAM;
        if (d == 0) {
            os_task_yield();
            return NO_ERROR;
        }
        (void)apex_block(self, apex_ticks_for(d));
        return NO_ERROR;
    }
    case APEX_OP_PERIODIC_WAIT: {
        if (self == NULL || apex_lock_level > 0)
            return INVALID_MODE;
        if (self->attr.PERIOD == INFINITE_TIME_VALUE)
            return INVALID_MODE;
        SYSTEM_TIME_TYPE next = self->release + self->attr.PERIOD;
        os_critical_enter();
        /* The job is done: a deadline it passed is missed even if the
         * monitor has not run yet. */
        bool missed = self->dl_linked && self->deadline < apex_now();
        if (missed)
            dl_unlink(self);
        os_critical_exit();
        if (missed)
            report_miss(self);
        self->release = next;
        if (self->attr.TIME_CAPACITY != INFINITE_TIME_VALUE)
            apex_deadline_set(self, next + self->attr.TIME_CAPACITY);
        os_tick_t n = apex_ticks_until(next);
        if (n != 0u)
            (void)apex_block(self, n);
        return NO_ERROR;
    }
    case APEX_OP_REPLENISH: {
        SYSTEM_TIME_TYPE b = apex_time_arg(a[0], a[1]);
        if (self == NULL)
            return INVALID_MODE;
        if (!time_ok(b))
            return INVALID_PARAM;
        SYSTEM_TIME_TYPE dl =
            b == INFINITE_TIME_VALUE ? INFINITE_TIME_VALUE : apex_now() + b;
        if (self->attr.PERIOD != INFINITE_TIME_VALUE &&
            (dl == INFINITE_TIME_VALUE || dl > self->release + self->attr.PERIOD))
            return INVALID_MODE;
        if (self->attr.TIME_CAPACITY == INFINITE_TIME_VALUE)
            return NO_ERROR; /* no deadline to move */
        apex_deadline_set(self, dl);
        return NO_ERROR;
    }
    default:
        return INVALID_PARAM;
    }
}
