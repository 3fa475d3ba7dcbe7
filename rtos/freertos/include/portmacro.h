/*
 * portmacro.h - FreeRTOS's port types and macros for the compatibility
 * layer: 32-bit ARM, ticks of the tick core (os_tick_t), critical sections
 * and yields through the core's API. Included by FreeRTOS.h.
 */
#ifndef PORTMACRO_H
#define PORTMACRO_H

#include <stdint.h>

#include "os.h"

#define portCHAR char
#define portFLOAT float
#define portDOUBLE double
#define portLONG long
#define portSHORT short
#define portSTACK_TYPE port_stack_t
#define portBASE_TYPE long

typedef portSTACK_TYPE StackType_t;
typedef long BaseType_t;
typedef unsigned long UBaseType_t;
typedef uint32_t TickType_t;

_Static_assert(sizeof(TickType_t) == sizeof(os_tick_t), "TickType_t is the core's tick");

#define portMAX_DELAY ((TickType_t)0xffffffffUL)
_Static_assert(0xffffffffUL == OS_WAIT_FOREVER, "portMAX_DELAY is the core's OS_WAIT_FOREVER");
#define portTICK_TYPE_IS_ATOMIC 1
#define portTICK_PERIOD_MS ((TickType_t)1000 / configTICK_RATE_HZ)
#define portSTACK_GROWTH (-1)
#define portBYTE_ALIGNMENT 8
#define portBYTE_ALIGNMENT_MASK 0x0007
#define portPOINTER_SIZE_TYPE uint32_t
#define portNOP() __asm__ volatile("nop")
#define portINLINE __inline
#define portFORCE_INLINE inline __attribute__((always_inline))
#define portDONT_DISCARD __attribute__((used))
#define portMEMORY_BARRIER() __asm__ volatile("" ::: "memory")
#define portSOFTWARE_BARRIER() portMEMORY_BARRIER()

/* Inside a partition (the para-virtual port) application code never runs
 * at interrupt level: it runs in tasks, and the "FromISR" calls are the
 * task-level calls that never block (see FreeRTOS.h). */
#ifdef PV_FRAME_WORDS
#define FR_PARTITION 1
#else
#define FR_PARTITION 0
#endif

/* A yield. At interrupt level the core has already asked for the switch
 * in every _from_isr call that woke a task, so portYIELD_FROM_ISR and
 * portEND_SWITCHING_ISR only evaluate their argument. */
#define portYIELD() os_task_yield()
#define portYIELD_WITHIN_API() os_task_yield()
#define portYIELD_FROM_ISR(x) ((void)(x))
#define portEND_SWITCHING_ISR(x) ((void)(x))

/* Critical sections nest (the core counts them); interrupts the core
 * manages are masked inside. portDISABLE_INTERRUPTS/ENABLE are the same
 * nesting section (they must pair). */
#define portENTER_CRITICAL() os_critical_enter()
#define portEXIT_CRITICAL() os_critical_exit()
#define portDISABLE_INTERRUPTS() os_critical_enter()
#define portENABLE_INTERRUPTS() os_critical_exit()
#if FR_PARTITION
#define portSET_INTERRUPT_MASK_FROM_ISR() (os_critical_enter(), (UBaseType_t)0)
#define portCLEAR_INTERRUPT_MASK_FROM_ISR(x) ((void)(x), os_critical_exit())
#else
#define portSET_INTERRUPT_MASK_FROM_ISR() ((UBaseType_t)port_irq_save())
#define portCLEAR_INTERRUPT_MASK_FROM_ISR(x) port_irq_restore((PORT_IRQ_STATE_T)(x))
#endif

/* Task function prototypes as FreeRTOS's demo code writes them. */
#define portTASK_FUNCTION_PROTO(vFunction, pvParameters) void vFunction(void *pvParameters)
#define portTASK_FUNCTION(vFunction, pvParameters) void vFunction(void *pvParameters)

/* True at interrupt level (never in a partition: see portYIELD_FROM_ISR). */
static inline long xPortIsInsideInterrupt(void)
{
#if FR_PARTITION
    return 0;
#else
    return port_in_isr() ? 1 : 0;
#endif
}

#endif /* PORTMACRO_H */
