/*
 * apex-hm: the APEX partition and health-monitoring services. Start 1
 * (cold): the initialisation-time rules, then NORMAL; the process raises
 * an application error (the error handler gets it with its message and
 * the failed process, GET_ERROR_STATUS once), then makes a memory
 * violation (the handler gets it, the process is not run again); the
 * handler then asks for a warm start. Start 2 (warm): the user-range
 * data kept, WARM_START, PARTITION_RESTART; the verdict.
 */
#include <string.h>

#include "os.h"

#include "../../../apex-common/apex_test.h"

#define KERNEL_RAM (PK_LAYOUT_KERNEL_BASE + 0x4000u)

static APEX_PERSISTENT uint32_t starts;  /* kept by the warm start */
static APEX_PERSISTENT uint32_t handled; /* errors the handler saw (kept) */
static uint32_t after_violation;  /* set if the failed process ran on */
static PROCESS_ID_TYPE worker_id;

static void handler(void)
{
    ERROR_STATUS_TYPE st;
    RETURN_CODE_TYPE rc;
    GET_ERROR_STATUS(&st, &rc);
    RC("GET_ERROR_STATUS in the handler", rc, NO_ERROR);
    handled++;
    if (handled == 1u) {
        CHECK("first error: APPLICATION_ERROR", st.ERROR_CODE == APPLICATION_ERROR,
              "%d", (int)st.ERROR_CODE);
        CHECK("its message", st.LENGTH == 4 && memcmp(st.MESSAGE, "boom", 4) == 0,
              "length %ld", (long)st.LENGTH);
        CHECK("its failed process", st.FAILED_PROCESS_ID == worker_id, "%ld",
              (long)st.FAILED_PROCESS_ID);
    } else {
        CHECK("second error: MEMORY_VIOLATION", st.ERROR_CODE == MEMORY_VIOLATION, "%d",
              (int)st.ERROR_CODE);
        CHECK("its failed process", st.FAILED_PROCESS_ID == worker_id, "%ld",
              (long)st.FAILED_PROCESS_ID);
        CHECK("its address is the faulting pc", st.FAILED_ADDRESS != NULL, "%p",
              st.FAILED_ADDRESS);
    }
    GET_ERROR_STATUS(&st, &rc);
    RC("GET_ERROR_STATUS with no error left", rc, NO_ACTION);
    if (handled == 2u) {
        /* Sleep (the handler is no APEX process: the tick core's delay), so
         * that the failed process would run here if it were not parked. */
        os_delay(5u);
        CHECK("the failed process did not run on", after_violation == 0u, "%lu",
              (unsigned long)after_violation);
        printf("handler: warm start\n");
        SET_PARTITION_MODE(WARM_START, &rc);
        printf("FAIL SET_PARTITION_MODE(WARM_START) returned %d\n", (int)rc);
        pv_test_exit(1);
    }
    STOP_SELF();
}

