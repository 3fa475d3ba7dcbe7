/*
 * faultstorm - the second attacker of the hostile-partition test
 * (pk-hostile), with on_fault = "log" so that it survives its own faults.
 * From its guest kernel (main(), never starting the tick core), per phase
 * of the timeline (apps/hostile/phases.h):
 *   FAULTS  data aborts on kernel memory, undefined instructions and
 *           unknown service calls, in a loop (every one a health-monitor
 *           record; the kernel's console reserve makes it drop their lines)
 *   FUZZ    a seeded stream of service calls with boundary arguments
 *           (its own ranges' ends and one past, other partitions, the
 *           kernel, wrapping values), all numbers except the three that
 *           would end its own run (UPCALL_RETURN and GATE_RETURN resume
 *           a context it never set up, TEST_EXIT ends the test), and
 *           SET_MODE never names itself (it would stop or restart it)
 *   others  CPU-bound spinning
 * At the end of FUZZ it prints how many calls it made.
 */
#include <stdint.h>
#include <stdio.h>

#include "../hostile/phases.h"
#include "os.h"
#include "pv_svc.h"

/* Addresses from the configuration (tools/pkconfig.py: PK_BOARD_*,
 * PK_MAP_*), so that the same source runs on every board. */
#define KERNEL_RAM (PK_LAYOUT_KERNEL_BASE + 0x4000u)
#define OWN_GK PK_LAYOUT_SELF_KERNEL_BASE
#define OWN_USER PK_LAYOUT_SELF_USER_BASE
#define RANGE 0x00100000u
#define OTHER PK_LAYOUT_VICTIM_KERNEL_BASE /* the victim's guest kernel */

extern struct pk_vcpu pv_vcpu; /* its vCPU (main() is guest-kernel code) */

static uint32_t rng = 0x2545F491u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* An argument favouring boundaries. */
static uint32_t arg(void)
{
    static const uint32_t picks[] = {
        0u, 1u, 4u, 0xFFFFFFFFu, 0xFFFFFFFCu, 0x80000000u, KERNEL_RAM,
        OWN_GK, OWN_GK + RANGE - 4u, OWN_GK + RANGE, OWN_GK - 1u,
        OWN_USER, OWN_USER + RANGE - 32u, OWN_USER + RANGE - 1u,
        OWN_USER + RANGE, OWN_USER + 1u, OTHER, OTHER + RANGE - 4u,
        0x10140000u, 0xF0000000u, 0xFFFF0000u, RANGE, RANGE + 1u, 32u,
    };
    uint32_t r = next();
    return (r & 3u) == 0u ? next() : picks[(r >> 2) % (sizeof picks / 4u)];
}

static void fault_storm(void)
{
    while (phase_at(pv_time_ns()) == PHASE_FAULTS) {
        (void)*(volatile uint32_t *)(uintptr_t)KERNEL_RAM;
        __asm__ volatile(".word 0xe7f000f0" ::: "memory"); /* undefined */
        (void)pv_svc(99u, 0u, 0u, 0u);
    }
}

static void fuzz(void)
{
    uint32_t calls = 0;
    while (phase_at(pv_time_ns()) == PHASE_FUZZ) {
        uint32_t nr = next() % (PK_SVC_COUNT + 2u);
        if (nr >= PK_SVC_COUNT)
            nr = nr == PK_SVC_COUNT ? PK_SVC_COUNT : next();
        if (nr == PK_SVC_UPCALL_RETURN || nr == PK_SVC_GATE_RETURN ||
            nr == PK_SVC_TEST_EXIT)
            continue;
        uint32_t a0 = arg(), a1 = arg(), a2 = arg();
        if (nr == PK_SVC_SET_MODE &&
            (a0 == 0xFFFFFFFFu || a0 == pv_vcpu.part_index))
            a0 = 0x100u; /* another index: not a partition (EINVAL) */
        if (nr == PK_SVC_BLOCK) {
            /* A deadline soon, so the stream goes on. */
            uint64_t t = pv_time_ns() + (next() & 0xFFFFu);
            a0 = (uint32_t)t;
            a1 = (uint32_t)(t >> 32);
            a2 &= 3u;
        }
        (void)pv_svc(nr, a0, a1, a2);
        calls++;
    }
    (void)pv_svc(PK_SVC_VIT_REQUEST, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u);
    (void)pv_svc(PK_SVC_TIMER_SET, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u);
    printf("faultstorm: %lu fuzzed calls\n", (unsigned long)calls);
}

int main(void)
{
    for (;;) {
        switch (phase_at(pv_time_ns())) {
        case PHASE_FAULTS:
            fault_storm();
            break;
        case PHASE_FUZZ:
            fuzz();
            break;
        default:
            break; /* spin */
        }
    }
}
