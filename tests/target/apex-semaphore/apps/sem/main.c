/*
 * apex-semaphore: CREATE_SEMAPHORE, WAIT_SEMAPHORE, SIGNAL_SEMAPHORE,
 * GET_SEMAPHORE_ID, GET_SEMAPHORE_STATUS, each return code, timeouts in
 * virtual time, FIFO and PRIORITY release order (docs/arinc653.md).
 */
#include <stdint.h>
#include <string.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL
#define US 1000LL

static PROCESS_ID_TYPE driver, w[3];
static SEMAPHORE_ID_TYPE sfifo, sprio, scount;
static volatile SEMAPHORE_ID_TYPE target;
static char order[8];
static volatile unsigned n_order;
static const char tag[3] = {'L', 'H', 'M'};

static void waiter_main(void)
{
    PROCESS_ID_TYPE me;
    RETURN_CODE_TYPE rc;
    GET_MY_ID(&me, &rc);
    int i = me == w[0] ? 0 : me == w[1] ? 1 : 2;
    WAIT_SEMAPHORE(target, INFINITE_TIME_VALUE, &rc);
    if (rc == NO_ERROR)
        order[n_order++] = tag[i];
}

static void discipline(const char *what, SEMAPHORE_ID_TYPE s, const char *want)
{
    RETURN_CODE_TYPE rc;
    SEMAPHORE_STATUS_TYPE st;
    target = s;
    n_order = 0;
    memset(order, 0, sizeof order);
    for (int i = 0; i < 3; i++)
        START(w[i], &rc);
    GET_SEMAPHORE_STATUS(s, &st, &rc);
    CHECK("three processes wait", st.WAITING_PROCESSES == 3 && st.CURRENT_VALUE == 0,
          "waiting=%ld value=%ld", (long)st.WAITING_PROCESSES, (long)st.CURRENT_VALUE);
    for (int k = 0; k < 3; k++) {
        SIGNAL_SEMAPHORE(s, &rc);
        RC("SIGNAL_SEMAPHORE with a waiter", rc, NO_ERROR);
    }
    GET_SEMAPHORE_STATUS(s, &st, &rc);
    CHECK("units went to the waiters", st.CURRENT_VALUE == 0 && st.WAITING_PROCESSES == 0,
          "value=%ld", (long)st.CURRENT_VALUE);
    CHECK(what, strcmp(order, want) == 0, "order=%s want=%s", order, want);
}

