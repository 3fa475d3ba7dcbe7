/*
 * fault.h - last-resort reporting for unexpected exceptions and kernel
 * panics on ARM: print the registers on the console and leave the system
 * with a failing status (bsp_exit).
 */
#ifndef ARM_FAULT_H
#define ARM_FAULT_H

#include <stdint.h>

/* Exit status of a panic or an unhandled exception. */
#define ARM_PANIC_STATUS 2

/* Exception kinds passed by the default vectors of start.S. */
enum arm_exception {
    ARM_EXC_UNDEF = 1,
    ARM_EXC_SVC = 2,
    ARM_EXC_PABT = 3,
    ARM_EXC_DABT = 4,
    ARM_EXC_IRQ = 5,
    ARM_EXC_FIQ = 6,
};

/*
 * Called by the default (weak) vectors. frame points at r0..r12 and the
 * exception-mode lr as pushed on entry; usr points at the USR/SYS banked
 * sp and lr; spsr is the interrupted CPSR. Does not return.
 */
void arm_fault_report(unsigned kind, const uint32_t *frame,
                      const uint32_t *usr, uint32_t spsr)
    __attribute__((noreturn));

/* Prints "PANIC: why" with the current mode and CPSR, then exits. */
void arm_panic(const char *why) __attribute__((noreturn));

/* Polled, allocation-free console output for fault paths. */
void arm_puts(const char *s);
void arm_puthex(uint32_t v);

#endif /* ARM_FAULT_H */
