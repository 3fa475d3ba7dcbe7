/*
 * FreeRTOS.h - the FreeRTOS-compatible API over the tick core: include it
 * first, then task.h, queue.h, semphr.h, timers.h, event_groups.h,
 * stream_buffer.h or message_buffer.h, as with FreeRTOS. Written from
 * FreeRTOS's public API reference (names, types, semantics, return
 * values); no FreeRTOS source is used. The application's FreeRTOSConfig.h
 * is read here: its configUSE_* and INCLUDE_* settings decide what is
 * declared, contradictory ones stop the build (#error naming the setting).
 * docs/freertos.md lists every function and macro and each difference.
 *
 * Most calls are static inline functions over the core's os_ API; object
 * creation, deletion, the heap and the scheduler start are in
 * rtos/freertos/src.
 */
#ifndef INC_FREERTOS_H
#define INC_FREERTOS_H

#include <stddef.h>
#include <stdint.h>

#include "FreeRTOSConfig.h"
#include "os.h"
#include "portmacro.h"
#include "projdefs.h"

/* ---- Configuration defaults (FreeRTOS's own where it has them) ---- */

#ifndef configUSE_PREEMPTION
#define configUSE_PREEMPTION 1
#endif
#ifndef configUSE_IDLE_HOOK
#define configUSE_IDLE_HOOK 0
#endif
#ifndef configUSE_TICK_HOOK
#define configUSE_TICK_HOOK 0
#endif
#ifndef configUSE_MALLOC_FAILED_HOOK
#define configUSE_MALLOC_FAILED_HOOK 0
#endif
#ifndef configUSE_DAEMON_TASK_STARTUP_HOOK
#define configUSE_DAEMON_TASK_STARTUP_HOOK 0
#endif
#ifndef configCHECK_FOR_STACK_OVERFLOW
#define configCHECK_FOR_STACK_OVERFLOW 0
#endif
#ifndef configUSE_MUTEXES
#define configUSE_MUTEXES 0
#endif
#ifndef configUSE_RECURSIVE_MUTEXES
#define configUSE_RECURSIVE_MUTEXES 0
#endif
#ifndef configUSE_COUNTING_SEMAPHORES
#define configUSE_COUNTING_SEMAPHORES 0
#endif
#ifndef configUSE_TASK_NOTIFICATIONS
#define configUSE_TASK_NOTIFICATIONS 1
#endif
#ifndef configTASK_NOTIFICATION_ARRAY_ENTRIES
#define configTASK_NOTIFICATION_ARRAY_ENTRIES 1
#endif
#ifndef configUSE_QUEUE_SETS
#define configUSE_QUEUE_SETS 0
#endif
#ifndef configUSE_TIMERS
#define configUSE_TIMERS 0
#endif
#ifndef configUSE_EVENT_GROUPS
#define configUSE_EVENT_GROUPS 1
#endif
#ifndef configUSE_STREAM_BUFFERS
#define configUSE_STREAM_BUFFERS 1
#endif
#ifndef configUSE_TIME_SLICING
#define configUSE_TIME_SLICING 1
#endif
#ifndef configUSE_TICKLESS_IDLE
#define configUSE_TICKLESS_IDLE 0
#endif
#ifndef configSUPPORT_STATIC_ALLOCATION
#define configSUPPORT_STATIC_ALLOCATION 0
#endif
#ifndef configSUPPORT_DYNAMIC_ALLOCATION
#define configSUPPORT_DYNAMIC_ALLOCATION 1
#endif
#ifndef configAPPLICATION_ALLOCATED_HEAP
#define configAPPLICATION_ALLOCATED_HEAP 0
#endif
#ifndef configTOTAL_HEAP_SIZE
#define configTOTAL_HEAP_SIZE (16u * 1024u)
#endif
#ifndef configMINIMAL_STACK_SIZE
#define configMINIMAL_STACK_SIZE PORT_STACK_MIN_WORDS
#endif
#ifndef configMAX_TASK_NAME_LEN
#define configMAX_TASK_NAME_LEN 16
#endif
#ifndef configSTACK_DEPTH_TYPE
#define configSTACK_DEPTH_TYPE uint16_t
#endif
#ifndef configMESSAGE_BUFFER_LENGTH_TYPE
#define configMESSAGE_BUFFER_LENGTH_TYPE size_t
#endif
#ifndef configQUEUE_REGISTRY_SIZE
#define configQUEUE_REGISTRY_SIZE 0
#endif
#ifndef configUSE_16_BIT_TICKS
#define configUSE_16_BIT_TICKS 0
#endif
#ifndef configTICK_TYPE_WIDTH_IN_BITS
#define configTICK_TYPE_WIDTH_IN_BITS 32
#endif
#ifndef configGENERATE_RUN_TIME_STATS
#define configGENERATE_RUN_TIME_STATS 0
#endif
#ifndef configUSE_TRACE_FACILITY
#define configUSE_TRACE_FACILITY 0
#endif
#ifndef configASSERT
#define configASSERT(x) ((void)0)
#define configASSERT_DEFINED 0
#else
#define configASSERT_DEFINED 1
#endif

