/*
 * ports.c - the APEX sampling and queuing port services as the
 * application calls them: each packs its arguments for apex_gate() (the
 * guest kernel checks them and does the work: apex/src/sampling.c,
 * queuing.c) and stores the return code (docs/arinc653.md).
 */
#include "gate_call.h"
#include "ports_ops.h"

#define G(op, a1, a2, a3, a4, a5, a6, a7) apex_gate((op), (a1), (a2), (a3), (a4), (a5), (a6), (a7))

void CREATE_SAMPLING_PORT(SAMPLING_PORT_NAME_TYPE SAMPLING_PORT_NAME,
                          MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE,
                          PORT_DIRECTION_TYPE PORT_DIRECTION,
                          SYSTEM_TIME_TYPE REFRESH_PERIOD,
                          SAMPLING_PORT_ID_TYPE *SAMPLING_PORT_ID,
                          RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_CREATE_SAMPLING_PORT, W(SAMPLING_PORT_NAME),
                           (uint32_t)MAX_MESSAGE_SIZE, (uint32_t)PORT_DIRECTION,
                           TLO(REFRESH_PERIOD), THI(REFRESH_PERIOD), W(SAMPLING_PORT_ID), 0));
}

void WRITE_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID,
                            MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE LENGTH,
                            RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_WRITE_SAMPLING_MESSAGE, (uint32_t)SAMPLING_PORT_ID,
                           W(MESSAGE_ADDR), (uint32_t)LENGTH, 0, 0, 0, 0));
}

void READ_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID,
                           MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE *LENGTH,
                           VALIDITY_TYPE *VALIDITY, RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_READ_SAMPLING_MESSAGE, (uint32_t)SAMPLING_PORT_ID,
                           W(MESSAGE_ADDR), W(LENGTH), W(VALIDITY), 0, 0, 0));
}

void GET_SAMPLING_PORT_ID(SAMPLING_PORT_NAME_TYPE SAMPLING_PORT_NAME,
                          SAMPLING_PORT_ID_TYPE *SAMPLING_PORT_ID,
                          RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_GET_SAMPLING_PORT_ID, W(SAMPLING_PORT_NAME),
                           W(SAMPLING_PORT_ID), 0, 0, 0, 0, 0));
}

void GET_SAMPLING_PORT_STATUS(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID,
                              SAMPLING_PORT_STATUS_TYPE *SAMPLING_PORT_STATUS,
                              RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_GET_SAMPLING_PORT_STATUS, (uint32_t)SAMPLING_PORT_ID,
                           W(SAMPLING_PORT_STATUS), 0, 0, 0, 0, 0));
}

void CREATE_QUEUING_PORT(QUEUING_PORT_NAME_TYPE QUEUING_PORT_NAME,
                         MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE,
                         MESSAGE_RANGE_TYPE MAX_NB_MESSAGE,
                         PORT_DIRECTION_TYPE PORT_DIRECTION,
                         QUEUING_DISCIPLINE_TYPE QUEUING_DISCIPLINE,
                         QUEUING_PORT_ID_TYPE *QUEUING_PORT_ID,
                         RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_CREATE_QUEUING_PORT, W(QUEUING_PORT_NAME),
                           (uint32_t)MAX_MESSAGE_SIZE, (uint32_t)MAX_NB_MESSAGE,
                           (uint32_t)PORT_DIRECTION, (uint32_t)QUEUING_DISCIPLINE,
                           W(QUEUING_PORT_ID), 0));
}

void SEND_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID,
                          MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE LENGTH,
                          SYSTEM_TIME_TYPE TIME_OUT, RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_SEND_QUEUING_MESSAGE, (uint32_t)QUEUING_PORT_ID,
                           W(MESSAGE_ADDR), (uint32_t)LENGTH, TLO(TIME_OUT), THI(TIME_OUT),
                           0, 0));
}

void RECEIVE_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID,
                             SYSTEM_TIME_TYPE TIME_OUT, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
                             MESSAGE_SIZE_TYPE *LENGTH, RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_RECEIVE_QUEUING_MESSAGE, (uint32_t)QUEUING_PORT_ID,
                           TLO(TIME_OUT), THI(TIME_OUT), W(MESSAGE_ADDR), W(LENGTH), 0, 0));
}

void GET_QUEUING_PORT_ID(QUEUING_PORT_NAME_TYPE QUEUING_PORT_NAME,
                         QUEUING_PORT_ID_TYPE *QUEUING_PORT_ID,
                         RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_GET_QUEUING_PORT_ID, W(QUEUING_PORT_NAME),
                           W(QUEUING_PORT_ID), 0, 0, 0, 0, 0));
}

void GET_QUEUING_PORT_STATUS(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID,
                             QUEUING_PORT_STATUS_TYPE *QUEUING_PORT_STATUS,
                             RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_GET_QUEUING_PORT_STATUS, (uint32_t)QUEUING_PORT_ID,
                           W(QUEUING_PORT_STATUS), 0, 0, 0, 0, 0));
}

void CLEAR_QUEUING_PORT(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
    apex_rc(RETURN_CODE, G(APEX_OP_CLEAR_QUEUING_PORT, (uint32_t)QUEUING_PORT_ID, 0, 0, 0,
                           0, 0, 0));
}
