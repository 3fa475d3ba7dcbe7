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

/* Built with HOST_TICK_MASKED, the simulated tick interrupt masks around
 * os_tick_announce() and says so (PORT_TICK_MASKED), as the native ARM port
 * does: the core's tick then takes its fast path, which the tests of that
 * build run (tests/host/rtos/tests.mk, the *_masked tests). */
#ifdef HOST_TICK_MASKED
#define PORT_TICK_MASKED 1
#endif

/*
 * Built with HOST_KOBJ_MAP defined, the port keeps objects and a type map as
 * the para-virtual port does, so that host tests run the core's map checks:
 * objects declared OS_KOBJ are collected by the linker into the section
 * "host_kobj" (bounds __start_host_kobj/__stop_host_kobj), only objects
 * lying wholly there pass PORT_OBJECT_OK, and the map (port_host.c, one entry
 * per 8 bytes, the alignment of every object type here) is outside it.
 * Without HOST_KOBJ_MAP objects may lie anywhere and the tag decides.
 */
#ifdef HOST_KOBJ_MAP
#include <stdbool.h>
#include <stddef.h>

#define OS_KOBJ __attribute__((section("host_kobj")))

extern char __start_host_kobj[]; /* first byte of the object region (linker) */
extern char __stop_host_kobj[];  /* one past its last byte (linker) */

/* Entries of the map: room for a 64 KiB region (host_reset() checks). */
#define HOST_KOBJ_MAP_ENTRIES 8192u
extern unsigned char host_kobj_map[HOST_KOBJ_MAP_ENTRIES];

static inline bool host_object_ok(const void *p, size_t size)
{
    uintptr_t off = (uintptr_t)p - (uintptr_t)__start_host_kobj;
    uintptr_t len = (uintptr_t)(__stop_host_kobj - __start_host_kobj);
    return off <= len && size <= len - off;
}

#define PORT_OBJECT_OK(ptr, size) host_object_ok((ptr), (size))
#define PORT_KOBJ_MAP 1
#define PORT_KOBJ_BASE ((uintptr_t)__start_host_kobj)
#define PORT_KOBJ_GRAIN 8u
#define PORT_KOBJ_TABLE ((uint8_t *)host_kobj_map)
#define PORT_KOBJ_ENTRIES                                                                          \
    (((size_t)(__stop_host_kobj - __start_host_kobj) + PORT_KOBJ_GRAIN - 1u) / PORT_KOBJ_GRAIN)
#endif

#endif /* OS_PORT_DEFS_H */