/* Tasks the layer keeps a record of (their name, their heap stack), and in
 * a partition the size of its .kobj pools per type (tasks cannot make new
 * objects there, docs/freertos.md; natively objects come from the heap). */
#ifndef configFR_MAX_TASKS
#define configFR_MAX_TASKS 16
#endif
#ifndef configFR_MAX_QUEUES
#define configFR_MAX_QUEUES 16
#endif
#ifndef configFR_MAX_SEMAPHORES
#define configFR_MAX_SEMAPHORES 16
#endif
#ifndef configFR_MAX_MUTEXES
#define configFR_MAX_MUTEXES 16
#endif
#ifndef configFR_MAX_OTHERS
#define configFR_MAX_OTHERS 16
#endif
#if configFR_MAX_TASKS > 32 || configFR_MAX_QUEUES > 32 || configFR_MAX_SEMAPHORES > 32 ||         \
    configFR_MAX_MUTEXES > 32 || configFR_MAX_OTHERS > 32
#error "FreeRTOSConfig.h: configFR_MAX_* are at most 32 (one bitmap word per pool)"
#endif

#ifndef INCLUDE_vTaskPrioritySet
#define INCLUDE_vTaskPrioritySet 0
#endif
#ifndef INCLUDE_uxTaskPriorityGet
#define INCLUDE_uxTaskPriorityGet 0
#endif
#ifndef INCLUDE_vTaskDelete
#define INCLUDE_vTaskDelete 0
#endif
#ifndef INCLUDE_vTaskSuspend
#define INCLUDE_vTaskSuspend 0
#endif
#ifndef INCLUDE_xTaskDelayUntil
#ifdef INCLUDE_vTaskDelayUntil
#define INCLUDE_xTaskDelayUntil INCLUDE_vTaskDelayUntil
#else
#define INCLUDE_xTaskDelayUntil 0
#endif
#endif
#ifndef INCLUDE_vTaskDelayUntil
#define INCLUDE_vTaskDelayUntil INCLUDE_xTaskDelayUntil
#endif
#ifndef INCLUDE_vTaskDelay
#define INCLUDE_vTaskDelay 0
#endif
#ifndef INCLUDE_xTaskGetIdleTaskHandle
#define INCLUDE_xTaskGetIdleTaskHandle 0
#endif
#ifndef INCLUDE_xTaskAbortDelay
#define INCLUDE_xTaskAbortDelay 0
#endif
#ifndef INCLUDE_xQueueGetMutexHolder
#define INCLUDE_xQueueGetMutexHolder 0
#endif
#ifndef INCLUDE_xSemaphoreGetMutexHolder
#define INCLUDE_xSemaphoreGetMutexHolder INCLUDE_xQueueGetMutexHolder
#endif
#ifndef INCLUDE_xTaskGetHandle
#define INCLUDE_xTaskGetHandle 0
#endif
#ifndef INCLUDE_uxTaskGetStackHighWaterMark
#define INCLUDE_uxTaskGetStackHighWaterMark 0
#endif
#ifndef INCLUDE_eTaskGetState
#define INCLUDE_eTaskGetState 0
#endif
#ifndef INCLUDE_xTaskResumeFromISR
#define INCLUDE_xTaskResumeFromISR 1
#endif
#ifndef INCLUDE_xTimerPendFunctionCall
#define INCLUDE_xTimerPendFunctionCall 0
#endif
#ifndef INCLUDE_xTaskGetSchedulerState
#define INCLUDE_xTaskGetSchedulerState 0
#endif
#ifndef INCLUDE_xTaskGetCurrentTaskHandle
#define INCLUDE_xTaskGetCurrentTaskHandle 1
#endif

