/*
 * Queue sets: one task waits on two queues and a counting semaphore at
 * once (xQueueSelectFromSet) and reads each member the set names; two
 * senders post to them in turns. Every item and unit arrives, each from
 * the member the set named, as the handle that was added. Then a select
 * that times out, and removal (refused while a member holds data).
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "app_hooks.h"
#include "queue.h"
#include "semphr.h"
#include "task.h"

#define N_ITEMS 60u

static QueueHandle_t qa, qb;
static SemaphoreHandle_t sem;
static QueueSetHandle_t set;

static void sender(void *arg)
{
    uint32_t which = (uint32_t)(uintptr_t)arg;
    for (uint32_t i = 0; i < N_ITEMS; i++) {
        if (which == 0u) {
            APP_CHECK(xQueueSend(qa, &i, portMAX_DELAY) == pdPASS);
            if ((i % 3u) == 0u)
                APP_CHECK(xSemaphoreGive(sem) == pdTRUE);
        } else {
            APP_CHECK(xQueueSend(qb, &i, portMAX_DELAY) == pdPASS);
        }
        vTaskDelay((TickType_t)(1u + which));
    }
    vTaskDelete(NULL);
}

static void receiver(void *arg)
{
    (void)arg;
    uint32_t next_a = 0, next_b = 0, units = 0;
    while (next_a < N_ITEMS || next_b < N_ITEMS || units < N_ITEMS / 3u) {
        QueueSetMemberHandle_t m = xQueueSelectFromSet(set, pdMS_TO_TICKS(200));
        APP_CHECK(m != NULL);
        uint32_t v;
        if (m == qa) {
            APP_CHECK(xQueueReceive(qa, &v, 0) == pdPASS && v == next_a);
            next_a++;
        } else if (m == qb) {
            APP_CHECK(xQueueReceive(qb, &v, 0) == pdPASS && v == next_b);
            next_b++;
        } else {
            APP_CHECK(m == sem);
            APP_CHECK(xSemaphoreTake(sem, 0) == pdTRUE);
            units++;
        }
    }
    TickType_t t0 = xTaskGetTickCount();
    APP_CHECK(xQueueSelectFromSet(set, 5) == NULL);
    APP_CHECK(xTaskGetTickCount() - t0 >= 5u);
    uint32_t v = 1;
    APP_CHECK(xQueueSend(qb, &v, 0) == pdPASS);
    APP_CHECK(xQueueRemoveFromSet(qb, set) == pdFAIL); /* holds an item */
    APP_CHECK(xQueueSelectFromSet(set, 0) == qb);
    APP_CHECK(xQueueReceive(qb, &v, 0) == pdPASS);
    APP_CHECK(xQueueRemoveFromSet(qb, set) == pdPASS);
    APP_CHECK(xQueueSend(qb, &v, 0) == pdPASS);
    APP_CHECK(xQueueSelectFromSet(set, 0) == NULL); /* no longer a member */
    printf("qset: %lu + %lu items, %lu units through one set\n", (unsigned long)next_a,
           (unsigned long)next_b, (unsigned long)units);
    app_result(1, "");
}

int main(void)
{
    qa = xQueueCreate(4, sizeof(uint32_t));
    qb = xQueueCreate(4, sizeof(uint32_t));
    sem = xSemaphoreCreateCounting(N_ITEMS, 0);
    set = xQueueCreateSet(4 + 4 + N_ITEMS);
    if (qa == NULL || qb == NULL || sem == NULL || set == NULL)
        app_result(0, "create");
    if (xQueueAddToSet(qa, set) != pdPASS || xQueueAddToSet(qb, set) != pdPASS ||
        xQueueAddToSet(sem, set) != pdPASS)
        app_result(0, "add to set");
    if (xTaskCreate(receiver, "receiver", 384, NULL, 3, NULL) != pdPASS ||
        xTaskCreate(sender, "senderA", 320, (void *)0, 2, NULL) != pdPASS ||
        xTaskCreate(sender, "senderB", 320, (void *)1, 2, NULL) != pdPASS)
        app_result(0, "task create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
