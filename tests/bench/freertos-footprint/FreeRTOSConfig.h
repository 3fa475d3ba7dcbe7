/* FreeRTOSConfig.h of the footprint build (tools/bench_freertos.py): the
 * software-timer application's, with queue sets, mutexes and counting
 * semaphores also on. */
#ifndef FREERTOS_FOOTPRINT_CONFIG_H
#define FREERTOS_FOOTPRINT_CONFIG_H

#include "../../../apps/freertos/timers/FreeRTOSConfig.h"

#define configUSE_QUEUE_SETS 1
#define configUSE_MUTEXES 1
#define configUSE_RECURSIVE_MUTEXES 1
#define configUSE_COUNTING_SEMAPHORES 1

#endif
