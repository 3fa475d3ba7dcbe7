/*
 * apex-ports, partition "arcv": READ_SAMPLING_MESSAGE (NO_ACTION, validity
 * and its ageing), RECEIVE_QUEUING_MESSAGE (timeouts 0, finite, infinite;
 * the overflow; FIFO order), the status services, CLEAR_QUEUING_PORT,
 * GET_*_PORT_ID, and the services' mode checks. Ends the run.
 */
#include <string.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL

static SAMPLING_PORT_ID_TYPE temp;
static QUEUING_PORT_ID_TYPE cmd, go;

static void receiver_main(void)
{
    RETURN_CODE_TYPE rc;
    char m[16];
    MESSAGE_SIZE_TYPE len = -1;
    VALIDITY_TYPE v = VALID;
    NAME_TYPE n;
    set_name(n, "temp");
    SAMPLING_PORT_ID_TYPE again;
    CREATE_SAMPLING_PORT(n, 8, DESTINATION, 5 * MS, &again, &rc);
    RC("CREATE_SAMPLING_PORT in NORMAL mode", rc, NO_ACTION);
    set_name(n, "other");
    CREATE_SAMPLING_PORT(n, 8, DESTINATION, 5 * MS, &again, &rc);
    RC("CREATE_SAMPLING_PORT of a new name in NORMAL mode", rc, INVALID_MODE);
    set_name(n, "temp");
    GET_SAMPLING_PORT_ID(n, &again, &rc);
    CHECK("GET_SAMPLING_PORT_ID", rc == NO_ERROR && again == temp, "id=%ld", (long)again);
    set_name(n, "nosuch");
    GET_SAMPLING_PORT_ID(n, &again, &rc);
    RC("GET_SAMPLING_PORT_ID of no port", rc, INVALID_CONFIG);
    READ_SAMPLING_MESSAGE(temp, (MESSAGE_ADDR_TYPE)m, &len, &v, &rc);
    /* The sender may have written already: its first write is t=21. */
    CHECK("READ_SAMPLING_MESSAGE before or after the first write",
          (rc == NO_ACTION && len == 0 && v == INVALID) || (rc == NO_ERROR && len == 4),
          "rc=%s", apex_rc_name(rc));
    WRITE_SAMPLING_MESSAGE(temp, (MESSAGE_ADDR_TYPE)m, 4, &rc);
    RC("WRITE_SAMPLING_MESSAGE on a destination", rc, INVALID_MODE);
    RECEIVE_QUEUING_MESSAGE(go, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    RC("RECEIVE_QUEUING_MESSAGE empty, timeout 0", rc, NOT_AVAILABLE);
    SYSTEM_TIME_TYPE t0 = now_ns();
    RECEIVE_QUEUING_MESSAGE(go, 3 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    SYSTEM_TIME_TYPE w = now_ns() - t0;
    /* The sender's 10 ms wait is still going on: nothing arrives yet. */
    RC("RECEIVE_QUEUING_MESSAGE empty, 3 ms", rc, TIMED_OUT);
    CHECK("it waited 3 ms", w >= 3 * MS && w <= 5 * MS, "%ld us", (long)(w / 1000));
    RECEIVE_QUEUING_MESSAGE(go, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    CHECK("RECEIVE_QUEUING_MESSAGE infinite", rc == NO_ERROR && len == 2 &&
          memcmp(m, "go", 2) == 0, "rc=%s", apex_rc_name(rc));
    READ_SAMPLING_MESSAGE(temp, (MESSAGE_ADDR_TYPE)m, &len, &v, &rc);
    CHECK("READ_SAMPLING_MESSAGE fresh", rc == NO_ERROR && len == 4 && v == VALID &&
          memcmp(m, "t=22", 4) == 0, "rc=%s v=%d", apex_rc_name(rc), (int)v);
    SAMPLING_PORT_STATUS_TYPE ss;
    GET_SAMPLING_PORT_STATUS(temp, &ss, &rc);
    CHECK("GET_SAMPLING_PORT_STATUS", rc == NO_ERROR && ss.REFRESH_PERIOD == 5 * MS &&
          ss.MAX_MESSAGE_SIZE == 8 && ss.PORT_DIRECTION == DESTINATION &&
          ss.LAST_MSG_VALIDITY == VALID, "validity=%d", (int)ss.LAST_MSG_VALIDITY);
    TIMED_WAIT(6 * MS, &rc);
    READ_SAMPLING_MESSAGE(temp, (MESSAGE_ADDR_TYPE)m, &len, &v, &rc);
    CHECK("READ_SAMPLING_MESSAGE aged: INVALID", rc == NO_ERROR && len == 4 && v == INVALID,
          "rc=%s v=%d", apex_rc_name(rc), (int)v);
    QUEUING_PORT_STATUS_TYPE qs;
    GET_QUEUING_PORT_STATUS(cmd, &qs, &rc);
    CHECK("GET_QUEUING_PORT_STATUS", rc == NO_ERROR && qs.NB_MESSAGE == 3 &&
          qs.MAX_NB_MESSAGE == 3 && qs.MAX_MESSAGE_SIZE == 16 &&
          qs.PORT_DIRECTION == DESTINATION && qs.WAITING_PROCESSES == 0,
          "nb=%ld", (long)qs.NB_MESSAGE);
    RECEIVE_QUEUING_MESSAGE(cmd, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    CHECK("RECEIVE_QUEUING_MESSAGE after an overflow: INVALID_CONFIG with the message",
          rc == INVALID_CONFIG && len == 1 && m[0] == 'a', "rc=%s", apex_rc_name(rc));
    RECEIVE_QUEUING_MESSAGE(cmd, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    CHECK("RECEIVE_QUEUING_MESSAGE FIFO", rc == NO_ERROR && len == 1 && m[0] == 'b',
          "rc=%s", apex_rc_name(rc));
    SEND_QUEUING_MESSAGE(cmd, (MESSAGE_ADDR_TYPE)m, 1, 0, &rc);
    RC("SEND_QUEUING_MESSAGE on a destination", rc, INVALID_MODE);
    CLEAR_QUEUING_PORT(cmd, &rc);
    RC("CLEAR_QUEUING_PORT", rc, NO_ERROR);
    GET_QUEUING_PORT_STATUS(cmd, &qs, &rc);
    CHECK("cleared", rc == NO_ERROR && qs.NB_MESSAGE == 0, "nb=%ld", (long)qs.NB_MESSAGE);
    CLEAR_QUEUING_PORT(cmd + 5, &rc);
    RC("CLEAR_QUEUING_PORT bad id", rc, INVALID_PARAM);
    set_name(n, "cmd");
    QUEUING_PORT_ID_TYPE q2;
    GET_QUEUING_PORT_ID(n, &q2, &rc);
    CHECK("GET_QUEUING_PORT_ID", rc == NO_ERROR && q2 == cmd, "id=%ld", (long)q2);
    READ_SAMPLING_MESSAGE(temp, (MESSAGE_ADDR_TYPE)0x10, &len, &v, &rc);
    RC("READ_SAMPLING_MESSAGE into memory not the partition's", rc, INVALID_PARAM);
    apex_test_end("apex-ports");
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    NAME_TYPE n;
    set_name(n, "temp");
    CREATE_SAMPLING_PORT(n, 8, DESTINATION, 4 * MS, &temp, &rc);
    RC("CREATE_SAMPLING_PORT refresh not the configuration's", rc, INVALID_CONFIG);
    CREATE_SAMPLING_PORT(n, 8, DESTINATION, 5 * MS, &temp, &rc);
    RC("CREATE_SAMPLING_PORT", rc, NO_ERROR);
    set_name(n, "cmd");
    CREATE_QUEUING_PORT(n, 16, 3, DESTINATION, PRIORITY, &cmd, &rc);
    RC("CREATE_QUEUING_PORT discipline not the configuration's", rc, INVALID_CONFIG);
    CREATE_QUEUING_PORT(n, 16, 3, DESTINATION, FIFO, &cmd, &rc);
    RC("CREATE_QUEUING_PORT", rc, NO_ERROR);
    set_name(n, "go");
    CREATE_QUEUING_PORT(n, 4, 1, DESTINATION, PRIORITY, &go, &rc);
    RC("CREATE_QUEUING_PORT go", rc, NO_ERROR);
    make_process("receiver", receiver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    PROCESS_ID_TYPE id;
    set_name(n, "receiver");
    GET_PROCESS_ID(n, &id, &rc);
    START(id, &rc);
    apex_partition_enter_normal();
}
