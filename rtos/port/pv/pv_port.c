/*
 * pv_port.c - inter-partition ports, guest side (pv_port.h).
 *
 * State, all in guest-kernel memory: the opened ports (by handle = the
 * port's bit in vcpu.port_events), a pool of waiter records each with a
 * binary semaphore of the tick core, and per port the list of its
 * waiters in release order (FIFO: arrival; PRIORITY: highest priority
 * first, FIFO among equals).
 *
 * Protocol with the kernel: a waiter tries the kernel call and, when it
 * would block, enqueues itself in one critical section (virtual
 * interrupts masked), so the PK_EV_PORT upcall that reports the change
 * cannot come in between; the upcall gives the semaphore of the port's
 * first waiter. The waiter stays in the list (keeping its place) until
 * its call succeeds or its timeout expires; after a success that leaves
 * more (messages to take, room to send) it wakes the next waiter, since
 * the kernel raises the event only on the transitions empty -> not empty
 * and full -> not full.
 */
#include <stddef.h>

#include "pv_port.h"
#include "pv_svc.h"

/* port.c: the caller is a task (through a gate), not the guest kernel. */
bool pv_caller_is_task(void);

struct waiter {
    struct os_sem *sem;
    struct waiter *next;
    struct port *port;    /* the port it waits on */
    struct os_task *task; /* the waiting task and its creation number: */
    uint32_t task_id;     /* deleted (or deleted and made again) = gone */
    unsigned priority;
    bool used;
};

struct port {
    bool open;
    int32_t index;            /* the kernel's port index */
    struct pk_port_info info;
    struct waiter *waiters;   /* release order */
    uint32_t n_waiting;
};

static struct port ports[PV_PORT_MAX];

/* Long messages in buffers that are not word aligned go through this one
 * (the kernel copies those only up to PK_PORT_UNALIGNED_MAX bytes, to
 * bound its copy): the guest copies, in its own time, inside a critical
 * section (the buffer is shared). */
#define PV_PORT_MSG_MAX 4096u
static _Alignas(8) uint8_t bounce[PV_PORT_MSG_MAX];
extern char pv_gk_start[], pv_gk_end[]; /* linker/partition.ld */
#ifndef PK_LAYOUT_SELF_USER_BASE
#define PK_LAYOUT_SELF_USER_BASE 0u
#define PK_LAYOUT_SELF_USER_SIZE 0u
#endif

static bool inside(uintptr_t a, size_t n, uintptr_t base, size_t size)
{
    return a - base < size && n <= size - (a - base);
}

/* buf, n bytes, needs the bounce buffer: not aligned, longer than the
 * kernel takes, and the caller's own memory (a task: its user range);
 * otherwise the kernel gets the caller's pointer and judges it. */
static bool bounced(const void *buf, uint32_t n)
{
    uintptr_t a = (uintptr_t)buf;
    if ((a & 3u) == 0u || n <= PK_PORT_UNALIGNED_MAX || n > PV_PORT_MSG_MAX)
        return false;
    if (inside(a, n, PK_LAYOUT_SELF_USER_BASE, PK_LAYOUT_SELF_USER_SIZE))
        return true;
    return !pv_caller_is_task() &&
           inside(a, n, (uintptr_t)pv_gk_start, (size_t)(pv_gk_end - pv_gk_start));
}
static OS_KOBJ struct os_sem sems[PV_PORT_WAITERS];
static struct waiter pool[PV_PORT_WAITERS];
static bool pool_ready;

struct r2 {
    int32_t r0;
    uint32_t r1;
};

static inline struct r2 svc4(uint32_t nr, uint32_t a0, uint32_t a1,
                             uint32_t a2, uint32_t a3)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0"
                     : "+r"(r0), "+r"(r1)
                     : "r"(r2), "r"(r3), "r"(r7)
                     : "memory");
    return (struct r2){(int32_t)r0, r1};
}

/* The flags of a call made for the current caller. */
static uint32_t as_caller(void)
{
    return pv_caller_is_task() ? PK_PORT_AS_TASK : 0u;
}

