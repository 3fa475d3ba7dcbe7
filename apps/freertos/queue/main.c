/*
 * Producer/consumer over FreeRTOS queues: two producers of different
 * priorities send numbered items into one queue, a consumer checks that
 * each producer's items arrive complete and in order; then the queue's
 * edges (full, empty with a timeout, peek, counts), a counting semaphore
 * and a mutex guarding a shared total. Written against the FreeRTOS API
 * only; every task is created from the heap (xTaskCreate).
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "app_result.h"
#include "queue.h"
#include "semphr.h"
#include "task.h"

#define ITEMS_PER_PRODUCER 200u
#define QUEUE_LEN 8u

struct item {
    uint32_t producer; /* 0 or 1 */
    uint32_t seq;      /* 0 .. ITEMS_PER_PRODUCER-1 */
};

static QueueHandle_t queue;
static SemaphoreHandle_t done;  /* counting: one give per finished producer */
static SemaphoreHandle_t guard; /* mutex over total */
static uint32_t total;

void app_assert_failed(int line)
{
    app_fail_at(line, "configASSERT");
}

void vApplicationMallocFailedHook(void)
{
    app_result(0, "malloc failed");
}

void vApplicationStackOverflowHook(TaskHandle_t xTask, char *pcTaskName)
{
    (void)xTask;
    printf("stack overflow in %s\n", pcTaskName);
    app_result(0, "stack overflow");
}

static void producer(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    for (uint32_t i = 0; i < ITEMS_PER_PRODUCER; i++) {
        struct item it = {id, i};
        APP_CHECK(xQueueSend(queue, &it, portMAX_DELAY) == pdPASS);
        APP_CHECK(xSemaphoreTake(guard, portMAX_DELAY) == pdTRUE);
        total += i;
        APP_CHECK(xSemaphoreGive(guard) == pdTRUE);
        if ((i % 16u) == 0u)
            vTaskDelay(1);
    }
    APP_CHECK(xSemaphoreGive(done) == pdTRUE);
    vTaskDelete(NULL);
}

static void consumer(void *arg)
{
    (void)arg;
    uint32_t next[2] = {0, 0};
    for (uint32_t n = 0; n < 2u * ITEMS_PER_PRODUCER; n++) {
        struct item it;
        APP_CHECK(xQueueReceive(queue, &it, pdMS_TO_TICKS(1000)) == pdPASS);
        APP_CHECK(it.producer < 2u);
        APP_CHECK(it.seq == next[it.producer]);
        next[it.producer]++;
    }
    /* Both producers finished. */
    APP_CHECK(xSemaphoreTake(done, pdMS_TO_TICKS(100)) == pdTRUE);
    APP_CHECK(xSemaphoreTake(done, pdMS_TO_TICKS(100)) == pdTRUE);
    APP_CHECK(xSemaphoreTake(done, 0) == pdFALSE);
    APP_CHECK(total == 2u * (ITEMS_PER_PRODUCER * (ITEMS_PER_PRODUCER - 1u) / 2u));

    /* Empty: a receive waits its timeout, then fails. */
    struct item it = {7, 7};
    TickType_t t0 = xTaskGetTickCount();
    APP_CHECK(xQueueReceive(queue, &it, 20) == errQUEUE_EMPTY);
    TickType_t waited = xTaskGetTickCount() - t0;
    APP_CHECK(waited >= 20 && waited <= 21);
    APP_CHECK(uxQueueMessagesWaiting(queue) == 0u);

    /* Full: a send with no wait fails; peek sees the oldest. */
    for (uint32_t i = 0; i < QUEUE_LEN; i++) {
        struct item x = {0, 100u + i};
        APP_CHECK(xQueueSend(queue, &x, 0) == pdPASS);
    }
    APP_CHECK(xQueueSend(queue, &it, 0) == errQUEUE_FULL);
    APP_CHECK(uxQueueMessagesWaiting(queue) == QUEUE_LEN);
    APP_CHECK(xQueuePeek(queue, &it, 0) == pdPASS && it.seq == 100u);
    APP_CHECK(uxQueueMessagesWaiting(queue) == QUEUE_LEN);
    for (uint32_t i = 0; i < QUEUE_LEN; i++)
        APP_CHECK(xQueueReceive(queue, &it, 0) == pdPASS && it.seq == 100u + i);

    /* A mutex: the holder, a second give refused. */
    APP_CHECK(xSemaphoreTake(guard, 0) == pdTRUE);
    APP_CHECK(xSemaphoreGive(guard) == pdTRUE);
    APP_CHECK(uxSemaphoreGetCount(done) == 0u);

    /* The producers deleted themselves: their memory comes back. */
    size_t before = xPortGetFreeHeapSize();
    vQueueDelete(queue);
    APP_CHECK(xPortGetFreeHeapSize() > before);
    APP_CHECK(xPortGetMinimumEverFreeHeapSize() <= xPortGetFreeHeapSize());
    printf("queue: %u items, heap free %u, min ever %u\n", (unsigned)(2u * ITEMS_PER_PRODUCER),
           (unsigned)xPortGetFreeHeapSize(), (unsigned)xPortGetMinimumEverFreeHeapSize());
    app_result(1, "");
}

int main(void)
{
    queue = xQueueCreate(QUEUE_LEN, sizeof(struct item));
    done = xSemaphoreCreateCounting(2, 0);
    guard = xSemaphoreCreateMutex();
    if (queue == NULL || done == NULL || guard == NULL)
        app_result(0, "create");
    if (xTaskCreate(consumer, "consumer", 512, NULL, 1, NULL) != pdPASS ||
        xTaskCreate(producer, "prod0", 384, (void *)0, 2, NULL) != pdPASS ||
        xTaskCreate(producer, "prod1", 384, (void *)1, 3, NULL) != pdPASS)
        app_result(0, "task create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