static void driver_main(void)
{
    RETURN_CODE_TYPE rc;
    SEMAPHORE_ID_TYPE id;
    SEMAPHORE_STATUS_TYPE st;
    NAME_TYPE name;

    set_name(name, "late");
    CREATE_SEMAPHORE(name, 0, 1, FIFO, &id, &rc);
    RC("CREATE_SEMAPHORE in NORMAL", rc, INVALID_MODE);
    set_name(name, "count");
    GET_SEMAPHORE_ID(name, &id, &rc);
    RC("GET_SEMAPHORE_ID", rc, NO_ERROR);
    CHECK("GET_SEMAPHORE_ID id", id == scount, "id=%ld", (long)id);
    set_name(name, "none");
    GET_SEMAPHORE_ID(name, &id, &rc);
    RC("GET_SEMAPHORE_ID unknown", rc, INVALID_CONFIG);
    GET_SEMAPHORE_STATUS(-4, &st, &rc);
    RC("GET_SEMAPHORE_STATUS bad id", rc, INVALID_PARAM);
    GET_SEMAPHORE_STATUS(scount, (SEMAPHORE_STATUS_TYPE *)(uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE, &rc);
    RC("GET_SEMAPHORE_STATUS into the guest kernel", rc, INVALID_PARAM);
    GET_SEMAPHORE_STATUS(scount, &st, &rc);
    CHECK("status", rc == NO_ERROR && st.CURRENT_VALUE == 2 && st.MAXIMUM_VALUE == 3 &&
          st.WAITING_PROCESSES == 0, "value=%ld max=%ld", (long)st.CURRENT_VALUE,
          (long)st.MAXIMUM_VALUE);

    WAIT_SEMAPHORE(scount, 0, &rc);
    RC("WAIT_SEMAPHORE available", rc, NO_ERROR);
    WAIT_SEMAPHORE(scount, INFINITE_TIME_VALUE, &rc);
    RC("WAIT_SEMAPHORE available, infinite", rc, NO_ERROR);
    WAIT_SEMAPHORE(scount, 0, &rc);
    RC("WAIT_SEMAPHORE at 0, timeout 0", rc, NOT_AVAILABLE);
    SYSTEM_TIME_TYPE t0 = now_ns();
    WAIT_SEMAPHORE(scount, 3 * MS, &rc);
    SYSTEM_TIME_TYPE dt = now_ns() - t0;
    RC("WAIT_SEMAPHORE at 0, timeout 3 ms", rc, TIMED_OUT);
    CHECK("timed out after 3 ms", dt >= 3 * MS && dt < 4 * MS + 100 * US, "waited=%ld us",
          (long)(dt / US));
    GET_SEMAPHORE_STATUS(scount, &st, &rc);
    CHECK("a timed-out waiter is gone", st.WAITING_PROCESSES == 0, "waiting=%ld",
          (long)st.WAITING_PROCESSES);
    WAIT_SEMAPHORE(scount, -2, &rc);
    RC("WAIT_SEMAPHORE bad timeout", rc, INVALID_PARAM);
    WAIT_SEMAPHORE(99, 0, &rc);
    RC("WAIT_SEMAPHORE bad id", rc, INVALID_PARAM);
    LOCK_LEVEL_TYPE lvl;
    LOCK_PREEMPTION(&lvl, &rc);
    WAIT_SEMAPHORE(scount, 1 * MS, &rc);
    RC("WAIT_SEMAPHORE waiting with preemption locked", rc, INVALID_MODE);
    UNLOCK_PREEMPTION(&lvl, &rc);
    for (int k = 0; k < 3; k++)
        SIGNAL_SEMAPHORE(scount, &rc);
    RC("SIGNAL_SEMAPHORE to the maximum", rc, NO_ERROR);
    SIGNAL_SEMAPHORE(scount, &rc);
    RC("SIGNAL_SEMAPHORE at the maximum", rc, NO_ACTION);
    SIGNAL_SEMAPHORE(0, &rc);
    RC("SIGNAL_SEMAPHORE bad id", rc, INVALID_PARAM);

    discipline("FIFO waiters released in arrival order", sfifo, "LHM");
    discipline("PRIORITY waiters released by priority", sprio, "HML");

    /* STOP of a waiting process takes it off the semaphore's queue. */
    target = sfifo;
    START(w[0], &rc);
    STOP(w[0], &rc);
    GET_SEMAPHORE_STATUS(sfifo, &st, &rc);
    CHECK("a stopped waiter is gone", st.WAITING_PROCESSES == 0, "waiting=%ld",
          (long)st.WAITING_PROCESSES);
    SIGNAL_SEMAPHORE(sfifo, &rc);
    GET_SEMAPHORE_STATUS(sfifo, &st, &rc);
    CHECK("the signal after it counts", st.CURRENT_VALUE == 1, "value=%ld",
          (long)st.CURRENT_VALUE);
    apex_test_end("apex-semaphore");
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    SEMAPHORE_ID_TYPE id;
    NAME_TYPE name;
    printf("apex-semaphore: initialisation\n");
    set_name(name, "count");
    CREATE_SEMAPHORE(name, 2, 3, FIFO, &scount, &rc);
    RC("CREATE_SEMAPHORE", rc, NO_ERROR);
    CREATE_SEMAPHORE(name, 2, 3, FIFO, &id, &rc);
    RC("CREATE_SEMAPHORE same name", rc, NO_ACTION);
    set_name(name, "bad");
    CREATE_SEMAPHORE(name, -1, 3, FIFO, &id, &rc);
    RC("CREATE_SEMAPHORE negative value", rc, INVALID_PARAM);
    CREATE_SEMAPHORE(name, 4, 3, FIFO, &id, &rc);
    RC("CREATE_SEMAPHORE value above maximum", rc, INVALID_PARAM);
    CREATE_SEMAPHORE(name, 0, MAX_SEMAPHORE_VALUE + 1, FIFO, &id, &rc);
    RC("CREATE_SEMAPHORE maximum above the limit", rc, INVALID_PARAM);
    CREATE_SEMAPHORE(name, 0, 0, FIFO, &id, &rc);
    RC("CREATE_SEMAPHORE maximum 0", rc, INVALID_PARAM);
    CREATE_SEMAPHORE(name, 0, 1, (QUEUING_DISCIPLINE_TYPE)2, &id, &rc);
    RC("CREATE_SEMAPHORE bad discipline", rc, INVALID_PARAM);
    CREATE_SEMAPHORE((char *)(uintptr_t)0xFFFFFFFEu, 0, 1, FIFO, &id, &rc);
    RC("CREATE_SEMAPHORE name wrapping around", rc, INVALID_PARAM);
    set_name(name, "fifo");
    CREATE_SEMAPHORE(name, 0, 3, FIFO, &sfifo, &rc);
    set_name(name, "prio");
    CREATE_SEMAPHORE(name, 0, 3, PRIORITY, &sprio, &rc);
    WAIT_SEMAPHORE(sfifo, 1 * MS, &rc);
    RC("WAIT_SEMAPHORE waiting in initialisation", rc, INVALID_MODE);
    driver = make_process("driver", driver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[0] = make_process("wL", waiter_main, 11, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[1] = make_process("wH", waiter_main, 13, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    w[2] = make_process("wM", waiter_main, 12, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    START(driver, &rc);
    apex_partition_enter_normal();
}
