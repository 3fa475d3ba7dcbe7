/*
 * urgentflood.c - red-team guest kernel: writes its sampling source "out"
 * in a loop. Its channel's destination is an urgent port of another
 * partition ("receiver", apps/rtrecv), so every write raises the port
 * event there and warps the receiver as a VIT expiry would
 * (partitions/port.c notify, pk_time_urgent_wake), at the sender's
 * choice of time. The sender itself has no warp right. Prints every
 * REPORT_EVERY writes
 *   urgentflood: writes=<n> result=<r>
 */
#include "rtgk.h"

#define REPORT_EVERY 20000u

static struct pk_port_info info __attribute__((aligned(8)));
static uint32_t word __attribute__((aligned(8)));

static __attribute__((noinline)) uint32_t svc4(uint32_t nr, uint32_t a0,
                                               uint32_t a1, uint32_t a2,
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
    return r0;
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    struct rtgk_line l = {.len = 0u};
    static const char name[] = "out";
    uint32_t port = rtgk_svc(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)name,
                             sizeof name - 1u, (uint32_t)(uintptr_t)&info,
                             0);
    rtgk_put(&l, "urgentflood: open=");
    rtgk_put_u(&l, port);
    rtgk_flush(&l);
    for (uint32_t n = 1;; n++) {
        word = n;
        uint32_t r = svc4(PK_SVC_SAMPLING_WRITE, port,
                          (uint32_t)(uintptr_t)&word, 4u, 0u);
        if (n % REPORT_EVERY == 0u || r != 0u) {
            rtgk_put(&l, "urgentflood: writes=");
            rtgk_put_u(&l, n);
            rtgk_put(&l, " result=");
            rtgk_put_u(&l, r);
            rtgk_flush(&l);
        }
    }
}
