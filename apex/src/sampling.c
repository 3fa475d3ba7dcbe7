/*
 * sampling.c - APEX sampling ports over the kernel's ports (the guest API
 * rtos/port/pv/pv_port.h; docs/arinc653.md "Inter-partition
 * communication"). CREATE_SAMPLING_PORT opens the configured port of that
 * name and checks the attributes against its configuration; the
 * operations then go to the kernel (non-blocking: a sampling port never
 * waits).
 */
#include <string.h>

#include "apex_internal.h"
#include "ports_ops.h"
#include "pv_port.h"

struct sport {
    char name[MAX_NAME_LENGTH];
    uint8_t used;
    uint32_t handle;
    struct pk_port_info info;
};
static struct sport sports[APEX_PORTS_MAX];

static struct sport *by_id(uint32_t id)
{
    if (id < 1u || id > APEX_PORTS_MAX || !sports[id - 1u].used)
        return NULL;
    return &sports[id - 1u];
}

/* A pv_port result as the service's return code. */
static RETURN_CODE_TYPE rc_of(enum pv_port_rc r)
{
    return (RETURN_CODE_TYPE)r;
}

static RETURN_CODE_TYPE create(const uint32_t a[7])
{
    char name[MAX_NAME_LENGTH];
    MESSAGE_SIZE_TYPE size = (MESSAGE_SIZE_TYPE)a[1];
    uint32_t dir = a[2];
    SYSTEM_TIME_TYPE refresh = apex_time_arg(a[3], a[4]);
    SAMPLING_PORT_ID_TYPE *out = (SAMPLING_PORT_ID_TYPE *)(uintptr_t)a[5];
    if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
        return INVALID_PARAM;
    unsigned i;
    RETURN_CODE_TYPE rc = apex_create_slot(name, sports[0].name, &sports[0].used,
                                           sizeof sports[0], APEX_PORTS_MAX, &i);
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
        return INVALID_CONFIG; /* no such port in the configuration */
    /* The attributes must be the configuration's. */
    if (info.kind != PK_PORT_SAMPLING || size <= 0 ||
        (uint32_t)size != info.max_message_size ||
        (dir != SOURCE && dir != DESTINATION) || dir != info.direction ||
        refresh < 0 || (uint64_t)refresh != info.refresh_ns)
        return INVALID_CONFIG;
    struct sport *s = &sports[i];
    memcpy(s->name, name, MAX_NAME_LENGTH);
    s->handle = h;
    s->info = info;
    s->used = 1u;
    *out = (SAMPLING_PORT_ID_TYPE)i + 1;
    return NO_ERROR;
}

RETURN_CODE_TYPE apex_area_sampling(uint32_t op, const uint32_t a[7])
{
    switch (op | APEX_OP(APEX_AREA_SAMPLING, 0)) {
    case APEX_OP_CREATE_SAMPLING_PORT:
        return create(a);
    case APEX_OP_GET_SAMPLING_PORT_ID: {
        char name[MAX_NAME_LENGTH];
        SAMPLING_PORT_ID_TYPE *out = (SAMPLING_PORT_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        APEX_INTEGER id = apex_find_name(name, sports[0].name, &sports[0].used,
                                         sizeof sports[0], APEX_PORTS_MAX);
        if (id == 0)
            return INVALID_CONFIG;
        *out = id;
        return NO_ERROR;
    }
    default:
        break;
    }
    struct sport *s = by_id(a[0]);
    if (s == NULL)
        return INVALID_PARAM;
    switch (op | APEX_OP(APEX_AREA_SAMPLING, 0)) {
    case APEX_OP_WRITE_SAMPLING_MESSAGE: {
        MESSAGE_SIZE_TYPE len = (MESSAGE_SIZE_TYPE)a[2];
        if (s->info.direction != PK_PORT_SOURCE)
            return INVALID_MODE;
        if (len > (MESSAGE_SIZE_TYPE)s->info.max_message_size)
            return INVALID_CONFIG;
        if (len <= 0 || !apex_user_ok((const void *)(uintptr_t)a[1], (size_t)len))
            return INVALID_PARAM;
        return rc_of(pv_sampling_write(s->handle, (const void *)(uintptr_t)a[1],
                                       (uint32_t)len));
    }
    case APEX_OP_READ_SAMPLING_MESSAGE: {
        void *msg = (void *)(uintptr_t)a[1];
        MESSAGE_SIZE_TYPE *lenp = (MESSAGE_SIZE_TYPE *)(uintptr_t)a[2];
        VALIDITY_TYPE *valp = (VALIDITY_TYPE *)(uintptr_t)a[3];
        if (s->info.direction != PK_PORT_DESTINATION)
            return INVALID_MODE;
        if (!apex_user_ok(msg, s->info.max_message_size) ||
            !apex_user_ok(lenp, sizeof *lenp) || !apex_user_ok(valp, sizeof *valp))
            return INVALID_PARAM;
        uint32_t len = 0u;
        bool valid = false;
        enum pv_port_rc r =
            pvk_sampling_read(s->handle, msg, s->info.max_message_size, &len, &valid);
        *lenp = (MESSAGE_SIZE_TYPE)len;
        *valp = valid ? VALID : INVALID;
        return rc_of(r);
    }
    case APEX_OP_GET_SAMPLING_PORT_STATUS: {
        SAMPLING_PORT_STATUS_TYPE *out = (SAMPLING_PORT_STATUS_TYPE *)(uintptr_t)a[1];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        struct pv_port_status st;
        enum pv_port_rc r = pvk_port_status(s->handle, &st);
        if (r != PV_PORT_OK)
            return rc_of(r);
        out->REFRESH_PERIOD = (SYSTEM_TIME_TYPE)s->info.refresh_ns;
        out->MAX_MESSAGE_SIZE = (MESSAGE_SIZE_TYPE)s->info.max_message_size;
        out->PORT_DIRECTION = s->info.direction == PK_PORT_SOURCE ? SOURCE : DESTINATION;
        out->LAST_MSG_VALIDITY = st.k.valid != 0u ? VALID : INVALID;
        return NO_ERROR;
    }
    default:
        return INVALID_PARAM;
    }
}
