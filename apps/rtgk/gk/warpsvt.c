/*
 * warpsvt.c - red-team guest kernels against BVT's one E order and the SVT
 * it derives from it (partitions/sched/bvt.c, pk_sched_svt: the least A of
 * the running partition and of the E order up to its first unwarped entry).
 *
 * Two partitions (WARPSVT_ROLE 1 and 2) with warp rights below the
 * victim's keep themselves warped and move through every state change the
 * order knows, in a pseudo-random mix, as fast as they can:
 *   - VIT requests already past (an expiry at once: a warp while running,
 *     or refused within U), and a few hundred ns ahead (an expiry while
 *     blocked: warped before it wakes, process_deadlines' VIT-first order);
 *   - BLOCK for 1..20 us (ends the warp, starts U, wakes at A = max(A, SVT)),
 *     BLOCK exactly at the next VIT deadline (expiry and wake-up together);
 *   - YIELD, warp_done before the next upcall return (pk_sched_end_warp),
 *     TIMER_SET a little ahead (a plain wake-up in the same exit);
 *   - computing for 0..60 us.
 * So there are often two warped partitions at the head of the order, before
 * the first unwarped one (the hog, or the victim), when a third wakes: the
 * walk of pk_sched_svt. A wrong SVT (too low: a woken partition would keep
 * its low A; too high: the victim would lose its place) or an order that
 * no longer matches the partitions' E would show as the victim's lateness
 * beyond the switch allowance, or as a share of the attackers beyond their
 * weight (each prints its run time of the last second, run_ns from
 * PART_STATUS).
 */
#include "rtgk.h"
#include "rt_upcall.h"

#ifndef WARPSVT_ROLE
#define WARPSVT_ROLE 1
#endif

static uint32_t rnd = 0x1234567u * WARPSVT_ROLE;

static uint32_t next_rand(void)
{
    rnd = rnd * 1103515245u + 12345u;
    return rnd >> 8;
}

static void svc64(uint32_t nr, uint64_t t, uint32_t a2)
{
    (void)rtgk_svc(nr, (uint32_t)t, (uint32_t)(t >> 32), a2, 0);
}

static void spin_ns(uint32_t ns)
{
    uint32_t t0 = rtgk_now32();
    while (rtgk_now32() - t0 < ns) {
    }
}

void rtgk_attack(void);
void rtgk_attack(void)
{
    rt_upcall_install();
    struct pk_part_status st __attribute__((aligned(8)));
    uint64_t t0 = rtgk_now64(), next_report = t0 + 1000000000ull;
    uint64_t run0 = 0;
    uint32_t ops = 0;
    for (;;) {
        uint32_t r = next_rand();
        uint64_t now = rtgk_now64();
        switch (r % 10u) {
        case 0:
        case 1:
            svc64(PK_SVC_VIT_REQUEST, now - 1u, 0u);
            break;
        case 2:
            svc64(PK_SVC_VIT_REQUEST, now + 200u + (r >> 4) % 2000u, 0u);
            break;
        case 3: {
            uint64_t d = now + 1000u + (r >> 4) % 19000u;
            svc64(PK_SVC_BLOCK, d, 0u);
            break;
        }
        case 4: {
            /* The VIT deadline and the block deadline together. */
            uint64_t d = now + 3000u + (r >> 4) % 5000u;
            svc64(PK_SVC_VIT_REQUEST, d, 0u);
            svc64(PK_SVC_BLOCK, d, 0u);
            break;
        }
        case 5:
            (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
            break;
        case 6:
            pv_vcpu.warp_done = 1u;
            spin_ns((r >> 4) % 3000u);
            break;
        case 7:
            svc64(PK_SVC_TIMER_SET, now + 500u + (r >> 4) % 3000u, 0u);
            break;
        default:
            spin_ns((r >> 4) % 60000u);
            break;
        }
        ops++;
        if (now >= next_report) {
            (void)rtgk_svc(PK_SVC_PART_STATUS, (uint32_t)PK_SELF,
                           (uint32_t)(uintptr_t)&st, 0u, 0);
            struct rtgk_line l = {.len = 0u};
            rtgk_put(&l, "warpsvt: ops=");
            rtgk_put_u(&l, ops);
            rtgk_put(&l, " run_ns_last_s=");
            rtgk_put_u(&l, (uint32_t)(st.run_ns - run0));
            rtgk_flush(&l);
            run0 = st.run_ns;
            next_report += 1000000000ull;
        }
    }
}
