/*
 * os_port_defs.h - port definitions of the host test port.
 *
 * Tasks run as POSIX ucontext coroutines in one host thread. Each task's
 * saved context (a ucontext_t plus its entry) is kept at the top of its own
 * stack, and struct os_task.sp points at it, so the TCB layout is the same
 * as on a target. Host stacks must hold glibc, sanitizer and cmocka frames,
 * hence the large minimum.
 */
#ifndef OS_PORT_DEFS_H
#define OS_PORT_DEFS_H

#include <stdint.h>

typedef uintptr_t port_stack_t;

#define PORT_STACK_ALIGN 16
#define PORT_STACK_MIN_WORDS 8192 /* 64 KiB */
#define PORT_IRQ_STATE_T unsigned

/* port_start_first_task() returns (when the system first goes idle). */
#define PORT_START_RETURNS 1

#endif /* OS_PORT_DEFS_H */
