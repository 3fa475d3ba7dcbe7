/*
 * hm.c - APEX health-monitoring services (docs/arinc653.md, "Health
 * monitor"): the error handler process over the para-virtual port's
 * (rtos/port/pv/pv_hm.h), GET_ERROR_STATUS, RAISE_APPLICATION_ERROR and
 * REPORT_APPLICATION_MESSAGE.
 *
 * The error handler is a tick-core task of the top priority whose code is
 * the APEX's own loop in the user range (apex/src/user/hm_stubs.c): it
 * waits for the next process-level error (the kernel's PK_EV_HM), then runs
 * the application's ENTRY_POINT; when that returns (or calls STOP_SELF,
 * NO_ACTION for the handler) it waits for the next error. While it runs,
 * a further error is the partition's (the kernel's partition-level action).
 */
#include <string.h>

#include "apex_internal.h"
#include "pv_hm.h"
#include "pv_svc.h"

static OS_KOBJ struct os_task eh_task;
static uint32_t eh_entry;  /* the application's ENTRY_POINT */
static bool eh_created;
/* The message of the last RAISE_APPLICATION_ERROR. */
static APEX_BYTE app_msg[MAX_ERROR_MESSAGE_SIZE];
static ERROR_MESSAGE_SIZE_TYPE app_len;

/* The kernel's error numbers as ARINC error codes. */
static ERROR_CODE_TYPE code_of(uint32_t error)
{
    switch (error) {
    case PK_HM_ERR_DEADLINE_MISSED:
        return DEADLINE_MISSED;
    case PK_HM_ERR_APPLICATION:
    case PK_HM_ERR_GUEST:
    case PK_HM_ERR_CONFIG:
        return APPLICATION_ERROR;
    case PK_HM_ERR_NUMERIC:
        return NUMERIC_ERROR;
    case PK_HM_ERR_STACK_OVERFLOW:
        return STACK_OVERFLOW;
    case PK_HM_ERR_DATA_ABORT:
    case PK_HM_ERR_PREFETCH_ABORT:
    case PK_HM_ERR_BAD_POINTER:
        return MEMORY_VIOLATION;
    case PK_HM_ERR_UNDEFINED:
    case PK_HM_ERR_BAD_SVC:
    case PK_HM_ERR_ILLEGAL_REQUEST:
        return ILLEGAL_REQUEST;
    default:
        return HARDWARE_FAULT;
    }
}

/* The APEX id of the process whose task is t, or 0. */
static PROCESS_ID_TYPE id_of_task(const struct os_task *t)
{
    uintptr_t a = (uintptr_t)t, lo = (uintptr_t)&apex_procs[0];
    if (t == NULL || a < lo || a >= (uintptr_t)&apex_procs[APEX_CONFIG_MAX_PROCESSES])
        return 0;
    const struct apex_proc *p = &apex_procs[(a - lo) / sizeof apex_procs[0]];
    return &p->task == t && p->used ? apex_proc_id(p) : 0;
}

static RETURN_CODE_TYPE create_handler(const uint32_t a[7])
{
    uint32_t entry = a[0], size = a[1], stack = a[2], stack_bytes = a[3],
             body = a[4];
    if (eh_created)
        return NO_ACTION;
    if (apex_normal)
        return INVALID_MODE;
    if (entry == 0u || (entry & 3u) != 0u || !apex_in_user(entry, 4u) ||
        (body & 3u) != 0u || !apex_in_user(body, 4u) ||
        !apex_in_user(stack, stack_bytes) || (stack & 7u) != 0u)
        return INVALID_PARAM;
    if (size > stack_bytes)
        return INVALID_CONFIG;
    apex_init();
    if (os_task_create(&eh_task, "error-handler", (void (*)(void *))(uintptr_t)body,
                       NULL, OS_CONFIG_MAX_PRIORITIES - 1u,
                       (port_stack_t *)(uintptr_t)stack,
                       stack_bytes / sizeof(port_stack_t)) != OS_OK ||
        pv_hm_set_handler(&eh_task) != OS_OK)
        return INVALID_CONFIG;
    eh_entry = entry;
    eh_created = true;
    return NO_ERROR;
}

static RETURN_CODE_TYPE error_status(const uint32_t a[7])
{
    ERROR_STATUS_TYPE *out = (ERROR_STATUS_TYPE *)(uintptr_t)a[0];
    if (!apex_user_ok(out, sizeof *out))
        return INVALID_PARAM;
    if (!eh_created || !os_running() || os_current != &eh_task)
        return INVALID_CONFIG; /* the caller is not the error handler */
    struct pv_hm_error e;
    if (!pv_hm_take_gk(&e))
        return NO_ACTION;
    out->ERROR_CODE = code_of(e.error);
    out->FAILED_ADDRESS = (SYSTEM_ADDRESS_TYPE)(uintptr_t)e.pc;
    out->FAILED_PROCESS_ID = e.error == PK_HM_ERR_DEADLINE_MISSED
                                 ? (PROCESS_ID_TYPE)e.addr /* the monitor says */
                                 : id_of_task(e.failed);
    out->LENGTH = 0;
    if (e.error == PK_HM_ERR_APPLICATION) {
        out->LENGTH = app_len;
        memcpy(out->MESSAGE, app_msg, (size_t)app_len);
    }
    return NO_ERROR;
}

RETURN_CODE_TYPE apex_area_hm(uint32_t op, const uint32_t a[7])
{
    switch (op | APEX_OP(APEX_AREA_HM, 0)) {
    case APEX_OP_REPORT_APPLICATION_MESSAGE: {
        const void *msg = (const void *)(uintptr_t)a[0];
        MESSAGE_SIZE_TYPE len = (MESSAGE_SIZE_TYPE)a[1];
        if (len < 0 || len > MAX_ERROR_MESSAGE_SIZE || !apex_user_ok(msg, (size_t)len))
            return INVALID_PARAM;
        static const char prefix[] = "application message: ";
        (void)pv_console_write(prefix, sizeof prefix - 1u);
        (void)pv_console_write(msg, (uint32_t)len);
        (void)pv_console_write("\n", 1u);
        return NO_ERROR;
    }
    case APEX_OP_CREATE_ERROR_HANDLER:
        return create_handler(a);
    case APEX_OP_GET_ERROR_STATUS:
        return error_status(a);
    case APEX_OP_RAISE_APPLICATION_ERROR: {
        const void *msg = (const void *)(uintptr_t)a[1];
        ERROR_MESSAGE_SIZE_TYPE len = (ERROR_MESSAGE_SIZE_TYPE)a[2];
        if (a[0] != (uint32_t)APPLICATION_ERROR || len < 0 ||
            len > MAX_ERROR_MESSAGE_SIZE || !apex_user_ok(msg, (size_t)len))
            return INVALID_PARAM;
        memcpy(app_msg, msg, (size_t)len);
        app_len = len;
        return NO_ERROR; /* the stub reports it, from the process */
    }
    case APEX_OP_ERROR_HANDLER_WAIT: {
        uint32_t *out = (uint32_t *)(uintptr_t)a[0];
        if (!apex_user_ok(out, sizeof *out))
            return INVALID_PARAM;
        if (!eh_created || !os_running() || os_current != &eh_task)
            return INVALID_CONFIG;
        if (pv_hm_wait_gk(NULL) != OS_OK)
            return INVALID_CONFIG;
        *out = eh_entry;
        return NO_ERROR;
    }
    default:
        return INVALID_PARAM;
    }
}
