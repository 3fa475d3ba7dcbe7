/*
 * Direct-to-task notifications as light semaphores: the tick hook (an
 * interrupt handler, natively) gives a notification to a handler task
 * every 4 ticks (vTaskNotifyGiveFromISR); the handler takes each with
 * ulTaskNotifyTake and must run in the tick of the give, missing none.
 * Then task to task: counting and binary takes, every eNotifyAction,
 * xTaskNotifyWait's clear masks, the indexed array, state and value
 * clears, timeouts, abort delay. FreeRTOS API only.
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "app_result.h"
#include "task.h"

#define GIVES 100u
#define GIVE_EVERY 4u

static TaskHandle_t handler_task, main_task;
static volatile uint32_t isr_gives;       /* gives made by the tick hook */
static volatile TickType_t last_give_tick; /* tick of the last give */
static volatile int isr_active;

void app_assert_failed(int line)
{
    app_fail_at(line, "configASSERT");
}

void vApplicationMallocFailedHook(void)
{
    app_result(0, "malloc failed");
}

void vApplicationTickHook(void)
{
    static uint32_t n;
    if (!isr_active || isr_gives >= GIVES || (++n % GIVE_EVERY) != 0u)
        return;
    BaseType_t woken = pdFALSE;
    last_give_tick = xTaskGetTickCountFromISR();
    isr_gives++;
    vTaskNotifyGiveFromISR(handler_task, &woken);
    portYIELD_FROM_ISR(woken);
}

static void handler(void *arg)
{
    (void)arg;
    uint32_t taken = 0, late = 0;
    while (taken < GIVES) {
        uint32_t n = ulTaskNotifyTake(pdFALSE, pdMS_TO_TICKS(100));
        APP_CHECK(n >= 1u); /* a counting take returns the count before it */
        if (xTaskGetTickCount() != last_give_tick)
            late++;
        taken++;
    }
    APP_CHECK(late == 0u);
    APP_CHECK(isr_gives == GIVES);
    /* Part 2: serve the main task (index 1: its requests). */
    for (;;) {
        uint32_t v = 0;
        if (xTaskNotifyWaitIndexed(1, 0, 0xFFFFFFFFu, &v, portMAX_DELAY) != pdTRUE)
            continue;
        if (v == 0xDEADu)
            break;
        /* Answer with v + 1 on the main task's index 0. */
        APP_CHECK(xTaskNotify(main_task, v + 1u, eSetValueWithOverwrite) == pdPASS);
    }
    vTaskDelete(NULL);
}

static void sleeper(void *arg)
{
    (void)arg;
    vTaskDelay(portMAX_DELAY - 1u); /* ended by xTaskAbortDelay */
    APP_CHECK(xTaskNotifyGive(main_task) == pdPASS);
    vTaskDelete(NULL);
}

static void main_fn(void *arg)
{
    (void)arg;
    /* Part 1: the interrupt gives, the handler takes (higher priority). */
    isr_active = 1;
    while (eTaskGetState(handler_task) != eBlocked || isr_gives < GIVES)
        vTaskDelay(10);
    isr_active = 0;

    /* Counting take: three gives, one take returns 3 and leaves 2. */
    for (int i = 0; i < 3; i++)
        APP_CHECK(xTaskNotifyGive(main_task) == pdPASS);
    APP_CHECK(ulTaskNotifyTake(pdFALSE, 0) == 3u);
    APP_CHECK(ulTaskNotifyTake(pdTRUE, 0) == 2u); /* binary take clears */
    APP_CHECK(ulTaskNotifyTake(pdTRUE, 0) == 0u);
    TickType_t t0 = xTaskGetTickCount();
    APP_CHECK(ulTaskNotifyTake(pdTRUE, 10) == 0u);
    APP_CHECK(xTaskGetTickCount() - t0 >= 10u);

    /* Actions on the caller's own index 0. */
    uint32_t v = 0, prev = 0;
    APP_CHECK(xTaskNotify(main_task, 0x5u, eSetBits) == pdPASS);
    APP_CHECK(xTaskNotify(main_task, 0x30u, eSetBits) == pdPASS);
    APP_CHECK(xTaskNotifyAndQuery(main_task, 0, eIncrement, &prev) == pdPASS && prev == 0x35u);
    APP_CHECK(xTaskNotify(main_task, 7u, eSetValueWithoutOverwrite) == pdFAIL); /* pending */
    APP_CHECK(xTaskNotifyWait(0, 0xF0u, &v, 0) == pdTRUE && v == 0x36u);
    APP_CHECK(xTaskNotifyWait(0, 0, &v, 0) == pdFALSE); /* taken already */
    APP_CHECK(xTaskNotify(main_task, 7u, eSetValueWithoutOverwrite) == pdPASS);
    APP_CHECK(xTaskNotify(main_task, 9u, eSetValueWithOverwrite) == pdPASS);
    APP_CHECK(xTaskNotifyWait(0xFFFFFFFFu, 0, &v, 0) == pdTRUE && v == 9u); /* pending: no entry clear */
    APP_CHECK(xTaskNotify(main_task, 0, eNoAction) == pdPASS);
    APP_CHECK(xTaskNotifyStateClear(main_task) == pdTRUE);
    APP_CHECK(xTaskNotifyStateClear(main_task) == pdFALSE);
    APP_CHECK(ulTaskNotifyValueClear(main_task, 0x1u) == 9u);
    APP_CHECK(ulTaskNotifyValueClear(NULL, 0) == 8u);

    /* Index 2 is independent of index 0. */
    APP_CHECK(xTaskNotifyGiveIndexed(main_task, 2) == pdPASS);
    APP_CHECK(ulTaskNotifyTake(pdTRUE, 0) == 8u); /* index 0: its value, 8 */
    APP_CHECK(ulTaskNotifyTakeIndexed(2, pdTRUE, 0) == 1u);

    /* Requests to the handler on its index 1, answers on ours. */
    for (uint32_t i = 1; i <= 20u; i++) {
        APP_CHECK(xTaskNotifyIndexed(handler_task, 1, i * 10u, eSetValueWithOverwrite) == pdPASS);
        APP_CHECK(xTaskNotifyWait(0, 0xFFFFFFFFu, &v, pdMS_TO_TICKS(50)) == pdTRUE);
        APP_CHECK(v == i * 10u + 1u);
    }
    APP_CHECK(xTaskNotifyIndexed(handler_task, 1, 0xDEADu, eSetValueWithOverwrite) == pdPASS);

    /* Abort delay: a sleeper's long delay ended at once. */
    TaskHandle_t s = NULL;
    APP_CHECK(xTaskCreate(sleeper, "sleeper", configMINIMAL_STACK_SIZE, NULL, 3, &s) == pdPASS);
    APP_CHECK(eTaskGetState(s) == eBlocked);
    APP_CHECK(xTaskAbortDelay(s) == pdPASS);
    APP_CHECK(ulTaskNotifyTake(pdTRUE, pdMS_TO_TICKS(10)) == 1u);
    printf("notify: %u interrupt gives taken on their tick\n", (unsigned)GIVES);
    app_result(1, "");
}

int main(void)
{
    if (xTaskCreate(handler, "handler", 384, NULL, 4, &handler_task) != pdPASS ||
        xTaskCreate(main_fn, "main", 512, NULL, 2, &main_task) != pdPASS)
        app_result(0, "task create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
