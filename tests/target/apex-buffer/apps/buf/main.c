/*
 * apex-buffer: CREATE_BUFFER, SEND_BUFFER, RECEIVE_BUFFER, GET_BUFFER_ID,
 * GET_BUFFER_STATUS, each return code, timeouts in virtual time and the
 * release order of waiting senders and receivers in FIFO and PRIORITY
 * discipline (docs/arinc653.md, "Conformance tests").
 */
#include <stdint.h>
#include <string.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL
#define US 1000LL

static PROCESS_ID_TYPE driver, w[3], helper;
static BUFFER_ID_TYPE bfifo, bprio, bsmall, bone_f, bone_p;
/* What the waiters do: receive from / send to `target`, and log. */
static volatile BUFFER_ID_TYPE target;
static volatile int sending;
static char order[8];
static volatile unsigned n_order;
static const char tag[3] = {'L', 'H', 'M'}; /* w[0] prio 11, w[1] 13, w[2] 12 */

static int my_index(void)
{
    PROCESS_ID_TYPE me;
    RETURN_CODE_TYPE rc;
    GET_MY_ID(&me, &rc);
    for (int i = 0; i < 3; i++)
        if (w[i] == me)
            return i;
    return -1;
}

static void waiter_main(void)
{
    int i = my_index();
    RETURN_CODE_TYPE rc;
    char m[16];
    MESSAGE_SIZE_TYPE len;
    if (sending) {
        m[0] = tag[i];
        SEND_BUFFER(target, (MESSAGE_ADDR_TYPE)m, 1, INFINITE_TIME_VALUE, &rc);
    } else {
        RECEIVE_BUFFER(target, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)m, &len, &rc);
        if (rc == NO_ERROR && len == 1)
            order[n_order++] = tag[i];
    }
}

/* Sends "late" after the driver blocks (lower priority). */
static void helper_main(void)
{
    RETURN_CODE_TYPE rc;
    static const char msg[] = "late";
    SEND_BUFFER(bsmall, (MESSAGE_ADDR_TYPE)msg, 4, 0, &rc);
}

static void discipline(const char *what, BUFFER_ID_TYPE b, int send, const char *want)
{
    RETURN_CODE_TYPE rc;
    char m[16];
    MESSAGE_SIZE_TYPE len;
    target = b;
    sending = send;
    n_order = 0;
    memset(order, 0, sizeof order);
    if (send) {
        m[0] = '0';
        SEND_BUFFER(b, (MESSAGE_ADDR_TYPE)m, 1, 0, &rc); /* fills the 1-message buffer */
    }
    for (int i = 0; i < 3; i++)
        START(w[i], &rc); /* each runs at once and blocks */
    BUFFER_STATUS_TYPE st;
    GET_BUFFER_STATUS(b, &st, &rc);
    CHECK("three processes wait", st.WAITING_PROCESSES == 3, "waiting=%ld",
          (long)st.WAITING_PROCESSES);
    for (int k = 0; k < (send ? 4 : 3); k++) {
        if (send) {
            RECEIVE_BUFFER(b, 0, (MESSAGE_ADDR_TYPE)m, &len, &rc);
            if (rc == NO_ERROR && k > 0)
                order[n_order++] = m[0];
        } else {
            m[0] = 'x';
            SEND_BUFFER(b, (MESSAGE_ADDR_TYPE)m, 1, 0, &rc);
        }
    }
    CHECK(what, strcmp(order, want) == 0, "order=%s want=%s", order, want);
}

