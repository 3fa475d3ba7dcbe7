/*
 * pk-tp, partition "tp": task "worker" calls the functions of tp_fns.S and
 * a C function (tp_work) in a CPU-bound loop and checks every result, so
 * that a tracepoint whose displaced instruction were executed wrongly is
 * seen at once. After PHASE_MS of its first life it executes the trap
 * encoding itself (tp_own_trap): not a tracepoint, so the health monitor
 * restarts the partition; the second life runs LIFE1_MS (default
 * PHASE_MS), with the tracepoints planted anew by the kernel, and ends the
 * run. Every 500 ms it reports its calls and wrong results so far.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#ifndef PHASE_MS
#define PHASE_MS 3000u
#endif
/* The second life's length (a live session ends it earlier with a
 * control-channel time window). */
#ifndef LIFE1_MS
#define LIFE1_MS PHASE_MS
#endif
/* Progress lines, virtual time between two. */
#define REPORT_NS 500000000u

uint32_t tp_plain(uint32_t x);
uint32_t tp_pcrel(uint32_t x);
uint32_t tp_branch(uint32_t x);
uint32_t tp_call(uint32_t x);
uint32_t tp_ret(uint32_t x);
void tp_own_trap(void);

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

/* An ordinary C function (its compiled entry is a push). */
__attribute__((noinline)) uint32_t tp_work(uint32_t x, uint32_t y)
{
    return (x * 3u) ^ (y + 7u);
}

static void run(void *arg)
{
    (void)arg;
    struct pk_part_status st;
    (void)pv_part_status(PK_SELF, &st);
    printf("tp: life %lu\n", (unsigned long)st.restarts);
    uint32_t errors = 0, n = 0;
    uint64_t now = os_time_ns();
    uint64_t end = now + (uint64_t)(st.restarts == 0u ? PHASE_MS : LIFE1_MS) *
                             1000000u;
    uint64_t report = now + REPORT_NS;
    while ((now = os_time_ns()) < end) {
        for (uint32_t k = 0; k < 64u; k++, n++) {
            uint32_t x = n * 2654435761u;
            errors += tp_plain(x) != 2u * x + 1u;
            errors += tp_pcrel(x) != (x ^ 0x600dcafeu);
            errors += tp_branch(x) != x + 5u;
            errors += tp_call(x) != x + 101u;
            errors += tp_ret(x) != x + 3u;
            errors += tp_work(x, k) != ((x * 3u) ^ (k + 7u));
        }
        if (now >= report) {
            printf("tp: calls=%lu errors=%lu\n", (unsigned long)n,
                   (unsigned long)errors);
            report += REPORT_NS;
        }
    }
    printf("tp: life %lu calls=%lu errors=%lu\n", (unsigned long)st.restarts,
           (unsigned long)n, (unsigned long)errors);
    if (errors != 0u) {
        printf("RESULT pk-tp FAIL %lu wrong results\n", (unsigned long)errors);
        pv_test_exit(1);
    }
    if (st.restarts == 0u) {
        tp_own_trap(); /* restarts the partition */
        printf("RESULT pk-tp FAIL the trap encoding did not fault\n");
        pv_test_exit(1);
    }
    printf("RESULT pk-tp PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "worker", run, NULL, 1, stack, 512u);
    os_start();
}
