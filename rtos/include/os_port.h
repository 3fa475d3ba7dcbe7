/*
 * os_port.h - the contract between the tick core (rtos/src) and a port.
 *
 * A port adapts the tick core to one execution environment. Three ports
 * implement this header, with no #if in the core to tell them apart:
 *   rtos/port/arm     native: tasks run in ARM SYS mode on the bare board;
 *   rtos/port/host    host unit tests: no real context switch, the test
 *                     drives the scheduler and inspects its decisions;
 *   rtos/port/pv      para-virtual guest inside a partition (USR mode),
 *                     talking to the partitioning kernel by service calls.
 *
 * Each port ships an "os_port_defs.h" (found through the include path) that
 * defines the types and macros marked "port_defs" below, then includes
 * nothing of the core.
 *
 * The tick itself belongs to the board (native) or the partitioning kernel
 * (para-virtual): the port's job is only to call os_tick_announce() when
 * ticks have elapsed, from interrupt context (native) or from the virtual
 * interrupt upcall (para-virtual).
 */
#ifndef OS_PORT_H
#define OS_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "os_port_defs.h"

/*
 * port_defs: what os_port_defs.h must provide.
 *
 *   typedef ... port_stack_t;        one stack word (uint32_t on ARM).
 *   PORT_STACK_ALIGN                 required stack alignment in bytes.
 *   PORT_STACK_MIN_WORDS             smallest usable task stack, in words.
 *   PORT_IRQ_STATE_T                 type that holds a saved interrupt mask.
 *
 * Optional:
 *   PORT_TASK_FIELDS                 member declarations appended to the end
 *                                    of struct os_task for the port's own
 *                                    per-task state (the para-virtual port
 *                                    keeps the saved context and the task's
 *                                    guest-kernel stack there); empty when
 *                                    not defined. The core never touches
 *                                    them.
 *   PORT_OBJECT_OK(ptr, size)        true when a kernel object may lie at
 *                                    [ptr, ptr + size); default: anywhere.
 *   PORT_BUFFER_OK(ptr, size)        true when the core may copy to or from
 *                                    [ptr, ptr + size) for the caller (queue
 *                                    storage and items); default: anywhere.
 *   PORT_NEW_OBJECT_OK()             true when the caller may make a new
 *                                    object (not re-initialise one);
 *                                    default: always. See os.h and
 *                                    docs/rtos.md "Object validation".
 *   PORT_KOBJ_MAP                    1 when the port keeps a type map of its
 *                                    object region (default 0: none); then
 *                                    also:
 *   PORT_KOBJ_BASE                   first byte of the object region
 *                                    (uintptr_t); PORT_OBJECT_OK must accept
 *                                    only objects lying wholly in the
 *                                    region;
 *   PORT_KOBJ_GRAIN                  bytes of the region per map entry: a
 *                                    power of two, at most the alignment of
 *                                    every object type, so that each aligned
 *                                    address has an entry of its own;
 *   PORT_KOBJ_TABLE                  the map (uint8_t *): one entry per grain
 *                                    of the region, in memory that only the
 *                                    core writes (never a buffer, never in
 *                                    the region itself);
 *   PORT_KOBJ_ENTRIES                its number of entries (size_t; may be a
 *                                    link-time value).
 *                                    The core owns the contents: it clears
 *                                    them at os_init() and writes them only
 *                                    in the init, create and delete paths.
 *
 * Inline fast paths (optional): os_port_defs.h may define port_in_isr(),
 * port_critical_enter(), port_critical_exit(), port_yield(),
 * port_yield_from_isr(), port_irq_save() and port_irq_restore(s) as
 * function-like macros over static inline code; the core then runs them
 * inline (the declarations below put the names in parentheses, so the
 * macros do not touch them, and the port still defines the functions).
 *   PORT_FAST_YIELD                  1 when os_port_defs.h also defines
 *                                    static inline bool port_yield_rotate(void):
 *                                    at task level outside any critical
 *                                    section, switch through the port's
 *                                    switch path calling
 *                                    os_task_yield_switch() (instead of
 *                                    os_task_switch()) and return true when
 *                                    the task runs again; anywhere else do
 *                                    nothing and return false. The core
 *                                    calls it only once started and with
 *                                    the scheduler not suspended
 *                                    (default 0: os_task_yield() rotates
 *                                    the ready list itself and asks
 *                                    port_yield()).
 *   PORT_TICK_MASKED                 1 when the port calls
 *                                    os_tick_announce() only with
 *                                    interrupts masked (its handlers run
 *                                    masked, unnested), so the tick need
 *                                    not mask them again (default 0).
 */

struct os_task;

/* PORT_TASK_MADE_READY(): optional; the core calls it whenever a task
 * joins a ready list (woken, resumed, created, its priority changed), so a
 * port that let ticks go unannounced because nothing was due
 * (os_ticks_to_next_need()) can take them again: the task may now share
 * the running one's time slices. Default: nothing. */
