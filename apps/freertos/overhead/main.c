/*
 * The FreeRTOS layer's cost over the tick core: each pair of calls run
 * N times through the FreeRTOS API and N times through the os_ API on
 * objects of the same kind, timed with os_time_ns() (virtual time under
 * icount: instructions). Prints one line per pair (ns per pair, layer /
 * core in per mille) and fails when the layer costs more than 5 % over
 * the core. Built natively (freertos-native-overhead) and in a partition
 * (freertos-pk-overhead), where each call also crosses a gate.
 */
#include <stdio.h>

#include "FreeRTOS.h"
#include "app_result.h"
#include "event_groups.h"
#include "queue.h"
#include "semphr.h"
#include "stream_buffer.h"
#include "task.h"

#define N 2000u
#define LIMIT_PERMILLE 1050u

static struct os_queue core_q OS_KOBJ;
static uint32_t core_q_storage[4];
static struct os_sem core_s OS_KOBJ;
static struct os_mutex core_m OS_KOBJ;
static struct os_event_group core_g OS_KOBJ;
static struct os_stream core_sb OS_KOBJ;
static uint8_t core_sb_storage[64];

static QueueHandle_t fq;
static SemaphoreHandle_t fs, fm;
static EventGroupHandle_t fg;
static StreamBufferHandle_t fsb;
static unsigned failures;

static void report(const char *what, uint64_t layer_ns, uint64_t core_ns)
{
    uint32_t l = (uint32_t)(layer_ns / N), c = (uint32_t)(core_ns / N);
    uint32_t permille = core_ns == 0u ? 0u : (uint32_t)(layer_ns * 1000u / core_ns);
    printf("OVERHEAD %-22s layer=%lu ns core=%lu ns ratio=%lu permille\n", what,
           (unsigned long)l, (unsigned long)c, (unsigned long)permille);
    if (permille > LIMIT_PERMILLE)
        failures++;
}

#define TIME(var, body)                                                                            \
    do {                                                                                           \
        uint64_t t0_ = os_time_ns();                                                               \
        for (uint32_t i_ = 0; i_ < N; i_++) {                                                      \
            body;                                                                                  \
        }                                                                                          \
        var = os_time_ns() - t0_;                                                                  \
    } while (0)

/* The core's objects are reached through pointers held in variables, as
 * the layer's handles are: the same loads on both sides. */
static struct os_queue *cq = &core_q;
static struct os_sem *cs = &core_s;
static struct os_mutex *cm = &core_m;
static struct os_event_group *cg = &core_g;
static struct os_stream *csb = &core_sb;

/* Results are tested as applications test them (== pdPASS, == OS_OK). */
#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if (!(x))                                                                                  \
            bad++;                                                                                 \
    } while (0)

