/*
 * task.c - tasks, ready lists, the scheduler, delays and the tick.
 *
 * Scheduler model:
 *  - One ready list per priority plus a bitmap with bit p set iff ready[p]
 *    is not empty; the highest ready priority is found with one
 *    count-leading-zeros, so selection is O(1).
 *  - The running task (os_current) stays in its ready list. It is normally
 *    the head of the highest non-empty list: a task that becomes ready is
 *    appended, so an equal-priority task never preempts; a preempted task
 *    keeps its place at the head and resumes first; a tick (round robin) or
 *    os_task_yield() moves the running task to the tail.
 *  - Delayed tasks, and tasks waiting on an object with a timeout, sit in
 *    one delay list sorted by wake tick relative to the current count, so
 *    ordering survives the counter's wrap-around.
 *  - All lists are changed only with interrupts masked. Suspending the
 *    scheduler only stops os_task_switch() from choosing another task.
 */
#include <string.h>

#include "os_internal.h"

/* This file's name, once, for its asserts (OS_ASSERT_FILE, os.h). */
static const char this_file[] = __FILE__;
#undef OS_ASSERT_FILE
#define OS_ASSERT_FILE this_file

/* Every stack byte is set to this at creation (overflow and high water). */
#define OS_STACK_FILL_BYTE 0xA5

struct os_task *volatile os_current;

/* Key of the object tags (os_internal.h); changed by every os_init(). */
uint32_t os_obj_key;

#define TASK_LIVE(t) OS_TASK_LIVE(t)

/* The scheduler's words (os_internal.h), in one object so that the hot
 * paths address them from one base. */
struct os_sched_state os_sched;
#define ready_head os_sched.ready_head
#define ready_bitmap os_sched.ready_bitmap
#define suspend_nesting os_sched.suspend_nesting
#define started os_sched.started
#define switch_pending os_sched.switch_pending
#define tick_count os_sched.tick_count
#define delay_list os_sched.delayed
/* Id given to the next created task. */
static uint32_t next_id;
/* Every task created since os_init (deleted ones too, so that a reused
 * TCB is never linked twice), newest first, through next_task. */
static struct os_task *all_tasks;
#if OS_CONFIG_RUNTIME_STATS
/* port_time_ns() when os_current was switched in, and at os_start(). */
static uint64_t switched_in_ns;
static uint64_t start_ns;
#endif

/* OS_KOBJ: where the port keeps kernel objects, so that the idle task passes
 * the same object checks as any other task (os_idle_task() hands it out). */
static OS_KOBJ struct os_task idle_task;

/* Whether the caller may change task t's state or attributes (delete,
 * suspend, resume, priority, real-time flag, probe pin, abort of its
 * delay): not the idle task's, and not those the port protects (the
 * para-virtual port: a task of the guest kernel's own, such as a
 * library's service task, from an application task). */
#define TASK_CONTROLLABLE(t) ((t) != &idle_task && PORT_TASK_CONTROL_OK(t))
static _Alignas(PORT_STACK_ALIGN) port_stack_t idle_stack[OS_CONFIG_IDLE_STACK_WORDS];

/* ------------------------------------------------------------------ */
/* The type map (os_internal.h)                                        */
/* ------------------------------------------------------------------ */

#if PORT_KOBJ_MAP
/* The grains [p, p + size) covers: from p's own to the one holding its last
 * byte. */
static size_t grains(const void *p, size_t size)
{
    uintptr_t off = (uintptr_t)p - (uintptr_t)PORT_KOBJ_BASE;
    return (off + size - 1u) / PORT_KOBJ_GRAIN - off / PORT_KOBJ_GRAIN + 1u;
}
#endif

OS_COLD bool os_kobj_unclaimed(const void *p, size_t size)
{
#if PORT_KOBJ_MAP
    const uint8_t *e = os_kobj_entry(p);
    for (size_t i = 0, n = grains(p, size); i < n; i++) {
        if (e[i] != OS_KOBJ_FREE)
            return false;
    }
#else
    (void)p;
    (void)size;
#endif
    return true;
}

OS_COLD void os_kobj_claim(const void *p, size_t size, uint32_t tagc)
{
#if PORT_KOBJ_MAP
    uint8_t *e = os_kobj_entry(p);
    size_t n = grains(p, size);
    /* The inside first: the object becomes valid only when it is whole. */
    for (size_t i = 1; i < n; i++)
        e[i] = OS_KOBJ_INSIDE;
    e[0] = OS_KOBJ_CODE(tagc);
#else
    (void)p;
    (void)size;
    (void)tagc;
#endif
}

OS_COLD void os_kobj_retype(const void *p, uint32_t tagc)
{
#if PORT_KOBJ_MAP
    *os_kobj_entry(p) = OS_KOBJ_CODE(tagc);
#else
    (void)p;
    (void)tagc;
#endif
}

OS_COLD void os_kobj_release(const void *p, size_t size)
{
#if PORT_KOBJ_MAP
    uint8_t *e = os_kobj_entry(p);
    /* The start first: the object is invalid before its inside is freed. */
    e[0] = OS_KOBJ_FREE;
    for (size_t i = 1, n = grains(p, size); i < n; i++)
        e[i] = OS_KOBJ_FREE;
#else
    (void)p;
    (void)size;
#endif
}

OS_COLD void os_obj_forget(void *p, size_t size)
{
    *(uint32_t *)p = 0u;
    os_kobj_release(p, size);
}

