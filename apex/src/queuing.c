/*
 * queuing.c - APEX queuing ports over the kernel's ports (the guest API
 * rtos/port/pv/pv_port.h; docs/arinc653.md "Inter-partition
 * communication"). The waiting of a process (timeouts, the port's FIFO or
 * PRIORITY discipline) is the guest API's: the process blocks on a
 * semaphore of the tick core until the kernel's PK_EV_PORT upcall or its
 * timeout. A receive after an overflow returns the message with
 * INVALID_CONFIG.
 */
#include <string.h>

#include "apex_internal.h"
#include "ports_ops.h"
#include "pv_port.h"

struct qport {
    char name[MAX_NAME_LENGTH];
    uint8_t used;
    uint32_t handle;
    struct pk_port_info info;
};
static struct qport qports[APEX_PORTS_MAX];

static struct qport *by_id(uint32_t id)
{
    if (id < 1u || id > APEX_PORTS_MAX || !qports[id - 1u].used)
        return NULL;
    return &qports[id - 1u];
}

/* An APEX timeout as ticks of the guest API. */
static os_tick_t ticks_of(SYSTEM_TIME_TYPE t)
{
    if (t == INFINITE_TIME_VALUE)
        return PV_PORT_FOREVER;
    if (t == 0)
        return PV_PORT_NO_WAIT;
    os_tick_t k = apex_ticks_for(t);
    return k == 0u ? 1u : (k == PV_PORT_FOREVER ? PV_PORT_FOREVER - 1u : k);
}

/* A wait the caller may not make (main(), preemption locked): refused
 * only when the call would have to wait. */
static bool would_wait(const struct qport *q, bool send)
{
    struct pv_port_status st;
    if (pvk_port_status(q->handle, &st) != PV_PORT_OK)
        return false;
    return send ? st.k.messages >= st.k.max_messages : st.k.messages == 0u;
}

static RETURN_CODE_TYPE create(const uint32_t a[7])
{
    char name[MAX_NAME_LENGTH];
    MESSAGE_SIZE_TYPE size = (MESSAGE_SIZE_TYPE)a[1];
    MESSAGE_RANGE_TYPE nb = (MESSAGE_RANGE_TYPE)a[2];
    uint32_t dir = a[3], disc = a[4];
    QUEUING_PORT_ID_TYPE *out = (QUEUING_PORT_ID_TYPE *)(uintptr_t)a[5];
    if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
        return INVALID_PARAM;
    unsigned i;
    RETURN_CODE_TYPE rc = apex_create_slot(name, qports[0].name, &qports[0].used,
                                           sizeof qports[0], APEX_PORTS_MAX, &i);
    if (rc != NO_ERROR)
        return rc;
    if (apex_normal)
        return INVALID_MODE;
    char cname[MAX_NAME_LENGTH + 1];
    memcpy(cname, name, MAX_NAME_LENGTH);
    cname[MAX_NAME_LENGTH] = '\0';
    struct pk_port_info info;
    uint32_t h;
    if (pv_port_open(cname, &h, &info) != PV_PORT_OK)
        return INVALID_CONFIG;
    if (info.kind != PK_PORT_QUEUING || size <= 0 ||
        (uint32_t)size != info.max_message_size || nb <= 0 ||
        (uint32_t)nb != info.max_messages ||
        (dir != SOURCE && dir != DESTINATION) || dir != info.direction ||
        (disc != FIFO && disc != PRIORITY) || disc != info.discipline)
        return INVALID_CONFIG;
    struct qport *q = &qports[i];
    memcpy(q->name, name, MAX_NAME_LENGTH);
    q->handle = h;
    q->info = info;
    q->used = 1u;
    *out = (QUEUING_PORT_ID_TYPE)i + 1;
    return NO_ERROR;
}

