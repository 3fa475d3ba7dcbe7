/*
 * queue.h - FreeRTOS's queue API over the tick core (see FreeRTOS.h). A
 * queue handle is the core's struct os_queue (kind FR_KIND_QUEUE, i.e.
 * the plain address). Semaphore handles (semphr.h) are queue handles too:
 * the calls that FreeRTOS lets take either (uxQueueMessagesWaiting,
 * vQueueDelete, queue sets) look at the handle's kind.
 */
#ifndef QUEUE_H
#define QUEUE_H

#ifndef INC_FREERTOS_H
#error "include FreeRTOS.h before queue.h"
#endif

#define queueSEND_TO_BACK ((BaseType_t)0)
#define queueSEND_TO_FRONT ((BaseType_t)1)
#define queueOVERWRITE ((BaseType_t)2)

#define queueQUEUE_TYPE_BASE ((uint8_t)0U)
#define queueQUEUE_TYPE_SET ((uint8_t)0U)
#define queueQUEUE_TYPE_MUTEX ((uint8_t)1U)
#define queueQUEUE_TYPE_COUNTING_SEMAPHORE ((uint8_t)2U)
#define queueQUEUE_TYPE_BINARY_SEMAPHORE ((uint8_t)3U)
#define queueQUEUE_TYPE_RECURSIVE_MUTEX ((uint8_t)4U)

static inline struct os_queue *fr_q(QueueHandle_t h)
{
    return (struct os_queue *)(void *)h;
}

/* ---- Creation, deletion (rtos/freertos/src/fr_objects.c) ---- */

#if configSUPPORT_DYNAMIC_ALLOCATION
QueueHandle_t xQueueCreate(UBaseType_t uxQueueLength, UBaseType_t uxItemSize);
#endif
#if configSUPPORT_STATIC_ALLOCATION
QueueHandle_t xQueueCreateStatic(UBaseType_t uxQueueLength, UBaseType_t uxItemSize,
                                 uint8_t *pucQueueStorageBuffer, StaticQueue_t *pxQueueBuffer);
#endif
void vQueueDelete(QueueHandle_t xQueue);

/* ---- Send, receive ---- */

static inline BaseType_t xQueueSendToBack(QueueHandle_t xQueue, const void *pvItemToQueue,
                                          TickType_t xTicksToWait)
{
    return os_queue_send(fr_q(xQueue), pvItemToQueue, xTicksToWait) == OS_OK ? pdPASS
                                                                             : errQUEUE_FULL;
}
static inline BaseType_t xQueueSend(QueueHandle_t xQueue, const void *pvItemToQueue,
                                    TickType_t xTicksToWait)
{
    return xQueueSendToBack(xQueue, pvItemToQueue, xTicksToWait);
}
static inline BaseType_t xQueueReceive(QueueHandle_t xQueue, void *pvBuffer,
                                       TickType_t xTicksToWait)
{
    return os_queue_receive(fr_q(xQueue), pvBuffer, xTicksToWait) == OS_OK ? pdPASS
                                                                           : errQUEUE_EMPTY;
}
static inline BaseType_t xQueuePeek(QueueHandle_t xQueue, void *pvBuffer, TickType_t xTicksToWait)
{
    return os_queue_peek(fr_q(xQueue), pvBuffer, xTicksToWait) == OS_OK ? pdPASS : errQUEUE_EMPTY;
}

/* From an interrupt handler. In a partition: the task-level call that
 * never blocks (application code runs in tasks there), *woken pdFALSE. */
static inline BaseType_t xQueueSendToBackFromISR(QueueHandle_t xQueue, const void *pvItemToQueue,
                                                 BaseType_t *pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return os_queue_send(fr_q(xQueue), pvItemToQueue, OS_NO_WAIT) == OS_OK ? pdPASS
                                                                           : errQUEUE_FULL;
#else
    bool sw = false;
    bool ok = os_queue_send_from_isr(fr_q(xQueue), pvItemToQueue, &sw);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return ok ? pdPASS : errQUEUE_FULL;
#endif
}
static inline BaseType_t xQueueSendFromISR(QueueHandle_t xQueue, const void *pvItemToQueue,
                                           BaseType_t *pxHigherPriorityTaskWoken)
{
    return xQueueSendToBackFromISR(xQueue, pvItemToQueue, pxHigherPriorityTaskWoken);
}
static inline BaseType_t xQueueReceiveFromISR(QueueHandle_t xQueue, void *pvBuffer,
                                              BaseType_t *pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return os_queue_receive(fr_q(xQueue), pvBuffer, OS_NO_WAIT) == OS_OK ? pdPASS
                                                                         : errQUEUE_EMPTY;
#else
    bool sw = false;
    bool ok = os_queue_receive_from_isr(fr_q(xQueue), pvBuffer, &sw);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return ok ? pdPASS : errQUEUE_EMPTY;
#endif
}

/* Items waiting: a queue's items, a semaphore's count, 1 for a free mutex. */
UBaseType_t uxQueueMessagesWaiting(const QueueHandle_t xQueue);
static inline UBaseType_t uxQueueMessagesWaitingFromISR(const QueueHandle_t xQueue)
{
    return uxQueueMessagesWaiting(xQueue);
}

/* The registry serves kernel-aware debuggers in FreeRTOS; there is none
 * here: names are not kept (pcQueueGetName returns NULL). */
#define vQueueAddToRegistry(xQueue, pcName) ((void)(xQueue), (void)(pcName))
#define vQueueUnregisterQueue(xQueue) ((void)(xQueue))
#define pcQueueGetName(xQueue) ((void)(xQueue), (const char *)NULL)

#if FR_HAVE_PRIMS
#include "fr_queue_prims.h"
#endif

#endif /* QUEUE_H */
