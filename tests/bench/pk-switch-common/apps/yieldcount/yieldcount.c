/*
 * yieldcount - every partition of the pk-switch-<n> benchmarks: one task
 * that yields the partition's slice in a loop (PK_SVC_YIELD), reading the
 * global clock after each yield. With every partition doing the same under
 * BVT without a switch allowance, each yield hands the CPU to the partition
 * furthest behind, so each iteration is one whole voluntary switch path
 * (service call, scheduler decision, partition switch, return). It counts
 * its iterations in the same [T1, T2) of virtual time (since boot) as every
 * other partition: T1 = 1 s leaves time to load all partitions (about
 * 10 ms each for two 1 MiB ranges, one after the other) and to boot their
 * guests. It also counts the iterations in which another partition ran
 * (the clock moved on by more than AWAY_NS, which an iteration alone never
 * takes), so the tool can check that each yield was a switch. It prints
 *   YC index=<partition> yields=<n> away=<n> start_us=<us>
 * once past T2; partition 0 ends the run a little later. The time per
 * switch is (T2 - T1) / (sum of the counts): tools/bench_switch.py.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define T1_NS 1000000000ull /* 1 s after boot: all loaded and booted */
#define T2_NS 1500000000ull /* then 0.5 s measured */
#define TAIL_NS 400000000ull /* the others print before partition 0 ends */
#define AWAY_NS 4000ull      /* an iteration that stays in the partition
                                takes about 2.5 us */

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void run(void *arg)
{
    (void)arg;
    struct pk_part_status st;
    (void)pv_part_status(PK_SELF, &st);
    uint32_t n = 0, away = 0;
    uint64_t start = pv_time_ns(), prev = start;
    for (;;) {
        (void)pv_svc(PK_SVC_YIELD, 0u, 0u, 0u);
        uint64_t now = pv_time_ns();
        if (now >= T1_NS && now < T2_NS) {
            n++;
            if (now - prev > AWAY_NS)
                away++;
        } else if (now >= T2_NS) {
            break;
        }
        prev = now;
    }
    printf("YC index=%lu yields=%lu away=%lu start_us=%lu\n",
           (unsigned long)st.index, (unsigned long)n, (unsigned long)away,
           (unsigned long)(start / 1000u));
    if (st.index == 0u) {
        uint64_t end = pv_time_ns() + TAIL_NS;
        while (pv_time_ns() < end)
            (void)pv_svc(PK_SVC_YIELD, 0u, 0u, 0u);
        pv_test_exit(0);
    }
    for (;;)
        (void)pv_svc(PK_SVC_YIELD, 0u, 0u, 0u);
}

int main(void)
{
    os_init();
    os_task_create(&task, "yield", run, NULL, 1, stack, 512u);
    os_start();
}
