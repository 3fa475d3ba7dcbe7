/*
 * pk-bench-switch, both partitions: a loop of PK_SVC_YIELD + PK_SVC_TIME_GET.
 * Under BVT most yields return to the caller (the scheduler keeps it), and
 * about once a window one hands the CPU to the other partition. Each
 * partition measures, within [T1, T2) of virtual time:
 *   - the mean length c0 of an iteration that did not switch (a yield with
 *     its scheduler decision, plus a clock read);
 *   - for its first MAX_EVENTS switches, the clock it read last before the
 *     switch away (out) and first after the switch back (in).
 * At T2 it prints
 *   SWITCH index=<i> iterations=<n> c0_total_ns=<sum> c0_n=<count>
 *   SWOUT index=<i> t=<ns>    and    SWIN index=<i> t=<ns>   (per event)
 * tools/bench_pk.py pairs each switch away from one partition with the
 * other partition's first clock read after it: that gap minus c0 is the
 * extra cost of a yield that switches partitions (the other partition's
 * context restored, DACR written) over one that does not. Partition 0
 * ends the run shortly after T2.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define T0_NS 100000000ull  /* calibration of the usual step from here */
#define T1_NS 200000000ull
#define T2_NS 1200000000ull
#define LONG_NS 2000ull     /* longer than the usual step by this: the
                               other partition ran in between */
#define MAX_EVENTS 64u

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];
static uint64_t t_out[MAX_EVENTS], t_in[MAX_EVENTS];

static void run(void *arg)
{
    (void)arg;
    struct pk_part_status st;
    (void)pv_part_status(PK_SELF, &st);
    uint32_t n = 0, events = 0, c0_n = 0;
    uint64_t step = UINT64_MAX, c0_total = 0;
    uint64_t prev = pv_time_ns();
    bool reported = false;
    for (;;) {
        (void)pv_svc(PK_SVC_YIELD, 0u, 0u, 0u);
        uint64_t now = pv_time_ns();
        uint64_t gap = now - prev;
        if (prev >= T0_NS && prev < T1_NS) {
            if (gap < step)
                step = gap;
        } else if (prev >= T1_NS && now < T2_NS) {
            n++;
            if (gap > step + LONG_NS) {
                if (events < MAX_EVENTS) {
                    t_out[events] = prev;
                    t_in[events] = now;
                    events++;
                }
            } else {
                c0_total += gap;
                c0_n++;
            }
        }
        prev = now;
        if (now >= T2_NS && !reported) {
            reported = true;
            printf("SWITCH index=%lu iterations=%lu c0_total_ns=%lu c0_n=%lu\n",
                   (unsigned long)st.index, (unsigned long)n,
                   (unsigned long)c0_total, (unsigned long)c0_n);
            for (uint32_t i = 0; i < events; i++)
                printf("SWOUT index=%lu t=%lu\nSWIN index=%lu t=%lu\n",
                       (unsigned long)st.index, (unsigned long)t_out[i],
                       (unsigned long)st.index, (unsigned long)t_in[i]);
        }
        if (reported && st.index == 0u && now >= T2_NS + 100000000ull) {
            printf("RESULT pk-bench-switch PASS\n");
            pv_test_exit(0);
        }
    }
}

int main(void)
{
    os_init();
    os_task_create(&task, "yielder", run, NULL, 1, stack, 512u);
    os_start();
}
