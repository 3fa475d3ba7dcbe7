/*
 * rtwarp - attacker: a CPU-bound partition that keeps itself warped.
 *
 * main() runs in guest-kernel mode (before any task), so it may make the
 * guest-kernel calls. It computes like rthog and, every WARP_EVERY
 * iterations, requests a VIT that has already expired (absolute time 1 ns).
 * The kernel expires it at once and warps this partition whenever BVT
 * allows (L = 5 ms of warped run every L + U = 25 ms with the default
 * configuration). While it is warped, a real-time partition whose own VIT
 * expires gets warped too, but its E is then no lower than this one's by
 * the context-switch allowance C, so it does not preempt: it waits for the
 * end of this partition's warp.
 */
#include <stdint.h>

#include "pv_svc.h"

#define WARP_EVERY 256u /* iterations between two requests (about 4 us) */

static volatile uint32_t sink;

int main(void)
{
    uint32_t x = 1u;
    for (uint32_t i = 0;; i++) {
        x = x * 1103515245u + 12345u + i;
        sink = x;
        if (i % WARP_EVERY == 0u)
            (void)pv_svc(PK_SVC_VIT_REQUEST, 1u, 0u, 0u);
    }
}
