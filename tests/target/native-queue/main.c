/*
 * native-queue: producer and consumer over a queue of 4 items.
 * Phase 1, producer above consumer: the producer fills the queue and then
 *   blocks on every send until the consumer makes room (sender blocks).
 * Phase 2, consumer above producer: the consumer waits on the empty queue
 *   and takes each item the moment it is sent (receiver blocks).
 * Checked: every item arrives once and in order, the queue never holds more
 * than its capacity, the blocking happened as expected in both phases, and a
 * receive on an empty queue with a timeout returns OS_TIMEOUT after it.
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define CAPACITY 4u
#define ITEMS 100u
#define STACK_WORDS 1024u

static struct os_task producer, consumer, control;
static port_stack_t stack_p[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_c[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_x[STACK_WORDS] __attribute__((aligned(8)));
static struct os_queue queue;
static uint32_t storage[CAPACITY];
static struct os_sem phase_done;

static volatile unsigned sends_found_full;  /* phase 1: sends that had to wait */
static volatile unsigned sends_found_taken; /* phase 2: items gone right after send */
static volatile unsigned max_count;
static volatile unsigned next_expected;

static void producer_task(void *arg)
{
    (void)arg;
    for (unsigned phase = 1; phase <= 2; phase++) {
        for (uint32_t i = 0; i < ITEMS; i++) {
            if (os_queue_count(&queue) == CAPACITY) {
                sends_found_full++;
            }
            TN_CHECK(os_queue_send(&queue, &i, OS_WAIT_FOREVER) == OS_OK);
            if (os_queue_count(&queue) > max_count) {
                max_count = (unsigned)os_queue_count(&queue);
            }
            if (phase == 2 && os_queue_count(&queue) == 0u) {
                sends_found_taken++;
            }
        }
        os_task_suspend(NULL);
    }
}

static void consumer_task(void *arg)
{
    (void)arg;
    for (unsigned phase = 1; phase <= 2; phase++) {
        next_expected = 0;
        for (unsigned i = 0; i < ITEMS; i++) {
            uint32_t item;
            TN_CHECK(os_queue_receive(&queue, &item, OS_WAIT_FOREVER) == OS_OK);
            if (item != next_expected) {
                tn_fail("phase %u: got item %lu, expected %u", phase, (unsigned long)item,
                        next_expected);
            }
            next_expected++;
        }
        TN_CHECK(os_sem_give(&phase_done) == OS_OK);
        os_task_suspend(NULL);
    }
}

/* Wait until both workers have suspended themselves after a phase. */
static void wait_parked(void)
{
    while (consumer.state != OS_TASK_SUSPENDED || producer.state != OS_TASK_SUSPENDED) {
        os_delay(1);
    }
}

static void control_task(void *arg)
{
    (void)arg;
    /* Phase 1: producer (2) above consumer (1). */
    TN_CHECK(os_task_create(&producer, "producer", producer_task, NULL, 2, stack_p, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&consumer, "consumer", consumer_task, NULL, 1, stack_c, STACK_WORDS) == OS_OK);
    TN_CHECK(os_sem_take(&phase_done, 1000) == OS_OK);
    wait_parked();
    printf("phase 1: %u items in order, %u sends waited for room, max count %u\n", ITEMS,
           sends_found_full, max_count);
    TN_CHECK(sends_found_full >= ITEMS - CAPACITY);
    TN_CHECK(max_count == CAPACITY);

    /* Phase 2: consumer above producer, once both have parked. */
    max_count = 0;
    TN_CHECK(os_task_set_priority(&consumer, 2) == OS_OK);
    TN_CHECK(os_task_set_priority(&producer, 1) == OS_OK);
    TN_CHECK(os_task_resume(&consumer) == OS_OK);
    TN_CHECK(os_task_resume(&producer) == OS_OK);
    TN_CHECK(os_sem_take(&phase_done, 1000) == OS_OK);
    wait_parked();
    printf("phase 2: %u items in order, %u taken at once by the waiting consumer, max count %u\n",
           ITEMS, sends_found_taken, max_count);
    TN_CHECK(sends_found_taken == ITEMS);
    TN_CHECK(max_count == 0u);

    /* Timeout on an empty queue. */
    uint32_t item;
    os_tick_t t0 = os_tick_count();
    TN_CHECK(os_queue_receive(&queue, &item, 5) == OS_TIMEOUT);
    os_tick_t waited = os_tick_count() - t0;
    printf("receive on empty queue timed out after %lu ticks\n", (unsigned long)waited);
    TN_CHECK(waited >= 5u && waited <= 6u);
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-queue");
    os_init();
    TN_CHECK(os_queue_init(&queue, storage, sizeof storage[0], CAPACITY) == OS_OK);
    TN_CHECK(os_sem_init(&phase_done, 0, 1) == OS_OK);
    TN_CHECK(os_task_create(&control, "control", control_task, NULL, 3, stack_x, STACK_WORDS) == OS_OK);
    os_start();
}