/* Alignment, size and tag offset of each type, by its code (os_obj_live). */
static const struct {
    uint8_t align;
    uint8_t tag_offset;
    uint16_t size;
} obj_shape[] = {
#define OBJ_SHAPE(tagc, type)                                                                       \
    [OS_KOBJ_CODE(tagc)] = {_Alignof(type), offsetof(type, tag), sizeof(type)}
    OBJ_SHAPE(OS_TAG_TASK, struct os_task),
    OBJ_SHAPE(OS_TAG_TASK_DEAD, struct os_task),
    OBJ_SHAPE(OS_TAG_SEM, struct os_sem),
    OBJ_SHAPE(OS_TAG_MUTEX, struct os_mutex),
    OBJ_SHAPE(OS_TAG_QUEUE, struct os_queue),
    OBJ_SHAPE(OS_TAG_EVENT, struct os_event_group),
    OBJ_SHAPE(OS_TAG_STREAM, struct os_stream),
    OBJ_SHAPE(OS_TAG_TIMER, struct os_timer),
    OBJ_SHAPE(OS_TAG_QSET, struct os_queue_set),
#undef OBJ_SHAPE
};

/* What the table relies on: the constants share their high bytes, and the
 * shape of each type fits its fields. */
#define SHAPE_FITS(tagc, type)                                                                      \
    _Static_assert(((tagc) & ~0xFFu) == OS_TAG_HIGH && _Alignof(type) <= UINT8_MAX &&              \
                       offsetof(type, tag) <= UINT8_MAX && sizeof(type) <= UINT16_MAX,              \
                   "shape of " #type)
SHAPE_FITS(OS_TAG_TASK, struct os_task);
SHAPE_FITS(OS_TAG_TASK_DEAD, struct os_task);
SHAPE_FITS(OS_TAG_SEM, struct os_sem);
SHAPE_FITS(OS_TAG_MUTEX, struct os_mutex);
SHAPE_FITS(OS_TAG_QUEUE, struct os_queue);
SHAPE_FITS(OS_TAG_EVENT, struct os_event_group);
SHAPE_FITS(OS_TAG_STREAM, struct os_stream);
SHAPE_FITS(OS_TAG_TIMER, struct os_timer);
SHAPE_FITS(OS_TAG_QSET, struct os_queue_set);
#undef SHAPE_FITS

bool os_obj_live(const void *p, unsigned code)
{
    size_t align = obj_shape[code].align;
    size_t size = obj_shape[code].size;
    (void)size; /* unused where the port takes objects anywhere */
    if (p == NULL || ((uintptr_t)p & (align - 1u)) != 0u || !PORT_OBJECT_OK(p, size))
        return false;
#if PORT_KOBJ_MAP
    return *os_kobj_entry(p) == code;
#else
    const uint32_t *tag = (const uint32_t *)((const char *)p + obj_shape[code].tag_offset);
    return *tag == ((OS_TAG_HIGH | code) ^ os_obj_key);
#endif
}

OS_COLD enum os_status os_obj_init_check(const void *p, uint32_t tagc, bool busy)
{
    unsigned code = OS_KOBJ_CODE(tagc);
    if (os_obj_live(p, code))
        return busy ? OS_ERR_STATE : OS_OK;
    return PORT_NEW_OBJECT_OK() && os_kobj_unclaimed(p, obj_shape[code].size) ? OS_OK
                                                                              : OS_ERR_PARAM;
}

OS_COLD void os_kobj_forget_all(void)
{
#if PORT_KOBJ_MAP
    memset(PORT_KOBJ_TABLE, OS_KOBJ_FREE, PORT_KOBJ_ENTRIES);
#endif
}

/* ------------------------------------------------------------------ */
/* Ready lists                                                         */
/* ------------------------------------------------------------------ */

static inline unsigned top_priority(void)
{
    OS_ASSERT(ready_bitmap != 0u); /* the idle task is always ready */
    return 31u - (unsigned)__builtin_clz(ready_bitmap);
}

static inline void ready_insert(struct os_task *t, bool at_head)
{
    PORT_TASK_MADE_READY();
    unsigned p = t->priority;
    struct os_list_node *n = &t->state_node;
    OS_ASSERT(n->next == NULL && n->list == NULL);
    n->key = p;
    struct os_list_node *h = ready_head[p];
    if (h == NULL) {
        n->next = n;
        n->prev = n;
        ready_head[p] = n;
        ready_bitmap |= 1u << p;
        return;
    }
    struct os_list_node *last = h->prev;
    n->next = h;
    n->prev = last;
    last->next = n;
    h->prev = n;
    if (at_head)
        ready_head[p] = n;
}

static inline void ready_remove(struct os_task *t)
{
    unsigned p = t->priority;
    struct os_list_node *n = &t->state_node;
    OS_ASSERT(n->next != NULL && n->list == NULL && n->key == p);
    struct os_list_node *next = n->next;
    if (next == n) {
        ready_head[p] = NULL;
        ready_bitmap &= ~(1u << p);
    } else {
        struct os_list_node *prev = n->prev;
        prev->next = next;
        next->prev = prev;
        if (ready_head[p] == n)
            ready_head[p] = next;
    }
    n->next = NULL;
    n->prev = NULL;
}

/* ready_insert() at the tail, out of line: one copy for the paths that are
 * not hot. */
static __attribute__((noinline)) void ready_append(struct os_task *t)
{
    ready_insert(t, false);
}

/* ready_remove() out of line, for the paths that are not hot (one copy). */
static OS_COLD __attribute__((noinline)) void ready_remove_cold(struct os_task *t)
{
    ready_remove(t);
}

/* Move the ready task t to the tail of its list, the general way (it is
 * not the head: rare; one copy). */
static OS_COLD __attribute__((noinline)) void ready_requeue(struct os_task *t)
{
    ready_remove(t);
    ready_append(t);
}

/* Move the ready task t behind the other ready tasks of its priority;
 * true when there are any. O(1) for the head of the list (the running
 * task): the head pointer steps on. */
static inline bool ready_rotate(struct os_task *t)
{
    struct os_list_node *n = &t->state_node;
    struct os_list_node *next = n->next;
    if (next == n)
        return false;
    struct os_list_node **head = &ready_head[t->priority];
    if (*head == n)
        *head = next;
    else
        ready_requeue(t);
    return true;
}

/* One copy for the many callers. */
__attribute__((noinline)) void os_sched_make_ready(struct os_task *t)
{
    t->state = OS_TASK_READY;
    ready_append(t);
    OS_TRACE_TASK_READY(t);
}

bool os_sched_switch_needed(void)
{
    if (!started)
        return false;
    const struct os_task *cur = os_current;
    return cur->state != OS_TASK_READY || top_priority() > cur->priority;
}

/* os_sched_preempts(), inline in the wake. */
static inline bool sched_preempts(const struct os_task *t)
{
    return started && t->priority > os_current->priority;
}

bool os_sched_preempts(const struct os_task *t)
{
    return sched_preempts(t);
}

bool os_sched_can_block(void)
{
    return started && suspend_nesting == 0u && os_current != &idle_task && !port_in_isr();
}

void os_sched_request_switch(void)
{
    if (!started)
        return;
    if (port_in_isr())
        port_yield_from_isr();
    else if (suspend_nesting > 0u)
        switch_pending = true;
    else
        port_yield();
}

/* Request a switch at task level if the running task must give way. */
static OS_COLD __attribute__((noinline)) void reschedule(void)
{
    os_critical_enter();
    bool need = os_sched_switch_needed();
    os_critical_exit();
    if (need)
        os_sched_request_switch();
}

OS_COLD void os_sched_set_effective_priority(struct os_task *t, uint8_t prio)
{
    uint8_t old = t->priority;
    if (old == prio)
        return;
    switch (t->state) {
    case OS_TASK_READY:
        ready_remove_cold(t);
        t->priority = prio;
        /* A running task that is raised keeps the CPU; one that is lowered
         * queues behind its new equals (it ran boosted meanwhile). */
        ready_append(t);
        if (t == os_current && prio > old)
            ready_head[prio] = &t->state_node;
        break;
    case OS_TASK_BLOCKED:
        t->priority = prio;
        if (t->event_node.list != NULL) {
            struct os_list *wl = t->event_node.list;
            os_list_remove(&t->event_node);
            t->event_node.key = prio;
            os_list_insert_desc(wl, &t->event_node);
        }
        break;
    default:
        t->priority = prio;
        break;
    }
}

/* ------------------------------------------------------------------ */
/* Blocking and waking                                                 */
/* ------------------------------------------------------------------ */

static void delay_insert(struct os_task *t)
{
    t->state_node.key = t->wake_tick;
    os_list_insert_wrapped(&delay_list, &t->state_node, tick_count);
    t->delayed = true;
}

void os_sched_block(struct os_list *wl, void *obj, enum os_wait_kind kind, os_tick_t timeout)
{
    struct os_task *t = os_current;
    OS_ASSERT(t->state == OS_TASK_READY && t != &idle_task);
    OS_ASSERT(timeout != 0u);
    ready_remove(t);
    t->state = OS_TASK_BLOCKED;
    t->wait_kind = (uint8_t)kind;
    t->wait_obj = obj;
    t->wait_result = OS_TIMEOUT;
    if (wl != NULL) {
        t->event_node.key = t->priority;
        os_list_insert_desc(wl, &t->event_node);
        OS_TRACE_TASK_BLOCK(t, obj);
    }
    if (timeout != OS_WAIT_FOREVER) {
        t->wake_tick = tick_count + timeout;
        delay_insert(t);
    }
}

enum os_status os_sched_block_switch(void)
{
    /* Its callers checked os_sched_can_block() before os_sched_block():
     * at task level, the scheduler running and not suspended (only this
     * task could have suspended it since), so the request is the port's
     * yield itself. */
    port_yield();
    /* Running again: whoever ended the wait stored the result. */
    return (enum os_status)os_current->wait_result;
}

/* Take a blocked task off its wait list and the delay list. A mutex whose
 * waiter leaves may lower its owner's inherited priority. */
static OS_COLD __attribute__((noinline)) void unwait(struct os_task *t)
{
    struct os_mutex *left = NULL;
    if (t->event_node.list != NULL) {
        os_list_remove(&t->event_node);
        if (t->wait_kind == OS_WAIT_MUTEX)
            left = t->wait_obj;
    }
    if (t->delayed) {
        os_list_remove(&t->state_node);
        t->delayed = false;
    }
    t->wait_kind = OS_WAIT_NONE;
    t->wait_obj = NULL;
    if (left != NULL)
        os_mutex_waiter_left(left);
}

/* The general wake: one copy, of calls to the shared pieces. */
__attribute__((noinline)) bool os_sched_wake(struct os_task *t, enum os_status result)
{
    OS_ASSERT(t->state == OS_TASK_BLOCKED);
    unwait(t);
    t->wait_result = result;
    os_sched_make_ready(t);
    return sched_preempts(t);
}

/* The objects' hot path (a give to a waiter), inline: the first waiter of
 * wl leaves it; a waiter that also sits in the delay list (a wait with a
 * timeout) or waits on a mutex leaves by the general unwait(). */
struct os_task *os_sched_wake_first(struct os_list *wl, bool *preempt)
{
    struct os_list_node *n = os_list_first(wl);
    if (n == NULL)
        return NULL;
    struct os_task *t = n->owner;
    OS_ASSERT(t->state == OS_TASK_BLOCKED);
    if (__builtin_expect(t->delayed || t->wait_kind == OS_WAIT_MUTEX, 0)) {
        unwait(t);
    } else {
        os_list_unlink(&t->event_node);
        t->wait_kind = OS_WAIT_NONE;
        t->wait_obj = NULL;
    }
    t->wait_result = OS_OK;
    t->state = OS_TASK_READY;
    ready_insert(t, false);
    OS_TRACE_TASK_READY(t);
    if (sched_preempts(t))
        *preempt = true;
    return t;
}

/* ------------------------------------------------------------------ */
/* Stacks                                                              */
/* ------------------------------------------------------------------ */

/* The fill pattern as a stack word, whatever the word's width. */
#define OS_STACK_FILL_WORD ((port_stack_t)(~(port_stack_t)0 / 0xFFu * OS_STACK_FILL_BYTE))

static port_stack_t fill_word(void)
{
    return OS_STACK_FILL_WORD;
}

/* True when t's guard words are intact and its saved sp lies in its stack.
 * The guard words are compared with the pattern as one constant (no
 * pattern is built at run time). */
static inline bool stack_ok(const struct os_task *t)
{
    const port_stack_t *base = t->stack_base;
    /* Every guard word compared, with no branch between them (so the
     * compiler may load them together and chain the compares), or by the
     * port's test of four, and the sp in [base, base + stack_words] as one
     * unsigned compare. */
#if defined(PORT_STACK_GUARD4_INTACT) && OS_CONFIG_STACK_GUARD_WORDS == 4
    bool intact = PORT_STACK_GUARD4_INTACT(base, OS_STACK_FILL_WORD);
#else
    port_stack_t diff = 0;
#pragma GCC unroll 8
    for (size_t i = 0; i < (size_t)OS_CONFIG_STACK_GUARD_WORDS; i++)
        diff |= base[i] ^ OS_STACK_FILL_WORD;
    bool intact = diff == 0u;
#endif
    uintptr_t off = (uintptr_t)t->sp - (uintptr_t)base;
    return intact && off <= t->stack_words * sizeof(port_stack_t);
}

/* The task an API call names: NULL is the calling task (NULL itself before
 * os_start); any other pointer must be a live task, or NULL is returned. */
static OS_COLD struct os_task *task_or_self(const struct os_task *t)
{
    if (t == NULL)
        return os_current;
    return OS_OBJ_VALID(t, OS_TAG_TASK) ? (struct os_task *)(uintptr_t)t : NULL;
}

/* The common checks of the task-level calls that change a task (delete,
 * suspend, priority): OS_OK with *t the task they name (task_or_self), or
 * why not. */
static OS_COLD enum os_status task_to_control(struct os_task **t)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    *t = task_or_self(*t);
    if (*t == NULL || !TASK_CONTROLLABLE(*t))
        return OS_ERR_PARAM;
    return OS_OK;
}

