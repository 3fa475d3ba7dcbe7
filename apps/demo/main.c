/*
 * The native demo: the tick core alone on the board, showing its pieces.
 *   heartbeat  periodic task (os_delay_until, 500 ms): uptime, probe pin 0
 *   producer   sends a numbered reading into a queue every 300 ms
 *   consumer   blocks on the queue and prints each reading
 *   worker A/B two tasks sharing a mutex-protected account: each moves
 *              money in several steps while holding the mutex, so the
 *              total is always intact when checked under the same mutex
 * Runs until QEMU is stopped (Ctrl-A x).
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"

#define STACK_WORDS 1024u

struct reading {
    uint32_t seq;    /* sequence number from the producer */
    uint32_t uptime; /* producer's clock in ms when made */
};

static struct os_task heartbeat, producer, consumer, worker_a, worker_b;
static port_stack_t stacks[5][STACK_WORDS] __attribute__((aligned(8)));

static struct os_queue readings;
static struct reading reading_storage[4];

/* Two accounts whose sum must stay 1000; only touched with `bank` held. */
static struct os_mutex bank;
static volatile int32_t account[2] = {500, 500};

static uint32_t uptime_ms(void)
{
    return (uint32_t)(os_time_ns() / 1000000u);
}

static void heartbeat_task(void *arg)
{
    (void)arg;
    os_tick_t wake = os_tick_count();
    for (uint32_t beat = 0;; beat++) {
        bsp_probe_write(beat & 1u);
        printf("[heartbeat] beat %lu, uptime %lu ms, tick %lu\n", (unsigned long)beat,
               (unsigned long)uptime_ms(), (unsigned long)os_tick_count());
        (void)os_delay_until(&wake, 500);
    }
}

static void producer_task(void *arg)
{
    (void)arg;
    for (uint32_t seq = 0;; seq++) {
        struct reading r = {seq, uptime_ms()};
        (void)os_queue_send(&readings, &r, OS_WAIT_FOREVER);
        os_delay(300);
    }
}

static void consumer_task(void *arg)
{
    (void)arg;
    for (;;) {
        struct reading r;
        if (os_queue_receive(&readings, &r, OS_WAIT_FOREVER) == OS_OK) {
            printf("[consumer] reading %lu made at %lu ms, received at %lu ms\n",
                   (unsigned long)r.seq, (unsigned long)r.uptime, (unsigned long)uptime_ms());
        }
    }
}

static void worker_task(void *arg)
{
    const unsigned from = (unsigned)(uintptr_t)arg;
    const unsigned to = 1u - from;
    for (uint32_t round = 0;; round++) {
        (void)os_mutex_lock(&bank, OS_WAIT_FOREVER);
        /* Move 10 units one at a time, yielding in between: without the
         * mutex the other worker would see the money in flight. */
        for (int i = 0; i < 10 && account[from] > 0; i++) {
            account[from]--;
            os_task_yield();
            account[to]++;
        }
        int32_t total = account[0] + account[1];
        if (round % 8u == 0u) {
            printf("[worker %c] round %lu: accounts %ld + %ld = %ld%s\n", from == 0u ? 'A' : 'B',
                   (unsigned long)round, (long)account[0], (long)account[1], (long)total,
                   total == 1000 ? "" : "  <-- BROKEN");
        }
        (void)os_mutex_unlock(&bank);
        os_delay(250 + 50 * from);
    }
}

int main(void)
{
    bsp_init();
    printf("\nTick core demo on %s: heartbeat, queue, mutex. Quit QEMU with Ctrl-A x.\n",
           bsp_board_name);
    os_init();
    (void)os_queue_init(&readings, reading_storage, sizeof reading_storage[0], 4);
    (void)os_mutex_init(&bank);
    (void)os_task_create(&heartbeat, "heartbeat", heartbeat_task, NULL, 4, stacks[0], STACK_WORDS);
    (void)os_task_create(&consumer, "consumer", consumer_task, NULL, 3, stacks[1], STACK_WORDS);
    (void)os_task_create(&producer, "producer", producer_task, NULL, 2, stacks[2], STACK_WORDS);
    (void)os_task_create(&worker_a, "workerA", worker_task, (void *)0, 1, stacks[3], STACK_WORDS);
    (void)os_task_create(&worker_b, "workerB", worker_task, (void *)1, 1, stacks[4], STACK_WORDS);
    os_start();
}
