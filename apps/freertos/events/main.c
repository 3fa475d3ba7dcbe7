/*
 * Event-group synchronisation of several tasks: four workers of different
 * priorities meet at a rendezvous (xEventGroupSync) after each of 50
 * rounds of work of different lengths; none may pass a round before all
 * have reached it. Then waits for any and for all bits, clear on exit,
 * the bits returned at a timeout, and bits set from the tick interrupt
 * (xEventGroupSetBitsFromISR in the tick hook).
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "app_hooks.h"
#include "event_groups.h"
#include "task.h"

#define WORKERS 4u
#define ROUNDS 50u
#define ALL_WORKERS ((1u << WORKERS) - 1u)
#define BIT_TICK (1u << 20)

static EventGroupHandle_t meet, flags;
static volatile uint32_t round_of[WORKERS];
static TaskHandle_t main_task;
static volatile TickType_t set_at; /* tick at which the hook sets BIT_TICK, 0: never */

void vApplicationTickHook(void)
{
    if (set_at != 0u && xTaskGetTickCountFromISR() == set_at) {
        BaseType_t woken = pdFALSE;
        (void)xEventGroupSetBitsFromISR(flags, BIT_TICK, &woken);
        portYIELD_FROM_ISR(woken);
    }
}

static void worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    for (uint32_t r = 0; r < ROUNDS; r++) {
        vTaskDelay((TickType_t)(1u + (id * 3u + r) % 5u)); /* work */
        round_of[id] = r + 1u;
        EventBits_t b = xEventGroupSync(meet, 1u << id, ALL_WORKERS, pdMS_TO_TICKS(500));
        APP_CHECK((b & ALL_WORKERS) == ALL_WORKERS);
        /* Everyone reached round r + 1 before anyone passed it. */
        for (uint32_t k = 0; k < WORKERS; k++)
            APP_CHECK(round_of[k] >= r + 1u);
    }
    xTaskNotifyGive(main_task);
    vTaskDelete(NULL);
}

static void main_fn(void *arg)
{
    (void)arg;
    for (uint32_t i = 0; i < WORKERS; i++)
        APP_CHECK(ulTaskNotifyTake(pdFALSE, pdMS_TO_TICKS(5000)) >= 1u);
    APP_CHECK((xEventGroupGetBits(meet) & ALL_WORKERS) == 0u); /* the sync cleared them */

    /* Any / all, clear on exit, timeout. */
    APP_CHECK(xEventGroupSetBits(flags, 0x3u) == 0x3u);
    APP_CHECK(xEventGroupWaitBits(flags, 0x6u, pdFALSE, pdFALSE, 0) == 0x3u); /* any: bit 1 */
    TickType_t t0 = xTaskGetTickCount();
    EventBits_t b = xEventGroupWaitBits(flags, 0x6u, pdFALSE, pdTRUE, 7); /* all: not bit 2 */
    APP_CHECK(b == 0x3u && xTaskGetTickCount() - t0 >= 7u);
    APP_CHECK(xEventGroupWaitBits(flags, 0x1u, pdTRUE, pdTRUE, 0) == 0x3u);
    APP_CHECK(xEventGroupGetBits(flags) == 0x2u); /* bit 0 cleared on exit */
    APP_CHECK(xEventGroupClearBits(flags, 0x2u) == 0x2u);
    APP_CHECK(xEventGroupGetBits(flags) == 0u);

    /* From the interrupt: the waiter runs in the tick of the set. */
    set_at = xTaskGetTickCount() + 10u;
    b = xEventGroupWaitBits(flags, BIT_TICK, pdTRUE, pdFALSE, pdMS_TO_TICKS(100));
    APP_CHECK(b == BIT_TICK);
    APP_CHECK(xTaskGetTickCount() == set_at);
    APP_CHECK(xEventGroupGetBits(flags) == 0u);
    vEventGroupDelete(flags);
    printf("events: %u workers met %u times\n", (unsigned)WORKERS, (unsigned)ROUNDS);
    app_result(1, "");
}

int main(void)
{
    meet = xEventGroupCreate();
    flags = xEventGroupCreate();
    if (meet == NULL || flags == NULL)
        app_result(0, "create");
    for (uint32_t i = 0; i < WORKERS; i++)
        if (xTaskCreate(worker, "worker", 320, (void *)(uintptr_t)i, 1u + i, NULL) != pdPASS)
            app_result(0, "task create");
    if (xTaskCreate(main_fn, "main", 384, NULL, 5, &main_task) != pdPASS)
        app_result(0, "task create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
