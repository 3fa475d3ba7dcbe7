/*
 * apex-ports, partition "asnd": WRITE_SAMPLING_MESSAGE and
 * SEND_QUEUING_MESSAGE with their return codes; fills "cmd" (3 messages),
 * loses a 4th (timeout 0: NOT_AVAILABLE, reported to the receiver as an
 * overflow) and times out on a 5th, then tells "arcv" to go.
 */
#include <string.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL

static SAMPLING_PORT_ID_TYPE temp;
static QUEUING_PORT_ID_TYPE cmd, go;

static void sender_main(void)
{
    RETURN_CODE_TYPE rc;
    char m[32] = "t=21";
    WRITE_SAMPLING_MESSAGE(temp, (MESSAGE_ADDR_TYPE)m, 0, &rc);
    RC("WRITE_SAMPLING_MESSAGE length 0", rc, INVALID_PARAM);
    WRITE_SAMPLING_MESSAGE(temp, (MESSAGE_ADDR_TYPE)m, 9, &rc);
    RC("WRITE_SAMPLING_MESSAGE too long", rc, INVALID_CONFIG);
    WRITE_SAMPLING_MESSAGE(temp + 7, (MESSAGE_ADDR_TYPE)m, 4, &rc);
    RC("WRITE_SAMPLING_MESSAGE bad id", rc, INVALID_PARAM);
    SEND_QUEUING_MESSAGE(cmd, (MESSAGE_ADDR_TYPE)m, 17, 0, &rc);
    RC("SEND_QUEUING_MESSAGE too long", rc, INVALID_CONFIG);
    SEND_QUEUING_MESSAGE(cmd, (MESSAGE_ADDR_TYPE)m, 0, 0, &rc);
    RC("SEND_QUEUING_MESSAGE length 0", rc, INVALID_PARAM);
    for (int i = 0; i < 3; i++) {
        m[0] = (char)('a' + i);
        SEND_QUEUING_MESSAGE(cmd, (MESSAGE_ADDR_TYPE)m, 1, 0, &rc);
        RC("SEND_QUEUING_MESSAGE", rc, NO_ERROR);
    }
    QUEUING_PORT_STATUS_TYPE qs;
    GET_QUEUING_PORT_STATUS(cmd, &qs, &rc);
    CHECK("GET_QUEUING_PORT_STATUS of the source: full", rc == NO_ERROR &&
          qs.NB_MESSAGE == 3 && qs.MAX_NB_MESSAGE == 3 && qs.PORT_DIRECTION == SOURCE,
          "nb=%ld", (long)qs.NB_MESSAGE);
    m[0] = 'x';
    SEND_QUEUING_MESSAGE(cmd, (MESSAGE_ADDR_TYPE)m, 1, 0, &rc);
    RC("SEND_QUEUING_MESSAGE full, timeout 0", rc, NOT_AVAILABLE);
    SYSTEM_TIME_TYPE t0 = now_ns();
    SEND_QUEUING_MESSAGE(cmd, (MESSAGE_ADDR_TYPE)m, 1, 10 * MS, &rc);
    SYSTEM_TIME_TYPE w = now_ns() - t0;
    RC("SEND_QUEUING_MESSAGE full, 10 ms", rc, TIMED_OUT);
    CHECK("it waited 10 ms", w >= 10 * MS && w <= 12 * MS, "%ld us", (long)(w / 1000));
    memcpy(m, "t=22", 4);
    WRITE_SAMPLING_MESSAGE(temp, (MESSAGE_ADDR_TYPE)m, 4, &rc);
    RC("WRITE_SAMPLING_MESSAGE", rc, NO_ERROR);
    SEND_QUEUING_MESSAGE(go, (MESSAGE_ADDR_TYPE)"go", 2, INFINITE_TIME_VALUE, &rc);
    RC("SEND_QUEUING_MESSAGE go", rc, NO_ERROR);
    printf("checks=%u failed=%u\n", apex_t_checks, apex_t_failed);
    if (apex_t_failed != 0u) {
        printf("RESULT apex-ports FAIL sender\n");
        pv_test_exit(1);
    }
    for (;;) {
        TIMED_WAIT(1000 * MS, &rc);
    }
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    NAME_TYPE n;
    set_name(n, "nosuch");
    SAMPLING_PORT_ID_TYPE bad;
    CREATE_SAMPLING_PORT(n, 8, SOURCE, 5 * MS, &bad, &rc);
    RC("CREATE_SAMPLING_PORT of no configured port", rc, INVALID_CONFIG);
    set_name(n, "temp");
    CREATE_SAMPLING_PORT(n, 4, SOURCE, 5 * MS, &temp, &rc);
    RC("CREATE_SAMPLING_PORT size not the configuration's", rc, INVALID_CONFIG);
    CREATE_SAMPLING_PORT(n, 8, DESTINATION, 5 * MS, &temp, &rc);
    RC("CREATE_SAMPLING_PORT direction not the configuration's", rc, INVALID_CONFIG);
    CREATE_SAMPLING_PORT(n, 8, SOURCE, 5 * MS, &temp, &rc);
    RC("CREATE_SAMPLING_PORT", rc, NO_ERROR);
    CREATE_SAMPLING_PORT(n, 8, SOURCE, 5 * MS, &bad, &rc);
    RC("CREATE_SAMPLING_PORT twice", rc, NO_ACTION);
    set_name(n, "cmd");
    CREATE_QUEUING_PORT(n, 16, 4, SOURCE, FIFO, &cmd, &rc);
    RC("CREATE_QUEUING_PORT max messages not the configuration's", rc, INVALID_CONFIG);
    CREATE_QUEUING_PORT(n, 16, 3, SOURCE, FIFO, &cmd, &rc);
    RC("CREATE_QUEUING_PORT", rc, NO_ERROR);
    set_name(n, "go");
    CREATE_QUEUING_PORT(n, 4, 1, SOURCE, FIFO, &go, &rc);
    RC("CREATE_QUEUING_PORT go", rc, NO_ERROR);
    make_process("sender", sender_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    PROCESS_ID_TYPE id;
    set_name(n, "sender");
    GET_PROCESS_ID(n, &id, &rc);
    START(id, &rc);
    apex_partition_enter_normal();
}
