/*
 * fr_task_prims.h - the task calls over the core's newer primitives
 * (notifications, task state, abort delay, the system snapshot). Included
 * by task.h when the core has them (FR_HAVE_PRIMS).
 */
#ifndef FR_TASK_PRIMS_H
#define FR_TASK_PRIMS_H

/* ---- Task state ---- */

#if INCLUDE_eTaskGetState || configUSE_TRACE_FACILITY
static inline eTaskState eTaskGetState(TaskHandle_t xTask)
{
    switch (os_task_get_state(xTask)) {
    case OS_TASK_RUNNING:
        return eRunning;
    case OS_TASK_READY:
        return eReady;
    case OS_TASK_BLOCKED:
        return eBlocked;
    case OS_TASK_SUSPENDED:
        return eSuspended;
    case OS_TASK_DELETED:
        return eDeleted;
    default:
        return eInvalid;
    }
}
#endif

#if INCLUDE_xTaskAbortDelay
static inline BaseType_t xTaskAbortDelay(TaskHandle_t xTask)
{
    return fr_pass(os_task_abort_delay(xTask));
}
#endif

#if configUSE_TRACE_FACILITY
/* The snapshot (uxTaskGetSystemState, vTaskGetInfo): fr_task.c. */
UBaseType_t uxTaskGetSystemState(TaskStatus_t *const pxTaskStatusArray,
                                 const UBaseType_t uxArraySize,
                                 uint32_t *const pulTotalRunTime);
void vTaskGetInfo(TaskHandle_t xTask, TaskStatus_t *pxTaskStatus, BaseType_t xGetFreeStackSpace,
                  eTaskState eState);
#endif


/* ---- Direct-to-task notifications ---- */

#if configUSE_TASK_NOTIFICATIONS

static inline enum os_notify_action fr_notify_action(eNotifyAction a)
{
    switch (a) {
    case eSetBits:
        return OS_NOTIFY_SET_BITS;
    case eIncrement:
        return OS_NOTIFY_INCREMENT;
    case eSetValueWithOverwrite:
        return OS_NOTIFY_SET_VALUE;
    case eSetValueWithoutOverwrite:
        return OS_NOTIFY_SET_VALUE_NO_OVERWRITE;
    default:
        return OS_NOTIFY_NO_ACTION;
    }
}

static inline BaseType_t xTaskGenericNotify(TaskHandle_t xTaskToNotify,
                                            UBaseType_t uxIndexToNotify, uint32_t ulValue,
                                            eNotifyAction eAction,
                                            uint32_t *pulPreviousNotificationValue)
{
    return fr_pass(os_task_notify(xTaskToNotify, (unsigned)uxIndexToNotify, ulValue,
                                  fr_notify_action(eAction), pulPreviousNotificationValue));
}

static inline BaseType_t xTaskGenericNotifyFromISR(TaskHandle_t xTaskToNotify,
                                                   UBaseType_t uxIndexToNotify, uint32_t ulValue,
                                                   eNotifyAction eAction,
                                                   uint32_t *pulPreviousNotificationValue,
                                                   BaseType_t *pxHigherPriorityTaskWoken)
{
#if FR_PARTITION
    (void)pxHigherPriorityTaskWoken;
    return xTaskGenericNotify(xTaskToNotify, uxIndexToNotify, ulValue, eAction,
                              pulPreviousNotificationValue);
#else
    bool sw = false;
    bool ok = os_task_notify_from_isr(xTaskToNotify, (unsigned)uxIndexToNotify, ulValue,
                                      fr_notify_action(eAction), pulPreviousNotificationValue, &sw);
    if (sw && pxHigherPriorityTaskWoken != NULL)
        *pxHigherPriorityTaskWoken = pdTRUE;
    return ok ? pdPASS : pdFAIL;
#endif
}

#define xTaskNotifyIndexed(xTaskToNotify, uxIndexToNotify, ulValue, eAction)                       \
    xTaskGenericNotify((xTaskToNotify), (uxIndexToNotify), (ulValue), (eAction), NULL)
#define xTaskNotify(xTaskToNotify, ulValue, eAction)                                               \
    xTaskGenericNotify((xTaskToNotify), 0, (ulValue), (eAction), NULL)
#define xTaskNotifyAndQueryIndexed(xTaskToNotify, uxIndexToNotify, ulValue, eAction, pulPrev)      \
    xTaskGenericNotify((xTaskToNotify), (uxIndexToNotify), (ulValue), (eAction), (pulPrev))
#define xTaskNotifyAndQuery(xTaskToNotify, ulValue, eAction, pulPrev)                              \
    xTaskGenericNotify((xTaskToNotify), 0, (ulValue), (eAction), (pulPrev))
#define xTaskNotifyIndexedFromISR(xTaskToNotify, uxIndexToNotify, ulValue, eAction, pxWoken)       \
    xTaskGenericNotifyFromISR((xTaskToNotify), (uxIndexToNotify), (ulValue), (eAction), NULL,      \
                              (pxWoken))