static void bench(void *arg)
{
    (void)arg;
    uint64_t a, b;
    uint32_t v = 1, w, x;
    uint8_t bytes[8] = {0};
    volatile uint32_t bad = 0;
    volatile TickType_t tsink = 0;

    TIME(a, { CHECK(xQueueSend(fq, &v, 0) == pdPASS); CHECK(xQueueReceive(fq, &w, 0) == pdPASS); });
    TIME(b, { CHECK(os_queue_send(cq, &v, 0) == OS_OK); CHECK(os_queue_receive(cq, &w, 0) == OS_OK); });
    report("queue send+receive", a, b);

    TIME(a, { CHECK(xSemaphoreGive(fs) == pdTRUE); CHECK(xSemaphoreTake(fs, 0) == pdTRUE); });
    TIME(b, { CHECK(os_sem_give(cs) == OS_OK); CHECK(os_sem_take(cs, 0) == OS_OK); });
    report("semaphore give+take", a, b);

    TIME(a, { CHECK(xSemaphoreTakeRecursive(fm, 0) == pdTRUE); CHECK(xSemaphoreGiveRecursive(fm) == pdTRUE); });
    TIME(b, { CHECK(os_mutex_lock(cm, 0) == OS_OK); CHECK(os_mutex_unlock(cm) == OS_OK); });
    report("mutex take+give", a, b);

    TaskHandle_t self = xTaskGetCurrentTaskHandle();
    TIME(a, { CHECK(xTaskNotifyGive(self) == pdPASS); CHECK(ulTaskNotifyTake(pdTRUE, 0) == 1u); });
    TIME(b, {
        CHECK(os_task_notify(self, 0, 0, OS_NOTIFY_INCREMENT, NULL) == OS_OK);
        CHECK(os_task_notify_take(0, true, 0) == 1u);
    });
    report("notify give+take", a, b);

    TIME(a, { CHECK(xEventGroupSetBits(fg, 1) == 1u); CHECK(xEventGroupClearBits(fg, 1) == 1u); });
    TIME(b, {
        CHECK(os_event_group_set(cg, 1, &x) == OS_OK && x == 1u);
        CHECK(os_event_group_clear(cg, 1, &x) == OS_OK && x == 1u);
    });
    report("event set+clear", a, b);

    TIME(a, {
        CHECK(xStreamBufferSend(fsb, bytes, sizeof bytes, 0) == sizeof bytes);
        CHECK(xStreamBufferReceive(fsb, bytes, sizeof bytes, 0) == sizeof bytes);
    });
    TIME(b, {
        CHECK(os_stream_send(csb, bytes, sizeof bytes, 0) == sizeof bytes);
        CHECK(os_stream_receive(csb, bytes, sizeof bytes, 0) == sizeof bytes);
    });
    report("stream send+receive", a, b);

    TIME(a, { vTaskSuspendAll(); (void)xTaskResumeAll(); });
    TIME(b, { os_scheduler_suspend(); os_scheduler_resume(); });
    report("suspend+resume all", a, b);

    TIME(a, { taskENTER_CRITICAL(); taskEXIT_CRITICAL(); });
    TIME(b, { os_critical_enter(); os_critical_exit(); });
    report("critical enter+exit", a, b);

    TIME(a, { tsink += xTaskGetTickCount(); });
    TIME(b, { tsink += os_tick_count(); });
    report("tick count", a, b);

    (void)tsink;
    if (bad != 0u)
        app_result(0, "a call failed");
    if (failures != 0u)
        app_result(0, "a call costs more than 5 % over the core's");
    app_result(1, "");
}

static StaticTask_t bench_tcb OS_KOBJ;
static StackType_t bench_stack[512];
static StaticQueue_t fq_buf OS_KOBJ;
static uint8_t fq_storage[4 * sizeof(uint32_t)];
static StaticSemaphore_t fs_buf OS_KOBJ, fm_buf OS_KOBJ;
static StaticEventGroup_t fg_buf OS_KOBJ;
static StaticStreamBuffer_t fsb_buf OS_KOBJ;
static uint8_t fsb_storage[64];

void vApplicationGetIdleTaskMemory(StaticTask_t **tcb, StackType_t **stack, uint32_t *words)
{
    *tcb = NULL;
    *stack = NULL;
    *words = 0;
}

int main(void)
{
    fr_init();
    fq = xQueueCreateStatic(4, sizeof(uint32_t), fq_storage, &fq_buf);
    fs = xSemaphoreCreateBinaryStatic(&fs_buf);
    fm = xSemaphoreCreateRecursiveMutexStatic(&fm_buf);
    fg = xEventGroupCreateStatic(&fg_buf);
    fsb = xStreamBufferCreateStatic(sizeof fsb_storage, 1, fsb_storage, &fsb_buf);
    if (fq == NULL || fs == NULL || fm == NULL || fg == NULL || fsb == NULL ||
        os_queue_init(&core_q, core_q_storage, sizeof(uint32_t), 4) != OS_OK ||
        os_sem_init(&core_s, 0, 1) != OS_OK || os_mutex_init(&core_m) != OS_OK ||
        os_event_group_init(&core_g) != OS_OK ||
        os_stream_init(&core_sb, core_sb_storage, sizeof core_sb_storage, 1) != OS_OK)
        app_result(0, "create");
    if (xTaskCreateStatic(bench, "bench", 512, NULL, 2, bench_stack, &bench_tcb) == NULL)
        app_result(0, "task create");
    vTaskStartScheduler();
    app_result(0, "scheduler returned");
}