OS_COLD size_t os_task_stack_high_water(const struct os_task *t)
{
    t = task_or_self(t);
    if (t == NULL)
        return 0u;
    const port_stack_t fill = fill_word();
    size_t n = 0;
    while (n < t->stack_words && t->stack_base[n] == fill)
        n++;
    return n;
}

/* Copy src onto the end of buf (NUL-terminated, of size cap). */
static OS_COLD void append_str(char *buf, size_t cap, const char *src)
{
    size_t len = strlen(buf);
    while (*src != '\0' && len + 1u < cap)
        buf[len++] = *src++;
    buf[len] = '\0';
}

/* The message of a failed check (an assert, a stack overflow): built once,
 * just before the panic. */
static char panic_msg[80];

OS_COLD void os_assert_failed(const char *file, unsigned line)
{
    char *msg = panic_msg;
    char num[11];
    size_t i = sizeof num;
    num[--i] = '\0';
    do {
        num[--i] = (char)('0' + line % 10u);
        line /= 10u;
    } while (line != 0u && i > 0u);
    msg[0] = '\0';
    append_str(msg, sizeof panic_msg, file);
    append_str(msg, sizeof panic_msg, ":");
    append_str(msg, sizeof panic_msg, &num[i]);
    append_str(msg, sizeof panic_msg, ": assert");
    port_panic(msg);
}

