/*
 * os_port_defs.h - types, limits and inline fast paths of the native ARM
 * port (see rtos/include/os_port.h for the contract).
 *
 * The fast paths: the in-ISR check, the critical section and the task-level
 * yield request are inline here (the core calls them on every operation);
 * port.c keeps out-of-line definitions of the same calls for anyone who
 * takes their address or calls them from assembly.
 */
#ifndef OS_PORT_DEFS_H
#define OS_PORT_DEFS_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "port_guard.h"

/* One stack word. */
typedef uint32_t port_stack_t;

/* AAPCS: the stack is 8-byte aligned at every public interface. */
#define PORT_STACK_ALIGN 8u

/* The saved context takes PORT_FRAME_WORDS words; a task also needs room
 * for its own calls and for the guard words of the stack check. */
#define PORT_FRAME_WORDS 17u
#define PORT_STACK_MIN_WORDS 128u

/* A saved CPSR (port_irq_restore writes its control field back). */
#define PORT_IRQ_STATE_T uint32_t

/* ---- Inline fast paths (port.c owns the variables) ---- */

/* Critical section depth of the running task; 0 whenever IRQs are on at
 * task level. */
extern uint32_t port_critical_nesting;
/* A port_yield() came inside a critical section: switch at its end. */
extern bool port_yield_pending;
/* The first task runs: port_yield() before that does nothing. */
extern bool port_started;
/* Set by port_yield_from_isr(), consumed by the IRQ exit path. */
extern volatile uint32_t port_switch_pending;

/* Out of line (port.c): the switch deferred to the end of a critical
 * section, the unbalanced exit, and the SVC entries of port_asm.S. */
void port_critical_exit_switch(void);
void port_critical_underflow(void) __attribute__((noreturn));

static inline bool port_in_isr_inline(void)
{
    return cpu_mode() == CPU_MODE_IRQ;
}

static inline void port_critical_enter_inline(void)
{
    cpu_irq_disable();
    port_critical_nesting++;
}

static inline void port_critical_exit_inline(void)
{
    uint32_t n = port_critical_nesting;
    if (n == 0u)
        port_critical_underflow();
    port_critical_nesting = --n;
    if (n == 0u) {
        if (port_yield_pending)
            port_critical_exit_switch();
        cpu_irq_enable();
    }
}

/* The switch from task level (port_asm.S): save the caller's frame,
 * os_task_switch() (port_switch) or os_task_yield_switch()
 * (port_switch_yield, which also rotates the running task behind its
 * equals), restore os_current. Return when the caller runs again. */
void port_switch(void);
void port_switch_yield(void);

static inline void port_yield_inline(void)
{
    if (!port_started)
        return;
    if (port_in_isr_inline()) {
        port_switch_pending = 1u;
        return;
    }
    if (port_critical_nesting != 0u) {
        port_yield_pending = true;
        return;
    }
    port_switch();
}

/* PORT_FAST_YIELD (os_port.h): a yield at task level, outside critical
 * sections, goes straight to the switch and os_task_yield_switch(). */
#define PORT_FAST_YIELD 1
static inline bool port_yield_rotate(void)
{
    /* Not in a handler: of the modes this port runs code in, IRQ (0x12) is
     * the one with bit 0 clear (tasks run in SYS, 0x1F; the switch in SVC,
     * 0x13), so one test of that bit is port_in_isr() here. */
    if (port_critical_nesting != 0u || (cpu_cpsr_read() & 1u) == 0u)
        return false;
    port_switch_yield();
    return true;
}

/* PORT_TICK_MASKED (os_port.h): os_tick_announce() runs from the tick's
 * interrupt handler (IRQs masked, never nested) or from bsp_tick_poll(),
 * which masks them around it. */
#define PORT_TICK_MASKED 1

#define port_in_isr() port_in_isr_inline()
#define port_critical_enter() port_critical_enter_inline()
#define port_critical_exit() port_critical_exit_inline()
#define port_yield() port_yield_inline()
#define port_yield_from_isr() ((void)(port_switch_pending = 1u))
#define port_irq_save() cpu_irq_save()
/* The core's save and restore pairs are local to one function, in one
 * mode (a task's SYS, or IRQ), with FIQs masked throughout. */
#define port_irq_restore(s) cpu_irq_restore_same_mode(s)

#endif /* OS_PORT_DEFS_H */
