/*
 * blackboard.c - APEX blackboards: one message, overwritten by DISPLAY,
 * read without being consumed; DISPLAY releases every waiting reader
 * (docs/arinc653.md).
 */
#include <string.h>

#include "apex_internal.h"

struct apex_blackboard {
    char name[MAX_NAME_LENGTH];
    uint8_t used;
    uint8_t occupied;
    uint32_t max_size, len;
    uint8_t *msg;
    struct apex_waitq wq; /* readers waiting for a message */
};
static struct apex_blackboard bbs[APEX_CONFIG_MAX_BLACKBOARDS];

static struct apex_blackboard *by_id(uint32_t id)
{
    if (id < 1u || id > APEX_CONFIG_MAX_BLACKBOARDS || !bbs[id - 1u].used)
        return NULL;
    return &bbs[id - 1u];
}

RETURN_CODE_TYPE apex_area_blackboard(uint32_t op, const uint32_t a[7])
{
    switch (op | APEX_OP(APEX_AREA_BLACKBOARD, 0)) {
    case APEX_OP_CREATE_BLACKBOARD: {
        char name[MAX_NAME_LENGTH];
        MESSAGE_SIZE_TYPE size = (MESSAGE_SIZE_TYPE)a[1];
        BLACKBOARD_ID_TYPE *out = (BLACKBOARD_ID_TYPE *)(uintptr_t)a[2];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        unsigned i;
        RETURN_CODE_TYPE rc = apex_create_slot(name, bbs[0].name, &bbs[0].used, sizeof bbs[0],
                                               APEX_CONFIG_MAX_BLACKBOARDS, &i);
        if (rc != NO_ERROR)
            return rc;
        if (size <= 0 || size > SYSTEM_LIMIT_MESSAGE_SIZE || name[0] == '\0')
            return INVALID_PARAM;
        if (apex_normal)
            return INVALID_MODE;
        struct apex_blackboard *b = &bbs[i];
        b->msg = apex_msg_alloc((size_t)size);
        if (b->msg == NULL)
            return INVALID_CONFIG;
        memcpy(b->name, name, MAX_NAME_LENGTH);
        b->max_size = (uint32_t)size;
        b->len = 0u;
        b->occupied = 0u;
        b->wq.head = NULL;
        b->wq.count = 0u;
        b->wq.discipline = FIFO;
        b->used = 1u;
        *out = (BLACKBOARD_ID_TYPE)i + 1;
        return NO_ERROR;
    }
    case APEX_OP_GET_BLACKBOARD_ID: {
        char name[MAX_NAME_LENGTH];
        BLACKBOARD_ID_TYPE *out = (BLACKBOARD_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        APEX_INTEGER id = apex_find_name(name, bbs[0].name, &bbs[0].used, sizeof bbs[0],
                                         APEX_CONFIG_MAX_BLACKBOARDS);
        if (id == 0)
            return INVALID_CONFIG;
        *out = id;
        return NO_ERROR;
    }
    default:
        break;
    }
    struct apex_blackboard *b = by_id(a[0]);
    if (b == NULL)
        return INVALID_PARAM;
    switch (op | APEX_OP(APEX_AREA_BLACKBOARD, 0)) {
    case APEX_OP_DISPLAY_BLACKBOARD: {
        const void *msg = (const void *)(uintptr_t)a[1];
        MESSAGE_SIZE_TYPE len = (MESSAGE_SIZE_TYPE)a[2];
        if (len > (MESSAGE_SIZE_TYPE)b->max_size)
            return INVALID_CONFIG;
        if (len <= 0 || !apex_user_ok(msg, (size_t)len))
            return INVALID_PARAM;
        os_critical_enter();
        memcpy(b->msg, msg, (size_t)len);
        b->len = (uint32_t)len;
        b->occupied = 1u;
        for (struct apex_proc *r; (r = b->wq.head) != NULL;) {
            memcpy(r->wq_data, b->msg, b->len);
            *(MESSAGE_SIZE_TYPE *)r->wq_aux = len;
            (void)apex_wake_first(&b->wq, NO_ERROR);
        }
        os_critical_exit();
        return NO_ERROR;
    }
    case APEX_OP_READ_BLACKBOARD: {
        SYSTEM_TIME_TYPE t = apex_time_arg(a[1], a[2]);
        void *msg = (void *)(uintptr_t)a[3];
        MESSAGE_SIZE_TYPE *lenp = (MESSAGE_SIZE_TYPE *)(uintptr_t)a[4];
        if (!apex_timeout_ok(t) || !apex_user_ok(msg, b->max_size) ||
            !apex_user_ok(lenp, sizeof *lenp))
            return INVALID_PARAM;
        os_critical_enter();
        RETURN_CODE_TYPE rc = NO_ERROR;
        if (b->occupied) {
            memcpy(msg, b->msg, b->len);
            *lenp = (MESSAGE_SIZE_TYPE)b->len;
        } else if (t == 0) {
            *lenp = 0;
            rc = NOT_AVAILABLE;
        } else if ((rc = apex_may_wait(t)) == NO_ERROR) {
            struct apex_proc *self = apex_self();
            self->wq_data = msg;
            self->wq_aux = lenp;
            rc = apex_wait_on(&b->wq, t);
            if (rc != NO_ERROR)
                *lenp = 0;
        }
        os_critical_exit();
        return rc;
    }
    case APEX_OP_CLEAR_BLACKBOARD:
        b->occupied = 0u;
        return NO_ERROR;
    case APEX_OP_GET_BLACKBOARD_STATUS: {
        BLACKBOARD_STATUS_TYPE *out = (BLACKBOARD_STATUS_TYPE *)(uintptr_t)a[1];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        os_critical_enter();
        BLACKBOARD_STATUS_TYPE st;
        memset(&st, 0, sizeof st); /* padding too: no guest-kernel bytes out */
        st.EMPTY_INDICATOR = b->occupied ? OCCUPIED : EMPTY;
        st.MAX_MESSAGE_SIZE = (MESSAGE_SIZE_TYPE)b->max_size;
        st.WAITING_PROCESSES = b->wq.count;
        os_critical_exit();
        *out = st;
        return NO_ERROR;
    }
    default:
        return INVALID_PARAM;
    }
}
