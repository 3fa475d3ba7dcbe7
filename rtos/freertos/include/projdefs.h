/*
 * projdefs.h - FreeRTOS's basic definitions (return codes, truth values,
 * tick conversions) for the compatibility layer over the tick core. Written
 * from FreeRTOS's public API reference; included by FreeRTOS.h.
 */
#ifndef PROJDEFS_H
#define PROJDEFS_H

/* A task's entry function. */
typedef void (*TaskFunction_t)(void *);

/* Milliseconds to ticks (rounded down), computed in 64 bits so that large
 * values do not overflow. */
#ifndef pdMS_TO_TICKS
#define pdMS_TO_TICKS(xTimeInMs)                                                                   \
    ((TickType_t)(((uint64_t)(xTimeInMs) * (uint64_t)configTICK_RATE_HZ) / (uint64_t)1000u))
#endif
#ifndef pdTICKS_TO_MS
#define pdTICKS_TO_MS(xTimeInTicks)                                                                \
    ((TickType_t)(((uint64_t)(xTimeInTicks) * (uint64_t)1000u) / (uint64_t)configTICK_RATE_HZ))
#endif

#define pdFALSE ((BaseType_t)0)
#define pdTRUE ((BaseType_t)1)
#define pdFALSE_SIGNED ((BaseType_t)0)
#define pdTRUE_SIGNED ((BaseType_t)1)
#define pdFALSE_UNSIGNED ((UBaseType_t)0)
#define pdTRUE_UNSIGNED ((UBaseType_t)1)

#define pdPASS (pdTRUE)
#define pdFAIL (pdFALSE)
#define errQUEUE_EMPTY ((BaseType_t)0)
#define errQUEUE_FULL ((BaseType_t)0)

#define errCOULD_NOT_ALLOCATE_REQUIRED_MEMORY (-1)
#define errQUEUE_BLOCKED (-4)
#define errQUEUE_YIELD (-5)

#define pdINTEGRITY_CHECK_VALUE 0x5a5a5a5aUL

#define pdLITTLE_ENDIAN 0
#define pdBIG_ENDIAN 1
#define pdFREERTOS_LITTLE_ENDIAN pdLITTLE_ENDIAN
#define pdFREERTOS_BIG_ENDIAN pdBIG_ENDIAN

#endif /* PROJDEFS_H */
