/*
 * common.h - shared by the apps of pk-ports: the raw kernel call with four
 * arguments (the isolation steps call the kernel directly, below the guest
 * API) and the check macro.
 */
#ifndef PK_PORTS_COMMON_H
#define PK_PORTS_COMMON_H

#include <stdint.h>
#include <stdio.h>

#include "pv_svc.h"

static inline int32_t raw4(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
                           uint32_t a3)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0"
                     : "+r"(r0), "+r"(r1)
                     : "r"(r2), "r"(r3), "r"(r7)
                     : "memory");
    return (int32_t)r0;
}

#define CHECK(name, cond)                                                  \
    do {                                                                   \
        if (!(cond)) {                                                     \
            printf("RESULT pk-ports FAIL %s (line %d)\n", name, __LINE__); \
            pv_test_exit(1);                                               \
        }                                                                  \
        printf("ok %s\n", name);                                           \
    } while (0)

/* Busy for ns of the global clock. */
static inline void spin_ns(uint64_t ns)
{
    uint64_t t0 = pv_time_ns();
    while (pv_time_ns() - t0 < ns)
        ;
}

#endif