/* An output word of the caller: not in the guest-kernel range for a task. */
static bool out_ok(const void *p, size_t size)
{
    return p != NULL && PORT_BUFFER_OK(p, size);
}

static struct port *get(uint32_t handle, uint32_t kind, uint32_t dir)
{
    if (handle >= PV_PORT_MAX || !ports[handle].open)
        return NULL;
    struct port *p = &ports[handle];
    if (p->info.kind != kind || p->info.direction != dir)
        return NULL;
    return p;
}

/* Kernel refusals that returned (the "log" action): the caller's error. */
static enum pv_port_rc refused(int32_t e)
{
    return e == PK_EMSGSIZE ? PV_PORT_INVALID_CONFIG : PV_PORT_INVALID_PARAM;
}

enum pv_port_rc pv_port_open(const char *name, uint32_t *handle,
                             struct pk_port_info *info)
{
    if (pv_caller_is_task() || os_running())
        return PV_PORT_INVALID_MODE;
    if (name == NULL || handle == NULL)
        return PV_PORT_INVALID_PARAM;
    if (!pool_ready) {
        for (unsigned i = 0; i < PV_PORT_WAITERS; i++) {
            if (os_sem_init(&sems[i], 0u, 1u) != OS_OK)
                return PV_PORT_INVALID_MODE;
            pool[i].sem = &sems[i];
            pool[i].used = false;
        }
        pool_ready = true;
    }
    uint32_t n = 0;
    while (n <= PK_PORT_NAME_MAX && name[n] != '\0')
        n++;
    if (n == 0u || n > PK_PORT_NAME_MAX)
        return PV_PORT_INVALID_CONFIG;
    static struct pk_port_info got;
    int32_t r = pv_svc(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)name, n,
                       (uint32_t)(uintptr_t)&got);
    if (r < 0)
        return PV_PORT_INVALID_CONFIG;
    if (got.bit >= PV_PORT_MAX)
        return PV_PORT_INVALID_CONFIG;
    struct port *p = &ports[got.bit];
    p->open = true;
    p->index = r;
    p->info = got;
    p->waiters = NULL;
    p->n_waiting = 0u;
    *handle = got.bit;
    if (info != NULL)
        *info = got;
    return PV_PORT_OK;
}

enum pv_port_rc pv_sampling_write(uint32_t handle, const void *msg,
                                  uint32_t len)
{
    struct port *p = get(handle, PK_PORT_SAMPLING, PK_PORT_SOURCE);
    if (p == NULL)
        return PV_PORT_INVALID_MODE;
    if (len == 0u)
        return PV_PORT_INVALID_PARAM;
    if (len > p->info.max_message_size)
        return PV_PORT_INVALID_CONFIG;
    struct r2 r;
    if (bounced(msg, len)) {
        os_critical_enter();
        __builtin_memcpy(bounce, msg, len);
        r = svc4(PK_SVC_SAMPLING_WRITE, (uint32_t)p->index,
                 (uint32_t)(uintptr_t)bounce, len, 0u);
        os_critical_exit();
    } else {
        r = svc4(PK_SVC_SAMPLING_WRITE, (uint32_t)p->index,
                 (uint32_t)(uintptr_t)msg, len, as_caller());
    }
    return r.r0 < 0 ? refused(r.r0) : PV_PORT_OK;
}

enum pv_port_rc pv_sampling_read(uint32_t handle, void *buf, uint32_t size,
                                 uint32_t *len, bool *valid)
{
    if (!out_ok(len, sizeof *len) || !out_ok(valid, sizeof *valid))
        return PV_PORT_INVALID_PARAM;
    return pvk_sampling_read(handle, buf, size, len, valid);
}

