/*
 * test_util.h - shared helpers of the tick core's host tests.
 *
 * Tests record what tasks do as a space-separated event log and compare it
 * with the expected sequence, so a wrong order or a missing step fails.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "host_harness.h"
#include "os.h"

#define TEST_TASKS 6
#define TEST_STACK_WORDS PORT_STACK_MIN_WORDS

/* Task control blocks and stacks for the tests. */
extern struct os_task tt[TEST_TASKS];
extern port_stack_t tstack[TEST_TASKS][TEST_STACK_WORDS];

/* Create task i; fails the test unless os_task_create() returns OS_OK. */
void mk(int i, const char *name, void (*fn)(void *), void *arg, unsigned prio);

/* Append one formatted event (a word) to the log. */
void ev(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The log so far, words separated by single spaces. */
const char *evlog(void);

/* The ready-trace log: "name@tick" for every task made ready (not idle). */
const char *readylog(void);

/* Forget the ready-trace log (e.g. the creations before os_start()). */
void readylog_clear(void);

/* cmocka setup: host_reset(), os_init(), logs cleared. */
int setup_core(void **state);

/* Setup starting the tick count just before the 32-bit wrap. */
#define TEST_WRAP_START 0xFFFFFFF0u
int setup_core_wrap(void **state);

#endif /* TEST_UTIL_H */
