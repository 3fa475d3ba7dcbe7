/*
 * A stream buffer fed from an interrupt: the tick hook (the tick
 * interrupt, natively) writes 3 bytes of a running sequence every tick
 * with xStreamBufferSendFromISR; a task reads with a trigger level of 12
 * and checks that the sequence arrives whole and in order and that no
 * read returns early with fewer bytes than the trigger. Then a message
 * buffer between two tasks: whole messages of varying length, a too small
 * receive buffer, the next length, a full buffer's timed send.
 */
#include <stdio.h>
#include <string.h>

#include "FreeRTOS.h"
#include "app_hooks.h"
#include "message_buffer.h"
#include "stream_buffer.h"
#include "task.h"

#define STREAM_BYTES 3000u
#define TRIGGER 12u

static StreamBufferHandle_t stream;
static MessageBufferHandle_t messages;
static volatile uint32_t isr_sent;  /* bytes the tick hook wrote */
static volatile uint32_t isr_drops; /* bytes that did not fit */
static volatile int isr_on;
static TaskHandle_t main_task;

void vApplicationTickHook(void)
{
    if (!isr_on || isr_sent >= STREAM_BYTES)
        return;
    uint8_t b[3];
    for (unsigned i = 0; i < 3u; i++)
        b[i] = (uint8_t)(isr_sent + i);
    BaseType_t woken = pdFALSE;
    size_t n = xStreamBufferSendFromISR(stream, b, sizeof b, &woken);
    isr_sent += (uint32_t)n;
    isr_drops += (uint32_t)(sizeof b - n);
    portYIELD_FROM_ISR(woken);
}

static void reader(void *arg)
{
    (void)arg;
    uint32_t got = 0, reads = 0;
    uint8_t buf[64];
    while (got < STREAM_BYTES) {
        size_t n = xStreamBufferReceive(stream, buf, sizeof buf, pdMS_TO_TICKS(200));
        APP_CHECK(n > 0u);
        /* Woken only at the trigger level, except for the last bytes. */
        APP_CHECK(n >= TRIGGER || got + n == STREAM_BYTES);
        for (size_t i = 0; i < n; i++)
            APP_CHECK(buf[i] == (uint8_t)(got + i));
        got += (uint32_t)n;
        reads++;
    }
    APP_CHECK(isr_drops == 0u);
    printf("stream: %lu bytes from the tick interrupt in %lu reads\n", (unsigned long)got,
           (unsigned long)reads);
    xTaskNotifyGive(main_task);
    vTaskDelete(NULL);
}

static void msg_sender(void *arg)
{
    (void)arg;
    char m[40];
    for (unsigned i = 0; i < 30u; i++) {
        size_t len = 1u + (i * 7u) % 32u;
        for (size_t k = 0; k < len; k++)
            m[k] = (char)('a' + (i + k) % 26u);
        APP_CHECK(xMessageBufferSend(messages, m, len, portMAX_DELAY) == len);
    }
    vTaskDelete(NULL);
}

static void main_fn(void *arg)
{
    (void)arg;
    /* Part 1: the interrupt writes, the reader reads. */
    isr_on = 1;
    APP_CHECK(ulTaskNotifyTake(pdTRUE, pdMS_TO_TICKS(3000)) == 1u);
    isr_on = 0;
    APP_CHECK(xStreamBufferIsEmpty(stream) == pdTRUE);
    APP_CHECK(xStreamBufferSpacesAvailable(stream) == 64u);
    APP_CHECK(xStreamBufferSend(stream, "0123456789", 10, 0) == 10u);
    APP_CHECK(xStreamBufferBytesAvailable(stream) == 10u);
    APP_CHECK(xStreamBufferReset(stream) == pdPASS);
    APP_CHECK(xStreamBufferBytesAvailable(stream) == 0u);
    /* The trigger level is for a reader blocked on an empty buffer: bytes
     * already there are returned at once, however few. */
    APP_CHECK(xStreamBufferSend(stream, "abc", 3, 0) == 3u);
    uint8_t buf[64];
    TickType_t t0 = xTaskGetTickCount();
    APP_CHECK(xStreamBufferReceive(stream, buf, sizeof buf, 5) == 3u);
    APP_CHECK(xTaskGetTickCount() == t0);
    /* Empty: a timed receive waits its timeout and returns 0. */
    APP_CHECK(xStreamBufferReceive(stream, buf, sizeof buf, 5) == 0u);
    APP_CHECK(xTaskGetTickCount() - t0 >= 5u);
    APP_CHECK(xStreamBufferSetTriggerLevel(stream, 65) == pdFAIL);
    APP_CHECK(xStreamBufferSetTriggerLevel(stream, 2) == pdPASS);

    /* Part 2: messages. */
    TaskHandle_t s;
    APP_CHECK(xTaskCreate(msg_sender, "sender", 384, NULL, 2, &s) == pdPASS);
    char m[40];
    for (unsigned i = 0; i < 30u; i++) {
        size_t len = 1u + (i * 7u) % 32u;
        size_t next;
        while ((next = xMessageBufferNextLengthBytes(messages)) == 0u)
            vTaskDelay(1);
        APP_CHECK(next == len);
        if (len > 4u)
            APP_CHECK(xMessageBufferReceive(messages, m, 4, 0) == 0u); /* too small: stays */
        APP_CHECK(xMessageBufferReceive(messages, m, sizeof m, 0) == len);
        for (size_t k = 0; k < len; k++)
            APP_CHECK(m[k] == (char)('a' + (i + k) % 26u));
    }
    /* Full: 64 bytes hold one 40-byte message and its length. */
    APP_CHECK(xMessageBufferSend(messages, m, 40, 0) == 40u);
    t0 = xTaskGetTickCount();
    APP_CHECK(xMessageBufferSend(messages, m, 40, 3) == 0u);
    APP_CHECK(xTaskGetTickCount() - t0 >= 3u);
    APP_CHECK(xMessageBufferSend(messages, m, 100, 0) == 0u); /* can never fit */
    vMessageBufferDelete(messages);
    vStreamBufferDelete(stream);
    app_result(1, "");
}

int main(void)
{
    stream = xStreamBufferCreate(64, TRIGGER);
    messages = xMessageBufferCreate(64);
    if (stream == NULL || messages == NULL)
        app_result(0, "create");
    if (xTaskCreate(reader, "reader", 384, NULL, 3, NULL) != pdPASS ||
        xTaskCreate(main_fn, "main", 512, NULL, 1, &main_task) != pdPASS)
        app_result(0, "task create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
