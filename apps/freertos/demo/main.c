/*
 * The FreeRTOS demo: a small data pipeline written against the FreeRTOS
 * API only, run forever (apps/systems/freertos-demo runs it as a partition
 * beside another; `make run SYSTEM=freertos-demo`).
 *
 *  tick interrupt --stream buffer--> sampler --queue--> filter --mutex--> stats
 *  1 s auto-reload timer --event group--> reporter: one line a second
 *  the reporter also creates a short-lived worker task from the heap each
 *  second, which computes a checksum and deletes itself.
 *
 * The line: FR-DEMO t=<s> samples=<n> mean=<v> late=<n> workers=<n>
 * heap=<free>/<min ever> stack=<words left of the sampler>. late counts
 * samples the sampler did not read within 2 ticks of their tick.
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "event_groups.h"
#include "queue.h"
#include "semphr.h"
#include "stream_buffer.h"
#include "task.h"
#include "timers.h"

#define BIT_SECOND 0x1u
#define BIT_WORKER 0x2u

struct sample {
    uint16_t value; /* a sawtooth 0..999 */
    uint16_t tick;  /* low bits of the tick it was made in */
};

static StreamBufferHandle_t raw;
static QueueHandle_t filtered;
static SemaphoreHandle_t stats_lock;
static EventGroupHandle_t events;
static TaskHandle_t sampler_task;
static uint32_t n_samples, n_late, sum_window, n_window, n_workers;

void vApplicationTickHook(void)
{
    static uint16_t v;
    struct sample s = {v, (uint16_t)xTaskGetTickCountFromISR()};
    v = (uint16_t)((v + 7u) % 1000u);
    BaseType_t woken = pdFALSE;
    (void)xStreamBufferSendFromISR(raw, &s, sizeof s, &woken);
    portYIELD_FROM_ISR(woken);
}

void vApplicationMallocFailedHook(void)
{
    printf("FR-DEMO malloc failed\n");
}

void vApplicationStackOverflowHook(TaskHandle_t xTask, char *pcTaskName)
{
    (void)xTask;
    printf("FR-DEMO stack overflow in %s\n", pcTaskName);
    for (;;)
        ;
}

static void sampler(void *arg)
{
    (void)arg;
    struct sample s;
    for (;;) {
        if (xStreamBufferReceive(raw, &s, sizeof s, portMAX_DELAY) != sizeof s)
            continue;
        if ((uint16_t)((uint16_t)xTaskGetTickCount() - s.tick) > 2u)
            n_late++;
        (void)xQueueSend(filtered, &s, 0);
    }
}

static void filter(void *arg)
{
    (void)arg;
    struct sample s;
    for (;;) {
        if (xQueueReceive(filtered, &s, portMAX_DELAY) != pdPASS)
            continue;
        xSemaphoreTake(stats_lock, portMAX_DELAY);
        n_samples++;
        sum_window += s.value;
        n_window++;
        xSemaphoreGive(stats_lock);
    }
}

static void worker(void *arg)
{
    uint32_t x = (uint32_t)(uintptr_t)arg;
    for (uint32_t i = 0; i < 10000u; i++)
        x = x * 1664525u + 1013904223u;
    if (x != 0u)
        xEventGroupSetBits(events, BIT_WORKER);
    vTaskDelete(NULL);
}

static void on_second(TimerHandle_t t)
{
    (void)t;
    xEventGroupSetBits(events, BIT_SECOND);
}

static void reporter(void *arg)
{
    (void)arg;
    for (uint32_t sec = 1;; sec++) {
        (void)xEventGroupWaitBits(events, BIT_SECOND, pdTRUE, pdFALSE, portMAX_DELAY);
        if (xTaskCreate(worker, "worker", 256, (void *)(uintptr_t)sec, 1, NULL) == pdPASS &&
            (xEventGroupWaitBits(events, BIT_WORKER, pdTRUE, pdFALSE, pdMS_TO_TICKS(500)) &
             BIT_WORKER) != 0u)
            n_workers++;
        xSemaphoreTake(stats_lock, portMAX_DELAY);
        uint32_t n = n_samples, mean = n_window != 0u ? sum_window / n_window : 0u;
        sum_window = n_window = 0;
        xSemaphoreGive(stats_lock);
        printf("FR-DEMO t=%lu samples=%lu mean=%lu late=%lu workers=%lu heap=%u/%u stack=%u\n",
               (unsigned long)sec, (unsigned long)n, (unsigned long)mean,
               (unsigned long)n_late, (unsigned long)n_workers, (unsigned)xPortGetFreeHeapSize(),
               (unsigned)xPortGetMinimumEverFreeHeapSize(),
               (unsigned)uxTaskGetStackHighWaterMark(sampler_task));
    }
}

int main(void)
{
    raw = xStreamBufferCreate(64 * sizeof(struct sample), sizeof(struct sample));
    filtered = xQueueCreate(16, sizeof(struct sample));
    stats_lock = xSemaphoreCreateMutex();
    events = xEventGroupCreate();
    TimerHandle_t second = xTimerCreate("second", pdMS_TO_TICKS(1000), pdTRUE, NULL, on_second);
    if (raw == NULL || filtered == NULL || stats_lock == NULL || events == NULL ||
        second == NULL || xTimerStart(second, 0) != pdPASS ||
        xTaskCreate(sampler, "sampler", 320, NULL, 5, &sampler_task) != pdPASS ||
        xTaskCreate(filter, "filter", 320, NULL, 3, NULL) != pdPASS ||
        xTaskCreate(reporter, "reporter", 512, NULL, 2, NULL) != pdPASS) {
        printf("FR-DEMO set-up failed\n");
        return 1;
    }
    printf("FR-DEMO FreeRTOS pipeline: tick interrupt -> stream buffer -> queue -> stats, "
           "a line a second\n");
    vTaskStartScheduler();
    return 1;
}