static void driver_main(void)
{
    RETURN_CODE_TYPE rc;
    BUFFER_ID_TYPE id;
    BUFFER_STATUS_TYPE st;
    NAME_TYPE name;
    char m[64], r[64];
    MESSAGE_SIZE_TYPE len = -1;

    set_name(name, "late");
    CREATE_BUFFER(name, 8, 2, FIFO, &id, &rc);
    /* The table is full: the standard checks storage before the mode. */
    RC("CREATE_BUFFER in NORMAL, table full", rc, INVALID_CONFIG);
    set_name(name, "fifo");
    GET_BUFFER_ID(name, &id, &rc);
    RC("GET_BUFFER_ID", rc, NO_ERROR);
    CHECK("GET_BUFFER_ID id", id == bfifo, "id=%ld", (long)id);
    set_name(name, "none");
    GET_BUFFER_ID(name, &id, &rc);
    RC("GET_BUFFER_ID unknown", rc, INVALID_CONFIG);
    GET_BUFFER_STATUS(99, &st, &rc);
    RC("GET_BUFFER_STATUS bad id", rc, INVALID_PARAM);

    /* FIFO order of messages, whole and intact. */
    for (int k = 0; k < 3; k++) {
        memset(m, 'a' + k, sizeof m);
        SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)m, 10 + k, 0, &rc);
        RC("SEND_BUFFER with room", rc, NO_ERROR);
    }
    GET_BUFFER_STATUS(bfifo, &st, &rc);
    CHECK("status", rc == NO_ERROR && st.NB_MESSAGE == 3 && st.MAX_NB_MESSAGE == 3 &&
          st.MAX_MESSAGE_SIZE == 32 && st.WAITING_PROCESSES == 0, "nb=%ld max=%ld size=%ld",
          (long)st.NB_MESSAGE, (long)st.MAX_NB_MESSAGE, (long)st.MAX_MESSAGE_SIZE);
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)m, 4, 0, &rc);
    RC("SEND_BUFFER full, timeout 0", rc, NOT_AVAILABLE);
    SYSTEM_TIME_TYPE t0 = now_ns();
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)m, 4, 3 * MS, &rc);
    SYSTEM_TIME_TYPE dt = now_ns() - t0;
    RC("SEND_BUFFER full, timeout 3 ms", rc, TIMED_OUT);
    CHECK("send timed out after 3 ms", dt >= 3 * MS && dt < 4 * MS + 100 * US, "waited=%ld us",
          (long)(dt / US));
    int intact = 1;
    for (int k = 0; k < 3; k++) {
        memset(r, 0, sizeof r);
        RECEIVE_BUFFER(bfifo, 0, (MESSAGE_ADDR_TYPE)r, &len, &rc);
        RC("RECEIVE_BUFFER a message", rc, NO_ERROR);
        for (int j = 0; j < 10 + k; j++)
            if (r[j] != 'a' + k)
                intact = 0;
        if (len != 10 + k || r[10 + k] != 0)
            intact = 0;
    }
    CHECK("messages in FIFO order, lengths and bytes intact", intact, "len=%ld", (long)len);
    RECEIVE_BUFFER(bfifo, 0, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    RC("RECEIVE_BUFFER empty, timeout 0", rc, NOT_AVAILABLE);
    CHECK("empty receive: length 0", len == 0, "len=%ld", (long)len);
    t0 = now_ns();
    RECEIVE_BUFFER(bfifo, 2 * MS, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    dt = now_ns() - t0;
    RC("RECEIVE_BUFFER empty, timeout 2 ms", rc, TIMED_OUT);
    CHECK("receive timed out after 2 ms", dt >= 2 * MS && dt < 3 * MS + 100 * US, "waited=%ld us",
          (long)(dt / US));

    /* A blocked receiver gets the message sent later. */
    START(helper, &rc);
    RECEIVE_BUFFER(bsmall, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    RC("RECEIVE_BUFFER blocked, then sent", rc, NO_ERROR);
    CHECK("the late message", len == 4 && memcmp(r, "late", 4) == 0, "len=%ld", (long)len);

    /* Misuse */
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)m, 33, 0, &rc);
    RC("SEND_BUFFER longer than the maximum", rc, INVALID_CONFIG);
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)m, 0, 0, &rc);
    RC("SEND_BUFFER length 0", rc, INVALID_PARAM);
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)m, -1, 0, &rc);
    RC("SEND_BUFFER negative length", rc, INVALID_PARAM);
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)m, 4, -7, &rc);
    RC("SEND_BUFFER bad timeout", rc, INVALID_PARAM);
    SEND_BUFFER(77, (MESSAGE_ADDR_TYPE)m, 4, 0, &rc);
    RC("SEND_BUFFER bad id", rc, INVALID_PARAM);
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)(uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE, 4, 0, &rc);
    RC("SEND_BUFFER message in the guest kernel", rc, INVALID_PARAM);
    uintptr_t uend = PK_LAYOUT_SELF_USER_BASE + PK_LAYOUT_SELF_USER_SIZE;
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)(uend - 3u), 4, 0, &rc);
    RC("SEND_BUFFER message one byte past the user range", rc, INVALID_PARAM);
    SEND_BUFFER(bfifo, (MESSAGE_ADDR_TYPE)(uend - 4u), 4, 0, &rc);
    RC("SEND_BUFFER message ending at the user range's end", rc, NO_ERROR);
    RECEIVE_BUFFER(bfifo, 0, (MESSAGE_ADDR_TYPE)(uend - 31u), &len, &rc);
    RC("RECEIVE_BUFFER into a buffer crossing the user range's end", rc, INVALID_PARAM);
    RECEIVE_BUFFER(bfifo, 0, (MESSAGE_ADDR_TYPE)r, (MESSAGE_SIZE_TYPE *)(uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE, &rc);
    RC("RECEIVE_BUFFER length into the guest kernel", rc, INVALID_PARAM);
    RECEIVE_BUFFER(bfifo, -3, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    RC("RECEIVE_BUFFER bad timeout", rc, INVALID_PARAM);
    RECEIVE_BUFFER(0, 0, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    RC("RECEIVE_BUFFER bad id", rc, INVALID_PARAM);
    RECEIVE_BUFFER(bfifo, 0, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    RC("RECEIVE_BUFFER the message at the range's end", rc, NO_ERROR);
    LOCK_LEVEL_TYPE lvl;
    LOCK_PREEMPTION(&lvl, &rc);
    RECEIVE_BUFFER(bfifo, 1 * MS, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    RC("RECEIVE_BUFFER waiting with preemption locked", rc, INVALID_MODE);
    RECEIVE_BUFFER(bfifo, 0, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    RC("RECEIVE_BUFFER polling with preemption locked", rc, NOT_AVAILABLE);
    UNLOCK_PREEMPTION(&lvl, &rc);

    /* Disciplines: waiters blocked in the order L, H, M. */
    discipline("FIFO receivers released in arrival order", bone_f, 0, "LHM");
    discipline("PRIORITY receivers released by priority", bprio, 0, "HML");
    discipline("FIFO senders released in arrival order", bone_f, 1, "LHM");
    discipline("PRIORITY senders released by priority", bone_p, 1, "HML");
    apex_test_end("apex-buffer");
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    BUFFER_ID_TYPE id;
    NAME_TYPE name;
    printf("apex-buffer: initialisation\n");
    set_name(name, "fifo");
    CREATE_BUFFER(name, 32, 3, FIFO, &bfifo, &rc);
    RC("CREATE_BUFFER", rc, NO_ERROR);
    CREATE_BUFFER(name, 32, 3, FIFO, &id, &rc);
    RC("CREATE_BUFFER same name", rc, NO_ACTION);
    set_name(name, "bad");
    CREATE_BUFFER(name, 0, 3, FIFO, &id, &rc);
    RC("CREATE_BUFFER size 0", rc, INVALID_PARAM);
    CREATE_BUFFER(name, SYSTEM_LIMIT_MESSAGE_SIZE + 1, 3, FIFO, &id, &rc);
    RC("CREATE_BUFFER size above the limit", rc, INVALID_PARAM);
    CREATE_BUFFER(name, 8, 0, FIFO, &id, &rc);
    RC("CREATE_BUFFER 0 messages", rc, INVALID_PARAM);
    CREATE_BUFFER(name, 8, 3, (QUEUING_DISCIPLINE_TYPE)5, &id, &rc);
    RC("CREATE_BUFFER bad discipline", rc, INVALID_PARAM);
    CREATE_BUFFER(name, SYSTEM_LIMIT_MESSAGE_SIZE, SYSTEM_LIMIT_NUMBER_OF_MESSAGES, FIFO, &id, &rc);
    RC("CREATE_BUFFER beyond the message pool", rc, INVALID_CONFIG);
    set_name(name, "prio");
    CREATE_BUFFER(name, 4, 3, PRIORITY, &bprio, &rc);
    set_name(name, "small");
    CREATE_BUFFER(name, 8, 1, FIFO, &bsmall, &rc);
    set_name(name, "one-fifo");
    CREATE_BUFFER(name, 4, 1, FIFO, &bone_f, &rc);
    set_name(name, "one-prio");
    CREATE_BUFFER(name, 4, 1, PRIORITY, &bone_p, &rc);
    set_name(name, "sixth");
    CREATE_BUFFER(name, 4, 1, PRIORITY, &id, &rc);
    RC("CREATE_BUFFER table full", rc, INVALID_CONFIG);
    char m[4] = "abc";
    MESSAGE_SIZE_TYPE len;
    RECEIVE_BUFFER(bfifo, 5 * MS, (MESSAGE_ADDR_TYPE)m, &len, &rc);
    RC("RECEIVE_BUFFER waiting in initialisation", rc, INVALID_MODE);
    driver = make_process("driver", driver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[0] = make_process("wL", waiter_main, 11, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[1] = make_process("wH", waiter_main, 13, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[2] = make_process("wM", waiter_main, 12, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    helper = make_process("helper", helper_main, 5, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    START(driver, &rc);
    apex_partition_enter_normal();
}
