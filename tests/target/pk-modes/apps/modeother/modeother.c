/*
 * pk-modes, partition "other" (no rights, on_fault = "log"): every return
 * code of SET_MODE on itself (NO_ACTION, INVALID_PARAM, INVALID_MODE, then
 * NORMAL), and its attempts to change or read another partition's mode,
 * read the HM log, or pass a buffer outside its memory, refused with an
 * HM record each (the errors come back: log).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

static OS_KOBJ struct os_task task;
static OS_KOBJ struct pk_mode_status gk_status;
static _Alignas(8) port_stack_t stack[512];

static void check(const char *what, int32_t got, int32_t want)
{
    printf("other: %s: %ld\n", what, (long)got);
    if (got != want) {
        printf("RESULT pk-modes FAIL other %s (want %ld)\n", what,
               (long)want);
        pv_test_exit(1);
    }
}

static void run(void *arg)
{
    (void)arg;
    struct pk_mode_status st;
    check("status", pv_mode_status(PK_SELF, &st), PK_OK);
    check("mode", (int32_t)st.mode, PK_MODE_COLD_START);
    check("start condition", (int32_t)st.start_cond, PK_START_NORMAL);
    check("set COLD_START", pv_set_mode(PK_SELF, PK_MODE_COLD_START),
          PK_ENOACTION);
    check("set mode 4", pv_set_mode(PK_SELF, 4u), PK_EINVAL);
    check("set mode -1", pv_set_mode(PK_SELF, 0xFFFFFFFFu), PK_EINVAL);
    check("set WARM_START", pv_set_mode(PK_SELF, PK_MODE_WARM_START),
          PK_EMODE);
    (void)pv_mode_status(PK_SELF, &st);
    check("mode unchanged", (int32_t)st.mode, PK_MODE_COLD_START);
    check("set NORMAL", pv_set_mode(PK_SELF, PK_MODE_NORMAL), PK_OK);
    check("set NORMAL again", pv_set_mode(PK_SELF, PK_MODE_NORMAL),
          PK_ENOACTION);
    (void)pv_mode_status(PK_SELF, &st);
    check("mode", (int32_t)st.mode, PK_MODE_NORMAL);
    check("set ctl IDLE", pv_set_mode(0, PK_MODE_IDLE), PK_EPERM);
    check("set worker COLD_START", pv_set_mode(1, PK_MODE_COLD_START),
          PK_EPERM);
    check("read ctl's mode", pv_mode_status(0, &st), PK_EPERM);
    static _Alignas(8) struct pk_hm_entry e;
    check("read the HM log", pv_hm_log_read(0u, &e), PK_EPERM);
    check("status into guest-kernel memory",
          pv_mode_status(PK_SELF, &gk_status), PK_EFAULT);
    check("status into kernel memory",
          pv_svc(PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, 0x1000u, 0u),
          PK_EFAULT);
    check("status across the end of the address space",
          pv_svc(PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, 0xFFFFFFF0u, 0u),
          PK_EFAULT);
    check("status faults", (int32_t)(pv_mode_status(PK_SELF, &st) == 0 ?
                                         st.faults : 0xFFu), 7);
    printf("other: checks passed\n");
    for (;;)
        os_delay(1000u);
}

int main(void)
{
    os_init();
    os_task_create(&task, "other", run, NULL, 1, stack, 512u);
    os_start();
}
