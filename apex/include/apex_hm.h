/*
 * apex_hm.h - ARINC 653 health-monitoring services of the APEX: the error
 * handler process and application errors (docs/arinc653.md, "Health
 * monitor").
 */
#ifndef APEX_HM_H
#define APEX_HM_H

#include "apex_types.h"

#define MAX_ERROR_MESSAGE_SIZE 128

typedef APEX_INTEGER ERROR_MESSAGE_SIZE_TYPE;
typedef APEX_BYTE ERROR_MESSAGE_TYPE[MAX_ERROR_MESSAGE_SIZE];

typedef enum {
    DEADLINE_MISSED = 0,
    APPLICATION_ERROR = 1,
    NUMERIC_ERROR = 2,
    ILLEGAL_REQUEST = 3,
    STACK_OVERFLOW = 4,
    MEMORY_VIOLATION = 5,
    HARDWARE_FAULT = 6,
    POWER_FAIL = 7
} ERROR_CODE_TYPE;

typedef struct {
    ERROR_CODE_TYPE ERROR_CODE;
    ERROR_MESSAGE_SIZE_TYPE LENGTH;
    PROCESS_ID_TYPE FAILED_PROCESS_ID;
    SYSTEM_ADDRESS_TYPE FAILED_ADDRESS;
    ERROR_MESSAGE_TYPE MESSAGE;
} ERROR_STATUS_TYPE;

/* Stack the error handler may ask for, bytes (its stack is the APEX's). */
#ifndef APEX_CONFIG_ERROR_HANDLER_STACK_BYTES
#define APEX_CONFIG_ERROR_HANDLER_STACK_BYTES 4096u
#endif

void REPORT_APPLICATION_MESSAGE(MESSAGE_ADDR_TYPE MESSAGE_ADDR,
                                MESSAGE_SIZE_TYPE LENGTH,
                                RETURN_CODE_TYPE *RETURN_CODE);
void CREATE_ERROR_HANDLER(SYSTEM_ADDRESS_TYPE ENTRY_POINT,
                          STACK_SIZE_TYPE STACK_SIZE,
                          RETURN_CODE_TYPE *RETURN_CODE);
void GET_ERROR_STATUS(ERROR_STATUS_TYPE *ERROR_STATUS,
                      RETURN_CODE_TYPE *RETURN_CODE);
void RAISE_APPLICATION_ERROR(ERROR_CODE_TYPE ERROR_CODE,
                             MESSAGE_ADDR_TYPE MESSAGE_ADDR,
                             ERROR_MESSAGE_SIZE_TYPE LENGTH,
                             RETURN_CODE_TYPE *RETURN_CODE);

#endif /* APEX_HM_H */
