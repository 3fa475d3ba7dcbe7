/*
 * freertos_os_config.h - the tick core's configuration (os_config.h) of a
 * FreeRTOS application, derived from the application's own FreeRTOSConfig.h.
 * An application's os_config.h is this one line: #include "freertos_os_config.h"
 * (natively the layer's os_config.h next to this file does it when the
 * application has none). Settings the core and FreeRTOSConfig.h both name
 * must agree: a contradiction stops the build with #error naming it.
 */
#ifndef FREERTOS_OS_CONFIG_H
#define FREERTOS_OS_CONFIG_H

#include "FreeRTOSConfig.h"

#ifndef configTICK_RATE_HZ
#error "FreeRTOSConfig.h: configTICK_RATE_HZ is required"
#endif
#ifndef configMAX_PRIORITIES
#error "FreeRTOSConfig.h: configMAX_PRIORITIES is required"
#endif

/* FreeRTOS priority p is the core's p + 1: the core keeps 0 for its idle
 * task, FreeRTOS lets applications use tskIDLE_PRIORITY (0) too. */
#if (configMAX_PRIORITIES) < 1 || (configMAX_PRIORITIES) > 31
#error "FreeRTOSConfig.h: configMAX_PRIORITIES must be 1..31 here (the core has 32 levels and keeps one for its idle task)"
#endif
#define OS_CONFIG_MAX_PRIORITIES ((configMAX_PRIORITIES) + 1)

/* In a partition the tick rate is the system table's (tick_hz, passed as
 * -DOS_CONFIG_TICK_HZ): FreeRTOSConfig.h must say the same. */
#ifdef OS_CONFIG_TICK_HZ
#if (OS_CONFIG_TICK_HZ) != (configTICK_RATE_HZ)
#error "FreeRTOSConfig.h: configTICK_RATE_HZ differs from the partition's tick_hz (system.toml)"
#endif
#else
#define OS_CONFIG_TICK_HZ (configTICK_RATE_HZ)
#endif

#if defined(configUSE_PREEMPTION) && (configUSE_PREEMPTION) == 0
#error "FreeRTOSConfig.h: configUSE_PREEMPTION 0 (cooperative scheduling) is not supported: the tick core always preempts"
#endif

#ifdef configUSE_TIME_SLICING
#define OS_CONFIG_ROUND_ROBIN ((configUSE_TIME_SLICING) != 0)
#endif

#if defined(configUSE_TICKLESS_IDLE) && (configUSE_TICKLESS_IDLE) != 0
#define OS_CONFIG_TICKLESS 1
#endif

#ifdef configCHECK_FOR_STACK_OVERFLOW
#if (configCHECK_FOR_STACK_OVERFLOW) == 0
#define OS_CONFIG_STACK_CHECK 0
#endif
#endif


#if defined(configTASK_NOTIFICATION_ARRAY_ENTRIES)
#if (configTASK_NOTIFICATION_ARRAY_ENTRIES) < 1 || (configTASK_NOTIFICATION_ARRAY_ENTRIES) > 32
#error "FreeRTOSConfig.h: configTASK_NOTIFICATION_ARRAY_ENTRIES must be 1..32"
#endif
#define OS_CONFIG_TASK_NOTIFY_COUNT (configTASK_NOTIFICATION_ARRAY_ENTRIES)
#endif

#if defined(configUSE_QUEUE_SETS) && (configUSE_QUEUE_SETS) != 0
#define OS_CONFIG_QUEUE_SETS 1
#endif

#if defined(configGENERATE_RUN_TIME_STATS) && (configGENERATE_RUN_TIME_STATS) != 0
#define OS_CONFIG_RUNTIME_STATS 1
#endif

#endif /* FREERTOS_OS_CONFIG_H */
