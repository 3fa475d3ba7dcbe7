/* ports_ops.h - the operations of the APEX port areas (sampling.c,
 * queuing.c, user/ports.c): APEX_OP(APEX_AREA_SAMPLING / _QUEUING, n). */
#ifndef APEX_PORTS_OPS_H
#define APEX_PORTS_OPS_H

#include "apex_internal.h"

enum {
    APEX_OP_CREATE_SAMPLING_PORT = APEX_OP(APEX_AREA_SAMPLING, 0),
    APEX_OP_WRITE_SAMPLING_MESSAGE,
    APEX_OP_READ_SAMPLING_MESSAGE,
    APEX_OP_GET_SAMPLING_PORT_ID,
    APEX_OP_GET_SAMPLING_PORT_STATUS,
};

enum {
    APEX_OP_CREATE_QUEUING_PORT = APEX_OP(APEX_AREA_QUEUING, 0),
    APEX_OP_SEND_QUEUING_MESSAGE,
    APEX_OP_RECEIVE_QUEUING_MESSAGE,
    APEX_OP_GET_QUEUING_PORT_ID,
    APEX_OP_GET_QUEUING_PORT_STATUS,
    APEX_OP_CLEAR_QUEUING_PORT,
};

/* Ports an APEX partition can create of each kind (the kernel's limit). */
#define APEX_PORTS_MAX 32u

#endif
