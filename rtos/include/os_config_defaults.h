/*
 * os_config_defaults.h - configuration of the tick core.
 *
 * The application or system provides "os_config.h" on the include path
 * (it may be empty); every option it leaves out gets the default below.
 * Contradictory settings stop the build here with #error.
 */
#ifndef OS_CONFIG_DEFAULTS_H
#define OS_CONFIG_DEFAULTS_H

#include "os_config.h"
#include "os_port_defs.h"

/* Number of priority levels, 2..32 (one bit each in the ready bitmap). */
#ifndef OS_CONFIG_MAX_PRIORITIES
#define OS_CONFIG_MAX_PRIORITIES 8
#endif

/* Tick rate in Hz, 1..1000000. */
#ifndef OS_CONFIG_TICK_HZ
#define OS_CONFIG_TICK_HZ 1000
#endif

/* Stack of the idle task, in words. */
#ifndef OS_CONFIG_IDLE_STACK_WORDS
#define OS_CONFIG_IDLE_STACK_WORDS PORT_STACK_MIN_WORDS
#endif

/* 1: tasks of equal priority take turns on every tick. */
#ifndef OS_CONFIG_ROUND_ROBIN
#define OS_CONFIG_ROUND_ROBIN 1
#endif

/* 1: tickless idle. While only the idle task is ready, the port may stop
 * the tick until the next delayed task is due (port_idle's next_wake) and
 * announce the ticks that passed at once when the CPU wakes (the native
 * port does; the count and every delay stay exact). 0: a tick every
 * period. */
#ifndef OS_CONFIG_TICKLESS
#define OS_CONFIG_TICKLESS 0
#endif

/* 1: check the outgoing task's stack on every switch. */
#ifndef OS_CONFIG_STACK_CHECK
#define OS_CONFIG_STACK_CHECK 1
#endif

/* Words at the low end of each stack that must keep the fill pattern. */
#ifndef OS_CONFIG_STACK_GUARD_WORDS
#define OS_CONFIG_STACK_GUARD_WORDS 4
#endif

/* 1: OS_ASSERT() checks its condition and panics through port_panic(). */
#ifndef OS_CONFIG_ASSERT
#define OS_CONFIG_ASSERT 1
#endif

/* Longest chain of mutex owners that priority inheritance follows. */
#ifndef OS_CONFIG_INHERIT_DEPTH
#define OS_CONFIG_INHERIT_DEPTH 8
#endif

/* Notification slots per task (os_task_notify), 1..32. */
#ifndef OS_CONFIG_TASK_NOTIFY_COUNT
#define OS_CONFIG_TASK_NOTIFY_COUNT 1
#endif

/* Length of the name copies in a system-state snapshot (struct
 * os_task_status), the NUL included, 2..64. */
#ifndef OS_CONFIG_TASK_NAME_LEN
#define OS_CONFIG_TASK_NAME_LEN 16
#endif

/* 1: queue sets (os_queue_set_*): queues and semaphores carry a set
 * pointer that every send and give checks. 0: no such cost. */
#ifndef OS_CONFIG_QUEUE_SETS
#define OS_CONFIG_QUEUE_SETS 0
#endif

/* 1: run-time statistics: every switch reads port_time_ns() and adds the
 * outgoing task's run time (struct os_task.run_time). 0: no such cost. */
#ifndef OS_CONFIG_RUNTIME_STATS
#define OS_CONFIG_RUNTIME_STATS 0
#endif

#if OS_CONFIG_MAX_PRIORITIES < 2 || OS_CONFIG_MAX_PRIORITIES > 32
#error "OS_CONFIG_MAX_PRIORITIES must be 2..32 (idle uses 0, the ready bitmap has 32 bits)"
#endif
#if OS_CONFIG_TICK_HZ < 1 || OS_CONFIG_TICK_HZ > 1000000
#error "OS_CONFIG_TICK_HZ must be 1..1000000"
#endif
#if OS_CONFIG_IDLE_STACK_WORDS < PORT_STACK_MIN_WORDS
#error "OS_CONFIG_IDLE_STACK_WORDS is below the port's PORT_STACK_MIN_WORDS"
#endif
#if OS_CONFIG_STACK_CHECK && (OS_CONFIG_STACK_GUARD_WORDS < 1 || OS_CONFIG_STACK_GUARD_WORDS >= PORT_STACK_MIN_WORDS)
#error "OS_CONFIG_STACK_GUARD_WORDS must be 1..PORT_STACK_MIN_WORDS-1 when OS_CONFIG_STACK_CHECK is on"
#endif
#if OS_CONFIG_INHERIT_DEPTH < 1
#error "OS_CONFIG_INHERIT_DEPTH must be at least 1"
#endif

#if OS_CONFIG_TASK_NOTIFY_COUNT < 1 || OS_CONFIG_TASK_NOTIFY_COUNT > 32
#error "OS_CONFIG_TASK_NOTIFY_COUNT must be 1..32"
#endif
#if OS_CONFIG_TASK_NAME_LEN < 2 || OS_CONFIG_TASK_NAME_LEN > 64
#error "OS_CONFIG_TASK_NAME_LEN must be 2..64"
#endif
#if OS_CONFIG_QUEUE_SETS != 0 && OS_CONFIG_QUEUE_SETS != 1
#error "OS_CONFIG_QUEUE_SETS must be 0 or 1"
#endif
#if OS_CONFIG_RUNTIME_STATS != 0 && OS_CONFIG_RUNTIME_STATS != 1
#error "OS_CONFIG_RUNTIME_STATS must be 0 or 1"
#endif

#endif /* OS_CONFIG_DEFAULTS_H */