static void worker(void)
{
    RETURN_CODE_TYPE rc;
    PARTITION_STATUS_TYPE ps;
    GET_PARTITION_STATUS(&ps, &rc);
    RC("GET_PARTITION_STATUS in NORMAL", rc, NO_ERROR);
    CHECK("mode NORMAL", ps.OPERATING_MODE == NORMAL, "%d", (int)ps.OPERATING_MODE);
    SET_PARTITION_MODE(NORMAL, &rc);
    RC("SET_PARTITION_MODE(NORMAL) in NORMAL", rc, NO_ACTION);
    CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)handler, 2048, &rc);
    RC("CREATE_ERROR_HANDLER in NORMAL", rc, NO_ACTION);
    ERROR_STATUS_TYPE st;
    GET_ERROR_STATUS(&st, &rc);
    RC("GET_ERROR_STATUS outside the handler", rc, INVALID_CONFIG);
    RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE) "boom", 4, &rc);
    RC("RAISE_APPLICATION_ERROR", rc, NO_ERROR);
    CHECK("the handler ran at once", handled == 1u, "%lu", (unsigned long)handled);
    *(volatile uint32_t *)KERNEL_RAM = 1u;
    after_violation = 1u;
    printf("FAIL the process ran on after its memory violation\n");
    pv_test_exit(1);
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    PARTITION_STATUS_TYPE ps;
    /* Which start this is: the kernel's restart count (a cold start
     * zeroes the partition's own data). */
    struct pk_mode_status ms;
    (void)pv_mode_status(PK_SELF, &ms);
    starts++;
    GET_PARTITION_STATUS(&ps, &rc);
    RC("GET_PARTITION_STATUS", rc, NO_ERROR);
    if (ms.restarts == 1u) {
        CHECK("warm start: data kept", starts == 2u, "%lu", (unsigned long)starts);
        CHECK("warm start: mode WARM_START", ps.OPERATING_MODE == WARM_START, "%d",
              (int)ps.OPERATING_MODE);
        CHECK("warm start: PARTITION_RESTART", ps.START_CONDITION == PARTITION_RESTART,
              "%d", (int)ps.START_CONDITION);
        CHECK("warm start: the handler's count kept", handled == 2u, "%lu",
              (unsigned long)handled);
        SET_PARTITION_MODE(COLD_START, &rc);
        printf("FAIL cold start returned %d\n", (int)rc);
        pv_test_exit(1);
    }
    if (ms.restarts == 2u) {
        CHECK("cold start: data reloaded", handled == 0u && starts == 1u, "%lu",
              (unsigned long)handled);
        CHECK("cold start: mode COLD_START", ps.OPERATING_MODE == COLD_START, "%d",
              (int)ps.OPERATING_MODE);
        printf("RESULT apex-hm %s\n", apex_t_failed == 0u ? "PASS" : "FAIL");
        pv_test_exit(apex_t_failed == 0u ? 0 : 1);
    }
    CHECK("first start: data zero", starts == 1u && handled == 0u, "%lu",
          (unsigned long)starts);
    CHECK("mode COLD_START", ps.OPERATING_MODE == COLD_START, "%d", (int)ps.OPERATING_MODE);
    CHECK("NORMAL_START", ps.START_CONDITION == NORMAL_START, "%d",
          (int)ps.START_CONDITION);
    SET_PARTITION_MODE((OPERATING_MODE_TYPE)7, &rc);
    RC("SET_PARTITION_MODE(7)", rc, INVALID_PARAM);
    SET_PARTITION_MODE(WARM_START, &rc);
    RC("SET_PARTITION_MODE(WARM_START) in COLD_START", rc, INVALID_MODE);
    SET_PARTITION_MODE(COLD_START, &rc);
    RC("SET_PARTITION_MODE(COLD_START) in COLD_START", rc, NO_ACTION);
    ERROR_STATUS_TYPE st;
    GET_ERROR_STATUS(&st, &rc);
    RC("GET_ERROR_STATUS before a handler", rc, INVALID_CONFIG);
    CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)handler, 1u << 20, &rc);
    RC("CREATE_ERROR_HANDLER stack too large", rc, INVALID_CONFIG);
    CREATE_ERROR_HANDLER(NULL, 2048, &rc);
    RC("CREATE_ERROR_HANDLER NULL entry", rc, INVALID_PARAM);
    CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)handler, 2048, &rc);
    RC("CREATE_ERROR_HANDLER", rc, NO_ERROR);
    CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)handler, 2048, &rc);
    RC("CREATE_ERROR_HANDLER twice", rc, NO_ACTION);
    RAISE_APPLICATION_ERROR(DEADLINE_MISSED, (MESSAGE_ADDR_TYPE) "x", 1, &rc);
    RC("RAISE_APPLICATION_ERROR(DEADLINE_MISSED)", rc, INVALID_PARAM);
    RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE) "x",
                            MAX_ERROR_MESSAGE_SIZE + 1, &rc);
    RC("RAISE_APPLICATION_ERROR length 129", rc, INVALID_PARAM);
    RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)(uintptr_t)0x1000u, 4,
                            &rc);
    RC("RAISE_APPLICATION_ERROR message in kernel memory", rc, INVALID_PARAM);
    REPORT_APPLICATION_MESSAGE((MESSAGE_ADDR_TYPE) "hello", 5, &rc);
    RC("REPORT_APPLICATION_MESSAGE", rc, NO_ERROR);
    REPORT_APPLICATION_MESSAGE((MESSAGE_ADDR_TYPE) "hello", -1, &rc);
    RC("REPORT_APPLICATION_MESSAGE length -1", rc, INVALID_PARAM);
    PROCESS_ATTRIBUTE_TYPE at;
    memset(&at, 0, sizeof at);
    strcpy(at.NAME, "worker");
    at.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)worker;
    at.STACK_SIZE = 2048;
    at.BASE_PRIORITY = 5;
    at.PERIOD = INFINITE_TIME_VALUE;
    at.TIME_CAPACITY = INFINITE_TIME_VALUE;
    at.DEADLINE = SOFT;
    CREATE_PROCESS(&at, &worker_id, &rc);
    RC("CREATE_PROCESS", rc, NO_ERROR);
    START(worker_id, &rc);
    RC("START", rc, NO_ERROR);
    SET_PARTITION_MODE(NORMAL, &rc);
    printf("FAIL SET_PARTITION_MODE(NORMAL) returned %d\n", (int)rc);
    pv_test_exit(1);
    return 1;
}
