/* FreeRTOSConfig.h of the notification application. */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

#define configUSE_PREEMPTION 1
#define configTICK_RATE_HZ 1000
#define configMAX_PRIORITIES 5
#define configMINIMAL_STACK_SIZE 256
#define configTOTAL_HEAP_SIZE (16 * 1024)
#define configUSE_TICK_HOOK 1
#define configUSE_TASK_NOTIFICATIONS 1
#define configTASK_NOTIFICATION_ARRAY_ENTRIES 3
#define configUSE_MALLOC_FAILED_HOOK 1
#define configASSERT(x)                                                                            \
    do {                                                                                           \
        if (!(x))                                                                                  \
            app_assert_failed(__LINE__);                                                           \
    } while (0)
void app_assert_failed(int line);

#define INCLUDE_vTaskDelay 1
#define INCLUDE_vTaskDelete 1
#define INCLUDE_eTaskGetState 1
#define INCLUDE_xTaskAbortDelay 1

#endif