/* ---- Settings that contradict each other or the core ---- */

#if configSUPPORT_STATIC_ALLOCATION == 0 && configSUPPORT_DYNAMIC_ALLOCATION == 0
#error "FreeRTOSConfig.h: configSUPPORT_STATIC_ALLOCATION and configSUPPORT_DYNAMIC_ALLOCATION are both 0: no object could be created"
#endif
#if configUSE_RECURSIVE_MUTEXES != 0 && configUSE_MUTEXES == 0
#error "FreeRTOSConfig.h: configUSE_RECURSIVE_MUTEXES needs configUSE_MUTEXES 1"
#endif
#if configUSE_16_BIT_TICKS != 0 || configTICK_TYPE_WIDTH_IN_BITS != 32
#error "FreeRTOSConfig.h: configUSE_16_BIT_TICKS / configTICK_TYPE_WIDTH_IN_BITS: ticks are 32-bit here"
#endif
#if configUSE_TIMERS != 0
#ifndef configTIMER_TASK_PRIORITY
#error "FreeRTOSConfig.h: configUSE_TIMERS needs configTIMER_TASK_PRIORITY"
#endif
#ifndef configTIMER_QUEUE_LENGTH
#error "FreeRTOSConfig.h: configUSE_TIMERS needs configTIMER_QUEUE_LENGTH"
#endif
#ifndef configTIMER_TASK_STACK_DEPTH
#error "FreeRTOSConfig.h: configUSE_TIMERS needs configTIMER_TASK_STACK_DEPTH"
#endif
#if (configTIMER_TASK_PRIORITY) >= (configMAX_PRIORITIES)
#error "FreeRTOSConfig.h: configTIMER_TASK_PRIORITY must be below configMAX_PRIORITIES"
#endif
#endif
#if configUSE_DAEMON_TASK_STARTUP_HOOK != 0 && configUSE_TIMERS == 0
#error "FreeRTOSConfig.h: configUSE_DAEMON_TASK_STARTUP_HOOK needs configUSE_TIMERS 1"
#endif
#if configCHECK_FOR_STACK_OVERFLOW < 0 || configCHECK_FOR_STACK_OVERFLOW > 2
#error "FreeRTOSConfig.h: configCHECK_FOR_STACK_OVERFLOW must be 0, 1 or 2"
#endif
#if FR_PARTITION && configUSE_TICKLESS_IDLE != 0
#error "FreeRTOSConfig.h: configUSE_TICKLESS_IDLE: in a partition the kernel already suppresses the ticks of an idle guest; set it to 0"
#endif
#if (configMINIMAL_STACK_SIZE) < PORT_STACK_MIN_WORDS
#error "FreeRTOSConfig.h: configMINIMAL_STACK_SIZE is below the port's minimum stack (PORT_STACK_MIN_WORDS words)"
#endif
/* The core's newer primitives (timers, event groups, notifications,
 * stream buffers, queue sets) are there when os.h declares them. */
#ifdef OS_EVENT_BITS_MASK
#define FR_HAVE_PRIMS 1
#else
#define FR_HAVE_PRIMS 0
#endif

/* ---- Handles and static buffers ---- */

/* A task handle is the core's TCB. */
typedef struct os_task *TaskHandle_t;

/*
 * Queue and semaphore handles are one type (as in FreeRTOS): the address of
 * the core object with its kind in the low two bits (every core object is
 * 4-byte aligned): a queue, a counting/binary semaphore, a mutex, a
 * recursive mutex. The core checks every object it is given, so a forged
 * handle is refused like any bad pointer.
 */
typedef struct QueueDefinition *QueueHandle_t;
typedef QueueHandle_t SemaphoreHandle_t;
typedef struct QueueDefinition *QueueSetHandle_t;
typedef struct QueueDefinition *QueueSetMemberHandle_t;

#define FR_KIND_QUEUE 0u
#define FR_KIND_SEM 1u
#define FR_KIND_MUTEX 2u
#define FR_KIND_RMUTEX 3u
#define FR_KIND_MASK 3u