enum pv_port_rc pvk_sampling_read(uint32_t handle, void *buf, uint32_t size,
                                  uint32_t *len, bool *valid)
{
    struct port *p = get(handle, PK_PORT_SAMPLING, PK_PORT_DESTINATION);
    if (p == NULL)
        return PV_PORT_INVALID_MODE;
    struct r2 r;
    uint32_t n = size < p->info.max_message_size ? size : p->info.max_message_size;
    if (bounced(buf, n)) {
        os_critical_enter();
        r = svc4(PK_SVC_SAMPLING_READ, (uint32_t)p->index,
                 (uint32_t)(uintptr_t)bounce, n, 0u);
        if (r.r0 > 0)
            __builtin_memcpy(buf, bounce, (uint32_t)r.r0);
        os_critical_exit();
    } else {
        r = svc4(PK_SVC_SAMPLING_READ, (uint32_t)p->index,
                 (uint32_t)(uintptr_t)buf, size, as_caller());
    }
    *len = 0u;
    *valid = false;
    if (r.r0 == PK_EEMPTY)
        return PV_PORT_NO_ACTION;
    if (r.r0 < 0)
        return refused(r.r0);
    *len = (uint32_t)r.r0;
    *valid = r.r1 != 0u;
    return PV_PORT_OK;
}

/* ---- Waiting ---- */

static void dequeue(struct port *p, struct waiter *w);
static bool gone(const struct waiter *w);

static struct waiter *waiter_get(void)
{
    /* The record of a task deleted while it waited is free again. */
    for (unsigned i = 0; i < PV_PORT_WAITERS; i++)
        if (pool[i].used && gone(&pool[i]))
            dequeue(pool[i].port, &pool[i]);
    for (unsigned i = 0; i < PV_PORT_WAITERS; i++)
        if (!pool[i].used) {
            struct waiter *w = &pool[i];
            w->used = true;
            w->next = NULL;
            /* No stale unit from an earlier wait. */
            while (os_sem_take(w->sem, OS_NO_WAIT) == OS_OK)
                ;
            return w;
        }
    return NULL;
}

static void enqueue(struct port *p, struct waiter *w)
{
    struct waiter **at = &p->waiters;
    w->port = p;
    w->task = os_task_self();
    w->task_id = w->task->id;
    w->priority = os_task_get_priority(NULL);
    if (p->info.discipline == PK_PORT_PRIORITY)
        while (*at != NULL && (*at)->priority >= w->priority)
            at = &(*at)->next;
    else
        while (*at != NULL)
            at = &(*at)->next;
    w->next = *at;
    *at = w;
    p->n_waiting++;
}

static void dequeue(struct port *p, struct waiter *w)
{
    for (struct waiter **at = &p->waiters; *at != NULL; at = &(*at)->next)
        if (*at == w) {
            *at = w->next;
            p->n_waiting--;
            break;
        }
    w->used = false;
}

/* A waiter whose task was deleted while it waited (os_task_delete, an
 * APEX STOP): it will never take its wake-up. */
static bool gone(const struct waiter *w)
{
    return os_task_get_priority(w->task) == OS_PRIORITY_INVALID ||
           w->task->id != w->task_id;
}

/* Wake the first waiter of p (an upcall, or a waiter that left more);
 * the records of deleted waiters ahead of it are dropped. */
static void wake_first(struct port *p, bool from_upcall)
{
    while (p->waiters != NULL && gone(p->waiters))
        dequeue(p, p->waiters);
    if (p->waiters == NULL)
        return;
    if (from_upcall)
        (void)os_sem_give_from_isr(p->waiters->sem);
    else
        (void)os_sem_give(p->waiters->sem);
}

void pv_port_upcall(uint32_t bits)
{
    for (uint32_t b = 0; bits != 0u && b < PV_PORT_MAX; b++) {
        if ((bits & (1u << b)) == 0u)
            continue;
        bits &= ~(1u << b);
        if (ports[b].open)
            wake_first(&ports[b], true);
    }
}

/* One attempt of a blocking call: the kernel's result. */
typedef struct r2 (*attempt_fn)(struct port *p, void *buf, uint32_t n,
                                uint32_t flags);