OS_COLD __attribute__((weak)) void os_hook_stack_overflow(struct os_task *t)
{
    char *msg = panic_msg;
    msg[0] = '\0';
    append_str(msg, sizeof panic_msg, "stack overflow in task ");
    append_str(msg, sizeof panic_msg, t->name);
    port_panic(msg);
}

__attribute__((weak)) void os_hook_idle(void)
{
}

/* ------------------------------------------------------------------ */
/* The switch                                                          */
/* ------------------------------------------------------------------ */

/* The switch proper (os_task_switch, os_task_yield_switch). general: prev
 * may be NULL or deleted and the scheduler may be suspended (not on the
 * yield's path: it runs a ready task, and checks before it enters).
 * Returns the task to run (os_current). */
static inline struct os_task *task_switch(struct os_task *prev, bool general)
{
    if (OS_CONFIG_STACK_CHECK && (!general || (prev != NULL && prev->state != OS_TASK_DELETED)) &&
        !stack_ok(prev))
        os_hook_stack_overflow(prev);
    if (general && prev != NULL && suspend_nesting > 0u && prev->state == OS_TASK_READY) {
        switch_pending = true;
        return prev;
    }
    struct os_task *next = ready_head[top_priority()]->owner;
    OS_ASSERT(next->state == OS_TASK_READY);
    if (next != prev) {
#if OS_CONFIG_RUNTIME_STATS
        uint64_t now = port_time_ns();
        if (prev != NULL)
            prev->run_time += now - switched_in_ns;
        switched_in_ns = now;
#endif
        if (prev != NULL)
            OS_TRACE_TASK_SWITCHED_OUT(prev);
        next->switch_count++;
        os_current = next;
        OS_TRACE_TASK_SWITCHED_IN(next);
    }
    return next;
}

struct os_task *os_task_switch(void)
{
    return task_switch(os_current, true);
}

struct os_task *os_task_yield_switch(struct os_task *cur)
{
    /* The port enters here only at task level outside critical sections,
     * with the scheduler running and not suspended: cur (os_current) is
     * ready, and normally the head of its list: the head steps on to the
     * next task (itself when alone, so no test for that). */
    struct os_list_node *n = &cur->state_node;
    struct os_list_node **head = &ready_head[cur->priority];
    if (__builtin_expect(*head == n, 1))
        *head = n->next;
    else
        (void)ready_rotate(cur);
    return task_switch(cur, false);
}

