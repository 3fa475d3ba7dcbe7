/*
 * hmflood.c - red-team guest kernel: a storm of health-monitor records.
 *
 * With on_fault = "log" every PK_SVC_REPORT_ERROR (allowed to tasks too)
 * returns and the partition goes on, and every one has the kernel format
 * and print a whole HM line with interrupts masked (partitions/hm.c): the
 * partition times each call on the global clock. After FLOOD_CALLS calls it
 * prints
 *   hmflood: calls=<n> max_ns=<m> min_ns=<m>
 * and blocks for good.
 */
#include "rtgk.h"

#define FLOOD_CALLS 5000u

void rtgk_attack(void);
void rtgk_attack(void)
{
    struct rtgk_line l = {.len = 0u};
    uint32_t max = 0, min = 0xFFFFFFFFu;
    for (uint32_t n = 1; n <= FLOOD_CALLS; n++) {
        uint32_t t0 = rtgk_now32();
        (void)rtgk_svc(PK_SVC_REPORT_ERROR, PK_GUEST_ERR_APP, 0xFFFFFFFFu, 0u,
                       0);
        uint32_t dt = rtgk_now32() - t0;
        if (dt > max)
            max = dt;
        if (dt < min)
            min = dt;
    }
    rtgk_put(&l, "hmflood: calls=");
    rtgk_put_u(&l, FLOOD_CALLS);
    rtgk_put(&l, " max_ns=");
    rtgk_put_u(&l, max);
    rtgk_put(&l, " min_ns=");
    rtgk_put_u(&l, min);
    rtgk_flush(&l);
    for (;;)
        (void)rtgk_svc(PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u, 0);
}
