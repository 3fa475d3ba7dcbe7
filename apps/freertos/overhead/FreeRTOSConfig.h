/* FreeRTOSConfig.h of the layer's overhead measurement. */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H
#define configTICK_RATE_HZ 1000
#define configMAX_PRIORITIES 4
#define configMINIMAL_STACK_SIZE 256
#define configTOTAL_HEAP_SIZE (8 * 1024)
#define configUSE_MUTEXES 1
#define configUSE_RECURSIVE_MUTEXES 1
#define configSUPPORT_STATIC_ALLOCATION 1
#define INCLUDE_vTaskDelay 1
#endif