/* ------------------------------------------------------------------ */
/* Initialisation and start                                            */
/* ------------------------------------------------------------------ */

static OS_COLD void idle_entry(void *arg)
{
    (void)arg;
    for (;;) {
        os_hook_idle();
        port_idle(os_ticks_to_next_wake());
    }
}

/* Fill in a TCB and its stack; the task is not yet ready. Returns false,
 * with t left unused, when the port refuses the TCB or the stack. */
static OS_COLD bool task_setup(struct os_task *t, const char *name, void (*entry)(void *), void *arg,
                       unsigned priority, port_stack_t *stack, size_t stack_words)
{
    /* The port lays out the initial context (at and above the returned sp,
     * or in its own fields of t); everything below the returned sp is
     * filled, for the guard and high-water checks. */
    port_stack_t *sp = port_stack_init(t, stack, stack_words, entry, arg);
    if (sp == NULL)
        return false;
    t->sp = sp;
    OS_ASSERT(t->sp > stack + OS_CONFIG_STACK_GUARD_WORDS && t->sp <= stack + stack_words);
    const port_stack_t fill = fill_word();
    for (port_stack_t *p = stack; p < t->sp; p++)
        *p = fill;
    os_list_node_init(&t->state_node, t);
    os_list_node_init(&t->event_node, t);
    t->priority = (uint8_t)priority;
    t->base_priority = (uint8_t)priority;
    t->state = OS_TASK_SUSPENDED;
    t->wait_kind = OS_WAIT_NONE;
    t->realtime = false;
    t->probe_pin = 0xFFu;
    t->delayed = false;
    t->reserved = 0;
    t->wake_tick = 0;
    t->wait_obj = NULL;
    t->wait_data = NULL;
    t->wait_result = OS_OK;
    t->held = NULL;
    t->name = name != NULL ? name : "?";
    t->stack_base = stack;
    t->stack_words = stack_words;
    t->switch_count = 0;
    t->run_time = 0;
    for (unsigned i = 0; i < OS_CONFIG_TASK_NOTIFY_COUNT; i++) {
        t->notify_value[i] = 0;
        t->notify_state[i] = OS_NOTIFY_NOT_PENDING;
    }
    t->tag = OS_OBJ_TAG(OS_TAG_TASK);
    os_kobj_claim(t, sizeof *t, OS_TAG_TASK);
    return true;
}

OS_COLD void os_init_at(os_tick_t initial_tick)
{
    os_current = NULL;
    for (unsigned p = 0; p < OS_CONFIG_MAX_PRIORITIES; p++)
        ready_head[p] = NULL;
    ready_bitmap = 0;
    os_list_init(&delay_list);
    tick_count = initial_tick;
    suspend_nesting = 0;
    switch_pending = false;
    started = false;
    next_id = 0;
    all_tasks = NULL;
    /* A new key: objects of the previous generation are no longer live
     * (they must be initialised again). The clock adds some unpredictability
     * where it has any; the step guarantees a change. */
    uint32_t key = (os_obj_key * 1664525u + 1013904223u) ^ ((uint32_t)port_time_ns() << 8);
    key &= ~0xFFu;
    os_obj_key = key != os_obj_key ? key : key + 0x100u;
    os_kobj_forget_all();
    /* The idle task passes the same checks as any other task, so it must lie
     * where the port keeps objects (and the map has an entry for it). */
    if (!OS_OBJ_PLACED(&idle_task, struct os_task))
        port_panic("idle task outside the object region");
    if (!task_setup(&idle_task, "idle", idle_entry, NULL, 0, idle_stack, OS_CONFIG_IDLE_STACK_WORDS))
        port_panic("idle task refused by the port");
    idle_task.id = next_id++;
    idle_task.next_task = NULL;
    all_tasks = &idle_task;
    os_sched_make_ready(&idle_task);
    OS_TRACE_TASK_CREATE(&idle_task);
}

OS_COLD void os_init(void)
{
    os_init_at(0);
}

OS_COLD void os_start(void)
{
    OS_ASSERT(!started && os_current == NULL);
    /* Interrupts stay masked until the first task's context enables them. */
    (void)port_irq_save();
#if OS_CONFIG_RUNTIME_STATS
    start_ns = port_time_ns();
    switched_in_ns = start_ns;
#endif
    started = true;
    os_task_switch();
    port_start_first_task();
    if (!PORT_START_RETURNS)
        port_panic("port_start_first_task returned");
}

bool os_running(void)
{
    return started;
}

OS_COLD struct os_task *os_idle_task(void)
{
    return &idle_task;
}

/* ------------------------------------------------------------------ */
/* Task API                                                            */
/* ------------------------------------------------------------------ */

OS_COLD enum os_status os_task_create(struct os_task *t, const char *name, void (*entry)(void *), void *arg,
                              unsigned priority, port_stack_t *stack, size_t stack_words)
{
    if (!OS_OBJ_PLACED(t, struct os_task) || entry == NULL || stack == NULL ||
        stack_words < PORT_STACK_MIN_WORDS || priority == 0u ||
        priority >= OS_CONFIG_MAX_PRIORITIES)
        return OS_ERR_PARAM;
    if (port_in_isr())
        return OS_ERR_ISR;
    /* A live TCB is linked in the scheduler's lists: setting it up again
     * would corrupt them. A deleted task's TCB may be reused; anything else
     * becomes a task only where the port allows new objects. The check and
     * the set-up are one critical section, so no other task can create the
     * same TCB in between. */
    os_critical_enter();
    if (OS_OBJ_IS(t, OS_TAG_TASK)) {
        os_critical_exit();
        return OS_ERR_STATE;
    }
    bool reused = OS_OBJ_IS(t, OS_TAG_TASK_DEAD);
    if (!reused && (!PORT_NEW_OBJECT_OK() || !os_kobj_unclaimed(t, sizeof *t))) {
        os_critical_exit();
        return OS_ERR_PARAM;
    }
    if (!task_setup(t, name, entry, arg, priority, stack, stack_words)) {
        os_critical_exit();
        return OS_ERR_PARAM;
    }
    if (!reused) {
        /* A deleted task's TCB is in the list already. */
        t->next_task = all_tasks;
        all_tasks = t;
    }
    t->id = next_id++;
    os_sched_make_ready(t);
    OS_TRACE_TASK_CREATE(t);
    bool need = os_sched_preempts(t);
    os_critical_exit();
    if (need)
        os_sched_request_switch();
    return OS_OK;
}

