/*
 * message_buffer.h - FreeRTOS's message buffers: the core's struct
 * os_stream in message mode (each message stored behind a size_t length,
 * as FreeRTOS with configMESSAGE_BUFFER_LENGTH_TYPE size_t).
 */
#ifndef FREERTOS_MESSAGE_BUFFER_H
#define FREERTOS_MESSAGE_BUFFER_H

#ifndef INC_FREERTOS_H
#error "include FreeRTOS.h before message_buffer.h"
#endif

#include "stream_buffer.h"

_Static_assert(sizeof(configMESSAGE_BUFFER_LENGTH_TYPE) == sizeof(size_t),
               "configMESSAGE_BUFFER_LENGTH_TYPE must be size_t: the core stores a size_t length");

typedef StreamBufferHandle_t MessageBufferHandle_t;
typedef StaticStreamBuffer_t StaticMessageBuffer_t;

#if configSUPPORT_DYNAMIC_ALLOCATION
MessageBufferHandle_t xMessageBufferCreate(size_t xBufferSizeBytes);
#endif
#if configSUPPORT_STATIC_ALLOCATION
MessageBufferHandle_t xMessageBufferCreateStatic(size_t xBufferSizeBytes,
                                                 uint8_t *const pucMessageBufferStorageArea,
                                                 StaticMessageBuffer_t *const pxStaticMessageBuffer);
#endif
#define vMessageBufferDelete(xMessageBuffer) vStreamBufferDelete(xMessageBuffer)

#define xMessageBufferSend(xMessageBuffer, pvTxData, xDataLengthBytes, xTicksToWait)               \
    xStreamBufferSend((xMessageBuffer), (pvTxData), (xDataLengthBytes), (xTicksToWait))
#define xMessageBufferSendFromISR(xMessageBuffer, pvTxData, xDataLengthBytes, pxWoken)             \
    xStreamBufferSendFromISR((xMessageBuffer), (pvTxData), (xDataLengthBytes), (pxWoken))
#define xMessageBufferReceive(xMessageBuffer, pvRxData, xBufferLengthBytes, xTicksToWait)          \
    xStreamBufferReceive((xMessageBuffer), (pvRxData), (xBufferLengthBytes), (xTicksToWait))
#define xMessageBufferReceiveFromISR(xMessageBuffer, pvRxData, xBufferLengthBytes, pxWoken)        \
    xStreamBufferReceiveFromISR((xMessageBuffer), (pvRxData), (xBufferLengthBytes), (pxWoken))
#define xMessageBufferSpacesAvailable(xMessageBuffer) xStreamBufferSpacesAvailable(xMessageBuffer)
#define xMessageBufferSpaceAvailable(xMessageBuffer) xStreamBufferSpacesAvailable(xMessageBuffer)
#define xMessageBufferReset(xMessageBuffer) xStreamBufferReset(xMessageBuffer)
#define xMessageBufferIsEmpty(xMessageBuffer) xStreamBufferIsEmpty(xMessageBuffer)
#define xMessageBufferIsFull(xMessageBuffer) xStreamBufferIsFull(xMessageBuffer)
static inline size_t xMessageBufferNextLengthBytes(MessageBufferHandle_t xMessageBuffer)
{
    return os_stream_next_message_length(xMessageBuffer);
}

#endif /* FREERTOS_MESSAGE_BUFFER_H */
