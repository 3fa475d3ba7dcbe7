/*
 * semphr.h - FreeRTOS's semaphores and mutexes over the tick core (see
 * FreeRTOS.h): binary and counting semaphores are struct os_sem, mutexes
 * struct os_mutex (priority inheritance), the handle's low bits say which.
 */
#ifndef SEMAPHORE_H
#define SEMAPHORE_H

#ifndef INC_FREERTOS_H
#error "include FreeRTOS.h before semphr.h"
#endif

#include "queue.h"

#define semBINARY_SEMAPHORE_QUEUE_LENGTH ((uint8_t)1U)
#define semSEMAPHORE_QUEUE_ITEM_LENGTH ((uint8_t)0U)
#define semGIVE_BLOCK_TIME ((TickType_t)0U)

/* ---- Creation (rtos/freertos/src/fr_objects.c) ---- */

#if configSUPPORT_DYNAMIC_ALLOCATION
SemaphoreHandle_t xSemaphoreCreateBinary(void);
SemaphoreHandle_t xSemaphoreCreateCounting(UBaseType_t uxMaxCount, UBaseType_t uxInitialCount);
#if configUSE_MUTEXES
SemaphoreHandle_t xSemaphoreCreateMutex(void);
#endif
#if configUSE_RECURSIVE_MUTEXES
SemaphoreHandle_t xSemaphoreCreateRecursiveMutex(void);
#endif
/* The old macro: created "given" (available). */
#define vSemaphoreCreateBinary(xSemaphore)                                                         \
    do {                                                                                           \
        (xSemaphore) = xSemaphoreCreateBinary();                                                   \
        if ((xSemaphore) != NULL)                                                                  \
            (void)xSemaphoreGive(xSemaphore);                                                      \
    } while (0)
#endif
#if configSUPPORT_STATIC_ALLOCATION
SemaphoreHandle_t xSemaphoreCreateBinaryStatic(StaticSemaphore_t *pxSemaphoreBuffer);
SemaphoreHandle_t xSemaphoreCreateCountingStatic(UBaseType_t uxMaxCount,
                                                 UBaseType_t uxInitialCount,
                                                 StaticSemaphore_t *pxSemaphoreBuffer);
#if configUSE_MUTEXES
SemaphoreHandle_t xSemaphoreCreateMutexStatic(StaticSemaphore_t *pxMutexBuffer);
#endif
#if configUSE_RECURSIVE_MUTEXES
SemaphoreHandle_t xSemaphoreCreateRecursiveMutexStatic(StaticSemaphore_t *pxMutexBuffer);
#endif
#endif
#define vSemaphoreDelete(xSemaphore) vQueueDelete(xSemaphore)

/* ---- Take, give ---- */

static inline BaseType_t xSemaphoreTake(SemaphoreHandle_t xSemaphore, TickType_t xBlockTime)
{
    if (fr_kind(xSemaphore) == FR_KIND_SEM)
        return fr_pass(os_sem_take((struct os_sem *)fr_obj(xSemaphore), xBlockTime));
    return fr_pass(os_mutex_lock((struct os_mutex *)fr_obj(xSemaphore), xBlockTime));
}

static inline BaseType_t xSemaphoreGive(SemaphoreHandle_t xSemaphore)
{
    if (fr_kind(xSemaphore) == FR_KIND_SEM)
        return fr_pass(os_sem_give((struct os_sem *)fr_obj(xSemaphore)));
    return fr_pass(os_mutex_unlock((struct os_mutex *)fr_obj(xSemaphore)));
}

#if configUSE_RECURSIVE_MUTEXES
static inline BaseType_t xSemaphoreTakeRecursive(SemaphoreHandle_t xMutex, TickType_t xBlockTime)
{
    return fr_pass(os_mutex_lock((struct os_mutex *)fr_obj(xMutex), xBlockTime));
}
static inline BaseType_t xSemaphoreGiveRecursive(SemaphoreHandle_t xMutex)
{
    return fr_pass(os_mutex_unlock((struct os_mutex *)fr_obj(xMutex)));
}
#endif

/* From an interrupt handler (semaphores only: FreeRTOS forbids mutexes
 * there). In a partition: the task-level give, *woken pdFALSE. */
static inline BaseType_t xSemaphoreGiveFromISR(SemaphoreHandle_t xSemaphore,
                                               BaseType_t *pxHigherPriorityTaskWoken)
{
    struct os_sem *s = (struct os_sem *)fr_obj(xSemaphore);
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return fr_pass(os_sem_give(s));
#else
    /* The core drops a give at the maximum count: report it as FreeRTOS
     * does (errQUEUE_FULL). The count read and the give are two steps,
     * both at interrupt level: a task cannot come between them. */
    if (fr_kind(xSemaphore) != FR_KIND_SEM)
        return pdFAIL;
    unsigned before = os_sem_count(s);
    bool sw = os_sem_give_from_isr(s);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return (sw || os_sem_count(s) != before) ? pdPASS : errQUEUE_FULL;
#endif
}

/* A free mutex counts 1, a held one 0. */
static inline UBaseType_t uxSemaphoreGetCount(SemaphoreHandle_t xSemaphore)
{
    return uxQueueMessagesWaiting(xSemaphore);
}
static inline UBaseType_t uxSemaphoreGetCountFromISR(SemaphoreHandle_t xSemaphore)
{
    return uxQueueMessagesWaiting(xSemaphore);
}

#if configUSE_MUTEXES && (INCLUDE_xSemaphoreGetMutexHolder || INCLUDE_xQueueGetMutexHolder)
static inline TaskHandle_t xSemaphoreGetMutexHolder(SemaphoreHandle_t xMutex)
{
    if (fr_kind(xMutex) < FR_KIND_MUTEX)
        return NULL;
    return os_mutex_owner((struct os_mutex *)fr_obj(xMutex));
}
static inline TaskHandle_t xSemaphoreGetMutexHolderFromISR(SemaphoreHandle_t xMutex)
{
    return xSemaphoreGetMutexHolder(xMutex);
}
#define xQueueGetMutexHolder(x) xSemaphoreGetMutexHolder(x)
#endif

#endif /* SEMAPHORE_H */
