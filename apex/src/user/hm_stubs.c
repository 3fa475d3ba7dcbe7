/*
 * hm_stubs.c - the APEX partition and health-monitoring services as the
 * application calls them (apex_partition.h, apex_hm.h), and the error
 * handler's loop, which runs in the user range as the handler task's code
 * (apex/src/hm.c).
 */
#include "apex_hm.h"
#include "apex_partition.h"
#include "gate_call.h"
#include "pv_svc.h"

#define G(op, a1, a2, a3, a4, a5, a6, a7) apex_gate((op), (a1), (a2), (a3), (a4), (a5), (a6), (a7))

/* The error handler's stack (user range, like every process's). */
static _Alignas(8) uint32_t eh_stack[APEX_CONFIG_ERROR_HANDLER_STACK_BYTES / 4u];

/* The handler task: each process-level error runs ENTRY_POINT once, from
 * its start; the entry ends by returning or by STOP_SELF (ARINC 653: the
 * handler stops itself when it has handled the error). */
static void eh_body(void *arg)
{
    (void)arg;
    apex_eh_self = os_task_self();
    for (;;) {
        uint32_t entry = 0u;
        if (G(APEX_OP_ERROR_HANDLER_WAIT, W(&entry), 0, 0, 0, 0, 0, 0) != NO_ERROR)
            for (;;)
                (void)os_task_suspend(NULL);
        if (setjmp(apex_eh_stop) == 0)
            ((void (*)(void))(uintptr_t)entry)();
    }
}


void GET_PARTITION_STATUS(PARTITION_STATUS_TYPE *PARTITION_STATUS,
                          RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_GET_PARTITION_STATUS, W(PARTITION_STATUS), 0, 0, 0, 0,
                           0, 0));
}

void SET_PARTITION_MODE(OPERATING_MODE_TYPE OPERATING_MODE,
                        RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_SET_PARTITION_MODE, (uint32_t)OPERATING_MODE, 0, 0, 0,
                           0, 0, 0));
}

void SET_MODULE_SCHEDULE(SCHEDULE_ID_TYPE SCHEDULE_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_SET_MODULE_SCHEDULE, (uint32_t)SCHEDULE_ID, 0, 0, 0, 0,
                           0, 0));
}

void GET_MODULE_SCHEDULE_STATUS(MODULE_SCHEDULE_STATUS_TYPE *SCHEDULE_STATUS,
                                RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_GET_MODULE_SCHEDULE_STATUS, W(SCHEDULE_STATUS), 0, 0, 0,
                           0, 0, 0));
}

void GET_MODULE_SCHEDULE_ID(SCHEDULE_NAME_TYPE SCHEDULE_NAME, SCHEDULE_ID_TYPE *SCHEDULE_ID,
                            RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_GET_MODULE_SCHEDULE_ID, W(SCHEDULE_NAME), W(SCHEDULE_ID), 0,
                           0, 0, 0, 0));
}

void REPORT_APPLICATION_MESSAGE(MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE LENGTH,
                                RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_REPORT_APPLICATION_MESSAGE, W(MESSAGE_ADDR),
                           (uint32_t)LENGTH, 0, 0, 0, 0, 0));
}

void CREATE_ERROR_HANDLER(SYSTEM_ADDRESS_TYPE ENTRY_POINT, STACK_SIZE_TYPE STACK_SIZE,
                          RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_CREATE_ERROR_HANDLER, W(ENTRY_POINT), STACK_SIZE,
                           W(eh_stack), sizeof eh_stack, W(eh_body), 0, 0));
}

void GET_ERROR_STATUS(ERROR_STATUS_TYPE *ERROR_STATUS, RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_GET_ERROR_STATUS, W(ERROR_STATUS), 0, 0, 0, 0, 0, 0));
}

void RAISE_APPLICATION_ERROR(ERROR_CODE_TYPE ERROR_CODE, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
                             ERROR_MESSAGE_SIZE_TYPE LENGTH, RETURN_CODE_TYPE *RETURN_CODE)
{
    int32_t r = G(APEX_OP_RAISE_APPLICATION_ERROR, (uint32_t)ERROR_CODE, W(MESSAGE_ADDR),
                  (uint32_t)LENGTH, 0, 0, 0, 0);
    /* Reported from here, the process itself (task mode): the health
     * monitor's state is "task" and the failed process is the caller. */
    if (r == NO_ERROR)
        (void)pv_report_error(PK_GUEST_ERR_APP, (uint32_t)LENGTH);
    apex_rc(RETURN_CODE, r);
}
