/*
 * partition.c - APEX partition services: GET_PARTITION_STATUS,
 * SET_PARTITION_MODE (the kernel's mode machine, PK_SVC_SET_MODE; NORMAL
 * from the initialisation starts the processes), and the module schedules
 * of Part 2 (docs/arinc653.md).
 */
#include "apex_internal.h"
#include "pv_svc.h"

/* The kernel's results as ARINC return codes. */
static RETURN_CODE_TYPE rc_of(int32_t r)
{
    switch (r) {
    case PK_OK:
        return NO_ERROR;
    case PK_ENOACTION:
        return NO_ACTION;
    case PK_EMODE:
        return INVALID_MODE;
    case PK_EPERM:
        return INVALID_CONFIG;
    default:
        return INVALID_PARAM;
    }
}

RETURN_CODE_TYPE apex_area_partition(uint32_t op, const uint32_t a[7])
{
    switch (op | APEX_OP(APEX_AREA_PARTITION, 0)) {
    case APEX_OP_GET_PARTITION_STATUS: {
        PARTITION_STATUS_TYPE *out = (PARTITION_STATUS_TYPE *)(uintptr_t)a[0];
        static struct pk_mode_status st; /* guest-kernel memory */
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        if (pv_mode_status(PK_SELF, &st) != PK_OK)
            return INVALID_CONFIG;
        out->PERIOD = INFINITE_TIME_VALUE;
        out->DURATION = INFINITE_TIME_VALUE;
        out->IDENTIFIER = (PARTITION_ID_TYPE)st.index;
        out->LOCK_LEVEL = apex_lock_level;
        out->OPERATING_MODE = (OPERATING_MODE_TYPE)st.mode;
        out->START_CONDITION = (START_CONDITION_TYPE)st.start_cond;
        out->NUM_ASSIGNED_CORES = 1u;
        return NO_ERROR;
    }
    case APEX_OP_SET_PARTITION_MODE: {
        uint32_t mode = a[0];
        if (mode > (uint32_t)NORMAL)
            return INVALID_PARAM;
        if (mode == (uint32_t)NORMAL) {
            if (apex_normal)
                return NO_ACTION;
            int32_t r = pv_set_mode(PK_SELF, PK_MODE_NORMAL);
            if (r != PK_OK)
                return rc_of(r);
            apex_partition_enter_normal(); /* does not return */
        }
        /* IDLE, COLD_START, WARM_START: the kernel stops or restarts the
         * partition (no return) or answers NO_ACTION / INVALID_MODE. */
        return rc_of(pv_set_mode(PK_SELF, mode));
    }
    case APEX_OP_SET_MODULE_SCHEDULE:
        if ((int32_t)a[0] < 0)
            return INVALID_PARAM;
        return rc_of(pv_schedule_set(a[0]));
    case APEX_OP_GET_MODULE_SCHEDULE_STATUS: {
        MODULE_SCHEDULE_STATUS_TYPE *out =
            (MODULE_SCHEDULE_STATUS_TYPE *)(uintptr_t)a[0];
        static _Alignas(8) struct pk_schedule_status st;
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        if (pv_schedule_status(&st) != PK_OK)
            return INVALID_CONFIG;
        out->TIME_OF_LAST_SCHEDULE_SWITCH = (SYSTEM_TIME_TYPE)st.last_switch_ns;
        out->CURRENT_SCHEDULE = (SCHEDULE_ID_TYPE)st.current;
        out->NEXT_SCHEDULE = (SCHEDULE_ID_TYPE)st.next;
        return NO_ERROR;
    }
    case APEX_OP_GET_MODULE_SCHEDULE_ID: {
        static char name[MAX_NAME_LENGTH]; /* guest-kernel memory */
        SCHEDULE_ID_TYPE *out = (SCHEDULE_ID_TYPE *)(uintptr_t)a[1];
        if (!apex_name_copy(name, a[0]) || !apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        uint32_t len = 0;
        while (len < MAX_NAME_LENGTH && name[len] != '\0')
            len++;
        if (len == 0u)
            return INVALID_CONFIG;
        int32_t id = pv_schedule_id(name, len);
        if (id < 0)
            return id == PK_ENOENT ? INVALID_CONFIG : INVALID_PARAM;
        *out = (SCHEDULE_ID_TYPE)id;
        return NO_ERROR;
    }
    default:
        return INVALID_PARAM;
    }
}
