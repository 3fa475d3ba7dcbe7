/*
 * stream_buffer.h - FreeRTOS's stream buffers over the core's struct
 * os_stream (see FreeRTOS.h). Message buffers (message_buffer.h) are the
 * same object in message mode.
 */
#ifndef STREAM_BUFFER_H
#define STREAM_BUFFER_H

#ifndef INC_FREERTOS_H
#error "include FreeRTOS.h before stream_buffer.h"
#endif
#if !FR_HAVE_PRIMS
#error "stream_buffer.h: this tick core has no stream buffers"
#endif

typedef struct os_stream *StreamBufferHandle_t;
typedef struct os_stream StaticStreamBuffer_t;

/* Creation, deletion: rtos/freertos/src/fr_prims.c. The trigger level is
 * 1 .. size (0 is taken as 1). */
#if configSUPPORT_DYNAMIC_ALLOCATION
StreamBufferHandle_t xStreamBufferCreate(size_t xBufferSizeBytes, size_t xTriggerLevelBytes);
#endif
#if configSUPPORT_STATIC_ALLOCATION
/* The storage holds xBufferSizeBytes bytes (FreeRTOS asks for one more;
 * that byte, if given, stays unused). */
StreamBufferHandle_t xStreamBufferCreateStatic(size_t xBufferSizeBytes, size_t xTriggerLevelBytes,
                                               uint8_t *const pucStreamBufferStorageArea,
                                               StaticStreamBuffer_t *const pxStaticStreamBuffer);
#endif
void vStreamBufferDelete(StreamBufferHandle_t xStreamBuffer);

static inline size_t xStreamBufferSend(StreamBufferHandle_t xStreamBuffer, const void *pvTxData,
                                       size_t xDataLengthBytes, TickType_t xTicksToWait)
{
    return os_stream_send(xStreamBuffer, pvTxData, xDataLengthBytes, xTicksToWait);
}

static inline size_t xStreamBufferReceive(StreamBufferHandle_t xStreamBuffer, void *pvRxData,
                                          size_t xBufferLengthBytes, TickType_t xTicksToWait)
{
    return os_stream_receive(xStreamBuffer, pvRxData, xBufferLengthBytes, xTicksToWait);
}

/* From an interrupt handler. In a partition: the task-level calls that
 * never block. */
static inline size_t xStreamBufferSendFromISR(StreamBufferHandle_t xStreamBuffer,
                                              const void *pvTxData, size_t xDataLengthBytes,
                                              BaseType_t *const pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return os_stream_send(xStreamBuffer, pvTxData, xDataLengthBytes, OS_NO_WAIT);
#else
    bool sw = false;
    size_t n = os_stream_send_from_isr(xStreamBuffer, pvTxData, xDataLengthBytes, &sw);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return n;
#endif
}

static inline size_t xStreamBufferReceiveFromISR(StreamBufferHandle_t xStreamBuffer,
                                                 void *pvRxData, size_t xBufferLengthBytes,
                                                 BaseType_t *const pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return os_stream_receive(xStreamBuffer, pvRxData, xBufferLengthBytes, OS_NO_WAIT);
#else
    bool sw = false;
    size_t n = os_stream_receive_from_isr(xStreamBuffer, pvRxData, xBufferLengthBytes, &sw);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return n;
#endif
}

static inline size_t xStreamBufferBytesAvailable(StreamBufferHandle_t xStreamBuffer)
{
    return os_stream_bytes_available(xStreamBuffer);
}
static inline size_t xStreamBufferSpacesAvailable(StreamBufferHandle_t xStreamBuffer)
{
    return os_stream_spaces_available(xStreamBuffer);
}
static inline BaseType_t xStreamBufferIsEmpty(StreamBufferHandle_t xStreamBuffer)
{
    return os_stream_bytes_available(xStreamBuffer) == 0u ? pdTRUE : pdFALSE;
}
static inline BaseType_t xStreamBufferIsFull(StreamBufferHandle_t xStreamBuffer)
{
    return os_stream_spaces_available(xStreamBuffer) == 0u ? pdTRUE : pdFALSE;
}
static inline BaseType_t xStreamBufferSetTriggerLevel(StreamBufferHandle_t xStreamBuffer,
                                                      size_t xTriggerLevel)
{
    return fr_pass(os_stream_set_trigger(xStreamBuffer, xTriggerLevel));
}
/* pdFAIL while a task waits on it (as FreeRTOS). */
static inline BaseType_t xStreamBufferReset(StreamBufferHandle_t xStreamBuffer)
{
    return fr_pass(os_stream_reset(xStreamBuffer));
}

#endif /* STREAM_BUFFER_H */
