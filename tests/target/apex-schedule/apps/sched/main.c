/*
 * apex-schedule: GET_MODULE_SCHEDULE_ID, SET_MODULE_SCHEDULE and
 * GET_MODULE_SCHEDULE_STATUS through the APEX (docs/arinc653.md, "Module
 * schedules"), every return code. Partition 0 ("sys", schedule_control)
 * judges the run; partition 1 ("user", no right) checks that it is refused
 * and that it may read the status and look the names up. Times are virtual
 * (icount).
 */
#include <stdint.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL
#define NOMINAL_MF (20 * MS)

static PARTITION_STATUS_TYPE part;

static SCHEDULE_ID_TYPE lookup(const char *name, RETURN_CODE_TYPE *rc)
{
    SCHEDULE_NAME_TYPE n;
    SCHEDULE_ID_TYPE id = -1;
    set_name(n, name);
    GET_MODULE_SCHEDULE_ID(n, &id, rc);
    return id;
}

static MODULE_SCHEDULE_STATUS_TYPE status(void)
{
    MODULE_SCHEDULE_STATUS_TYPE st = {-1, -1, -1};
    RETURN_CODE_TYPE rc;
    GET_MODULE_SCHEDULE_STATUS(&st, &rc);
    RC("GET_MODULE_SCHEDULE_STATUS", rc, NO_ERROR);
    return st;
}

static void names(void)
{
    RETURN_CODE_TYPE rc;
    CHECK("GET_MODULE_SCHEDULE_ID nominal", lookup("nominal", &rc) == 0 && rc == NO_ERROR,
          "rc=%s", apex_rc_name(rc));
    CHECK("GET_MODULE_SCHEDULE_ID alt", lookup("alt", &rc) == 1 && rc == NO_ERROR, "rc=%s",
          apex_rc_name(rc));
    lookup("al", &rc);
    RC("GET_MODULE_SCHEDULE_ID of a prefix", rc, INVALID_CONFIG);
    lookup("alternate", &rc);
    RC("GET_MODULE_SCHEDULE_ID of a longer name", rc, INVALID_CONFIG);
    lookup("", &rc);
    RC("GET_MODULE_SCHEDULE_ID of an empty name", rc, INVALID_CONFIG);
    SCHEDULE_NAME_TYPE n;
    set_name(n, "alt");
    GET_MODULE_SCHEDULE_ID(n, (SCHEDULE_ID_TYPE *)0, &rc);
    RC("GET_MODULE_SCHEDULE_ID, no output", rc, INVALID_PARAM);
}

static void sys_main(void)
{
    RETURN_CODE_TYPE rc;
    names();
    MODULE_SCHEDULE_STATUS_TYPE st = status();
    CHECK("current and next: nominal", st.CURRENT_SCHEDULE == 0 && st.NEXT_SCHEDULE == 0,
          "current=%ld next=%ld", (long)st.CURRENT_SCHEDULE, (long)st.NEXT_SCHEDULE);
    SYSTEM_TIME_TYPE origin = st.TIME_OF_LAST_SCHEDULE_SWITCH;
    SET_MODULE_SCHEDULE(0, &rc);
    RC("SET_MODULE_SCHEDULE of the current one", rc, NO_ACTION);
    SET_MODULE_SCHEDULE(-1, &rc);
    RC("SET_MODULE_SCHEDULE(-1)", rc, INVALID_PARAM);
    SET_MODULE_SCHEDULE(2, &rc);
    RC("SET_MODULE_SCHEDULE of no schedule", rc, INVALID_PARAM);
    SYSTEM_TIME_TYPE asked = now_ns();
    SET_MODULE_SCHEDULE(lookup("alt", &rc), &rc);
    RC("SET_MODULE_SCHEDULE(alt)", rc, NO_ERROR);
    st = status();
    CHECK("alt pending", st.CURRENT_SCHEDULE == 0 && st.NEXT_SCHEDULE == 1,
          "current=%ld next=%ld", (long)st.CURRENT_SCHEDULE, (long)st.NEXT_SCHEDULE);
    SET_MODULE_SCHEDULE(1, &rc);
    RC("SET_MODULE_SCHEDULE(alt) again, pending", rc, NO_ERROR);
    st = status();
    CHECK("alt still pending", st.CURRENT_SCHEDULE == 0 && st.NEXT_SCHEDULE == 1,
          "current=%ld next=%ld", (long)st.CURRENT_SCHEDULE, (long)st.NEXT_SCHEDULE);
    /* This window ends before the frame does: the next time sys runs, alt
     * is in effect, since the end of the frame it was asked in. */
    SYSTEM_TIME_TYPE frame_end = origin + ((asked - origin) / NOMINAL_MF + 1) * NOMINAL_MF;
    TIMED_WAIT(8 * MS, &rc);
    st = status();
    CHECK("alt current", st.CURRENT_SCHEDULE == 1 && st.NEXT_SCHEDULE == 1,
          "current=%ld next=%ld", (long)st.CURRENT_SCHEDULE, (long)st.NEXT_SCHEDULE);
    CHECK("switched at the end of the major frame",
          st.TIME_OF_LAST_SCHEDULE_SWITCH == frame_end, "switch=%ld us frame_end=%ld us asked=%ld us",
          (long)(st.TIME_OF_LAST_SCHEDULE_SWITCH / 1000), (long)(frame_end / 1000),
          (long)(asked / 1000));
    SYSTEM_TIME_TYPE t = now_ns();
    CHECK("running in alt's window", (t - frame_end) % (10 * MS) < 3 * MS, "offset=%ld us",
          (long)((t - frame_end) % (10 * MS) / 1000));
    /* Back to nominal, then give user time to be refused. */
    SET_MODULE_SCHEDULE(0, &rc);
    RC("SET_MODULE_SCHEDULE(nominal)", rc, NO_ERROR);
    TIMED_WAIT(40 * MS, &rc);
    st = status();
    CHECK("nominal again", st.CURRENT_SCHEDULE == 0, "current=%ld",
          (long)st.CURRENT_SCHEDULE);
    apex_test_end("apex-schedule");
}

static void user_main(void)
{
    RETURN_CODE_TYPE rc;
    names();
    (void)status();
    SET_MODULE_SCHEDULE(1, &rc);
    RC("SET_MODULE_SCHEDULE without schedule_control", rc, INVALID_CONFIG);
    printf("user: done\n");
    for (;;)
        TIMED_WAIT(100 * MS, &rc);
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    GET_PARTITION_STATUS(&part, &rc);
    PROCESS_ID_TYPE id = part.IDENTIFIER == 0
                             ? make_process("sys", sys_main, 10, INFINITE_TIME_VALUE,
                                            INFINITE_TIME_VALUE, SOFT)
                             : make_process("user", user_main, 10, INFINITE_TIME_VALUE,
                                            INFINITE_TIME_VALUE, SOFT);
    START(id, &rc);
    apex_partition_enter_normal();
}
