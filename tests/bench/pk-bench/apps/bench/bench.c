/*
 * pk-bench, the benchmark partition (alone in its system): timings of the
 * partitioning kernel's paths seen from a guest, in virtual time under
 * icount (4 ns per instruction), read with PK_SVC_TIME_GET (the 24 MHz
 * counter: 41.7 ns steps, so each figure is a batch of many operations).
 * One line per figure, parsed by tools/bench_pk.py:
 *   BENCH <key> n=<count> total_ns=<sum> min_ns=<min> max_ns=<max>
 * with the per-operation figure total_ns / n. For batched figures the
 * batch with the least time is kept (a batch a tick interrupted is
 * longer), so n is the batch size.
 *   svc_time      service-call round trip, PK_SVC_TIME_GET from a task
 *   gate          task -> guest kernel API call and back (os_tick_count:
 *                 prefetch abort, gate, trampoline svc #1)
 *   yield_self    PK_SVC_YIELD with no other partition (svc, scheduler
 *                 decision, no switch)
 *   tick          the gap a virtual tick leaves in a loop reading the
 *                 clock: timer IRQ, kernel, upcall into the guest
 *                 (os_tick_announce), upcall return, resume
 *   matmul        the workload of matmul.h, per product
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"
#include "../../matmul.h"

#define BATCH 1000u
#define BATCHES 20u
#define TICK_SAMPLES 200u

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[1024];

static void report(const char *key, uint32_t n, uint64_t total, uint64_t min,
                   uint64_t max)
{
    printf("BENCH %s n=%lu total_ns=%lu min_ns=%lu max_ns=%lu\n", key,
           (unsigned long)n, (unsigned long)total, (unsigned long)min,
           (unsigned long)max);
}

/* Runs op BATCH times per batch; reports the fastest batch. */
static void batched(const char *key, void (*op)(void))
{
    uint64_t best = UINT64_MAX, worst = 0;
    for (uint32_t b = 0; b < BATCHES; b++) {
        uint64_t t0 = pv_time_ns();
        for (uint32_t i = 0; i < BATCH; i++)
            op();
        uint64_t d = pv_time_ns() - t0;
        if (d < best)
            best = d;
        if (d > worst)
            worst = d;
    }
    report(key, BATCH, best, best / BATCH, worst / BATCH);
}

static void op_time(void)
{
    (void)pv_time_ns();
}

static void op_gate(void)
{
    (void)os_tick_count();
}

static void op_yield(void)
{
    (void)pv_svc(PK_SVC_YIELD, 0u, 0u, 0u);
}

static void op_empty(void)
{
    __asm__ volatile("" ::: "memory");
}

/* Gaps in a clock-reading loop: the usual step, and the extra length of
 * the steps that a virtual tick interrupted. */
static void bench_tick(void)
{
    uint64_t step = UINT64_MAX, total = 0, min = UINT64_MAX, max = 0;
    uint32_t n = 0;
    uint64_t prev = pv_time_ns();
    for (uint32_t i = 0; i < 20000u; i++) {
        uint64_t now = pv_time_ns();
        if (now - prev < step)
            step = now - prev;
        prev = now;
    }
    prev = pv_time_ns();
    while (n < TICK_SAMPLES) {
        uint64_t now = pv_time_ns();
        uint64_t gap = now - prev;
        prev = now;
        if (gap > step + 500u) {
            uint64_t extra = gap - step;
            total += extra;
            n++;
            if (extra < min)
                min = extra;
            if (extra > max)
                max = extra;
        }
    }
    report("tick", n, total, min, max);
}

static void run(void *arg)
{
    (void)arg;
    os_delay(2u);
    batched("loop", op_empty);
    batched("svc_time", op_time);
    batched("gate", op_gate);
    batched("yield_self", op_yield);
    bench_tick();
    matmul_init();
    int32_t check = 0;
    uint64_t t0 = pv_time_ns();
    for (uint32_t r = 0; r < MATMUL_REPS; r++)
        check += matmul_once();
    uint64_t d = pv_time_ns() - t0;
    report("matmul", MATMUL_REPS, d, d / MATMUL_REPS, d / MATMUL_REPS);
    printf("matmul checksum %ld\n", (long)check);
    printf("RESULT pk-bench PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "bench", run, NULL, 1, stack, 1024u);
    os_start();
}