static inline unsigned fr_kind(QueueHandle_t h)
{
    return (unsigned)((uintptr_t)h & FR_KIND_MASK);
}
static inline void *fr_obj(QueueHandle_t h)
{
    return (void *)((uintptr_t)h & ~(uintptr_t)FR_KIND_MASK);
}
static inline QueueHandle_t fr_handle(void *obj, unsigned kind)
{
    return obj == NULL ? NULL : (QueueHandle_t)((uintptr_t)obj | kind);
}

/* Static buffers: the core objects themselves. Natively a static object
 * is the buffer given; in a partition a buffer outside .kobj (any
 * application variable) is replaced by an object of the layer's .kobj
 * pool (tasks cannot write .kobj; see docs/freertos.md). */
typedef struct os_task StaticTask_t;
typedef struct os_queue StaticQueue_t;
typedef union {
    struct os_sem sem;
    struct os_mutex mutex;
} StaticSemaphore_t;

/* Where the core's status becomes FreeRTOS's pdPASS / pdFAIL. */
static inline BaseType_t fr_pass(enum os_status s)
{
    return s == OS_OK ? pdPASS : pdFAIL;
}

/* ---- The layer's out-of-line part (rtos/freertos/src) ---- */

/* Initialise the core once (natively also the board): every creation call
 * and vTaskStartScheduler() do it, so main() needs no other set-up. */
void fr_init(void);

/* The heap (heap_4-like, rtos/freertos/src/fr_heap.c). */
void *pvPortMalloc(size_t xSize);
void *pvPortCalloc(size_t xNum, size_t xSize);
void vPortFree(void *pv);
size_t xPortGetFreeHeapSize(void);
size_t xPortGetMinimumEverFreeHeapSize(void);
void vPortInitialiseBlocks(void);

typedef struct xHeapStats {
    size_t xAvailableHeapSpaceInBytes;
    size_t xSizeOfLargestFreeBlockInBytes;
    size_t xSizeOfSmallestFreeBlockInBytes;
    size_t xNumberOfFreeBlocks;
    size_t xMinimumEverFreeBytesRemaining;
    size_t xNumberOfSuccessfulAllocations;
    size_t xNumberOfSuccessfulFrees;
} HeapStats_t;
void vPortGetHeapStats(HeapStats_t *pxHeapStats);

/* Application hooks (defined by the application when its configuration
 * asks for them). */
void vApplicationIdleHook(void);
void vApplicationTickHook(void);
void vApplicationMallocFailedHook(void);
void vApplicationDaemonTaskStartupHook(void);
void vApplicationStackOverflowHook(TaskHandle_t xTask, char *pcTaskName);
void vApplicationGetIdleTaskMemory(StaticTask_t **ppxIdleTaskTCBBuffer,
                                   StackType_t **ppxIdleTaskStackBuffer,
                                   uint32_t *pulIdleTaskStackSize);
void vApplicationGetTimerTaskMemory(StaticTask_t **ppxTimerTaskTCBBuffer,
                                    StackType_t **ppxTimerTaskStackBuffer,
                                    uint32_t *pulTimerTaskStackSize);

/* ---- Older names (FreeRTOS's configENABLE_BACKWARD_COMPATIBILITY, default 1) ---- */

#ifndef configENABLE_BACKWARD_COMPATIBILITY
#define configENABLE_BACKWARD_COMPATIBILITY 1
#endif
#if configENABLE_BACKWARD_COMPATIBILITY
#define portTickType TickType_t
#define xTaskHandle TaskHandle_t
#define xQueueHandle QueueHandle_t
#define xSemaphoreHandle SemaphoreHandle_t
#define xQueueSetHandle QueueSetHandle_t
#define xQueueSetMemberHandle QueueSetMemberHandle_t
#define xTimeOutType TimeOut_t
#define xTaskStatusType TaskStatus_t
#define xTimerHandle TimerHandle_t
#define pdTASK_CODE TaskFunction_t
#define tmrTIMER_CALLBACK TimerCallbackFunction_t
#define portTICK_RATE_MS portTICK_PERIOD_MS
#define pcTaskGetTaskName pcTaskGetName
#define pcTimerGetTimerName pcTimerGetName
#endif

#endif /* INC_FREERTOS_H */
