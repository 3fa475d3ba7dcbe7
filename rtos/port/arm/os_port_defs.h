/*
 * os_port_defs.h - types and limits of the native ARM926 port (see
 * rtos/include/os_port.h for the contract).
 */
#ifndef OS_PORT_DEFS_H
#define OS_PORT_DEFS_H

#include <stdint.h>

/* One stack word. */
typedef uint32_t port_stack_t;

/* AAPCS: the stack is 8-byte aligned at every public interface. */
#define PORT_STACK_ALIGN 8u

/* The saved context takes PORT_FRAME_WORDS words; a task also needs room
 * for its own calls and for the guard words of the stack check. */
#define PORT_FRAME_WORDS 17u
#define PORT_STACK_MIN_WORDS 128u

/* A saved CPSR (only its I bit matters to port_irq_restore). */
#define PORT_IRQ_STATE_T uint32_t

#endif /* OS_PORT_DEFS_H */
