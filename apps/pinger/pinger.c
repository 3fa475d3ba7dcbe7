/*
 * pinger - demo partition: a periodic task and a producer/consumer pair over
 * a queue, printing labelled lines through the kernel's console.
 *
 * The tasks, the queue and its storage are kernel objects of the guest: they
 * are declared OS_KOBJ so that they live in the guest-kernel range, out of
 * the tasks' reach; the stacks and the application's data stay in the user
 * range.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"

#ifndef OS_KOBJ
#define OS_KOBJ
#endif

#define STACK_WORDS 512u
#define QUEUE_LEN 4u

static OS_KOBJ struct os_task periodic_task;
static OS_KOBJ struct os_task producer_task;
static OS_KOBJ struct os_task consumer_task;
static OS_KOBJ struct os_queue queue;
static OS_KOBJ uint32_t queue_storage[QUEUE_LEN];

static _Alignas(8) port_stack_t periodic_stack[STACK_WORDS];
static _Alignas(8) port_stack_t producer_stack[STACK_WORDS];
static _Alignas(8) port_stack_t consumer_stack[STACK_WORDS];

/* Every 500 ticks (0.5 s at 1 kHz): print the tick count and the time. */
static void periodic(void *arg)
{
    (void)arg;
    os_tick_t last = os_tick_count();
    for (uint32_t n = 1;; n++) {
        os_delay_until(&last, 500u);
        uint64_t t = os_time_ns();
        printf("ping %lu tick=%lu time_ms=%lu\n", (unsigned long)n,
               (unsigned long)os_tick_count(),
               (unsigned long)(t / 1000000u));
    }
}

static void producer(void *arg)
{
    (void)arg;
    for (uint32_t item = 1;; item++) {
        os_queue_send(&queue, &item, OS_WAIT_FOREVER);
        os_delay(200u);
    }
}

static void consumer(void *arg)
{
    (void)arg;
    for (;;) {
        uint32_t item;
        if (os_queue_receive(&queue, &item, OS_WAIT_FOREVER) == OS_OK &&
            item % 5u == 0u)
            printf("consumed %lu items\n", (unsigned long)item);
    }
}

int main(void)
{
    os_init();
    os_queue_init(&queue, queue_storage, sizeof queue_storage[0], QUEUE_LEN);
    os_task_create(&periodic_task, "periodic", periodic, NULL, 3,
                   periodic_stack, STACK_WORDS);
    os_task_create(&producer_task, "producer", producer, NULL, 2,
                   producer_stack, STACK_WORDS);
    os_task_create(&consumer_task, "consumer", consumer, NULL, 2,
                   consumer_stack, STACK_WORDS);
    printf("pinger starting\n");
    os_start();
}