OS_COLD enum os_status os_task_delete(struct os_task *t)
{
    enum os_status st = task_to_control(&t);
    if (st != OS_OK)
        return st;
    os_critical_enter();
    bool self = t == os_current;
    if (t->state == OS_TASK_DELETED || t->held != NULL || (self && suspend_nesting > 0u)) {
        os_critical_exit();
        return OS_ERR_STATE;
    }
    if (t->state == OS_TASK_READY)
        ready_remove_cold(t);
    else if (t->state == OS_TASK_BLOCKED)
        unwait(t);
    t->state = OS_TASK_DELETED;
    t->tag = OS_OBJ_TAG(OS_TAG_TASK_DEAD);
    os_kobj_retype(t, OS_TAG_TASK_DEAD);
    OS_TRACE_TASK_DELETE(t);
    os_critical_exit();
    if (self) {
        os_sched_request_switch();
        port_panic("deleted task resumed");
    }
    /* Removing a mutex waiter may have lowered the running task. */
    reschedule();
    return OS_OK;
}

OS_COLD void os_task_exit(void)
{
    (void)os_task_delete(NULL);
    port_panic("task exited while owning a mutex");
}

OS_COLD enum os_status os_task_suspend(struct os_task *t)
{
    enum os_status st = task_to_control(&t);
    if (st != OS_OK)
        return st;
    os_critical_enter();
    bool self = t == os_current;
    if (t->state == OS_TASK_DELETED || (self && suspend_nesting > 0u)) {
        os_critical_exit();
        return OS_ERR_STATE;
    }
    if (t->state == OS_TASK_READY) {
        ready_remove_cold(t);
    } else if (t->state == OS_TASK_BLOCKED) {
        unwait(t);
        t->wait_result = OS_ERR_STATE; /* the wait was aborted */
    }
    t->state = OS_TASK_SUSPENDED;
    os_critical_exit();
    reschedule();
    return OS_OK;
}

/* Make a suspended task ready; mask held. Returns true when it preempts. */
static OS_COLD bool resume_locked(struct os_task *t, enum os_status *st)
{
    if (!OS_OBJ_VALID(t, OS_TAG_TASK) || !TASK_CONTROLLABLE(t)) {
        *st = OS_ERR_PARAM;
        return false;
    }
    if (t->state != OS_TASK_SUSPENDED || t == os_current) {
        *st = OS_ERR_STATE;
        return false;
    }
    *st = OS_OK;
    os_sched_make_ready(t);
    return os_sched_preempts(t);
}

OS_COLD enum os_status os_task_resume(struct os_task *t)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    enum os_status st;
    os_critical_enter();
    bool need = resume_locked(t, &st);
    os_critical_exit();
    if (need)
        os_sched_request_switch();
    return st;
}

OS_COLD bool os_task_resume_from_isr(struct os_task *t)
{
    enum os_status st;
    PORT_IRQ_STATE_T s = port_irq_save();
    bool need = resume_locked(t, &st);
    port_irq_restore(s);
    if (need)
        port_yield_from_isr();
    return need;
}

/* os_task_yield() where the port's fast path does not apply. */
static OS_COLD void __attribute__((noinline)) task_yield_slow(void)
{
    if (port_in_isr() || !started)
        return;
    os_critical_enter();
    bool need = ready_rotate(os_current);
    os_critical_exit();
    if (need)
        os_sched_request_switch();
}

void os_task_yield(void)
{
    /* Fast path: straight to the port's switch, which rotates. */
    if (PORT_FAST_YIELD && started && suspend_nesting == 0u && port_yield_rotate())
        return;
    task_yield_slow();
}

struct os_task *os_task_self(void)
{
    return os_current;
}

OS_COLD enum os_status os_task_set_priority(struct os_task *t, unsigned priority)
{
    if (priority == 0u || priority >= OS_CONFIG_MAX_PRIORITIES)
        return port_in_isr() ? OS_ERR_ISR : OS_ERR_PARAM;
    enum os_status st = task_to_control(&t);
    if (st != OS_OK)
        return st;
    os_critical_enter();
    t->base_priority = (uint8_t)priority;
    os_mutex_update_priority(t);
    os_critical_exit();
    reschedule();
    return OS_OK;
}

unsigned os_task_get_priority(const struct os_task *t)
{
    t = task_or_self(t);
    if (t == NULL)
        return OS_PRIORITY_INVALID;
    return t->priority;
}

OS_COLD enum os_status os_task_set_realtime(struct os_task *t, bool rt)
{
    t = task_or_self(t);
    if (t == NULL || !PORT_TASK_CONTROL_OK(t))
        return OS_ERR_PARAM;
    t->realtime = rt;
    return OS_OK;
}

OS_COLD enum os_status os_task_set_probe_pin(struct os_task *t, uint8_t pin)
{
    t = task_or_self(t);
    if (t == NULL || !PORT_TASK_CONTROL_OK(t))
        return OS_ERR_PARAM;
    t->probe_pin = pin;
    return OS_OK;
}

OS_COLD unsigned os_task_get_state(const struct os_task *t)
{
    if (t == NULL)
        t = os_current;
    else if (!OS_OBJ_VALID(t, OS_TAG_TASK) && !OS_OBJ_VALID(t, OS_TAG_TASK_DEAD))
        return OS_TASK_INVALID;
    if (t == NULL)
        return OS_TASK_INVALID;
    if (t == os_current && started)
        return OS_TASK_RUNNING;
    return t->state;
}

