/*
 * port_guard.h - the stack check's guard-word test for the ARM ports (the
 * native one and the para-virtual guest's; see PORT_STACK_GUARD_INTACT in
 * rtos/include/os_port.h).
 *
 * The four guard words are loaded by one ldm and compared by a chain of
 * conditional compares whose result is the Z flag: 6 instructions and no
 * branch, where the C loop takes 4 loads and 7 ALU operations (every switch
 * runs it). ARM state only (the conditional compares need no IT block); a
 * Thumb build, or another number of guard words, takes the core's C loop.
 */
#ifndef PORT_GUARD_H
#define PORT_GUARD_H

#include <stdbool.h>
#include <stdint.h>

#if defined(__arm__) && !defined(__thumb__) && defined(__GCC_ASM_FLAG_OUTPUTS__)
/* True when the 4 words at base all equal fill. The registers of the ldm
 * are named in ascending order, as its encoding lists them. */
static inline bool port_guard4_intact(const uint32_t *base, uint32_t fill)
{
    register uint32_t w0 __asm__("r0");
    register uint32_t w1 __asm__("r1");
    register uint32_t w2 __asm__("r2");
    register uint32_t w3 __asm__("r3");
    bool eq;
    __asm__("ldm %5, {%1, %2, %3, %4}\n\t"
            "cmp %1, %6\n\t"
            "cmpeq %2, %6\n\t"
            "cmpeq %3, %6\n\t"
            "cmpeq %4, %6"
            : "=@cceq"(eq), "=&r"(w0), "=&r"(w1), "=&r"(w2), "=&r"(w3)
            : "r"(base), "r"(fill), "m"(*(const uint32_t(*)[4])base));
    return eq;
}
#define PORT_STACK_GUARD4_INTACT(base, fill) port_guard4_intact((base), (fill))
#endif

#endif /* PORT_GUARD_H */
