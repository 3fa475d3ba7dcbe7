/*
 * apex-blackboard: CREATE_BLACKBOARD, DISPLAY_BLACKBOARD, READ_BLACKBOARD,
 * CLEAR_BLACKBOARD, GET_BLACKBOARD_ID, GET_BLACKBOARD_STATUS, each return
 * code, timeouts in virtual time; a display releases every waiting reader
 * with the message (docs/arinc653.md).
 */
#include <stdint.h>
#include <string.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL
#define US 1000LL

static PROCESS_ID_TYPE driver, w[3];
static BLACKBOARD_ID_TYPE bb;
static volatile unsigned got;

static void reader_main(void)
{
    RETURN_CODE_TYPE rc;
    char m[16];
    MESSAGE_SIZE_TYPE len;
    READ_BLACKBOARD(bb, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    if (rc == NO_ERROR && len == 5 && memcmp(m, "hello", 5) == 0)
        got++;
}

static void driver_main(void)
{
    RETURN_CODE_TYPE rc;
    BLACKBOARD_ID_TYPE id;
    BLACKBOARD_STATUS_TYPE st;
    NAME_TYPE name;
    char m[32];
    MESSAGE_SIZE_TYPE len = -1;

    set_name(name, "late");
    CREATE_BLACKBOARD(name, 8, &id, &rc);
    RC("CREATE_BLACKBOARD in NORMAL", rc, INVALID_MODE);
    set_name(name, "bb");
    GET_BLACKBOARD_ID(name, &id, &rc);
    RC("GET_BLACKBOARD_ID", rc, NO_ERROR);
    CHECK("GET_BLACKBOARD_ID id", id == bb, "id=%ld", (long)id);
    set_name(name, "none");
    GET_BLACKBOARD_ID(name, &id, &rc);
    RC("GET_BLACKBOARD_ID unknown", rc, INVALID_CONFIG);
    GET_BLACKBOARD_STATUS(3, &st, &rc);
    RC("GET_BLACKBOARD_STATUS bad id", rc, INVALID_PARAM);
    GET_BLACKBOARD_STATUS(bb, &st, &rc);
    CHECK("created EMPTY", rc == NO_ERROR && st.EMPTY_INDICATOR == EMPTY &&
          st.MAX_MESSAGE_SIZE == 16, "empty=%d size=%ld", st.EMPTY_INDICATOR,
          (long)st.MAX_MESSAGE_SIZE);

    {
        BLACKBOARD_STATUS_TYPE s0, s1;
        memset(&s0, 0x00, sizeof s0);
        memset(&s1, 0xA5, sizeof s1);
        GET_BLACKBOARD_STATUS(bb, &s0, &rc);
        GET_BLACKBOARD_STATUS(bb, &s1, &rc);
        CHECK("every byte of the status is written (padding: no guest-kernel bytes)",
              memcmp(&s0, &s1, sizeof s0) == 0, "size=%u", (unsigned)sizeof s0);
    }
    READ_BLACKBOARD(bb, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    RC("READ_BLACKBOARD empty, timeout 0", rc, NOT_AVAILABLE);
    CHECK("empty read: length 0", len == 0, "len=%ld", (long)len);
    SYSTEM_TIME_TYPE t0 = now_ns();
    READ_BLACKBOARD(bb, 3 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    SYSTEM_TIME_TYPE dt = now_ns() - t0;
    RC("READ_BLACKBOARD empty, timeout 3 ms", rc, TIMED_OUT);
    CHECK("timed out after 3 ms", dt >= 3 * MS && dt < 4 * MS + 100 * US, "waited=%ld us",
          (long)(dt / US));

    for (int i = 0; i < 3; i++)
        START(w[i], &rc);
    GET_BLACKBOARD_STATUS(bb, &st, &rc);
    CHECK("three readers wait", st.WAITING_PROCESSES == 3, "waiting=%ld",
          (long)st.WAITING_PROCESSES);
    DISPLAY_BLACKBOARD(bb, (MESSAGE_ADDR_TYPE) "hello", 5, &rc);
    RC("DISPLAY_BLACKBOARD", rc, NO_ERROR);
    CHECK("every waiting reader got the message", got == 3, "got=%u", got);
    GET_BLACKBOARD_STATUS(bb, &st, &rc);
    CHECK("OCCUPIED, nobody waits", st.EMPTY_INDICATOR == OCCUPIED && st.WAITING_PROCESSES == 0,
          "empty=%d", st.EMPTY_INDICATOR);
    memset(m, 0, sizeof m);
    READ_BLACKBOARD(bb, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    RC("READ_BLACKBOARD occupied", rc, NO_ERROR);
    READ_BLACKBOARD(bb, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    CHECK("a read does not consume", rc == NO_ERROR && len == 5 && memcmp(m, "hello", 5) == 0,
          "len=%ld", (long)len);
    DISPLAY_BLACKBOARD(bb, (MESSAGE_ADDR_TYPE) "hi", 2, &rc);
    READ_BLACKBOARD(bb, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    CHECK("DISPLAY overwrites", rc == NO_ERROR && len == 2 && memcmp(m, "hi", 2) == 0,
          "len=%ld", (long)len);
    CLEAR_BLACKBOARD(bb, &rc);
    RC("CLEAR_BLACKBOARD", rc, NO_ERROR);
    READ_BLACKBOARD(bb, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    RC("READ_BLACKBOARD after CLEAR", rc, NOT_AVAILABLE);
    CLEAR_BLACKBOARD(9, &rc);
    RC("CLEAR_BLACKBOARD bad id", rc, INVALID_PARAM);

    DISPLAY_BLACKBOARD(bb, (MESSAGE_ADDR_TYPE)m, 17, &rc);
    RC("DISPLAY_BLACKBOARD longer than the maximum", rc, INVALID_CONFIG);
    DISPLAY_BLACKBOARD(bb, (MESSAGE_ADDR_TYPE)m, 0, &rc);
    RC("DISPLAY_BLACKBOARD length 0", rc, INVALID_PARAM);
    DISPLAY_BLACKBOARD(0, (MESSAGE_ADDR_TYPE)m, 4, &rc);
    RC("DISPLAY_BLACKBOARD bad id", rc, INVALID_PARAM);
    DISPLAY_BLACKBOARD(bb, (MESSAGE_ADDR_TYPE)(uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE, 4, &rc);
    RC("DISPLAY_BLACKBOARD message in the guest kernel", rc, INVALID_PARAM);
    READ_BLACKBOARD(bb, 0, (MESSAGE_ADDR_TYPE)(uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE, &len, &rc);
    RC("READ_BLACKBOARD into the guest kernel", rc, INVALID_PARAM);
    READ_BLACKBOARD(bb, -5, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    RC("READ_BLACKBOARD bad timeout", rc, INVALID_PARAM);
    LOCK_LEVEL_TYPE lvl;
    LOCK_PREEMPTION(&lvl, &rc);
    READ_BLACKBOARD(bb, 1 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    RC("READ_BLACKBOARD waiting with preemption locked", rc, INVALID_MODE);
    UNLOCK_PREEMPTION(&lvl, &rc);
    apex_test_end("apex-blackboard");
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    BLACKBOARD_ID_TYPE id;
    NAME_TYPE name;
    printf("apex-blackboard: initialisation\n");
    set_name(name, "bb");
    CREATE_BLACKBOARD(name, 16, &bb, &rc);
    RC("CREATE_BLACKBOARD", rc, NO_ERROR);
    CREATE_BLACKBOARD(name, 16, &id, &rc);
    RC("CREATE_BLACKBOARD same name", rc, NO_ACTION);
    set_name(name, "bad");
    CREATE_BLACKBOARD(name, 0, &id, &rc);
    RC("CREATE_BLACKBOARD size 0", rc, INVALID_PARAM);
    CREATE_BLACKBOARD(name, SYSTEM_LIMIT_MESSAGE_SIZE + 1, &id, &rc);
    RC("CREATE_BLACKBOARD size above the limit", rc, INVALID_PARAM);
    char m[4];
    MESSAGE_SIZE_TYPE len;
    READ_BLACKBOARD(bb, 1 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    RC("READ_BLACKBOARD waiting in initialisation", rc, INVALID_MODE);
    driver = make_process("driver", driver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[0] = make_process("r0", reader_main, 11, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[1] = make_process("r1", reader_main, 13, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[2] = make_process("r2", reader_main, 12, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    START(driver, &rc);
    apex_partition_enter_normal();
}
