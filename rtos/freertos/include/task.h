/*
 * task.h - FreeRTOS's task API over the tick core (see FreeRTOS.h).
 * FreeRTOS priority p is the core's p + 1 (the core's 0 is its idle task).
 */
#ifndef INC_TASK_H
#define INC_TASK_H

#ifndef INC_FREERTOS_H
#error "include FreeRTOS.h before task.h"
#endif

#define tskKERNEL_VERSION_NUMBER "compat-tick-core"
#define tskIDLE_PRIORITY ((UBaseType_t)0U)
#define tskNO_AFFINITY ((UBaseType_t)-1)

typedef enum {
    eRunning = 0,
    eReady,
    eBlocked,
    eSuspended,
    eDeleted,
    eInvalid
} eTaskState;

typedef enum {
    eNoAction = 0,
    eSetBits,
    eIncrement,
    eSetValueWithOverwrite,
    eSetValueWithoutOverwrite
} eNotifyAction;

typedef struct xTIME_OUT {
    TickType_t xTimeOnEntering; /* tick count when the wait began */
} TimeOut_t;

typedef struct xTASK_STATUS {
    TaskHandle_t xHandle;
    const char *pcTaskName;
    UBaseType_t xTaskNumber;
    eTaskState eCurrentState;
    UBaseType_t uxCurrentPriority;
    UBaseType_t uxBasePriority;
    uint32_t ulRunTimeCounter;
    StackType_t *pxStackBase;
    configSTACK_DEPTH_TYPE usStackHighWaterMark;
} TaskStatus_t;

#define taskSCHEDULER_SUSPENDED ((BaseType_t)0)
#define taskSCHEDULER_NOT_STARTED ((BaseType_t)1)
#define taskSCHEDULER_RUNNING ((BaseType_t)2)

/* FreeRTOS priority <-> core priority. */
static inline unsigned fr_prio_to_os(UBaseType_t p)
{
    return (unsigned)p + 1u;
}
static inline UBaseType_t fr_prio_from_os(unsigned p)
{
    return p == 0u || p == OS_PRIORITY_INVALID ? 0u : (UBaseType_t)(p - 1u);
}

/* ---- Creation, deletion, start (rtos/freertos/src/fr_task.c) ---- */

#if configSUPPORT_DYNAMIC_ALLOCATION
BaseType_t xTaskCreate(TaskFunction_t pxTaskCode, const char *const pcName,
                       const configSTACK_DEPTH_TYPE uxStackDepth, void *const pvParameters,
                       UBaseType_t uxPriority, TaskHandle_t *const pxCreatedTask);
#endif
#if configSUPPORT_STATIC_ALLOCATION
TaskHandle_t xTaskCreateStatic(TaskFunction_t pxTaskCode, const char *const pcName,
                               const uint32_t ulStackDepth, void *const pvParameters,
                               UBaseType_t uxPriority, StackType_t *const puxStackBuffer,
                               StaticTask_t *const pxTaskBuffer);
#endif
#if INCLUDE_vTaskDelete
void vTaskDelete(TaskHandle_t xTaskToDelete);
#endif
void vTaskStartScheduler(void);
UBaseType_t uxTaskGetNumberOfTasks(void);

/* ---- Delays ---- */

#if INCLUDE_vTaskDelay
static inline void vTaskDelay(const TickType_t xTicksToDelay)
{
    (void)os_delay(xTicksToDelay);
}
#endif

#if INCLUDE_xTaskDelayUntil
/* pdTRUE when the task was delayed, pdFALSE when the wake time had passed. */
static inline BaseType_t xTaskDelayUntil(TickType_t *const pxPreviousWakeTime,
                                         const TickType_t xTimeIncrement)
{
    return os_delay_until(pxPreviousWakeTime, xTimeIncrement) == OS_OK ? pdTRUE : pdFALSE;
}
static inline void vTaskDelayUntil(TickType_t *const pxPreviousWakeTime,
                                   const TickType_t xTimeIncrement)
{
    (void)os_delay_until(pxPreviousWakeTime, xTimeIncrement);
}
#endif

static inline TickType_t xTaskGetTickCount(void)
{
    return os_tick_count();
}
static inline TickType_t xTaskGetTickCountFromISR(void)
{
    return os_tick_count();
}

/* ---- Priorities, suspension ---- */

#if INCLUDE_uxTaskPriorityGet
static inline UBaseType_t uxTaskPriorityGet(const TaskHandle_t xTask)
{
    return fr_prio_from_os(os_task_get_priority(xTask));
}
static inline UBaseType_t uxTaskPriorityGetFromISR(const TaskHandle_t xTask)
{
    return fr_prio_from_os(os_task_get_priority(xTask));
}
#endif

#if INCLUDE_vTaskPrioritySet
static inline void vTaskPrioritySet(TaskHandle_t xTask, UBaseType_t uxNewPriority)
{
    if (uxNewPriority >= (UBaseType_t)configMAX_PRIORITIES)
        uxNewPriority = (UBaseType_t)configMAX_PRIORITIES - 1u;
    (void)os_task_set_priority(xTask, fr_prio_to_os(uxNewPriority));
}
#endif

