/*
 * os_trace_glue.c - bodies of the tick core's trace hooks: trace records
 * and the probe pins of chosen tasks (os_trace_glue.h).
 *
 * Every hook runs inside the core with interrupts masked (os_trace.h), so
 * the per-pin job state below needs no lock. The buffer is set up lazily by
 * the first hook, which os_init() always triggers (the idle task is made
 * ready and created before anything else).
 */
#include <stdbool.h>
#include <stddef.h>

#include "os.h"
#include "os_trace_glue.h"

/* Storage of os_trace_buf, records; a power of two. */
#ifndef OS_TRACE_RECORDS
#define OS_TRACE_RECORDS 4096u
#endif

/* Job state of a probed task, per first pin (release pin P). */
enum glue_job {
    GLUE_JOB_IDLE = 0,     /* between a finish and the next release */
    GLUE_JOB_RELEASED = 1, /* released, not started: pin P high */
    GLUE_JOB_RUNNING = 2,  /* started, not finished: pin P + 1 high */
};

struct trace_buf os_trace_buf;
static _Alignas(8) struct trace_record glue_storage[OS_TRACE_RECORDS];
static bool glue_ready;                   /* os_trace_buf is set up */
static uint8_t glue_job[OS_TRACE_PROBE_PINS]; /* enum glue_job, by pin */

static inline struct trace_buf *glue_buf(void)
{
    if (!glue_ready) {
        trace_init(&os_trace_buf, glue_storage, sizeof glue_storage, 0u);
        os_trace_glue_port_init();
        glue_ready = true;
    }
    return &os_trace_buf;
}

/* Task ids in records are 8 bits: the low byte of the creation number. */
static inline unsigned glue_id(const struct os_task *t)
{
    return (unsigned)(t->id & 0xffu);
}

/* The task's release pin, or -1 when it drives none (the three pins
 * P..P+2 must exist). */
static inline int glue_pin(const struct os_task *t)
{
    unsigned p = t->probe_pin;
    return p + 2u < OS_TRACE_PROBE_PINS ? (int)p : -1;
}

/* Pin change: the store (or service call) and, for the trace, a probe
 * record of the tick core's own. */
static void glue_set(unsigned pin, unsigned level)
{
    os_trace_glue_port_pin(pin, level);
    trace_emit(&os_trace_buf, TRACE_PROBE, pin, level, 0u);
}

/* A job of t finished (delay or block). */
static void glue_finish(const struct os_task *t)
{
    int p = glue_pin(t);
    if (p < 0)
        return;
    if (glue_job[p] == GLUE_JOB_RUNNING)
        glue_set((unsigned)p + 1u, 0u);
    else if (glue_job[p] == GLUE_JOB_RELEASED)
        glue_set((unsigned)p, 0u);
    glue_job[p] = GLUE_JOB_IDLE;
}

void os_trace_glue_create(struct os_task *t)
{
    struct trace_buf *b = glue_buf();
#ifdef OS_TRACE_PROBE_TASK
    /* The configured task gets its pin unless the application chose one. */
    static const char want[] = OS_TRACE_PROBE_TASK;
    const char *n = t->name;
    size_t i = 0;
    while (i < sizeof want - 1u && n[i] == want[i])
        i++;
    if (i == sizeof want - 1u && n[i] == '\0' && t->probe_pin == 0xffu)
        t->probe_pin = (uint8_t)OS_TRACE_PROBE_PIN;
#endif
    trace_task_create(b, glue_id(t), t->priority, t->name);
}

void os_trace_glue_delete(const struct os_task *t)
{
    glue_finish(t);
}

void os_trace_glue_switched_out(const struct os_task *t)
{
    int p = glue_pin(t);
    unsigned state = t->state <= OS_TASK_DELETED ? t->state : 0u;
    if (p >= 0)
        glue_set((unsigned)p + 2u, 0u);
    trace_task_switched_out(glue_buf(), glue_id(t), state);
}

void os_trace_glue_switched_in(const struct os_task *t)
{
    int p = glue_pin(t);
    trace_task_switched_in(glue_buf(), glue_id(t), t->priority);
    if (p < 0)
        return;
    if (glue_job[p] == GLUE_JOB_RELEASED) {
        glue_set((unsigned)p, 0u);
        glue_set((unsigned)p + 1u, 1u);
        glue_job[p] = GLUE_JOB_RUNNING;
    }
    glue_set((unsigned)p + 2u, 1u);
}

void os_trace_glue_ready(const struct os_task *t)
{
    int p = glue_pin(t);
    trace_emit(glue_buf(), TRACE_TASK_READY, glue_id(t), 0u, 0u);
    /* A task made ready while idle between jobs is released; ready again
     * after a preemption (still in its job) is not a release. */
    if (p >= 0 && glue_job[p] == GLUE_JOB_IDLE) {
        glue_set((unsigned)p, 1u);
        glue_job[p] = GLUE_JOB_RELEASED;
    }
}

void os_trace_glue_delay(const struct os_task *t, uint32_t ticks)
{
    trace_emit(glue_buf(), TRACE_TASK_DELAY, glue_id(t), 0u, ticks);
    glue_finish(t);
}

void os_trace_glue_block(const struct os_task *t, const void *obj)
{
    trace_emit(glue_buf(), TRACE_TASK_BLOCK, glue_id(t), 0u,
               (uint32_t)(uintptr_t)obj);
    glue_finish(t);
}

/* The acting task of a synchronisation record: os_current (there is one
 * once the core runs; before os_start the creator has none). */
static inline unsigned glue_actor(void)
{
    return os_current != NULL ? glue_id(os_current) : TRACE_NO_TASK;
}

void os_trace_glue_sem(unsigned type, const struct os_sem *s)
{
    trace_emit(glue_buf(), type, glue_actor(), trace_sat8(s->count),
               (uint32_t)(uintptr_t)s);
}

void os_trace_glue_mutex(unsigned type, const struct os_mutex *m)
{
    trace_emit(glue_buf(), type, glue_actor(), 0u, (uint32_t)(uintptr_t)m);
}

void os_trace_glue_queue(unsigned type, const struct os_queue *q)
{
    trace_emit(glue_buf(), type, glue_actor(),
               trace_sat8((uint32_t)q->count), (uint32_t)(uintptr_t)q);
}
