/*
 * os_port_defs.h - types and limits of the para-virtual port of the tick
 * core: the guest inside a partition of the partitioning kernel (see
 * rtos/include/os_port.h for the contract, docs/abi.md for the kernel side).
 */
#ifndef OS_PORT_DEFS_H
#define OS_PORT_DEFS_H

#include <stdint.h>

/* One stack word. */
typedef uint32_t port_stack_t;

/* AAPCS: the stack is 8-byte aligned at every public interface. */
#define PORT_STACK_ALIGN 8u

/* A saved task context (r0-r15, CPSR, virtual mode, gate slot, one pad
 * word) takes PV_FRAME_WORDS on the task's stack; a task also needs room for
 * its own calls and the guard words of the stack check. */
#define PV_FRAME_WORDS 20u
#define PORT_STACK_MIN_WORDS 160u

/* A saved virtual interrupt mask (vcpu.vmask). */
#define PORT_IRQ_STATE_T uint32_t

/*
 * Kernel objects of the application (struct os_task, os_sem, os_mutex,
 * os_queue and queue storage) are declared with OS_KOBJ so that they are
 * linked into the partition's guest-kernel range, where tasks cannot
 * touch them (linker/partition.ld collects the ".kobj" sections there).
 * Other ports define OS_KOBJ as nothing.
 */
#define OS_KOBJ __attribute__((section(".kobj")))

#endif /* OS_PORT_DEFS_H */
