/*
 * apex-event: CREATE_EVENT, SET_EVENT, RESET_EVENT, WAIT_EVENT,
 * GET_EVENT_ID, GET_EVENT_STATUS, each return code, timeouts in virtual
 * time; SET_EVENT releases every waiter (docs/arinc653.md).
 */
#include <stdint.h>
#include <string.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL
#define US 1000LL

static PROCESS_ID_TYPE driver, w[3];
static EVENT_ID_TYPE ev;
static volatile unsigned released;

static void waiter_main(void)
{
    RETURN_CODE_TYPE rc;
    WAIT_EVENT(ev, INFINITE_TIME_VALUE, &rc);
    if (rc == NO_ERROR)
        released++;
}

static void driver_main(void)
{
    RETURN_CODE_TYPE rc;
    EVENT_ID_TYPE id;
    EVENT_STATUS_TYPE st;
    NAME_TYPE name;

    set_name(name, "late");
    CREATE_EVENT(name, &id, &rc);
    RC("CREATE_EVENT in NORMAL", rc, INVALID_MODE);
    set_name(name, "ev");
    GET_EVENT_ID(name, &id, &rc);
    RC("GET_EVENT_ID", rc, NO_ERROR);
    CHECK("GET_EVENT_ID id", id == ev, "id=%ld", (long)id);
    set_name(name, "none");
    GET_EVENT_ID(name, &id, &rc);
    RC("GET_EVENT_ID unknown", rc, INVALID_CONFIG);
    GET_EVENT_STATUS(5, &st, &rc);
    RC("GET_EVENT_STATUS bad id", rc, INVALID_PARAM);
    GET_EVENT_STATUS(ev, &st, &rc);
    CHECK("created DOWN", rc == NO_ERROR && st.EVENT_STATE == DOWN && st.WAITING_PROCESSES == 0,
          "state=%d", st.EVENT_STATE);
    {
        EVENT_STATUS_TYPE s0, s1;
        memset(&s0, 0x00, sizeof s0);
        memset(&s1, 0xA5, sizeof s1);
        GET_EVENT_STATUS(ev, &s0, &rc);
        GET_EVENT_STATUS(ev, &s1, &rc);
        CHECK("every byte of the status is written (padding: no guest-kernel bytes)",
              memcmp(&s0, &s1, sizeof s0) == 0, "size=%u", (unsigned)sizeof s0);
    }

    WAIT_EVENT(ev, 0, &rc);
    RC("WAIT_EVENT down, timeout 0", rc, NOT_AVAILABLE);
    SYSTEM_TIME_TYPE t0 = now_ns();
    WAIT_EVENT(ev, 2 * MS, &rc);
    SYSTEM_TIME_TYPE dt = now_ns() - t0;
    RC("WAIT_EVENT down, timeout 2 ms", rc, TIMED_OUT);
    CHECK("timed out after 2 ms", dt >= 2 * MS && dt < 3 * MS + 100 * US, "waited=%ld us",
          (long)(dt / US));
    WAIT_EVENT(ev, -9, &rc);
    RC("WAIT_EVENT bad timeout", rc, INVALID_PARAM);
    WAIT_EVENT(0, 0, &rc);
    RC("WAIT_EVENT bad id", rc, INVALID_PARAM);
    LOCK_LEVEL_TYPE lvl;
    LOCK_PREEMPTION(&lvl, &rc);
    WAIT_EVENT(ev, 1 * MS, &rc);
    RC("WAIT_EVENT waiting with preemption locked", rc, INVALID_MODE);
    UNLOCK_PREEMPTION(&lvl, &rc);

    for (int i = 0; i < 3; i++)
        START(w[i], &rc);
    GET_EVENT_STATUS(ev, &st, &rc);
    CHECK("three processes wait", st.WAITING_PROCESSES == 3, "waiting=%ld",
          (long)st.WAITING_PROCESSES);
    SET_EVENT(ev, &rc);
    RC("SET_EVENT", rc, NO_ERROR);
    CHECK("SET_EVENT released every waiter", released == 3, "released=%u", released);
    GET_EVENT_STATUS(ev, &st, &rc);
    CHECK("UP, nobody waits", st.EVENT_STATE == UP && st.WAITING_PROCESSES == 0, "state=%d",
          st.EVENT_STATE);
    WAIT_EVENT(ev, INFINITE_TIME_VALUE, &rc);
    RC("WAIT_EVENT up", rc, NO_ERROR);
    SET_EVENT(ev, &rc);
    RC("SET_EVENT already up", rc, NO_ERROR);
    RESET_EVENT(ev, &rc);
    RC("RESET_EVENT", rc, NO_ERROR);
    GET_EVENT_STATUS(ev, &st, &rc);
    CHECK("DOWN after RESET_EVENT", st.EVENT_STATE == DOWN, "state=%d", st.EVENT_STATE);
    WAIT_EVENT(ev, 0, &rc);
    RC("WAIT_EVENT after RESET_EVENT", rc, NOT_AVAILABLE);
    SET_EVENT(-1, &rc);
    RC("SET_EVENT bad id", rc, INVALID_PARAM);
    RESET_EVENT(42, &rc);
    RC("RESET_EVENT bad id", rc, INVALID_PARAM);
    apex_test_end("apex-event");
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    EVENT_ID_TYPE id;
    NAME_TYPE name;
    printf("apex-event: initialisation\n");
    set_name(name, "ev");
    CREATE_EVENT(name, &ev, &rc);
    RC("CREATE_EVENT", rc, NO_ERROR);
    CREATE_EVENT(name, &id, &rc);
    RC("CREATE_EVENT same name", rc, NO_ACTION);
    CREATE_EVENT(name, (EVENT_ID_TYPE *)(uintptr_t)0xFFFFFFFCu, &rc);
    RC("CREATE_EVENT id outside the partition", rc, INVALID_PARAM);
    WAIT_EVENT(ev, 1 * MS, &rc);
    RC("WAIT_EVENT waiting in initialisation", rc, INVALID_MODE);
    driver = make_process("driver", driver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[0] = make_process("w0", waiter_main, 11, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[1] = make_process("w1", waiter_main, 13, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[2] = make_process("w2", waiter_main, 12, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    START(driver, &rc);
    apex_partition_enter_normal();
}