OS_COLD const char *os_task_get_name(const struct os_task *t)
{
    t = task_or_self(t);
    return t != NULL ? t->name : NULL;
}

OS_COLD enum os_status os_task_abort_delay(struct os_task *t)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    if (!OS_OBJ_VALID(t, OS_TAG_TASK) || t == os_current || !TASK_CONTROLLABLE(t))
        return OS_ERR_PARAM;
    os_critical_enter();
    if (t->state != OS_TASK_BLOCKED) {
        os_critical_exit();
        return OS_ERR_STATE;
    }
    (void)os_sched_wake(t, OS_TIMEOUT);
    os_critical_exit();
    reschedule();
    return OS_OK;
}

/* The tasks not deleted; the scheduler suspended (the list stands still). */
static OS_COLD size_t live_tasks(void)
{
    size_t n = 0;
    for (const struct os_task *t = all_tasks; t != NULL; t = t->next_task)
        n += t->state != OS_TASK_DELETED;
    return n;
}

OS_COLD size_t os_task_count(void)
{
    os_scheduler_suspend();
    size_t n = live_tasks();
    os_scheduler_resume();
    return n;
}

OS_COLD size_t os_task_get_system_state(struct os_task_status *out, size_t capacity, uint64_t *total_run_time)
{
    if (port_in_isr() || out == NULL || capacity == 0u ||
        capacity > SIZE_MAX / sizeof *out || !PORT_BUFFER_OK(out, capacity * sizeof *out) ||
        (total_run_time != NULL && !PORT_BUFFER_OK(total_run_time, sizeof *total_run_time)))
        return 0u;
    /* Tasks are created and deleted only at task level: with the scheduler
     * suspended the list stands still, while interrupts still run (they
     * may change states and priorities: each entry is read at one moment). */
    os_scheduler_suspend();
    if (live_tasks() > capacity) {
        os_scheduler_resume();
        return 0u;
    }
    size_t i = 0;
    for (struct os_task *t = all_tasks; t != NULL; t = t->next_task) {
        if (t->state == OS_TASK_DELETED)
            continue;
        struct os_task_status *o = &out[i++];
        os_critical_enter();
        o->task = t;
        /* The name is whatever pointer the task's creator gave: only bytes
         * the caller could read itself are copied (PORT_BUFFER_OK), so the
         * snapshot reveals no guest-kernel memory to a task; the idle
         * task's name is the core's own. */
        const char *nm = t->name;
        bool own = t == &idle_task;
        size_t k = 0;
        for (; k + 1u < sizeof o->name && (own || PORT_BUFFER_OK(&nm[k], 1u)) && nm[k] != '\0';
             k++)
            o->name[k] = nm[k];
        o->name[k] = '\0';
        o->id = t->id;
        o->state = (t == os_current && started) ? OS_TASK_RUNNING : t->state;
        o->priority = t->priority;
        o->base_priority = t->base_priority;
        o->run_time = t->run_time;
#if OS_CONFIG_RUNTIME_STATS
        if (t == os_current && started)
            o->run_time += port_time_ns() - switched_in_ns;
#endif
        os_critical_exit();
        o->stack_high_water = os_task_stack_high_water(t);
    }
    if (total_run_time != NULL) {
#if OS_CONFIG_RUNTIME_STATS
        *total_run_time = started ? port_time_ns() - start_ns : 0u;
#else
        *total_run_time = 0u;
#endif
    }
    os_scheduler_resume();
    return i;
}

/* ------------------------------------------------------------------ */
/* Time                                                                */
/* ------------------------------------------------------------------ */

os_tick_t os_tick_count(void)
{
    return tick_count; /* one aligned word: read atomically */
}

uint64_t os_time_ns(void)
{
    return port_time_ns();
}

os_tick_t os_ticks_to_next_wake(void)
{
    PORT_IRQ_STATE_T s = port_irq_save();
    struct os_list_node *n = os_list_first(&delay_list);
    os_tick_t r = n != NULL ? n->key - tick_count : OS_WAIT_FOREVER;
    port_irq_restore(s);
    return r;
}

os_tick_t os_ticks_to_next_need(void)
{
    PORT_IRQ_STATE_T s = port_irq_save();
    const struct os_task *cur = os_current;
    os_tick_t r;
    if (OS_CONFIG_ROUND_ROBIN && started && cur != NULL &&
        cur->state == OS_TASK_READY &&
        cur->state_node.next != &cur->state_node)
        r = 1u; /* a ready peer: the next tick rotates */
    else
        r = os_ticks_to_next_wake(); /* its own save, nested in this one */
    port_irq_restore(s);
    return r;
}

/*
 * Block os_current for `ticks` ticks (> 0); mask held. A real-time task
 * also asks the port to be run at the absolute time at which it becomes
 * ready (port_realtime_wake_at: the time of the current tick plus whole
 * tick periods, never earlier than the tick that will wake it), here,
 * under the mask: once the mask is dropped, a pending interrupt switches
 * away from the blocked task, and a request made after that would only be
 * made when the delay had already ended by the ticks, too late.
 */
static void delay_block_locked(os_tick_t ticks)
{
    struct os_task *t = os_current;
    OS_TRACE_TASK_DELAY(t, ticks);
    os_sched_block(NULL, NULL, OS_WAIT_NONE, ticks);
    if (t->realtime && ticks != OS_WAIT_FOREVER)
        port_realtime_wake_at(port_tick_time_ns() +
                              (uint64_t)ticks * OS_TICK_NS);
}

enum os_status os_delay(os_tick_t ticks)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    if (ticks == 0u) {
        os_task_yield();
        return OS_OK;
    }
    if (!os_sched_can_block())
        return OS_ERR_STATE;
    port_critical_enter();
    delay_block_locked(ticks);
    os_critical_exit(); /* a switch follows: the shared copy */
    return os_sched_block_switch();
}

