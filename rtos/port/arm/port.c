/*
 * port.c - the native ARM926 port of the tick core (see os_port.h).
 *
 * Tasks run in SYS mode (privileged, sharing the USR register bank).
 * Critical sections mask IRQs with one global nesting counter: a task never
 * switches out while the counter is non-zero, because port_yield() inside a
 * critical section only marks the switch as pending and the outermost
 * port_critical_exit() performs it. The tick is the board's one-shot timer
 * run on a grid of the board counter (bsp_tick_start): period ends at
 * start + k * tick exactly, so it never drifts.
 */
#include <stdbool.h>
#include <stdint.h>

#include "bsp.h"
#include "cpu.h"
#include "fault.h"
#include "os.h"
#include "port_frame.h"

_Static_assert(sizeof(port_stack_t) == 4u, "ARM stack words are 32-bit");
_Static_assert(PORT_FRAME_BYTES == (int)(PORT_FRAME_WORDS * 4u),
               "frame size agrees between C and assembly");
_Static_assert(PORT_FRAME_CPSR == 0 && PORT_FRAME_R0 == 1 && PORT_FRAME_R12 == 13 &&
                   PORT_FRAME_SP == 14 && PORT_FRAME_LR == 15 && PORT_FRAME_PC == 16,
               "port_asm.S relies on this frame layout");
_Static_assert(offsetof(struct os_task, sp) == PORT_TASK_SP_OFFSET,
               "the saved sp is the first field of struct os_task");

/* Assembly entry points (port_asm.S). */
void port_restore_first(void) __attribute__((noreturn));

/* Shared with the inline fast paths of os_port_defs.h. */
volatile uint32_t port_switch_pending;
uint32_t port_critical_nesting;
bool port_yield_pending;
bool port_started;

port_stack_t *port_stack_init(struct os_task *t, port_stack_t *stack,
                              size_t words, void (*entry)(void *), void *arg)
{
    (void)t; /* the whole context lives on the task's stack */
    /* Top of the stack rounded down to the AAPCS alignment. */
    uintptr_t top = ((uintptr_t)(stack + words)) & ~(uintptr_t)(PORT_STACK_ALIGN - 1u);
    port_stack_t *frame = (port_stack_t *)top - PORT_FRAME_WORDS;
    for (unsigned i = 0; i < PORT_FRAME_WORDS; i++) {
        frame[i] = 0u;
    }
    frame[PORT_FRAME_CPSR] = CPU_MODE_SYS | CPU_PSR_F; /* IRQs on, ARM state */
    frame[PORT_FRAME_R0] = (port_stack_t)(uintptr_t)arg;
    frame[PORT_FRAME_SP] = (port_stack_t)top;
    frame[PORT_FRAME_LR] = (port_stack_t)(uintptr_t)os_task_exit;
    frame[PORT_FRAME_PC] = (port_stack_t)(uintptr_t)entry;
    return frame;
}

void port_start_first_task(void)
{
    (void)cpu_irq_save();
    port_critical_nesting = 0;
    port_yield_pending = false;
    port_switch_pending = 0;
    port_started = true;
    /* The board's tick grid: os_tick_announce(n) on each expiry, with the
     * number of ticks that passed. */
    bsp_tick_start(OS_CONFIG_TICK_HZ, os_tick_announce);
    port_restore_first();
}

void(port_yield)(void)
{
    port_yield_inline();
}

void(port_yield_from_isr)(void)
{
    port_switch_pending = 1u;
}

bool(port_in_isr)(void)
{
    return port_in_isr_inline();
}

void(port_critical_enter)(void)
{
    port_critical_enter_inline();
}

void(port_critical_exit)(void)
{
    port_critical_exit_inline();
}

void port_critical_underflow(void)
{
    port_panic("port_critical_exit without enter");
}

void port_critical_exit_switch(void)
{
    /* Switch with IRQs still masked; this task resumes here later and
     * then unmasks. */
    port_yield_pending = false;
    port_switch();
}

PORT_IRQ_STATE_T(port_irq_save)(void)
{
    return cpu_irq_save();
}

void(port_irq_restore)(PORT_IRQ_STATE_T state)
{
    cpu_irq_restore_same_mode(state);
}

void port_idle(uint32_t next_wake)
{
    if (OS_CONFIG_TICKLESS && next_wake > 1u) {
        /* Tickless: with interrupts masked (a pending one still ends the
         * wait), read the next wake-up again, move the tick's next expiry
         * there, sleep, then announce the ticks that passed and tick again
         * each period. The announcement runs here, at task level: a task it
         * wakes is switched to below, not at an interrupt's exit. */
        uint32_t psr = cpu_irq_save();
        uint32_t n = os_ticks_to_next_wake();
        if (n > 1u) {
            bsp_tick_defer(n);
            bsp_cpu_idle();
            bsp_tick_poll();
        }
        cpu_irq_restore(psr);
        if (port_switch_pending != 0u) {
            port_switch_pending = 0u;
            port_yield();
        }
        return;
    }
    /* The tick keeps running; any interrupt ends the wait. */
    bsp_cpu_idle();
}

uint64_t port_time_ns(void)
{
    return bsp_clock_ns();
}

uint64_t port_tick_time_ns(void)
{
    return bsp_tick_time_ns();
}

void port_realtime_wake_at(uint64_t wake_time_ns)
{
    (void)wake_time_ns;
}

void port_panic(const char *why)
{
    arm_panic(why);
}
