/*
 * os_trace.h - trace hooks of the tick core.
 *
 * Each hook is a macro the core expands at the matching event. They expand
 * to nothing unless "os_config.h" defines them, so unused hooks cost
 * nothing. A hook runs with interrupts masked, inside the core: it must be
 * short, must not block and must not call the core.
 *
 *   OS_TRACE_TASK_CREATE(t)        task t created
 *   OS_TRACE_TASK_DELETE(t)        task t deleted
 *   OS_TRACE_TASK_SWITCHED_IN(t)   t becomes os_current (in os_task_switch)
 *   OS_TRACE_TASK_SWITCHED_OUT(t)  t stops being os_current
 *   OS_TRACE_TASK_READY(t)         t entered a ready list
 *   OS_TRACE_TASK_DELAY(t, ticks)  t starts a delay of `ticks` ticks
 *   OS_TRACE_TASK_BLOCK(t, obj)    t blocks on the object obj
 *   OS_TRACE_SEM_GIVE(s) / OS_TRACE_SEM_TAKE(s)
 *   OS_TRACE_MUTEX_LOCK(m) / OS_TRACE_MUTEX_UNLOCK(m)
 *   OS_TRACE_QUEUE_SEND(q) / OS_TRACE_QUEUE_RECEIVE(q)
 *   OS_TRACE_TICK(count)           the tick count reached `count`
 */
#ifndef OS_TRACE_H
#define OS_TRACE_H

#include "os_config.h"

#ifndef OS_TRACE_TASK_CREATE
#define OS_TRACE_TASK_CREATE(t) do { } while (0)
#endif
#ifndef OS_TRACE_TASK_DELETE
#define OS_TRACE_TASK_DELETE(t) do { } while (0)
#endif
#ifndef OS_TRACE_TASK_SWITCHED_IN
#define OS_TRACE_TASK_SWITCHED_IN(t) do { } while (0)
#endif
#ifndef OS_TRACE_TASK_SWITCHED_OUT
#define OS_TRACE_TASK_SWITCHED_OUT(t) do { } while (0)
#endif
#ifndef OS_TRACE_TASK_READY
#define OS_TRACE_TASK_READY(t) do { } while (0)
#endif
#ifndef OS_TRACE_TASK_DELAY
#define OS_TRACE_TASK_DELAY(t, ticks) do { } while (0)
#endif
#ifndef OS_TRACE_TASK_BLOCK
#define OS_TRACE_TASK_BLOCK(t, obj) do { } while (0)
#endif
#ifndef OS_TRACE_SEM_GIVE
#define OS_TRACE_SEM_GIVE(s) do { } while (0)
#endif
#ifndef OS_TRACE_SEM_TAKE
#define OS_TRACE_SEM_TAKE(s) do { } while (0)
#endif
#ifndef OS_TRACE_MUTEX_LOCK
#define OS_TRACE_MUTEX_LOCK(m) do { } while (0)
#endif
#ifndef OS_TRACE_MUTEX_UNLOCK
#define OS_TRACE_MUTEX_UNLOCK(m) do { } while (0)
#endif
#ifndef OS_TRACE_QUEUE_SEND
#define OS_TRACE_QUEUE_SEND(q) do { } while (0)
#endif
#ifndef OS_TRACE_QUEUE_RECEIVE
#define OS_TRACE_QUEUE_RECEIVE(q) do { } while (0)
#endif
#ifndef OS_TRACE_TICK
#define OS_TRACE_TICK(count) do { } while (0)
#endif

#endif /* OS_TRACE_H */