#define xTaskNotifyFromISR(xTaskToNotify, ulValue, eAction, pxWoken)                               \
    xTaskGenericNotifyFromISR((xTaskToNotify), 0, (ulValue), (eAction), NULL, (pxWoken))
#define xTaskNotifyAndQueryIndexedFromISR(xTaskToNotify, uxIndexToNotify, ulValue, eAction,        \
                                          pulPrev, pxWoken)                                        \
    xTaskGenericNotifyFromISR((xTaskToNotify), (uxIndexToNotify), (ulValue), (eAction), (pulPrev), \
                              (pxWoken))
#define xTaskNotifyAndQueryFromISR(xTaskToNotify, ulValue, eAction, pulPrev, pxWoken)              \
    xTaskGenericNotifyFromISR((xTaskToNotify), 0, (ulValue), (eAction), (pulPrev), (pxWoken))

static inline BaseType_t xTaskNotifyGiveIndexed(TaskHandle_t xTaskToNotify,
                                                UBaseType_t uxIndexToNotify)
{
    return fr_pass(
        os_task_notify(xTaskToNotify, (unsigned)uxIndexToNotify, 0u, OS_NOTIFY_INCREMENT, NULL));
}
static inline BaseType_t xTaskNotifyGive(TaskHandle_t xTaskToNotify)
{
    return xTaskNotifyGiveIndexed(xTaskToNotify, 0);
}

static inline void vTaskNotifyGiveIndexedFromISR(TaskHandle_t xTaskToNotify,
                                                 UBaseType_t uxIndexToNotify,
                                                 BaseType_t *pxHigherPriorityTaskWoken)
{
    (void)xTaskGenericNotifyFromISR(xTaskToNotify, uxIndexToNotify, 0u, eIncrement, NULL,
                                    pxHigherPriorityTaskWoken);
}
static inline void vTaskNotifyGiveFromISR(TaskHandle_t xTaskToNotify,
                                          BaseType_t *pxHigherPriorityTaskWoken)
{
    vTaskNotifyGiveIndexedFromISR(xTaskToNotify, 0, pxHigherPriorityTaskWoken);
}

static inline BaseType_t xTaskNotifyWaitIndexed(UBaseType_t uxIndexToWaitOn,
                                                uint32_t ulBitsToClearOnEntry,
                                                uint32_t ulBitsToClearOnExit,
                                                uint32_t *pulNotificationValue,
                                                TickType_t xTicksToWait)
{
    return os_task_notify_wait((unsigned)uxIndexToWaitOn, ulBitsToClearOnEntry,
                               ulBitsToClearOnExit, pulNotificationValue,
                               xTicksToWait) == OS_OK
               ? pdTRUE
               : pdFALSE;
}
static inline BaseType_t xTaskNotifyWait(uint32_t ulBitsToClearOnEntry,
                                         uint32_t ulBitsToClearOnExit,
                                         uint32_t *pulNotificationValue, TickType_t xTicksToWait)
{
    return xTaskNotifyWaitIndexed(0, ulBitsToClearOnEntry, ulBitsToClearOnExit,
                                  pulNotificationValue, xTicksToWait);
}

static inline uint32_t ulTaskNotifyTakeIndexed(UBaseType_t uxIndexToWaitOn,
                                               BaseType_t xClearCountOnExit,
                                               TickType_t xTicksToWait)
{
    return os_task_notify_take((unsigned)uxIndexToWaitOn, xClearCountOnExit != pdFALSE,
                               xTicksToWait);
}
static inline uint32_t ulTaskNotifyTake(BaseType_t xClearCountOnExit, TickType_t xTicksToWait)
{
    return ulTaskNotifyTakeIndexed(0, xClearCountOnExit, xTicksToWait);
}

static inline BaseType_t xTaskNotifyStateClearIndexed(TaskHandle_t xTask,
                                                      UBaseType_t uxIndexToClear)
{
    return os_task_notify_state_clear(xTask, (unsigned)uxIndexToClear) ? pdTRUE : pdFALSE;
}
static inline BaseType_t xTaskNotifyStateClear(TaskHandle_t xTask)
{
    return xTaskNotifyStateClearIndexed(xTask, 0);
}

static inline uint32_t ulTaskNotifyValueClearIndexed(TaskHandle_t xTask,
                                                     UBaseType_t uxIndexToClear,
                                                     uint32_t ulBitsToClear)
{
    return os_task_notify_value_clear(xTask, (unsigned)uxIndexToClear, ulBitsToClear);
}
static inline uint32_t ulTaskNotifyValueClear(TaskHandle_t xTask, uint32_t ulBitsToClear)
{
    return ulTaskNotifyValueClearIndexed(xTask, 0, ulBitsToClear);
}

#endif /* configUSE_TASK_NOTIFICATIONS */

#endif /* FR_TASK_PRIMS_H */
