/*
 * fr_queue_prims.h - the queue calls over the core's newer primitives
 * (send to front, overwrite, reset, peek from an interrupt, spaces, queue
 * sets). Included by queue.h when the core has them (FR_HAVE_PRIMS).
 */
#ifndef FR_QUEUE_PRIMS_H
#define FR_QUEUE_PRIMS_H

static inline BaseType_t xQueueSendToFront(QueueHandle_t xQueue, const void *pvItemToQueue,
                                           TickType_t xTicksToWait)
{
    return os_queue_send_front(fr_q(xQueue), pvItemToQueue, xTicksToWait) == OS_OK
               ? pdPASS
               : errQUEUE_FULL;
}

/* A queue of length 1 only (as FreeRTOS asks); always pdPASS on one. */
static inline BaseType_t xQueueOverwrite(QueueHandle_t xQueue, const void *pvItemToQueue)
{
    return fr_pass(os_queue_overwrite(fr_q(xQueue), pvItemToQueue));
}

static inline BaseType_t xQueueGenericSend(QueueHandle_t xQueue, const void *pvItemToQueue,
                                           TickType_t xTicksToWait, BaseType_t xCopyPosition)
{
    if (xCopyPosition == queueSEND_TO_FRONT)
        return xQueueSendToFront(xQueue, pvItemToQueue, xTicksToWait);
    if (xCopyPosition == queueOVERWRITE)
        return xQueueOverwrite(xQueue, pvItemToQueue);
    return xQueueSendToBack(xQueue, pvItemToQueue, xTicksToWait);
}

static inline BaseType_t xQueueSendToFrontFromISR(QueueHandle_t xQueue, const void *pvItemToQueue,
                                                  BaseType_t *pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return xQueueSendToFront(xQueue, pvItemToQueue, 0);
#else
    bool sw = false;
    bool ok = os_queue_send_front_from_isr(fr_q(xQueue), pvItemToQueue, &sw);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return ok ? pdPASS : errQUEUE_FULL;
#endif
}

static inline BaseType_t xQueueOverwriteFromISR(QueueHandle_t xQueue, const void *pvItemToQueue,
                                                BaseType_t *pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return xQueueOverwrite(xQueue, pvItemToQueue);
#else
    bool sw = false;
    bool ok = os_queue_overwrite_from_isr(fr_q(xQueue), pvItemToQueue, &sw);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return ok ? pdPASS : pdFAIL;
#endif
}

static inline BaseType_t xQueuePeekFromISR(QueueHandle_t xQueue, void *pvBuffer)
{
#if FR_PARTITION
    return xQueuePeek(xQueue, pvBuffer, 0);
#else
    return os_queue_peek_from_isr(fr_q(xQueue), pvBuffer) ? pdPASS : errQUEUE_EMPTY;
#endif
}

/* Always pdPASS, as in FreeRTOS (a queue the core refuses to reset: a
 * member of a set, or a bad handle, returns pdFAIL). */
static inline BaseType_t xQueueReset(QueueHandle_t xQueue)
{
    return fr_pass(os_queue_reset(fr_q(xQueue)));
}

static inline UBaseType_t uxQueueSpacesAvailable(const QueueHandle_t xQueue)
{
    return (UBaseType_t)os_queue_spaces(fr_q(xQueue));
}

static inline BaseType_t xQueueIsQueueEmptyFromISR(const QueueHandle_t xQueue)
{
    return os_queue_count(fr_q(xQueue)) == 0u ? pdTRUE : pdFALSE;
}
static inline BaseType_t xQueueIsQueueFullFromISR(const QueueHandle_t xQueue)
{
    return os_queue_spaces(fr_q(xQueue)) == 0u ? pdTRUE : pdFALSE;
}

/* ---- Queue sets (configUSE_QUEUE_SETS; rtos/freertos/src/fr_prims.c) ---- */

#if configUSE_QUEUE_SETS
QueueSetHandle_t xQueueCreateSet(const UBaseType_t uxEventQueueLength);
BaseType_t xQueueAddToSet(QueueSetMemberHandle_t xQueueOrSemaphore, QueueSetHandle_t xQueueSet);
BaseType_t xQueueRemoveFromSet(QueueSetMemberHandle_t xQueueOrSemaphore,
                               QueueSetHandle_t xQueueSet);
QueueSetMemberHandle_t xQueueSelectFromSet(QueueSetHandle_t xQueueSet,
                                           const TickType_t xTicksToWait);
QueueSetMemberHandle_t xQueueSelectFromSetFromISR(QueueSetHandle_t xQueueSet);
#endif

#endif /* FR_QUEUE_PRIMS_H */
