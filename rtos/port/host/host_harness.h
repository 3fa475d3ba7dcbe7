/*
 * host_harness.h - driving the tick core from a host unit test.
 *
 * The test's main context plays the hardware. Tasks run until the idle task
 * calls port_idle(); control then returns to the test, which may raise
 * simulated interrupts (ticks, ISR-style API calls) and resume the system.
 * A task may also raise an "interrupt" itself (host_isr() from a task), to
 * model one that arrives while that task runs: on return a switch requested
 * by the handler preempts the task, as at a real interrupt exit.
 *
 * Typical test:
 *     host_reset(); os_init(); os_task_create(...); os_start();  (runs until idle)
 *     host_tick(3);                                              (3 ticks, run until idle)
 */
#ifndef HOST_HARNESS_H
#define HOST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reset the port: time 0, logs and panic state cleared. Call before os_init(). */
void host_reset(void);

/* Resume the current task and run until the system is idle again (or a
 * task panics). Only from the test's main context. */
void host_run_until_idle(void);

/* Run fn(arg) as an interrupt handler (port_in_isr() true). From the main
 * context the switch it requests is made when the system is resumed; from a
 * task, the task is preempted at once if needed. */
void host_isr(void (*fn)(void *), void *arg);

/* Advance time by n tick periods, announce n ticks from a simulated tick
 * interrupt, and run until idle. From the main context only. */
void host_tick(uint32_t n);

/* The same without running afterwards; usable from a task (an interrupt
 * arriving while the task runs). Returns os_tick_announce()'s result. */
bool host_tick_isr(uint32_t n);

/* The host's monotonic clock, returned by port_time_ns(). */
void host_set_time_ns(uint64_t ns);
uint64_t host_time_ns(void);

/* Idle bookkeeping: how often port_idle() was entered, and its last argument. */
unsigned host_idle_count(void);
uint32_t host_idle_next_wake(void);

/* port_realtime_wake_at() calls recorded since host_reset() (the last 32). */
size_t host_realtime_count(void);
uint64_t host_realtime_at(size_t i);
/* Whether call i was made with the mask held (inside a critical section):
 * a request made after the mask is dropped may come only when the task is
 * resumed, after its delay ended. */
bool host_realtime_masked(size_t i);

/* Panic state: set by port_panic(). A panic in a task returns control to the
 * test (from host_run_until_idle() or os_start()); the system must then be
 * re-initialised. */
bool host_panicked(void);
const char *host_panic_message(void);

/* Run fn(arg) in the main context; returns true if it called port_panic(). */
bool host_call_catching_panic(void (*fn)(void *), void *arg);

/* True while a critical section is open (for invariant checks in tests). */
bool host_in_critical(void);

#endif /* HOST_HARNESS_H */
