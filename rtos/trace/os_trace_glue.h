/*
 * os_trace_glue.h - the tick core's trace hooks (rtos/include/os_trace.h)
 * mapped onto the trace ring buffer (trace.h) and onto probe pins.
 *
 * The build force-includes this header (-include) into every file of a
 * tick core when tracing or task probe pins are enabled (mk/trace.mk), so
 * that its OS_TRACE_* definitions come before the empty defaults of
 * os_trace.h. Without it the hooks stay empty and cost nothing.
 *
 * What a hook records (docs/trace-format.md): task create (+ name), switch,
 * ready, delay, block, semaphore, mutex and queue operations, into
 * os_trace_buf, the tick core's own buffer (source 0 on a native system,
 * partition index + 1 in a partition).
 *
 * Probe pins of a task (docs/measuring.md): a task whose probe_pin field is
 * P < BSP_PROBE_PINS drives three pins, each change a single store:
 *   P     "release": high from the job's release (the task becomes ready
 *         after a delay or a wait) until the job starts;
 *   P + 1 "job":     high from the job's start (first switch-in after the
 *         release) until it finishes (the task delays or blocks);
 *   P + 2 "run":     high while the task executes.
 * A task gets its pin from os_task_set_probe_pin(), or at creation when its
 * name matches OS_TRACE_PROBE_TASK (a build setting, with the pin
 * OS_TRACE_PROBE_PIN, default 3), so a system's pinned task is chosen in
 * its build configuration without touching the application.
 *
 * The port side (clock, interrupt masking, how a pin is driven, where the
 * buffer is drained) is in os_trace_glue_<port>.c, one file per port:
 * rtos/port/pv/trace/trace_port.c in a partition, rtos/port/arm/trace/trace_port.c on a native
 * system (the board's port name, BOARD_NATIVE_PORT).
 */
#ifndef OS_TRACE_GLUE_H
#define OS_TRACE_GLUE_H

#include <stdint.h>

#include "trace.h"

struct os_task;
struct os_sem;
struct os_mutex;
struct os_queue;

/* Probe pins of the board (bsp.h's BSP_PROBE_PINS; the tick core may not
 * include a board header). */
#ifndef OS_TRACE_PROBE_PINS
#define OS_TRACE_PROBE_PINS 8u
#endif

/* Pin given at creation to the task named OS_TRACE_PROBE_TASK. */
#ifndef OS_TRACE_PROBE_PIN
#define OS_TRACE_PROBE_PIN 3u
#endif

/* The tick core's trace buffer (defined in os_trace_glue.c). */
extern struct trace_buf os_trace_buf;

/* Hook bodies (os_trace_glue.c). */
void os_trace_glue_create(struct os_task *t);
void os_trace_glue_delete(const struct os_task *t);
void os_trace_glue_switched_out(const struct os_task *t);
void os_trace_glue_switched_in(const struct os_task *t);
void os_trace_glue_ready(const struct os_task *t);
void os_trace_glue_delay(const struct os_task *t, uint32_t ticks);
void os_trace_glue_block(const struct os_task *t, const void *obj);
void os_trace_glue_sem(unsigned type, const struct os_sem *s);
void os_trace_glue_mutex(unsigned type, const struct os_mutex *m);
void os_trace_glue_queue(unsigned type, const struct os_queue *q);

/* Port side (os_trace_glue_<port>.c). */
/* Prepare os_trace_buf over its storage: source, clock, masking, and make
 * it known to whoever drains it. Called once, by the first hook. */
void os_trace_glue_port_init(void);
/* Drive probe pin `pin` to `level` (0 or 1): one store on the board, or
 * one service call in a partition. */
void os_trace_glue_port_pin(unsigned pin, unsigned level);

#ifdef OS_TRACE_RUN_STOP_MS
/* Native trace builds with a bounded run (mk/trace.mk, RUN_MS): the tick
 * hook ends the run once the board clock passes OS_TRACE_RUN_STOP_MS ms,
 * draining the buffer on the way out (rtos/port/arm/trace/trace_port.c). */
void os_trace_glue_tick(uint32_t count);
#define OS_TRACE_TICK(count) os_trace_glue_tick(count)
#endif

#define OS_TRACE_TASK_CREATE(t) os_trace_glue_create(t)
#define OS_TRACE_TASK_DELETE(t) os_trace_glue_delete(t)
#define OS_TRACE_TASK_SWITCHED_OUT(t) os_trace_glue_switched_out(t)
#define OS_TRACE_TASK_SWITCHED_IN(t) os_trace_glue_switched_in(t)
#define OS_TRACE_TASK_READY(t) os_trace_glue_ready(t)
#define OS_TRACE_TASK_DELAY(t, ticks) os_trace_glue_delay((t), (ticks))
#define OS_TRACE_TASK_BLOCK(t, obj) os_trace_glue_block((t), (obj))
#define OS_TRACE_SEM_GIVE(s) os_trace_glue_sem(TRACE_SEM_GIVE, (s))
#define OS_TRACE_SEM_TAKE(s) os_trace_glue_sem(TRACE_SEM_TAKE, (s))
#define OS_TRACE_MUTEX_LOCK(m) os_trace_glue_mutex(TRACE_MUTEX_LOCK, (m))
#define OS_TRACE_MUTEX_UNLOCK(m) os_trace_glue_mutex(TRACE_MUTEX_UNLOCK, (m))
#define OS_TRACE_QUEUE_SEND(q) os_trace_glue_queue(TRACE_QUEUE_SEND, (q))
#define OS_TRACE_QUEUE_RECEIVE(q) os_trace_glue_queue(TRACE_QUEUE_RECV, (q))

#endif /* OS_TRACE_GLUE_H */
