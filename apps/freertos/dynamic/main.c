/*
 * Dynamic creation and deletion: 40 rounds in which three tasks are
 * created from the heap (different stack sizes), each creates a queue, a
 * semaphore and a mutex of its own, uses them, deletes them and then
 * itself; after each round the heap is back where it was after the first
 * (the memory of self-deleted tasks is given back; their TCBs are kept
 * for the next tasks). A task deleted by another while
 * blocked; static creation from application buffers; an allocation too
 * large fails, calling the malloc-failed hook; the idle hook runs; the
 * task snapshot (uxTaskGetSystemState) and xTaskGetHandle; freed heap
 * blocks merge, and frees of pointers that are no block are refused.
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "app_result.h"
#include "queue.h"
#include "semphr.h"
#include "task.h"

#define ROUNDS 40u

static SemaphoreHandle_t finished;
static volatile uint32_t malloc_failures, idle_calls, work_done;

volatile unsigned app_asserts;

void app_assert_failed(int line)
{
    (void)line;
    app_asserts++;
}

void vApplicationMallocFailedHook(void)
{
    malloc_failures++;
}

void vApplicationIdleHook(void)
{
    idle_calls++;
}

static StaticTask_t idle_tcb;
static StackType_t idle_stack[configMINIMAL_STACK_SIZE];
void vApplicationGetIdleTaskMemory(StaticTask_t **ppxIdleTaskTCBBuffer,
                                   StackType_t **ppxIdleTaskStackBuffer,
                                   uint32_t *pulIdleTaskStackSize)
{
    *ppxIdleTaskTCBBuffer = &idle_tcb;
    *ppxIdleTaskStackBuffer = idle_stack;
    *pulIdleTaskStackSize = configMINIMAL_STACK_SIZE;
}

static void worker(void *arg)
{
    uint32_t n = (uint32_t)(uintptr_t)arg;
    QueueHandle_t q = xQueueCreate(4u + n, sizeof(uint32_t));
    SemaphoreHandle_t s = xSemaphoreCreateBinary();
    SemaphoreHandle_t m = xSemaphoreCreateMutex();
    APP_CHECK(q != NULL && s != NULL && m != NULL);
    for (uint32_t i = 0; i < 4u + n; i++)
        APP_CHECK(xQueueSend(q, &i, 0) == pdPASS);
    uint32_t v, sum = 0;
    while (xQueueReceive(q, &v, 0) == pdPASS)
        sum += v;
    APP_CHECK(sum == (4u + n) * (3u + n) / 2u);
    APP_CHECK(xSemaphoreGive(s) == pdTRUE && xSemaphoreTake(s, 0) == pdTRUE);
    APP_CHECK(xSemaphoreTake(m, 0) == pdTRUE && xSemaphoreGive(m) == pdTRUE);
    vQueueDelete(q);
    vSemaphoreDelete(s);
    vSemaphoreDelete(m);
    taskENTER_CRITICAL();
    work_done++;
    taskEXIT_CRITICAL();
    APP_CHECK(xSemaphoreGive(finished) == pdTRUE);
    vTaskDelete(NULL);
}

static void blocked(void *arg)
{
    (void)arg;
    vTaskDelay(portMAX_DELAY - 1u);
    app_result(0, "a deleted task ran");
}

static StaticTask_t st_tcb;
static StackType_t st_stack[300];
static StaticQueue_t st_queue;
static uint8_t st_storage[8 * sizeof(uint32_t)];
static StaticSemaphore_t st_sem;

static void static_task(void *arg)
{
    (void)arg;
    QueueHandle_t q = xQueueCreateStatic(8, sizeof(uint32_t), st_storage, &st_queue);
    SemaphoreHandle_t s = xSemaphoreCreateBinaryStatic(&st_sem);
    APP_CHECK(q != NULL && s != NULL);
    uint32_t v = 42;
    APP_CHECK(xQueueSend(q, &v, 0) == pdPASS && xQueueReceive(q, &v, 0) == pdPASS && v == 42u);
    APP_CHECK(xSemaphoreGive(s) == pdTRUE);
    APP_CHECK(xSemaphoreGive(finished) == pdTRUE);
    vTaskSuspend(NULL);
}

static void main_fn(void *arg)
{
    (void)arg;
    vTaskDelay(2);
    /* Freed neighbours merge: after four blocks are freed (out of order)
     * the free list is as it was, the same number of blocks, the same
     * largest one (done first, while the free space is one block, so the
     * four lie side by side). */
    HeapStats_t h0, h1;
    vPortGetHeapStats(&h0);
    uint8_t *blk[4];
    for (int i = 0; i < 4; i++)
        APP_CHECK((blk[i] = pvPortMalloc(1000)) != NULL);
    vPortFree(blk[1]);
    vPortFree(blk[3]);
    vPortFree(blk[2]);
    vPortFree(blk[0]);
    vPortGetHeapStats(&h1);
    APP_CHECK(h1.xNumberOfFreeBlocks == h0.xNumberOfFreeBlocks);
    APP_CHECK(h1.xSizeOfLargestFreeBlockInBytes == h0.xSizeOfLargestFreeBlockInBytes);
    size_t base = 0;
    UBaseType_t base_tasks = uxTaskGetNumberOfTasks();
    for (uint32_t r = 0; r < ROUNDS; r++) {
        for (uint32_t k = 0; k < 3u; k++)
            APP_CHECK(xTaskCreate(worker, "worker", (configSTACK_DEPTH_TYPE)(256u + 64u * k),
                                  (void *)(uintptr_t)k, 1u + k, NULL) == pdPASS);
        for (uint32_t k = 0; k < 3u; k++)
            APP_CHECK(xSemaphoreTake(finished, pdMS_TO_TICKS(500)) == pdTRUE);
        vTaskDelay(1);
        /* Deleted TCBs are kept for the next tasks (docs/freertos.md): the
         * heap is back to the same figure from the end of round 0 on. */
        if (r == 0u)
            base = xPortGetFreeHeapSize();
        APP_CHECK(xPortGetFreeHeapSize() == base);
        APP_CHECK(uxTaskGetNumberOfTasks() == base_tasks);
    }
    APP_CHECK(work_done == 3u * ROUNDS);
    APP_CHECK(xPortGetMinimumEverFreeHeapSize() < base);

    /* Delete a blocked task from outside. */
    TaskHandle_t b = NULL;
    APP_CHECK(xTaskCreate(blocked, "blocked", 256, NULL, 4, &b) == pdPASS);
    APP_CHECK(eTaskGetState(b) == eReady);
    vTaskDelay(1);
    APP_CHECK(eTaskGetState(b) == eBlocked);
    vTaskDelete(b);
    APP_CHECK(xPortGetFreeHeapSize() == base);

    /* Static creation. */
    TaskHandle_t st = xTaskCreateStatic(static_task, "static", 300, NULL, 4, st_stack, &st_tcb);
    APP_CHECK(st != NULL);
    APP_CHECK(xSemaphoreTake(finished, pdMS_TO_TICKS(100)) == pdTRUE);
    vTaskDelay(1);
    APP_CHECK(eTaskGetState(st) == eSuspended);
    vTaskDelete(st);
    APP_CHECK(xPortGetFreeHeapSize() == base);

    /* Too large: NULL and the hook. */
    APP_CHECK(xQueueCreate(100000, 4) == NULL);
    APP_CHECK(pvPortMalloc(configTOTAL_HEAP_SIZE) == NULL);
    APP_CHECK(malloc_failures == 2u);
    APP_CHECK(xPortGetFreeHeapSize() == base);
    APP_CHECK(app_asserts == 0u);

    uint8_t *big = pvPortMalloc(2000);
    APP_CHECK(big != NULL);
    /* A free of a pointer that is no block start changes nothing. */
    size_t before_bad = xPortGetFreeHeapSize();
    vPortFree(big + 8);
    vPortFree(big + 1008);
    APP_CHECK(app_asserts == 2u);
    APP_CHECK(xPortGetFreeHeapSize() == before_bad);
    vPortFree(big);
    vPortFree(big); /* twice: refused */
    APP_CHECK(app_asserts == 3u);
    APP_CHECK(xPortGetFreeHeapSize() == base);
    HeapStats_t hs;
    vPortGetHeapStats(&hs);
    APP_CHECK(hs.xAvailableHeapSpaceInBytes == base);
    APP_CHECK(hs.xNumberOfSuccessfulAllocations > 3u * ROUNDS);
    APP_CHECK(idle_calls > 0u);

    /* The snapshot: every task, this one running under its name. */
    TaskStatus_t ts[12];
    UBaseType_t n = uxTaskGetSystemState(ts, 12, NULL);
    APP_CHECK(n == uxTaskGetNumberOfTasks());
    int seen = 0;
    for (UBaseType_t i = 0; i < n; i++)
        if (ts[i].xHandle == xTaskGetCurrentTaskHandle()) {
            seen++;
            APP_CHECK(ts[i].eCurrentState == eRunning && ts[i].uxCurrentPriority == 5u);
            APP_CHECK(ts[i].pcTaskName[0] == 'm' && ts[i].pcTaskName[1] == 'a');
        }
    APP_CHECK(seen == 1);
    APP_CHECK(uxTaskGetSystemState(ts, 1, NULL) == 0u); /* too small */
    APP_CHECK(xTaskGetHandle("main") == xTaskGetCurrentTaskHandle());
    APP_CHECK(xTaskGetHandle("nobody") == NULL);
    printf("dynamic: %u rounds of 3 tasks and 9 objects, heap back to %u bytes free each time\n",
           (unsigned)ROUNDS, (unsigned)base);
    app_result(1, "");
}

int main(void)
{
    finished = xSemaphoreCreateCounting(10, 0);
    if (finished == NULL || xTaskCreate(main_fn, "main", 512, NULL, 5, NULL) != pdPASS)
        app_result(0, "create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
