/*
 * gatecheap.c - control for gatesort.c: the same loop of failing
 * PK_SVC_GATE_SETUP calls, but the first entry is the invalid one, so the
 * kernel refuses each call before sorting anything. The victim beside it
 * shows what the rate of service calls alone costs (rt-gatecheap).
 */
#include "rtgk.h"

#define REPORT_EVERY 2000u

/* A table of guest-kernel addresses (this function's neighbourhood). */
static uint32_t table[64];

void rtgk_attack(void);
void rtgk_attack(void)
{
    uint32_t base = (uint32_t)(uintptr_t)&table[0];
    for (uint32_t i = 0; i < 63u; i++)
        table[i] = base + 4u * (63u - i); /* descending, word-aligned */
    table[0] = base + 2u;                 /* invalid: fails at once */
    struct rtgk_line l = {.len = 0u};
    uint32_t max = 0;
    for (uint32_t n = 1;; n++) {
        uint32_t t0 = rtgk_now32();
        uint32_t r = rtgk_svc(PK_SVC_GATE_SETUP, base, 64u, base, 0);
        uint32_t dt = rtgk_now32() - t0;
        if (dt > max)
            max = dt;
        if (n % REPORT_EVERY == 0u || r != (uint32_t)PK_EINVAL) {
            rtgk_put(&l, "gatecheap: calls=");
            rtgk_put_u(&l, n);
            rtgk_put(&l, " result=");
            rtgk_put_u(&l, r);
            rtgk_put(&l, " last_ns=");
            rtgk_put_u(&l, dt);
            rtgk_put(&l, " max_ns=");
            rtgk_put_u(&l, max);
            rtgk_flush(&l);
        }
    }
}