#ifndef PORT_TASK_MADE_READY
#define PORT_TASK_MADE_READY() ((void)0)
#endif

/* PORT_STACK_GUARD4_INTACT(base, fill): optional; true when the 4 stack
 * words at base all equal fill, the stack check's test of the guard words
 * on every switch when OS_CONFIG_STACK_GUARD_WORDS is 4 (the default). A
 * port may give a faster one than the core's loop (the ARM ports: one ldm
 * and conditional compares, rtos/port/arm/port_guard.h). */

#ifndef PORT_TICK_MASKED
#define PORT_TICK_MASKED 0
#endif

#ifndef PORT_FAST_YIELD
#define PORT_FAST_YIELD 0
static inline bool port_yield_rotate(void)
{
    return false;
}
#endif

/* ------------------------------------------------------------------ */
/* Stacks and context switching                                        */
/* ------------------------------------------------------------------ */

/*
 * Lay out the initial context of task t so that the first switch to it
 * enters entry(arg) with interrupts enabled. stack points at the lowest
 * word of the task's stack, words is its length. The context may be kept on
 * that stack or in the port's own fields of t (PORT_TASK_FIELDS, below);
 * the core has not yet written t. Returns the initial saved stack pointer,
 * which the core stores in t->sp: it must lie within the stack, above its
 * guard words, and the core fills the stack below it. Returns NULL to refuse
 * the task (a port with rules on where a TCB or a stack may lie):
 * os_task_create() then fails with OS_ERR_PARAM. When entry returns, the
 * task must end up in os_task_exit().
 *
 * From then on t->sp is the task's stack pointer as of its last switch out
 * (on its own stack, in [stack, stack + words]): the core checks it and the
 * guard words at every switch to detect a stack overflow.
 */
port_stack_t *port_stack_init(struct os_task *t, port_stack_t *stack,
                              size_t words, void (*entry)(void *), void *arg);

/*
 * Start running os_current (already chosen by the core). Called once from
 * os_start() with interrupts disabled; never returns on a target.
 * The host port returns so that tests can go on.
 */
void port_start_first_task(void);

/*
 * Ask for a context switch from task level. The switch happens before the
 * function returns to the task (or, inside a critical section, as soon as
 * the critical section ends). The core calls it after a change that may make another task the one to run; the switch itself picks it (os_task_switch).
 */
void(port_yield)(void);

/*
 * Ask for a context switch at the end of the current interrupt handler.
 * Safe to call several times in one interrupt.
 */
void(port_yield_from_isr)(void);

/* True while executing an interrupt handler (or, para-virtual, an upcall). */
bool(port_in_isr)(void);

/* ------------------------------------------------------------------ */
/* Interrupt masking                                                   */
/* ------------------------------------------------------------------ */

/*
 * Nested critical sections for task level: interrupts (real or virtual)
 * that may call the core are masked between enter and the matching exit.
 */
void(port_critical_enter)(void);
void(port_critical_exit)(void);

/* Mask/unmask for interrupt handlers; nests by saving the previous state.
 * A pair runs in one function, in one processor mode (the native port
 * writes the saved state back whole). */
PORT_IRQ_STATE_T(port_irq_save)(void);
void(port_irq_restore)(PORT_IRQ_STATE_T state);

/* ------------------------------------------------------------------ */
/* Idle and time                                                       */
/* ------------------------------------------------------------------ */

/*
 * Called by the idle task when no other task is ready. next_wake is the
 * number of ticks until the earliest delayed task wakes (OS_WAIT_FOREVER
 * when none). A port may sleep the CPU (WFI) or, para-virtual, block the
 * partition in the kernel until its next timer; it returns after any
 * interrupt/event, having announced the ticks that elapsed.
 */
void port_idle(uint32_t next_wake);

/*
 * The 64-bit monotonic clock of the system in nanoseconds (board counter,
 * or the kernel's clock through a service call). Used by tests, trace and
 * the real-time delay.
 */
uint64_t port_time_ns(void);

/*
 * The nominal time (port_time_ns() clock) of the most recent tick announced
 * with os_tick_announce(), or before the first one the start of the tick
 * grid: the deadline the tick was due at, not the moment it was handled.
 * The core dates real-time wake-ups from it (tick + n periods), so they fall
 * on the tick grid and do not drift by the tick's handling latency.
 */
uint64_t port_tick_time_ns(void);

/*
 * Para-virtual hook: called when a task enters a real-time delay so that the
 * kernel is asked (VIT) to run this partition at the absolute time at which
 * the task becomes ready. Native and host ports implement it as nothing.
 */
void port_realtime_wake_at(uint64_t wake_time_ns);

/* Report a fatal core error (assert, stack overflow); does not return. */
void port_panic(const char *why) __attribute__((noreturn));

#endif /* OS_PORT_H */