RETURN_CODE_TYPE apex_area_queuing(uint32_t op, const uint32_t a[7])
{
    switch (op | APEX_OP(APEX_AREA_QUEUING, 0)) {
    case APEX_OP_CREATE_QUEUING_PORT:
        return create(a);
    case APEX_OP_GET_QUEUING_PORT_ID: {
        char name[MAX_NAME_LENGTH];
        QUEUING_PORT_ID_TYPE *out = (QUEUING_PORT_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        APEX_INTEGER id = apex_find_name(name, qports[0].name, &qports[0].used,
                                         sizeof qports[0], APEX_PORTS_MAX);
        if (id == 0)
            return INVALID_CONFIG;
        *out = id;
        return NO_ERROR;
    }
    default:
        break;
    }
    struct qport *q = by_id(a[0]);
    if (q == NULL)
        return INVALID_PARAM;
    switch (op | APEX_OP(APEX_AREA_QUEUING, 0)) {
    case APEX_OP_SEND_QUEUING_MESSAGE: {
        const void *msg = (const void *)(uintptr_t)a[1];
        MESSAGE_SIZE_TYPE len = (MESSAGE_SIZE_TYPE)a[2];
        SYSTEM_TIME_TYPE t = apex_time_arg(a[3], a[4]);
        if (q->info.direction != PK_PORT_SOURCE)
            return INVALID_MODE;
        if (len > (MESSAGE_SIZE_TYPE)q->info.max_message_size)
            return INVALID_CONFIG;
        if (len <= 0 || !apex_user_ok(msg, (size_t)len) || !apex_timeout_ok(t))
            return INVALID_PARAM;
        if (t != 0 && apex_may_wait(t) != NO_ERROR && would_wait(q, true))
            return INVALID_MODE;
        return (RETURN_CODE_TYPE)pv_queuing_send(q->handle, msg, (uint32_t)len,
                                                 apex_may_wait(t) == NO_ERROR
                                                     ? ticks_of(t)
                                                     : PV_PORT_NO_WAIT);
    }
    case APEX_OP_RECEIVE_QUEUING_MESSAGE: {
        SYSTEM_TIME_TYPE t = apex_time_arg(a[1], a[2]);
        void *msg = (void *)(uintptr_t)a[3];
        MESSAGE_SIZE_TYPE *lenp = (MESSAGE_SIZE_TYPE *)(uintptr_t)a[4];
        if (q->info.direction != PK_PORT_DESTINATION)
            return INVALID_MODE;
        if (!apex_timeout_ok(t) || !apex_user_ok(msg, q->info.max_message_size) ||
            !apex_user_ok(lenp, sizeof *lenp))
            return INVALID_PARAM;
        if (t != 0 && apex_may_wait(t) != NO_ERROR && would_wait(q, false))
            return INVALID_MODE;
        uint32_t len = 0u;
        enum pv_port_rc r = pvk_queuing_receive(
            q->handle, msg, q->info.max_message_size, &len,
            apex_may_wait(t) == NO_ERROR ? ticks_of(t) : PV_PORT_NO_WAIT);
        *lenp = (MESSAGE_SIZE_TYPE)len;
        return (RETURN_CODE_TYPE)r;
    }
    case APEX_OP_GET_QUEUING_PORT_STATUS: {
        QUEUING_PORT_STATUS_TYPE *out = (QUEUING_PORT_STATUS_TYPE *)(uintptr_t)a[1];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        struct pv_port_status st;
        enum pv_port_rc r = pvk_port_status(q->handle, &st);
        if (r != PV_PORT_OK)
            return (RETURN_CODE_TYPE)r;
        out->NB_MESSAGE = (MESSAGE_RANGE_TYPE)st.k.messages;
        out->MAX_NB_MESSAGE = (MESSAGE_RANGE_TYPE)q->info.max_messages;
        out->MAX_MESSAGE_SIZE = (MESSAGE_SIZE_TYPE)q->info.max_message_size;
        out->PORT_DIRECTION = q->info.direction == PK_PORT_SOURCE ? SOURCE : DESTINATION;
        out->WAITING_PROCESSES = (WAITING_RANGE_TYPE)st.waiting;
        return NO_ERROR;
    }
    case APEX_OP_CLEAR_QUEUING_PORT:
        if (q->info.direction != PK_PORT_DESTINATION)
            return INVALID_MODE;
        return (RETURN_CODE_TYPE)pv_queuing_clear(q->handle);
    default:
        return INVALID_PARAM;
    }
}
