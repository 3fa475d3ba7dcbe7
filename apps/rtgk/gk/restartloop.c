/*
 * restartloop.c - red-team guest kernel: restarts itself for ever past its
 * restart_limit.
 *
 * The partition's configuration (apps/systems/rt-restartloop) sets
 * restart_limit = 3 within restart_window_ms = 1000: the health monitor
 * stops a partition restarted more often (docs/threat-model.md "Restart
 * forever"). The escalation is counted only for the health monitor's own
 * restarts (partitions/hm.c, restart_storm); a restart the partition asks
 * for with PK_SVC_SET_MODE (NORMAL, then COLD_START) is not. So at every
 * start this guest reads its restart count (PK_SVC_MODE_STATUS), asks for
 * NORMAL and restarts itself cold. Once it has been restarted RESTARTS
 * times within the window it ends the run with
 *   RESULT rt-restartloop FAIL restarts=<n> in <t> ns (limit 3 per 1 s)
 * (status 1); a kernel that counts these restarts stops it earlier, and
 * the system's timeout ends the run without a FAIL line.
 */
#include "rtgk.h"

#define RESTARTS 20u
#define WINDOW_NS 1000000000u

static struct pk_mode_status ms __attribute__((aligned(8)));

/* The whole line (a console write takes at most 64 bytes per call). */
static void flush_all(struct rtgk_line *l)
{
    if (l->len < sizeof l->buf)
        l->buf[l->len++] = '\n';
    for (uint32_t done = 0; done < l->len;)
        done += rtgk_svc(PK_SVC_CONSOLE_WRITE,
                         (uint32_t)(uintptr_t)&l->buf[done], l->len - done,
                         0u, 0);
    l->len = 0u;
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    struct rtgk_line l = {.len = 0u};
    uint32_t now = rtgk_now32();
    uint32_t r = rtgk_svc(PK_SVC_MODE_STATUS, (uint32_t)PK_SELF,
                          (uint32_t)(uintptr_t)&ms, 0u, 0);
    if (r == 0u && ms.restarts >= RESTARTS) {
        rtgk_put(&l, now < WINDOW_NS ? "RESULT rt-restartloop FAIL restarts="
                                     : "RESULT rt-restartloop PASS restarts=");
        rtgk_put_u(&l, ms.restarts);
        rtgk_put(&l, " in ");
        rtgk_put_u(&l, now);
        rtgk_put(&l, " ns (limit 3 per 1 s)");
        flush_all(&l);
        (void)rtgk_svc(PK_SVC_TEST_EXIT, now < WINDOW_NS ? 1u : 0u, 0u, 0u,
                       0);
    }
    (void)rtgk_svc(PK_SVC_SET_MODE, (uint32_t)PK_SELF, PK_MODE_NORMAL, 0u, 0);
    (void)rtgk_svc(PK_SVC_SET_MODE, (uint32_t)PK_SELF, PK_MODE_COLD_START, 0u,
                   0);
    rtgk_put(&l, "restartloop: SET_MODE cold_start returned");
    rtgk_flush(&l);
    for (;;)
        (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
}