#if INCLUDE_vTaskSuspend
static inline void vTaskSuspend(TaskHandle_t xTaskToSuspend)
{
    (void)os_task_suspend(xTaskToSuspend);
}
static inline void vTaskResume(TaskHandle_t xTaskToResume)
{
    (void)os_task_resume(xTaskToResume);
}
#if INCLUDE_xTaskResumeFromISR
static inline BaseType_t xTaskResumeFromISR(TaskHandle_t xTaskToResume)
{
#if FR_PARTITION
    (void)os_task_resume(xTaskToResume);
    return pdFALSE;
#else
    return os_task_resume_from_isr(xTaskToResume) ? pdTRUE : pdFALSE;
#endif
}
#endif
#endif

/* ---- The running task, the scheduler ---- */

#define taskYIELD() os_task_yield()
#define taskENTER_CRITICAL() os_critical_enter()
#define taskEXIT_CRITICAL() os_critical_exit()
#define taskENTER_CRITICAL_FROM_ISR() portSET_INTERRUPT_MASK_FROM_ISR()
#define taskEXIT_CRITICAL_FROM_ISR(x) portCLEAR_INTERRUPT_MASK_FROM_ISR(x)
#define taskDISABLE_INTERRUPTS() portDISABLE_INTERRUPTS()
#define taskENABLE_INTERRUPTS() portENABLE_INTERRUPTS()

static inline TaskHandle_t xTaskGetCurrentTaskHandle(void)
{
    return os_task_self();
}

#if INCLUDE_xTaskGetIdleTaskHandle
static inline TaskHandle_t xTaskGetIdleTaskHandle(void)
{
    return os_idle_task();
}
#endif

/* Nesting of vTaskSuspendAll, kept for xTaskGetSchedulerState only (it
 * costs a load and a store per call: INCLUDE_xTaskGetSchedulerState). */
#if INCLUDE_xTaskGetSchedulerState
extern UBaseType_t fr_suspend_nesting;
#define FR_SUSPEND_COUNT(d) (fr_suspend_nesting += (UBaseType_t)(d))
#else
#define FR_SUSPEND_COUNT(d) ((void)0)
#endif

static inline void vTaskSuspendAll(void)
{
    os_scheduler_suspend();
    FR_SUSPEND_COUNT(1);
}
/* pdFALSE: a switch that became due meanwhile happens inside the call, so
 * the caller never needs to yield after it. */
static inline BaseType_t xTaskResumeAll(void)
{
    FR_SUSPEND_COUNT(-1);
    os_scheduler_resume();
    return pdFALSE;
}

#if INCLUDE_xTaskGetSchedulerState
BaseType_t xTaskGetSchedulerState(void);
#endif

#if INCLUDE_uxTaskGetStackHighWaterMark
static inline UBaseType_t uxTaskGetStackHighWaterMark(TaskHandle_t xTask)
{
    return (UBaseType_t)os_task_stack_high_water(xTask);
}
static inline configSTACK_DEPTH_TYPE uxTaskGetStackHighWaterMark2(TaskHandle_t xTask)
{
    return (configSTACK_DEPTH_TYPE)os_task_stack_high_water(xTask);
}
#endif

char *pcTaskGetName(TaskHandle_t xTaskToQuery);
#if INCLUDE_xTaskGetHandle
/* Tasks created through the layer, by name. */
TaskHandle_t xTaskGetHandle(const char *pcNameToQuery);
#endif
#define pcTaskGetTaskName pcTaskGetName

/* ---- Time-outs kept by the caller ---- */

static inline void vTaskSetTimeOutState(TimeOut_t *const pxTimeOut)
{
    pxTimeOut->xTimeOnEntering = os_tick_count();
}
static inline void vTaskInternalSetTimeOutState(TimeOut_t *const pxTimeOut)
{
    pxTimeOut->xTimeOnEntering = os_tick_count();
}
/* pdTRUE when *pxTicksToWait have passed since the time-out state was set;
 * otherwise *pxTicksToWait becomes what is left and the state restarts. */
static inline BaseType_t xTaskCheckForTimeOut(TimeOut_t *const pxTimeOut,
                                              TickType_t *const pxTicksToWait)
{
    if (*pxTicksToWait == portMAX_DELAY)
        return pdFALSE;
    TickType_t now = os_tick_count();
    TickType_t passed = now - pxTimeOut->xTimeOnEntering;
    if (passed >= *pxTicksToWait) {
        *pxTicksToWait = 0;
        return pdTRUE;
    }
    *pxTicksToWait -= passed;
    pxTimeOut->xTimeOnEntering = now;
    return pdFALSE;
}

#if FR_HAVE_PRIMS
#include "fr_task_prims.h"
#endif

#endif /* INC_TASK_H */
