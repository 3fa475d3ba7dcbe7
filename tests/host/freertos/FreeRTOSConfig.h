/* FreeRTOSConfig.h of the FreeRTOS layer's host unit tests: a 4 KiB heap,
 * the malloc-failed hook and configASSERT counted by the test. */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H
#define configTICK_RATE_HZ 1000
#define configMAX_PRIORITIES 6
#define configMINIMAL_STACK_SIZE PORT_STACK_MIN_WORDS
#define configTOTAL_HEAP_SIZE 4096
#define configUSE_MALLOC_FAILED_HOOK 1
extern unsigned test_asserts;
#define configASSERT(x)                                                                            \
    do {                                                                                           \
        if (!(x))                                                                                  \
            test_asserts++;                                                                        \
    } while (0)
#endif
