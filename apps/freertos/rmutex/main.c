/*
 * Recursive mutexes: a low-priority task takes a recursive mutex five
 * levels deep; a high-priority task that wants it waits until the fifth
 * give, and meanwhile the holder runs at the waiter's priority (priority
 * inheritance), back to its own after the last give. Only the holder may
 * give. A normal (non-recursive) mutex refuses its holder's second take.
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "app_hooks.h"
#include "semphr.h"
#include "task.h"

#define DEPTH 5

static SemaphoreHandle_t rmutex, plain;
static TaskHandle_t low_task, high_task;
static volatile int high_has_it;
static volatile int high_wants;

static void high(void *arg)
{
    (void)arg;
    /* Wait until low holds the mutex. */
    while (xSemaphoreGetMutexHolder(rmutex) != low_task)
        vTaskDelay(1);
    high_wants = 1;
    APP_CHECK(xSemaphoreGiveRecursive(rmutex) == pdFAIL); /* not the holder */
    APP_CHECK(xSemaphoreTakeRecursive(rmutex, pdMS_TO_TICKS(1000)) == pdPASS);
    high_has_it = 1;
    APP_CHECK(xSemaphoreGetMutexHolder(rmutex) == high_task);
    APP_CHECK(xSemaphoreTakeRecursive(rmutex, 0) == pdPASS);
    APP_CHECK(xSemaphoreGiveRecursive(rmutex) == pdPASS);
    APP_CHECK(xSemaphoreGiveRecursive(rmutex) == pdPASS);
    APP_CHECK(xSemaphoreGetMutexHolder(rmutex) == NULL);
    vTaskSuspend(NULL);
}

static void low(void *arg)
{
    (void)arg;
    for (int i = 0; i < DEPTH; i++)
        APP_CHECK(xSemaphoreTakeRecursive(rmutex, 0) == pdPASS);
    APP_CHECK(xSemaphoreGetMutexHolder(rmutex) == low_task);
    while (!high_wants || eTaskGetState(high_task) != eBlocked)
        taskYIELD();
    /* The waiter lends its priority. */
    APP_CHECK(uxTaskPriorityGet(NULL) == 4u);
    for (int i = 0; i < DEPTH - 1; i++) {
        APP_CHECK(xSemaphoreGiveRecursive(rmutex) == pdPASS);
        APP_CHECK(!high_has_it);
        APP_CHECK(eTaskGetState(high_task) == eBlocked);
    }
    APP_CHECK(xSemaphoreGiveRecursive(rmutex) == pdPASS); /* high runs now */
    APP_CHECK(high_has_it);
    APP_CHECK(uxTaskPriorityGet(NULL) == 1u);
    APP_CHECK(xSemaphoreGiveRecursive(rmutex) == pdFAIL); /* not held */

    /* A normal mutex: the holder's second take fails, its give frees it. */
    APP_CHECK(xSemaphoreTake(plain, 0) == pdTRUE);
    APP_CHECK(xSemaphoreTake(plain, 2) == pdFALSE);
    APP_CHECK(xSemaphoreGive(plain) == pdTRUE);
    APP_CHECK(xSemaphoreGive(plain) == pdFALSE);
    APP_CHECK(uxSemaphoreGetCount(plain) == 1u);
    printf("rmutex: %d levels, priority inherited and returned\n", DEPTH);
    app_result(1, "");
}

int main(void)
{
    rmutex = xSemaphoreCreateRecursiveMutex();
    plain = xSemaphoreCreateMutex();
    if (rmutex == NULL || plain == NULL)
        app_result(0, "create");
    if (xTaskCreate(low, "low", 384, NULL, 1, &low_task) != pdPASS ||
        xTaskCreate(high, "high", 384, NULL, 4, &high_task) != pdPASS)
        app_result(0, "task create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
