/* semaphore.c - APEX counting semaphores (docs/arinc653.md). */
#include <string.h>

#include "apex_internal.h"

struct apex_semaphore {
    char name[MAX_NAME_LENGTH];
    uint8_t used;
    SEMAPHORE_VALUE_TYPE value, max;
    struct apex_waitq wq;
};
static struct apex_semaphore sems[APEX_CONFIG_MAX_SEMAPHORES];

static struct apex_semaphore *by_id(uint32_t id)
{
    if (id < 1u || id > APEX_CONFIG_MAX_SEMAPHORES || !sems[id - 1u].used)
        return NULL;
    return &sems[id - 1u];
}

RETURN_CODE_TYPE apex_area_semaphore(uint32_t op, const uint32_t a[7])
{
    switch (op | APEX_OP(APEX_AREA_SEMAPHORE, 0)) {
    case APEX_OP_CREATE_SEMAPHORE: {
        char name[MAX_NAME_LENGTH];
        SEMAPHORE_VALUE_TYPE cur = (SEMAPHORE_VALUE_TYPE)a[1], max = (SEMAPHORE_VALUE_TYPE)a[2];
        uint32_t disc = a[3];
        SEMAPHORE_ID_TYPE *out = (SEMAPHORE_ID_TYPE *)(uintptr_t)a[4];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        unsigned slot;
        RETURN_CODE_TYPE rc = apex_create_slot(name, sems[0].name, &sems[0].used, sizeof sems[0],
                                               APEX_CONFIG_MAX_SEMAPHORES, &slot);
        if (rc != NO_ERROR)
            return rc;
        if (cur < 0 || cur > MAX_SEMAPHORE_VALUE || max < 1 || max > MAX_SEMAPHORE_VALUE ||
            cur > max || (disc != FIFO && disc != PRIORITY) || name[0] == '\0')
            return INVALID_PARAM;
        if (apex_normal)
            return INVALID_MODE;
        struct apex_semaphore *s = &sems[slot];
        for (unsigned i = 0; i < MAX_NAME_LENGTH; i++)
            s->name[i] = name[i];
        s->value = cur;
        s->max = max;
        s->wq.head = NULL;
        s->wq.count = 0u;
        s->wq.discipline = (uint8_t)disc;
        s->used = 1u;
        *out = (SEMAPHORE_ID_TYPE)slot + 1;
        return NO_ERROR;
    }
    case APEX_OP_GET_SEMAPHORE_ID: {
        char name[MAX_NAME_LENGTH];
        SEMAPHORE_ID_TYPE *out = (SEMAPHORE_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        APEX_INTEGER id = apex_find_name(name, sems[0].name, &sems[0].used, sizeof sems[0],
                                         APEX_CONFIG_MAX_SEMAPHORES);
        if (id == 0)
            return INVALID_CONFIG;
        *out = id;
        return NO_ERROR;
    }
    default:
        break;
    }
    struct apex_semaphore *s = by_id(a[0]);
    if (s == NULL)
        return INVALID_PARAM;
    switch (op | APEX_OP(APEX_AREA_SEMAPHORE, 0)) {
    case APEX_OP_WAIT_SEMAPHORE: {
        SYSTEM_TIME_TYPE t = apex_time_arg(a[1], a[2]);
        if (!apex_timeout_ok(t))
            return INVALID_PARAM;
        os_critical_enter();
        RETURN_CODE_TYPE rc;
        if (s->value > 0) {
            s->value--;
            rc = NO_ERROR;
        } else if (t == 0) {
            rc = NOT_AVAILABLE;
        } else if ((rc = apex_may_wait(t)) == NO_ERROR) {
            rc = apex_wait_on(&s->wq, t);
        }
        os_critical_exit();
        return rc;
    }
    case APEX_OP_SIGNAL_SEMAPHORE: {
        os_critical_enter();
        RETURN_CODE_TYPE rc = NO_ERROR;
        if (apex_wake_first(&s->wq, NO_ERROR) != NULL)
            ; /* the unit goes to the first waiter */
        else if (s->value == s->max)
            rc = NO_ACTION;
        else
            s->value++;
        os_critical_exit();
        return rc;
    }
    case APEX_OP_GET_SEMAPHORE_STATUS: {
        SEMAPHORE_STATUS_TYPE *out = (SEMAPHORE_STATUS_TYPE *)(uintptr_t)a[1];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        os_critical_enter();
        SEMAPHORE_STATUS_TYPE st;
        memset(&st, 0, sizeof st); /* padding too: no guest-kernel bytes out */
        st.CURRENT_VALUE = s->value;
        st.MAXIMUM_VALUE = s->max;
        st.WAITING_PROCESSES = s->wq.count;
        os_critical_exit();
        *out = st;
        return NO_ERROR;
    }
    default:
        return INVALID_PARAM;
    }
}
