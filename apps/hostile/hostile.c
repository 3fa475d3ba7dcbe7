/*
 * hostile - the attacking partition of the hostile-partition test
 * (pk-hostile). It runs everything from its guest kernel (main() before
 * any os_start: guest-kernel mode, where every service call is allowed)
 * and never starts the tick core. Per phase of the timeline (phases.h):
 *   CONSOLE   service calls writing 1 MiB each, as fast as it can
 *   YIELD     PK_SVC_YIELD in a loop
 *   TIMERS    VIT requests, virtual timers and blocks a few microseconds
 *             ahead, in the past and at "never", in a loop
 *   RESTARTS  a data abort right after every cold start (on_fault =
 *             "restart", the largest ranges of the system): a restart
 *             storm, which its restart_limit ends by stopping it
 *   others    CPU-bound spinning
 * The configuration gives it no warp and no status rights: whatever it
 * does, the victim's lateness may grow only by the kernel's bounded paths.
 */
#include <stdint.h>

#include "os.h"
#include "phases.h"
#include "pv_svc.h"

/* A word of the kernel's range (tools/pkconfig.py: PK_BOARD_*). */
#define KERNEL_RAM (PK_LAYOUT_KERNEL_BASE + 0x4000u)
#define FLOOD_BYTES (1024u * 1024u)

/* The console flood's text: lines of 'H' (user range, written at boot). */
static char flood[FLOOD_BYTES];

static void console_flood(void)
{
    for (uint32_t i = 0; i < FLOOD_BYTES; i++)
        flood[i] = (i % 100u) == 99u ? '\n' : 'H';
    while (phase_at(pv_time_ns()) == PHASE_CONSOLE)
        (void)pv_svc(PK_SVC_CONSOLE_WRITE, (uint32_t)(uintptr_t)flood,
                     FLOOD_BYTES, 0u);
}

static void timer_flood(void)
{
    uint64_t now;
    while (phase_at(now = pv_time_ns()) == PHASE_TIMERS) {
        uint64_t soon = now + 2000u;
        (void)pv_svc(PK_SVC_VIT_REQUEST, (uint32_t)soon,
                     (uint32_t)(soon >> 32), 0u);
        (void)pv_svc(PK_SVC_TIMER_SET, (uint32_t)(now + 1000u),
                     (uint32_t)((now + 1000u) >> 32), 0u);
        (void)pv_svc(PK_SVC_VIT_REQUEST, 0u, 0u, 0u); /* in the past */
        (void)pv_svc(PK_SVC_TIMER_SET, 1u, 0u, 0u);
        (void)pv_svc(PK_SVC_BLOCK, (uint32_t)(now + 3000u),
                     (uint32_t)((now + 3000u) >> 32), 0u);
        (void)pv_svc(PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 1u);
        (void)pv_svc(PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu);
    }
    (void)pv_svc(PK_SVC_VIT_REQUEST, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u);
    (void)pv_svc(PK_SVC_TIMER_SET, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u);
}

int main(void)
{
    for (;;) {
        switch (phase_at(pv_time_ns())) {
        case PHASE_CONSOLE:
            console_flood();
            break;
        case PHASE_YIELD:
            while (phase_at(pv_time_ns()) == PHASE_YIELD)
                (void)pv_svc(PK_SVC_YIELD, 0u, 0u, 0u);
            break;
        case PHASE_TIMERS:
            timer_flood();
            break;
        case PHASE_RESTARTS:
            *(volatile uint32_t *)(uintptr_t)KERNEL_RAM = 0u;
            break;
        default:
            break; /* spin */
        }
    }
}
