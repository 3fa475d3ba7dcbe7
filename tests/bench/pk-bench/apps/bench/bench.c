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
 *   tick          the time a virtual tick takes from a task: timer IRQ,
 *                 kernel, upcall into the guest (os_tick_announce), upcall
 *                 return, resume; fixed work timed with a tick inside and
 *                 without (bench_tick), so it resolves on any counter
 *   matmul        the workload of matmul.h, per product
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"
#include "../../matmul.h"

#define BATCH 1000u
#define BATCHES 20u
#define TICK_SAMPLES 400u  /* per kind: across a tick, and not */
#define TICK_WORK 5031u     /* spin() iterations per sample: 40.2 us */
#define TICK_LEAD_NS 20000u /* a sample starts this long before the tick */
#define TICK_OUTLIER_NS 1500u

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

/* Exactly 2 * n instructions (n >= 1): a loop of subs + bne. */
static void spin(uint32_t n)
{
    __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
}

static void sort_u32(uint32_t *v, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        uint32_t x = v[i], j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Mean of the samples up to TICK_OUTLIER_NS above the median (a sample
 * that also holds the window end's decision or a console drain is longer),
 * and the number kept; v is sorted. */
static uint64_t kept_mean(const uint32_t *v, uint32_t n, uint32_t *kept)
{
    uint32_t limit = v[n / 2] + TICK_OUTLIER_NS;
    uint64_t sum = 0;
    uint32_t k = 0;
    for (; k < n && v[k] <= limit; k++)
        sum += v[k];
    *kept = k;
    return sum / k;
}

/* One sample: the time of TICK_WORK iterations of spin() between two
 * clock reads, started lead_ns before the next tick is due (it falls
 * inside) or half a tick period after the last one (none does). The
 * start is dithered over a microsecond in 8 ns steps, so that the
 * readings of a coarse counter average to the true length. Returns 0 when
 * the number of ticks in between is not the one wanted. */
static uint32_t tick_sample(uint32_t i, bool across)
{
    os_delay(1u); /* wakes just after a tick */
    uint64_t woke = pv_time_ns();
    uint64_t at = woke + (across ? OS_TICK_NS - TICK_LEAD_NS : OS_TICK_NS / 2u);
    while (pv_time_ns() < at)
        ;
    spin(1u + (i * 37u) % 125u);
    os_tick_t k0 = os_tick_count();
    uint64_t t0 = pv_time_ns();
    spin(TICK_WORK);
    uint64_t t1 = pv_time_ns();
    os_tick_t k1 = os_tick_count();
    if (k1 - k0 != (across ? 1u : 0u))
        return 0u;
    return (uint32_t)(t1 - t0);
}

/* The time one virtual tick takes from a task (timer IRQ, kernel exit
 * work, upcall into the guest, os_tick_announce, upcall return, resume):
 * the mean sample with a tick inside minus the mean sample without. */
static void bench_tick(void)
{
    static uint32_t with[TICK_SAMPLES], without[TICK_SAMPLES];
    uint32_t nw = 0, no = 0, lost = 0;
    for (uint32_t i = 0; i < TICK_SAMPLES; i++) {
        uint32_t a = tick_sample(i, true), b = tick_sample(i, false);
        if (a != 0u)
            with[nw++] = a;
        if (b != 0u)
            without[no++] = b;
        lost += (a == 0u) + (b == 0u);
    }
    if (nw < TICK_SAMPLES / 2u || no < TICK_SAMPLES / 2u) {
        printf("tick: %lu samples of %lu had the wrong number of ticks\n",
               (unsigned long)lost, (unsigned long)(2u * TICK_SAMPLES));
        pv_test_exit(1);
    }
    sort_u32(with, nw);
    sort_u32(without, no);
    uint32_t kw, ko;
    uint64_t mw = kept_mean(with, nw, &kw), mo = kept_mean(without, no, &ko);
    uint64_t tick = mw > mo ? mw - mo : 0u;
    printf("tick: %lu + %lu samples kept of %lu, %lu outside the tick "
           "count\n", (unsigned long)kw, (unsigned long)ko,
           (unsigned long)(2u * TICK_SAMPLES), (unsigned long)lost);
    printf("tick: across %lu..%lu ns, mean %lu; without %lu..%lu, mean "
           "%lu\n", (unsigned long)with[0], (unsigned long)with[nw - 1],
           (unsigned long)mw, (unsigned long)without[0],
           (unsigned long)without[no - 1], (unsigned long)mo);
    report("tick", kw, tick * kw, with[0] > mo ? with[0] - mo : 0u,
           with[kw - 1] - mo);
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