static struct r2 try_send(struct port *p, void *buf, uint32_t n,
                          uint32_t flags)
{
    return svc4(PK_SVC_QUEUING_SEND, (uint32_t)p->index,
                (uint32_t)(uintptr_t)buf, n, flags);
}

static struct r2 try_receive(struct port *p, void *buf, uint32_t n,
                             uint32_t flags)
{
    return svc4(PK_SVC_QUEUING_RECEIVE, (uint32_t)p->index,
                (uint32_t)(uintptr_t)buf, n, flags);
}

/* The same through the bounce buffer (called inside a critical section,
 * as every attempt is: wait_for). */
static struct r2 try_send_bounced(struct port *p, void *buf, uint32_t n,
                                  uint32_t flags)
{
    __builtin_memcpy(bounce, buf, n);
    return svc4(PK_SVC_QUEUING_SEND, (uint32_t)p->index,
                (uint32_t)(uintptr_t)bounce, n, flags & ~PK_PORT_AS_TASK);
}

static struct r2 try_receive_bounced(struct port *p, void *buf, uint32_t n,
                                     uint32_t flags)
{
    struct r2 r = svc4(PK_SVC_QUEUING_RECEIVE, (uint32_t)p->index,
                       (uint32_t)(uintptr_t)bounce, n, flags & ~PK_PORT_AS_TASK);
    if (r.r0 > 0)
        __builtin_memcpy(buf, bounce, (uint32_t)r.r0);
    return r;
}

/* Try, and wait while the kernel says "would block" (busy), up to
 * timeout ticks; *out is the kernel's last result. Returns OK (a result
 * other than busy came back), NOT_AVAILABLE or TIMED_OUT. */
static enum pv_port_rc wait_for(struct port *p, attempt_fn fn, void *buf,
                                uint32_t n, int32_t busy, os_tick_t timeout,
                                struct r2 *out)
{
    uint32_t flags = as_caller();
    os_critical_enter();
    *out = fn(p, buf, n, flags);
    if (out->r0 != busy) {
        os_critical_exit();
        return PV_PORT_OK;
    }
    if (timeout == OS_NO_WAIT) {
        os_critical_exit();
        return PV_PORT_NOT_AVAILABLE;
    }
    struct waiter *w = waiter_get();
    if (w == NULL) {
        os_critical_exit();
        return PV_PORT_INVALID_MODE; /* more waiters than PV_PORT_WAITERS */
    }
    enqueue(p, w);
    os_tick_t start = os_tick_count();
    enum pv_port_rc rc = PV_PORT_OK;
    for (;;) {
        os_tick_t left = OS_WAIT_FOREVER;
        if (timeout != OS_WAIT_FOREVER) {
            os_tick_t gone = os_tick_count() - start;
            left = gone >= timeout ? 0u : timeout - gone;
        }
        os_critical_exit();
        enum os_status st =
            left == 0u ? OS_TIMEOUT : os_sem_take(w->sem, left);
        os_critical_enter();
        *out = fn(p, buf, n, flags);
        if (out->r0 != busy)
            break;
        if (st == OS_TIMEOUT) {
            rc = PV_PORT_TIMED_OUT;
            break;
        }
    }
    dequeue(p, w);
    os_critical_exit();
    return rc;
}

