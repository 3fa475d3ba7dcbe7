/*
 * capwake.c - red-team guest kernels against the one-shot timer's cap
 * (bsp/common/clock.c: a countdown longer than TIMER_CAP_NS = 1 s is cut
 * at the cap and only that capped one re-reads the clock at its end; an
 * uncapped one ends the kernel's handler without a clock read).
 *
 * Built two ways (CAPWAKE_ROLE, apps/systems/rt-capwake):
 * - sleeper (1, the judge): sleeps in PK_SVC_BLOCK (no ticks argument, no
 *   events asked for) for lengths around the cap and its multiples: 1 s
 *   - 1 ns, exactly 1 s, 1 s + 1 ns, 1 s +- 1 us, 2 s - 1, 2 s, 2 s + 1,
 *   3 s + 7, and a few short and zero-length ones; every deadline measured
 *   from a fresh clock reading. It wakes when the kernel's timer says so:
 *   nothing else runs then. It measures each wake-up's lateness (first
 *   instruction after the BLOCK minus the deadline) and an early return
 *   (before the deadline: it blocks again, counted), and prints
 *     capwake: sleeps=<n> max_late_ns=<l> early=<e>
 *     RESULT rt-capwake PASS (every wake within 50 us) | FAIL
 * - attacker (2): wakes at pseudo-random instants, asks for long deadlines
 *   exactly at, just below and just above the cap from its own clock
 *   reading (BLOCK, TIMER_SET, VIT_REQUEST, no warp rights), each time
 *   moving the kernel's earliest deadline between a capped and an uncapped
 *   countdown, and some that fall on the sleeper's own deadlines.
 */
#include "rtgk.h"
#include "rt_upcall.h"

#include <stdbool.h>

static void svc64(uint32_t nr, uint64_t t, uint32_t a2)
{
    (void)rtgk_svc(nr, (uint32_t)t, (uint32_t)(t >> 32), a2, 0);
}

#define CAP 1000000000ull

#if CAPWAKE_ROLE == 1
static const uint64_t lengths[] = {
    CAP - 1u, CAP, CAP + 1u, CAP - 1000u, CAP + 1000u, CAP + 999u,
    2u * CAP - 1u, 2u * CAP, 2u * CAP + 1u, 3u * CAP + 7u,
    1u, 999u, 1000u, 1001u, 0u, CAP - 100000u, CAP + 100000u,
    CAP + 100001u, 2u * CAP + 100000u, 5u * CAP + 3u,
};
#define N_LEN (sizeof lengths / sizeof lengths[0])

void rtgk_attack(void);
void rtgk_attack(void)
{
    rt_upcall_install();
    uint32_t max_late = 0, early = 0, sleeps = 0;
    for (unsigned round = 0; round < 2u; round++) {
        for (unsigned i = 0; i < N_LEN; i++) {
            uint64_t d = rtgk_now64() + lengths[i];
            uint64_t now;
            for (;;) {
                svc64(PK_SVC_BLOCK, d, 0u);
                now = rtgk_now64();
                if (now >= d)
                    break;
                early++;
            }
            uint32_t late = (uint32_t)(now - d);
            if (lengths[i] != 0u && late > max_late)
                max_late = late;
            sleeps++;
            struct rtgk_line l = {.len = 0u};
            rtgk_put(&l, "capwake: length_ns=");
            rtgk_put_u(&l, (uint32_t)(lengths[i] >> 10));
            rtgk_put(&l, "Ki late_ns=");
            rtgk_put_u(&l, late);
            rtgk_flush(&l);
        }
    }
    struct rtgk_line l = {.len = 0u};
    rtgk_put(&l, "capwake: sleeps=");
    rtgk_put_u(&l, sleeps);
    rtgk_put(&l, " max_late_ns=");
    rtgk_put_u(&l, max_late);
    rtgk_put(&l, " early=");
    rtgk_put_u(&l, early);
    rtgk_flush(&l);
    bool ok = max_late <= 50000u;
    rtgk_put(&l, ok ? "RESULT rt-capwake PASS" : "RESULT rt-capwake FAIL");
    rtgk_flush(&l);
    (void)rtgk_svc(PK_SVC_TEST_EXIT, ok ? 0u : 1u, 0u, 0u, 0);
    for (;;) {
    }
}
#else
static uint32_t rnd = 0xC0FFEEu;

static uint32_t next_rand(void)
{
    rnd = rnd * 1103515245u + 12345u;
    return rnd >> 8;
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    rt_upcall_install();
    for (;;) {
        uint32_t r = next_rand();
        uint64_t now = rtgk_now64();
        /* Long deadlines at the cap, from this reading. */
        int64_t off = (int64_t)(r % 5u) - 2; /* -2..2 ns */
        svc64(PK_SVC_TIMER_SET, now + CAP + (uint64_t)off, 0u);
        svc64(PK_SVC_VIT_REQUEST, now + CAP + 1u + (r >> 3) % 3u, 0u);
        now = rtgk_now64();
        /* Wake at a pseudo-random instant 0.1 .. 0.9 s ahead, or exactly
         * at the cap. */
        uint64_t d = (r >> 5) % 4u == 0u ? now + CAP
                                         : now + 100000000u + (r >> 2) % 800000000u;
        while (rtgk_now64() < d)
            svc64(PK_SVC_BLOCK, d, 0u);
    }
}
#endif
