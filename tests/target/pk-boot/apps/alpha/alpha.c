/*
 * pk-boot, partition "alpha": the checker.
 *
 * A periodic task (50 ms, 20 periods) measures each wake-up against the
 * ideal release on the global clock while a producer/consumer pair moves
 * items through a queue (every os_ call of these tasks enters the guest
 * kernel through a gate). Then it checks the other partition's status:
 * it must have run (CPU time, virtual ticks), i.e. the kernel switched.
 * Bounds: a wake-up may wait for the running window of the other partition
 * (10 ms) plus one tick; under icount the run is deterministic.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define STACK_WORDS 512u
#define PERIOD_TICKS 50u
#define PERIODS 20u
#define MAX_LATE_NS 12000000ll
#define BETA 1

static OS_KOBJ struct os_task check_task, prod_task, cons_task;
static OS_KOBJ struct os_queue queue;
static OS_KOBJ uint32_t queue_storage[4];
static _Alignas(8) port_stack_t check_stack[STACK_WORDS];
static _Alignas(8) port_stack_t prod_stack[STACK_WORDS];
static _Alignas(8) port_stack_t cons_stack[STACK_WORDS];

static volatile uint32_t produced, consumed, out_of_order;

static void producer(void *arg)
{
    (void)arg;
    for (uint32_t i = 1;; i++) {
        os_queue_send(&queue, &i, OS_WAIT_FOREVER);
        produced = i;
        os_delay(3u);
    }
}

static void consumer(void *arg)
{
    (void)arg;
    uint32_t expect = 1;
    for (;;) {
        uint32_t v;
        if (os_queue_receive(&queue, &v, OS_WAIT_FOREVER) != OS_OK)
            continue;
        if (v != expect)
            out_of_order++;
        expect = v + 1u;
        consumed = v;
    }
}

static void fail(const char *why)
{
    printf("RESULT pk-boot FAIL %s\n", why);
    pv_test_exit(1);
}

static void checker(void *arg)
{
    (void)arg;
    os_tick_t last = os_tick_count();
    uint64_t t0 = os_time_ns();
    int64_t max_late = 0, min_late = INT64_MAX;
    for (uint32_t i = 1; i <= PERIODS; i++) {
        os_delay_until(&last, PERIOD_TICKS);
        int64_t late = (int64_t)(os_time_ns() - t0) -
                       (int64_t)i * PERIOD_TICKS * 1000000ll;
        if (late > max_late)
            max_late = late;
        if (late < min_late)
            min_late = late;
    }
    uint64_t elapsed = os_time_ns() - t0;
    struct pk_part_status me, beta;
    if (pv_part_status(PK_SELF, &me) != PK_OK ||
        pv_part_status(BETA, &beta) != PK_OK)
        fail("status call refused");
    printf("periods=%u late_us min=%ld max=%ld elapsed_ms=%lu\n",
           (unsigned)PERIODS, (long)(min_late / 1000), (long)(max_late / 1000),
           (unsigned long)(elapsed / 1000000u));
    printf("queue produced=%lu consumed=%lu out_of_order=%lu\n",
           (unsigned long)produced, (unsigned long)consumed,
           (unsigned long)out_of_order);
    printf("alpha run_ms=%lu ticks=%lu; beta run_ms=%lu ticks=%lu\n",
           (unsigned long)(me.run_ns / 1000000u), (unsigned long)me.ticks,
           (unsigned long)(beta.run_ns / 1000000u),
           (unsigned long)beta.ticks);
    if (max_late > MAX_LATE_NS || min_late < -1000000ll)
        fail("periodic wake-up out of bounds");
    if (consumed < 100u || produced - consumed > 4u || out_of_order != 0u)
        fail("queue pair did not make progress in order");
    if (beta.run_ns < elapsed / 2u || beta.ticks < 50u)
        fail("the other partition did not run");
    if (me.ticks < PERIODS * PERIOD_TICKS)
        fail("virtual ticks missing");
    printf("RESULT pk-boot PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_queue_init(&queue, queue_storage, sizeof queue_storage[0], 4u);
    os_task_create(&check_task, "check", checker, NULL, 4, check_stack,
                   STACK_WORDS);
    os_task_create(&prod_task, "prod", producer, NULL, 2, prod_stack,
                   STACK_WORDS);
    os_task_create(&cons_task, "cons", consumer, NULL, 3, cons_stack,
                   STACK_WORDS);
    printf("alpha up\n");
    os_start();
}
