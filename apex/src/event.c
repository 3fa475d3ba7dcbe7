/* event.c - APEX events: UP releases every waiter (docs/arinc653.md). */
#include <string.h>

#include "apex_internal.h"

struct apex_event {
    char name[MAX_NAME_LENGTH];
    uint8_t used;
    uint8_t up;
    struct apex_waitq wq;
};
static struct apex_event events[APEX_CONFIG_MAX_EVENTS];

static struct apex_event *by_id(uint32_t id)
{
    if (id < 1u || id > APEX_CONFIG_MAX_EVENTS || !events[id - 1u].used)
        return NULL;
    return &events[id - 1u];
}

RETURN_CODE_TYPE apex_area_event(uint32_t op, const uint32_t a[7])
{
    switch (op | APEX_OP(APEX_AREA_EVENT, 0)) {
    case APEX_OP_CREATE_EVENT: {
        char name[MAX_NAME_LENGTH];
        EVENT_ID_TYPE *out = (EVENT_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        unsigned slot;
        RETURN_CODE_TYPE rc = apex_create_slot(name, events[0].name, &events[0].used,
                                               sizeof events[0], APEX_CONFIG_MAX_EVENTS, &slot);
        if (rc != NO_ERROR)
            return rc;
        if (name[0] == '\0')
            return INVALID_PARAM;
        if (apex_normal)
            return INVALID_MODE;
        struct apex_event *e = &events[slot];
        for (unsigned i = 0; i < MAX_NAME_LENGTH; i++)
            e->name[i] = name[i];
        e->up = 0u;
        e->wq.head = NULL;
        e->wq.count = 0u;
        e->wq.discipline = FIFO;
        e->used = 1u;
        *out = (EVENT_ID_TYPE)slot + 1;
        return NO_ERROR;
    }
    case APEX_OP_GET_EVENT_ID: {
        char name[MAX_NAME_LENGTH];
        EVENT_ID_TYPE *out = (EVENT_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        APEX_INTEGER id = apex_find_name(name, events[0].name, &events[0].used,
                                         sizeof events[0], APEX_CONFIG_MAX_EVENTS);
        if (id == 0)
            return INVALID_CONFIG;
        *out = id;
        return NO_ERROR;
    }
    default:
        break;
    }
    struct apex_event *e = by_id(a[0]);
    if (e == NULL)
        return INVALID_PARAM;
    switch (op | APEX_OP(APEX_AREA_EVENT, 0)) {
    case APEX_OP_SET_EVENT:
        os_critical_enter();
        e->up = 1u;
        while (apex_wake_first(&e->wq, NO_ERROR) != NULL)
            ;
        os_critical_exit();
        return NO_ERROR;
    case APEX_OP_RESET_EVENT:
        e->up = 0u;
        return NO_ERROR;
    case APEX_OP_WAIT_EVENT: {
        SYSTEM_TIME_TYPE t = apex_time_arg(a[1], a[2]);
        if (!apex_timeout_ok(t))
            return INVALID_PARAM;
        os_critical_enter();
        RETURN_CODE_TYPE rc;
        if (e->up)
            rc = NO_ERROR;
        else if (t == 0)
            rc = NOT_AVAILABLE;
        else if ((rc = apex_may_wait(t)) == NO_ERROR)
            rc = apex_wait_on(&e->wq, t);
        os_critical_exit();
        return rc;
    }
    case APEX_OP_GET_EVENT_STATUS: {
        EVENT_STATUS_TYPE *out = (EVENT_STATUS_TYPE *)(uintptr_t)a[1];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        os_critical_enter();
        EVENT_STATUS_TYPE st;
        memset(&st, 0, sizeof st); /* padding too: no guest-kernel bytes out */
        st.EVENT_STATE = e->up ? UP : DOWN;
        st.WAITING_PROCESSES = e->wq.count;
        os_critical_exit();
        *out = st;
        return NO_ERROR;
    }
    default:
        return INVALID_PARAM;
    }
}