enum pv_port_rc pv_queuing_send(uint32_t handle, const void *msg, uint32_t len,
                                os_tick_t timeout)
{
    struct port *p = get(handle, PK_PORT_QUEUING, PK_PORT_SOURCE);
    if (p == NULL)
        return PV_PORT_INVALID_MODE;
    if (len == 0u)
        return PV_PORT_INVALID_PARAM;
    if (len > p->info.max_message_size)
        return PV_PORT_INVALID_CONFIG;
    struct r2 r;
    bool b = bounced(msg, len);
    enum pv_port_rc rc = wait_for(p, b ? try_send_bounced : try_send,
                                  (void *)(uintptr_t)msg, len, PK_EFULL,
                                  timeout, &r);
    if (rc != PV_PORT_OK) {
        /* Given up: the receiver learns that a message was lost (its
         * next receive reports the overflow; the queue is full, nothing
         * is copied). */
        if (rc == PV_PORT_NOT_AVAILABLE || rc == PV_PORT_TIMED_OUT)
            (void)svc4(PK_SVC_QUEUING_SEND, (uint32_t)p->index,
                       (uint32_t)(uintptr_t)(b ? bounce : msg), len,
                       (b ? 0u : as_caller()) | PK_PORT_MARK_OVERFLOW);
        return rc;
    }
    if (r.r0 < 0)
        return r.r0 == PK_ENOENT ? PV_PORT_INVALID_CONFIG : refused(r.r0);
    if (r.r1 != 0u) {
        os_critical_enter();
        wake_first(p, false); /* room for another waiting sender */
        os_critical_exit();
    }
    return PV_PORT_OK;
}

enum pv_port_rc pv_queuing_receive(uint32_t handle, void *buf, uint32_t size,
                                   uint32_t *len, os_tick_t timeout)
{
    if (!out_ok(len, sizeof *len))
        return PV_PORT_INVALID_PARAM;
    return pvk_queuing_receive(handle, buf, size, len, timeout);
}

enum pv_port_rc pvk_queuing_receive(uint32_t handle, void *buf, uint32_t size,
                                    uint32_t *len, os_tick_t timeout)
{
    struct port *p = get(handle, PK_PORT_QUEUING, PK_PORT_DESTINATION);
    if (p == NULL)
        return PV_PORT_INVALID_MODE;
    *len = 0u;
    struct r2 r;
    uint32_t n = size < p->info.max_message_size ? size : p->info.max_message_size;
    bool b = bounced(buf, n);
    enum pv_port_rc rc = wait_for(p, b ? try_receive_bounced : try_receive,
                                  buf, b ? n : size, PK_EEMPTY, timeout, &r);
    if (rc != PV_PORT_OK)
        return rc;
    if (r.r0 < 0)
        return refused(r.r0);
    *len = (uint32_t)r.r0;
    if ((r.r1 & 0xFFFFu) != 0u) {
        os_critical_enter();
        wake_first(p, false); /* more messages for another waiter */
        os_critical_exit();
    }
    return (r.r1 & PK_PORT_OVERFLOW) != 0u ? PV_PORT_INVALID_CONFIG
                                           : PV_PORT_OK;
}

enum pv_port_rc pv_queuing_clear(uint32_t handle)
{
    struct port *p = get(handle, PK_PORT_QUEUING, PK_PORT_DESTINATION);
    if (p == NULL)
        return PV_PORT_INVALID_MODE;
    int32_t r = pv_svc(PK_SVC_QUEUING_CLEAR, (uint32_t)p->index, 0u, 0u);
    return r < 0 ? refused(r) : PV_PORT_OK;
}

enum pv_port_rc pv_port_status(uint32_t handle, struct pv_port_status *st)
{
    if (!out_ok(st, sizeof *st))
        return PV_PORT_INVALID_PARAM;
    return pvk_port_status(handle, st);
}

enum pv_port_rc pvk_port_status(uint32_t handle, struct pv_port_status *st)
{
    if (handle >= PV_PORT_MAX || !ports[handle].open)
        return PV_PORT_INVALID_PARAM;
    struct port *p = &ports[handle];
    static _Alignas(8) struct pk_port_status k; /* one caller at a time */
    os_critical_enter();
    for (struct waiter *w = p->waiters, *n; w != NULL; w = n) {
        n = w->next;
        if (gone(w))
            dequeue(p, w); /* a task deleted while it waited */
    }
    int32_t r = pv_svc(PK_SVC_PORT_STATUS, (uint32_t)p->index,
                       (uint32_t)(uintptr_t)&k, 0u);
    if (r >= 0) {
        st->info = p->info;
        st->k = k;
        st->waiting = p->n_waiting;
    }
    os_critical_exit();
    return r < 0 ? refused(r) : PV_PORT_OK;
}
