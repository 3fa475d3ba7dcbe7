/*
 * timers.h - FreeRTOS's software timers over the core's (struct os_timer,
 * run by the core's timer service task; see FreeRTOS.h). The service task
 * is started by vTaskStartScheduler() when configUSE_TIMERS is 1, at
 * configTIMER_TASK_PRIORITY, with a command queue of
 * configTIMER_QUEUE_LENGTH entries: the xTicksToWait of every command is
 * how long to wait for room in that queue, as in FreeRTOS.
 */
#ifndef TIMERS_H
#define TIMERS_H

#ifndef INC_FREERTOS_H
#error "include FreeRTOS.h before timers.h"
#endif
#if !FR_HAVE_PRIMS
#error "timers.h: this tick core has no software timers"
#endif
#if !configUSE_TIMERS
#error "timers.h: set configUSE_TIMERS to 1 in FreeRTOSConfig.h"
#endif

#include "task.h"

typedef struct os_timer *TimerHandle_t;
typedef struct os_timer StaticTimer_t;
/* The core's callback type: the same signature as FreeRTOS's. */
typedef void (*TimerCallbackFunction_t)(TimerHandle_t xTimer);
typedef void (*PendedFunction_t)(void *arg1, uint32_t arg2);

_Static_assert(sizeof(TimerCallbackFunction_t) == sizeof(os_timer_fn), "callback types");

/* Creation: rtos/freertos/src/fr_prims.c. */
#if configSUPPORT_DYNAMIC_ALLOCATION
TimerHandle_t xTimerCreate(const char *const pcTimerName, const TickType_t xTimerPeriodInTicks,
                           const BaseType_t xAutoReload, void *const pvTimerID,
                           TimerCallbackFunction_t pxCallbackFunction);
#endif
#if configSUPPORT_STATIC_ALLOCATION
TimerHandle_t xTimerCreateStatic(const char *const pcTimerName,
                                 const TickType_t xTimerPeriodInTicks,
                                 const BaseType_t xAutoReload, void *const pvTimerID,
                                 TimerCallbackFunction_t pxCallbackFunction,
                                 StaticTimer_t *pxTimerBuffer);
#endif

static inline BaseType_t xTimerStart(TimerHandle_t xTimer, TickType_t xTicksToWait)
{
    return fr_pass(os_timer_start(xTimer, xTicksToWait));
}
static inline BaseType_t xTimerStop(TimerHandle_t xTimer, TickType_t xTicksToWait)
{
    return fr_pass(os_timer_stop(xTimer, xTicksToWait));
}
static inline BaseType_t xTimerReset(TimerHandle_t xTimer, TickType_t xTicksToWait)
{
    return fr_pass(os_timer_reset(xTimer, xTicksToWait));
}
static inline BaseType_t xTimerChangePeriod(TimerHandle_t xTimer, TickType_t xNewPeriod,
                                            TickType_t xTicksToWait)
{
    return fr_pass(os_timer_change_period(xTimer, xNewPeriod, xTicksToWait));
}
/* rtos/freertos/src/fr_prims.c (in a partition the timer goes back to the
 * layer's pool). */
BaseType_t xTimerDelete(TimerHandle_t xTimer, TickType_t xTicksToWait);

/* From an interrupt handler; in a partition the task-level command that
 * never waits. */
#if FR_PARTITION
#define FR_TIMER_ISR(call, ...) ((void)pxHigherPriorityTaskWoken, fr_pass(call(__VA_ARGS__, 0)))
#else
#define FR_TIMER_ISR(call, ...) fr_timer_isr_result(call##_from_isr(__VA_ARGS__, &sw), sw, pxHigherPriorityTaskWoken)
#endif
static inline BaseType_t fr_timer_isr_result(bool ok, bool sw, BaseType_t *woken)
{
    if (sw && woken != NULL)
        *woken = pdTRUE;
    return ok ? pdPASS : pdFAIL;
}
static inline BaseType_t xTimerStartFromISR(TimerHandle_t xTimer,
                                            BaseType_t *pxHigherPriorityTaskWoken)
{
    bool sw = false;
    (void)sw;
    return FR_TIMER_ISR(os_timer_start, xTimer);
}
static inline BaseType_t xTimerStopFromISR(TimerHandle_t xTimer,
                                           BaseType_t *pxHigherPriorityTaskWoken)
{
    bool sw = false;
    (void)sw;
    return FR_TIMER_ISR(os_timer_stop, xTimer);
}
static inline BaseType_t xTimerResetFromISR(TimerHandle_t xTimer,
                                            BaseType_t *pxHigherPriorityTaskWoken)
{
    bool sw = false;
    (void)sw;
    return FR_TIMER_ISR(os_timer_reset, xTimer);
}
static inline BaseType_t xTimerChangePeriodFromISR(TimerHandle_t xTimer, TickType_t xNewPeriod,
                                                   BaseType_t *pxHigherPriorityTaskWoken)
{
    bool sw = false;
    (void)sw;
    return FR_TIMER_ISR(os_timer_change_period, xTimer, xNewPeriod);
}

static inline BaseType_t xTimerIsTimerActive(TimerHandle_t xTimer)
{
    return os_timer_is_active(xTimer) ? pdTRUE : pdFALSE;
}
static inline void *pvTimerGetTimerID(const TimerHandle_t xTimer)
{
    return os_timer_get_id(xTimer);
}
static inline void vTimerSetTimerID(TimerHandle_t xTimer, void *pvNewID)
{
    (void)os_timer_set_id(xTimer, pvNewID);
}
static inline const char *pcTimerGetName(TimerHandle_t xTimer)
{
    return os_timer_get_name(xTimer);
}
static inline TickType_t xTimerGetPeriod(TimerHandle_t xTimer)
{
    return os_timer_get_period(xTimer);
}
static inline TickType_t xTimerGetExpiryTime(TimerHandle_t xTimer)
{
    return os_timer_get_expiry(xTimer);
}
static inline void vTimerSetReloadMode(TimerHandle_t xTimer, const BaseType_t xAutoReload)
{
    (void)os_timer_set_auto_reload(xTimer, xAutoReload != pdFALSE);
}
static inline BaseType_t xTimerGetReloadMode(TimerHandle_t xTimer)
{
    return os_timer_get_auto_reload(xTimer) ? pdTRUE : pdFALSE;
}
static inline UBaseType_t uxTimerGetReloadMode(TimerHandle_t xTimer)
{
    return os_timer_get_auto_reload(xTimer) ? 1u : 0u;
}
static inline TaskHandle_t xTimerGetTimerDaemonTaskHandle(void)
{
    return os_timer_service_handle();
}

#if INCLUDE_xTimerPendFunctionCall
static inline BaseType_t xTimerPendFunctionCall(PendedFunction_t xFunctionToPend,
                                                void *pvParameter1, uint32_t ulParameter2,
                                                TickType_t xTicksToWait)
{
    return fr_pass(os_timer_pend_call(xFunctionToPend, pvParameter1, ulParameter2, xTicksToWait));
}
static inline BaseType_t xTimerPendFunctionCallFromISR(PendedFunction_t xFunctionToPend,
                                                       void *pvParameter1, uint32_t ulParameter2,
                                                       BaseType_t *pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return xTimerPendFunctionCall(xFunctionToPend, pvParameter1, ulParameter2, 0);
#else
    bool sw = false;
    bool ok = os_timer_pend_call_from_isr(xFunctionToPend, pvParameter1, ulParameter2, &sw);
    return fr_timer_isr_result(ok, sw, pxHigherPriorityTaskWoken);
#endif
}
#endif

#endif /* TIMERS_H */