enum os_status os_delay_until(os_tick_t *previous_wake, os_tick_t period)
{
    if (port_in_isr())
        return OS_ERR_ISR;
    if (previous_wake == NULL || period == OS_WAIT_FOREVER ||
        !PORT_BUFFER_OK(previous_wake, sizeof *previous_wake))
        return OS_ERR_PARAM;
    if (!os_sched_can_block())
        return OS_ERR_STATE;
    enum os_status st = OS_OK;
    os_critical_enter();
    /* Both the elapsed time and the block use the same tick_count, read
     * under the mask, so the wake tick is exactly *previous_wake + period
     * and periods never drift. Differences are wrap-safe. */
    os_tick_t elapsed = tick_count - *previous_wake;
    *previous_wake += period;
    if (elapsed >= period)
        st = OS_TIMEOUT; /* overran (or due now): no delay */
    else
        delay_block_locked(period - elapsed);
    os_critical_exit();
    if (elapsed >= period)
        return st;
    return os_sched_block_switch();
}

/* The ticks of os_tick_announce() when a wait ends among them: advance to
 * each earliest wake tick in turn and end every wait due then, so that a
 * catch-up wakes tasks in the order their times came. */
static OS_COLD __attribute__((noinline)) void tick_wake_due(uint32_t ticks)
{
    uint32_t left = ticks;
    while (left > 0u) {
        struct os_list_node *n = os_list_first(&delay_list);
        uint32_t due = n != NULL ? n->key - tick_count : 0u;
        if (n == NULL || due > left) {
            tick_count += left;
            break;
        }
        tick_count += due;
        left -= due;
        while ((n = os_list_first(&delay_list)) != NULL && n->key == tick_count) {
            struct os_task *t = n->owner;
            (void)os_sched_wake(t, t->wait_kind == OS_WAIT_NONE ? OS_OK : OS_TIMEOUT);
        }
    }
}

/* os_tick_announce() in full: any number of ticks, the waits they end,
 * the switch decision (the bitmap's assert included). Out of line where
 * os_tick_announce() has its fast path (PORT_TICK_MASKED); elsewhere it is
 * os_tick_announce() itself. */
#if PORT_TICK_MASKED
#define TICK_SLOW_INLINE OS_COLD __attribute__((noinline))
#else
#define TICK_SLOW_INLINE inline __attribute__((always_inline))
#endif
static TICK_SLOW_INLINE bool tick_announce_slow(uint32_t ticks)
{
    if (ticks == 0u)
        return false;
    PORT_IRQ_STATE_T s = 0;
    if (!PORT_TICK_MASKED)
        s = port_irq_save();
    if (delay_list.count != 0u && delay_list.sentinel.next->key - tick_count <= ticks)
        tick_wake_due(ticks);
    else
        tick_count += ticks;
    OS_TRACE_TICK(tick_count);
    /* A switch when the running task stopped being ready or a higher
     * priority is ready; among equals, round robin moves it behind the
     * others (need: there were any). */
    bool need = os_sched_switch_needed();
    if (!need && started && OS_CONFIG_ROUND_ROBIN)
        need = ready_rotate(os_current);
    if (!PORT_TICK_MASKED)
        port_irq_restore(s);
    if (need)
        port_yield_from_isr();
    return need;
}

/* The round robin of the tick's usual path when the running task is not
 * its list's head (ready_rotate's general case). */
static OS_COLD __attribute__((noinline)) bool tick_rotate_slow(struct os_task *cur)
{
    bool need = ready_rotate(cur);
    if (need)
        port_yield_from_isr();
    return need;
}

bool os_tick_announce(uint32_t ticks)
{
    /* The usual tick, with no call and no save (the port runs the tick
     * masked): it ends no wait (the delay list is empty or its earliest
     * wake tick lies beyond), the scheduler runs, and the running task is
     * ready with its own priority the highest ready one (the bitmap
     * shifted down by it is 1). Anything else is tick_announce_slow()'s. */
    struct os_task *cur = os_current;
    if (!PORT_TICK_MASKED || __builtin_expect(
            ticks == 0u || !started ||
            (delay_list.count != 0u && delay_list.sentinel.next->key - tick_count <= ticks) ||
            cur->state != OS_TASK_READY || (ready_bitmap >> cur->priority) != 1u, 0))
        return tick_announce_slow(ticks);
    tick_count += ticks;
    OS_TRACE_TICK(tick_count);
    if (!OS_CONFIG_ROUND_ROBIN)
        return false;
    /* Round robin: behind its equals, if there are any; as the head of its
     * list (the usual case) that is the head stepping on. */
    struct os_list_node *n = &cur->state_node;
    struct os_list_node *next = n->next;
    if (next == n)
        return false;
    struct os_list_node **head = &ready_head[cur->priority];
    if (__builtin_expect(*head != n, 0))
        return tick_rotate_slow(cur);
    *head = next;
    port_yield_from_isr();
    return true;
}

/* ------------------------------------------------------------------ */
/* Critical sections and scheduler suspension                          */
/* ------------------------------------------------------------------ */

/* Out of line even here: the port's own out-of-line copies (os_port.h),
 * for the many callers (the hot paths use the port's inline section
 * directly). */
__attribute__((noinline)) void(os_critical_enter)(void)
{
    (port_critical_enter)();
}

__attribute__((noinline)) void(os_critical_exit)(void)
{
    (port_critical_exit)();
}

void os_scheduler_suspend(void)
{
    os_critical_enter();
    suspend_nesting++;
    os_critical_exit();
}

void os_scheduler_resume(void)
{
    os_critical_enter();
    OS_ASSERT(suspend_nesting > 0u);
    suspend_nesting--;
    bool need = false;
    if (suspend_nesting == 0u) {
        need = switch_pending || os_sched_switch_needed();
        switch_pending = false;
    }
    os_critical_exit();
    if (need)
        os_sched_request_switch();
}
