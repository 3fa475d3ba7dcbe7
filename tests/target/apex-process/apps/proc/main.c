/*
 * apex-process: every process service of the APEX and each of its return
 * codes (docs/arinc653.md, "Conformance tests"). main() is the partition's
 * initialisation; the driver process (priority 10) runs the checks in
 * NORMAL mode against workers of lower and higher priority.
 */
#include <stdint.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL

static PROCESS_ID_TYPE driver, lo, hi, per, ret;
static volatile unsigned lo_runs, hi_runs, ret_runs, hi_step;
static volatile RETURN_CODE_TYPE hi_rc;
static volatile SYSTEM_TIME_TYPE hi_t0, hi_t1;
static volatile int hi_mode;

static void lo_main(void)
{
    lo_runs++;
    for (;;) {
        lo_runs++;
        RETURN_CODE_TYPE rc;
        TIMED_WAIT(1 * MS, &rc);
    }
}

/* The high-priority worker does what hi_mode says, then stops. */
static void hi_main(void)
{
    hi_runs++;
    RETURN_CODE_TYPE rc = NO_ERROR;
    switch (hi_mode) {
    case 0: /* suspend until resumed */
        SUSPEND_SELF(INFINITE_TIME_VALUE, &rc);
        break;
    case 1: /* suspend with a 5 ms timeout */
        hi_t0 = now_ns();
        SUSPEND_SELF(5 * MS, &rc);
        hi_t1 = now_ns();
        break;
    case 2: /* a 3 ms wait, then a step */
        TIMED_WAIT(3 * MS, &rc);
        hi_step = 1;
        break;
    case 3: /* started late */
        hi_t1 = now_ns();
        break;
    case 5: /* a 3 ms wait, timed */
        hi_t0 = now_ns();
        TIMED_WAIT(3 * MS, &rc);
        hi_t1 = now_ns();
        break;
    case 4: /* STOP_SELF */
        hi_step = 1;
        STOP_SELF();
        hi_step = 2; /* never */
        break;
    default:
        break;
    }
    hi_rc = rc;
    hi_step++;
}

static void ret_main(void)
{
    ret_runs++;
}

static void per_main(void)
{
    for (;;) {
        RETURN_CODE_TYPE rc;
        PERIODIC_WAIT(&rc);
    }
}

static void driver_main(void)
{
    RETURN_CODE_TYPE rc;
    PROCESS_ID_TYPE id = 0;

    GET_MY_ID(&id, &rc);
    RC("GET_MY_ID in a process", rc, NO_ERROR);
    CHECK("GET_MY_ID is the driver", id == driver, "id=%ld", (long)id);
    CHECK("own state RUNNING", state_of(driver) == RUNNING, "state=%d", state_of(driver));
    CHECK("dormant state DORMANT", state_of(hi) == DORMANT, "state=%d", state_of(hi));

    PROCESS_ATTRIBUTE_TYPE at = {INFINITE_TIME_VALUE, INFINITE_TIME_VALUE,
                                 (SYSTEM_ADDRESS_TYPE)ret_main, 4096, 5, SOFT, "late"};
    CREATE_PROCESS(&at, &id, &rc);
    RC("CREATE_PROCESS in NORMAL", rc, INVALID_MODE);

    /* START / STOP */
    START(lo, &rc);
    RC("START dormant", rc, NO_ERROR);
    CHECK("started lower priority is READY", state_of(lo) == READY, "state=%d", state_of(lo));
    START(lo, &rc);
    RC("START not dormant", rc, NO_ACTION);
    START(99, &rc);
    RC("START bad id", rc, INVALID_PARAM);
    TIMED_WAIT(2 * MS, &rc);
    CHECK("lower priority runs while the driver waits", lo_runs >= 2, "runs=%u", lo_runs);
    STOP(lo, &rc);
    RC("STOP running process", rc, NO_ERROR);
    CHECK("stopped is DORMANT", state_of(lo) == DORMANT, "state=%d", state_of(lo));
    STOP(lo, &rc);
    RC("STOP dormant", rc, NO_ACTION);
    STOP(driver, &rc);
    RC("STOP self", rc, INVALID_PARAM);
    STOP(0, &rc);
    RC("STOP bad id", rc, INVALID_PARAM);
    unsigned before = lo_runs;
    START(lo, &rc);
    TIMED_WAIT(1 * MS, &rc);
    CHECK("restart runs the entry again", lo_runs >= before + 1, "runs=%u before=%u", lo_runs,
          before);

    /* SUSPEND / RESUME of a ready process */
    SUSPEND(lo, &rc);
    RC("SUSPEND ready process", rc, NO_ERROR);
    SUSPEND(lo, &rc);
    RC("SUSPEND suspended", rc, NO_ACTION);
    CHECK("suspended is WAITING", state_of(lo) == WAITING, "state=%d", state_of(lo));
    before = lo_runs;
    TIMED_WAIT(3 * MS, &rc);
    CHECK("suspended does not run", lo_runs == before, "runs=%u before=%u", lo_runs, before);
    RESUME(lo, &rc);
    RC("RESUME suspended", rc, NO_ERROR);
    RESUME(lo, &rc);
    RC("RESUME not suspended", rc, NO_ACTION);
    TIMED_WAIT(3 * MS, &rc);
    CHECK("resumed runs", lo_runs > before, "runs=%u before=%u", lo_runs, before);
    SUSPEND(driver, &rc);
    RC("SUSPEND self", rc, INVALID_PARAM);
    SUSPEND(hi, &rc);
    RC("SUSPEND dormant", rc, INVALID_MODE);
    SUSPEND(per, &rc);
    RC("SUSPEND periodic", rc, INVALID_MODE);
    SUSPEND(42, &rc);
    RC("SUSPEND bad id", rc, INVALID_PARAM);
    RESUME(hi, &rc);
    RC("RESUME dormant", rc, INVALID_MODE);
    RESUME(-1, &rc);
    RC("RESUME bad id", rc, INVALID_PARAM);

    /* SUSPEND_SELF until RESUME (higher priority: runs at once) */
    hi_mode = 0;
    START(hi, &rc);
    CHECK("higher priority preempts at START", hi_runs == 1, "runs=%u", hi_runs);
    CHECK("self-suspended is WAITING", state_of(hi) == WAITING, "state=%d", state_of(hi));
    SUSPEND(hi, &rc);
    RC("SUSPEND self-suspended", rc, NO_ACTION);
    RESUME(hi, &rc);
    RC("RESUME self-suspended", rc, NO_ERROR);
    RC("SUSPEND_SELF resumed", hi_rc, NO_ERROR);
    CHECK("resumed process ran to its end", hi_step == 1, "step=%u", hi_step);
    TIMED_WAIT(1 * MS, &rc);
    CHECK("returned entry is DORMANT", state_of(hi) == DORMANT, "state=%d", state_of(hi));

    /* SUSPEND_SELF with a timeout */
    hi_mode = 1;
    hi_step = 0;
    START(hi, &rc);
    TIMED_WAIT(10 * MS, &rc);
    RC("SUSPEND_SELF timeout", hi_rc, TIMED_OUT);
    SYSTEM_TIME_TYPE d = hi_t1 - hi_t0;
    CHECK("SUSPEND_SELF waited 5 ms", d >= 5 * MS && d < 6 * MS + MS / 10, "waited=%ld us",
          (long)(d / 1000));

    /* SUSPEND of a waiting process: it stays suspended after its wait */
    hi_mode = 2;
    hi_step = 0;
    START(hi, &rc);
    SUSPEND(hi, &rc);
    RC("SUSPEND waiting process", rc, NO_ERROR);
    TIMED_WAIT(6 * MS, &rc);
    CHECK("suspended stays suspended after its wait", hi_step == 0, "step=%u", hi_step);
    CHECK("still WAITING", state_of(hi) == WAITING, "state=%d", state_of(hi));
    RESUME(hi, &rc);
    RC("RESUME after the wait", rc, NO_ERROR);
    CHECK("resumed goes on", hi_step == 2, "step=%u", hi_step);

    /* SUSPEND and RESUME during a wait: the wait goes on to its end */
    hi_mode = 5;
    START(hi, &rc);
    SUSPEND(hi, &rc);
    TIMED_WAIT(1 * MS, &rc);
    RESUME(hi, &rc);
    RC("RESUME during the wait", rc, NO_ERROR);
    TIMED_WAIT(5 * MS, &rc);
    d = hi_t1 - hi_t0;
    CHECK("a suspension does not end the wait", d >= 3 * MS && d < 4 * MS + MS / 10,
          "waited=%ld us", (long)(d / 1000));

    /* STOP of a waiting process, then START again */
    hi_mode = 0;
    hi_step = 0;
    START(hi, &rc);
    STOP(hi, &rc);
    RC("STOP waiting process", rc, NO_ERROR);
    CHECK("stopped waiting is DORMANT", state_of(hi) == DORMANT, "state=%d", state_of(hi));
    unsigned runs = hi_runs;
    hi_mode = 4;
    START(hi, &rc);
    CHECK("STOP_SELF ends the process", hi_step == 1 && hi_runs == runs + 1, "step=%u runs=%u",
          hi_step, hi_runs);
    CHECK("STOP_SELF is DORMANT", state_of(hi) == DORMANT, "state=%d", state_of(hi));

    /* SET_PRIORITY */
    SET_PRIORITY(lo, 0, &rc);
    RC("SET_PRIORITY 0", rc, INVALID_PARAM);
    SET_PRIORITY(lo, 31, &rc);
    RC("SET_PRIORITY above the partition's range", rc, INVALID_PARAM);
    SET_PRIORITY(hi, 5, &rc);
    RC("SET_PRIORITY dormant", rc, INVALID_MODE);
    SET_PRIORITY(77, 5, &rc);
    RC("SET_PRIORITY bad id", rc, INVALID_PARAM);
    STOP(lo, &rc);
    ret_runs = 0;
    START(ret, &rc);
    CHECK("lower priority not run yet", ret_runs == 0, "runs=%u", ret_runs);
    SET_PRIORITY(ret, 20, &rc);
    RC("SET_PRIORITY above the caller", rc, NO_ERROR);
    CHECK("raised process preempts at once", ret_runs == 1, "runs=%u", ret_runs);
    SET_PRIORITY(driver, 12, &rc);
    RC("SET_PRIORITY self", rc, NO_ERROR);
    PROCESS_STATUS_TYPE st;
    GET_PROCESS_STATUS(driver, &st, &rc);
    CHECK("CURRENT_PRIORITY follows", st.CURRENT_PRIORITY == 12 && st.ATTRIBUTES.BASE_PRIORITY == 10,
          "cur=%ld base=%ld", (long)st.CURRENT_PRIORITY, (long)st.ATTRIBUTES.BASE_PRIORITY);
    SET_PRIORITY(driver, 10, &rc);

    /* LOCK_PREEMPTION / UNLOCK_PREEMPTION */
    LOCK_LEVEL_TYPE lvl = -1;
    UNLOCK_PREEMPTION(&lvl, &rc);
    RC("UNLOCK_PREEMPTION at level 0", rc, NO_ACTION);
    LOCK_PREEMPTION(&lvl, &rc);
    RC("LOCK_PREEMPTION", rc, NO_ERROR);
    CHECK("lock level 1", lvl == 1, "level=%ld", (long)lvl);
    hi_mode = 9;
    runs = hi_runs;
    START(hi, &rc);
    RC("START while locked", rc, NO_ERROR);
    spin_ns(2 * MS);
    CHECK("no preemption while locked", hi_runs == runs, "runs=%u", hi_runs);
    TIMED_WAIT(1 * MS, &rc);
    RC("TIMED_WAIT while locked", rc, INVALID_MODE);
    SUSPEND_SELF(1 * MS, &rc);
    RC("SUSPEND_SELF while locked", rc, INVALID_MODE);
    for (int i = 2; i <= MAX_LOCK_LEVEL; i++)
        LOCK_PREEMPTION(&lvl, &rc);
    RC("LOCK_PREEMPTION to MAX_LOCK_LEVEL", rc, NO_ERROR);
    CHECK("lock level 16", lvl == MAX_LOCK_LEVEL, "level=%ld", (long)lvl);
    LOCK_PREEMPTION(&lvl, &rc);
    RC("LOCK_PREEMPTION beyond MAX_LOCK_LEVEL", rc, INVALID_CONFIG);
    for (int i = MAX_LOCK_LEVEL; i > 1; i--)
        UNLOCK_PREEMPTION(&lvl, &rc);
    CHECK("still locked at level 1", lvl == 1 && hi_runs == runs, "level=%ld runs=%u", (long)lvl,
          hi_runs);
    UNLOCK_PREEMPTION(&lvl, &rc);
    RC("UNLOCK_PREEMPTION to 0", rc, NO_ERROR);
    CHECK("preempted at the unlock", lvl == 0 && hi_runs == runs + 1, "level=%ld runs=%u",
          (long)lvl, hi_runs);

    /* DELAYED_START */
    DELAYED_START(hi, -5, &rc);
    RC("DELAYED_START negative", rc, INVALID_PARAM);
    DELAYED_START(hi, INT64_MAX, &rc);
    RC("DELAYED_START beyond 2^53 ns", rc, INVALID_PARAM);
    DELAYED_START(per, 20 * MS, &rc);
    RC("DELAYED_START periodic, delay >= period", rc, INVALID_PARAM);
    DELAYED_START(driver, 1 * MS, &rc);
    RC("DELAYED_START not dormant", rc, NO_ACTION);
    DELAYED_START(55, 1 * MS, &rc);
    RC("DELAYED_START bad id", rc, INVALID_PARAM);
    hi_mode = 3;
    hi_t1 = 0;
    SYSTEM_TIME_TYPE t0 = now_ns();
    DELAYED_START(hi, 4 * MS, &rc);
    RC("DELAYED_START", rc, NO_ERROR);
    CHECK("delayed is WAITING", state_of(hi) == WAITING && hi_t1 == 0, "state=%d",
          state_of(hi));
    TIMED_WAIT(8 * MS, &rc);
    d = hi_t1 - t0;
    CHECK("released after its delay", hi_t1 != 0 && d >= 4 * MS && d < 5 * MS + MS / 10,
          "after=%ld us", (long)(d / 1000));

    /* GET_PROCESS_ID / GET_PROCESS_STATUS */
    NAME_TYPE name;
    set_name(name, "hi");
    GET_PROCESS_ID(name, &id, &rc);
    RC("GET_PROCESS_ID", rc, NO_ERROR);
    CHECK("GET_PROCESS_ID id", id == hi, "id=%ld", (long)id);
    set_name(name, "nobody");
    GET_PROCESS_ID(name, &id, &rc);
    RC("GET_PROCESS_ID unknown name", rc, INVALID_CONFIG);
    GET_PROCESS_STATUS(0, &st, &rc);
    RC("GET_PROCESS_STATUS bad id", rc, INVALID_PARAM);
    GET_PROCESS_STATUS(per, &st, &rc);
    RC("GET_PROCESS_STATUS", rc, NO_ERROR);
    CHECK("status attributes", st.ATTRIBUTES.PERIOD == 10 * MS &&
          st.ATTRIBUTES.TIME_CAPACITY == 10 * MS && st.ATTRIBUTES.DEADLINE == HARD &&
          st.ATTRIBUTES.NAME[0] == 'p', "period=%ld us", (long)(st.ATTRIBUTES.PERIOD / 1000));

    /* Pointers a process passes: only its own user range. */
    uintptr_t ub = PK_LAYOUT_SELF_USER_BASE, us = PK_LAYOUT_SELF_USER_SIZE;
    GET_PROCESS_STATUS(per, (PROCESS_STATUS_TYPE *)(uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE, &rc);
    RC("status into the guest kernel", rc, INVALID_PARAM);
    GET_PROCESS_STATUS(per, (PROCESS_STATUS_TYPE *)(ub + us - sizeof st + 4u), &rc);
    RC("status one word past the user range", rc, INVALID_PARAM);
    GET_PROCESS_STATUS(per, (PROCESS_STATUS_TYPE *)(uintptr_t)0xFFFFFFF0u, &rc);
    RC("status wrapping around", rc, INVALID_PARAM);
    GET_MY_ID((PROCESS_ID_TYPE *)(ub + us - 4u), &rc);
    RC("id in the last word of the user range", rc, NO_ERROR);
    GET_MY_ID((PROCESS_ID_TYPE *)(ub - 4u), &rc);
    RC("id below the user range", rc, INVALID_PARAM);
    char *tail = (char *)(ub + us - 8u);
    for (unsigned i = 0; i < 8u; i++)
        tail[i] = 'A';
    GET_PROCESS_ID(tail, &id, &rc);
    RC("name crossing the end of the user range", rc, INVALID_PARAM);

    apex_test_end("apex-process");
}

static void init_checks(void)
{
    RETURN_CODE_TYPE rc;
    PROCESS_ID_TYPE id;
    PROCESS_ATTRIBUTE_TYPE at = {INFINITE_TIME_VALUE, INFINITE_TIME_VALUE,
                                 (SYSTEM_ADDRESS_TYPE)ret_main, 4096, 5, SOFT, "x"};
#define TRY(what, field, value, want)                          \
    do {                                                       \
        PROCESS_ATTRIBUTE_TYPE b = at;                         \
        b.field = value;                                       \
        CREATE_PROCESS(&b, &id, &rc);                          \
        RC(what, rc, want);                                    \
    } while (0)
    TRY("CREATE_PROCESS priority 0", BASE_PRIORITY, 0, INVALID_PARAM);
    TRY("CREATE_PROCESS priority above the range", BASE_PRIORITY, 31, INVALID_PARAM);
    TRY("CREATE_PROCESS stack too small", STACK_SIZE, 64, INVALID_PARAM);
    TRY("CREATE_PROCESS stack beyond the pool", STACK_SIZE, 0x7FFFFFF0u, INVALID_CONFIG);
    TRY("CREATE_PROCESS stack near 4 GiB (no wrap-around)", STACK_SIZE, 0xFFFFFFFCu, INVALID_CONFIG);
    TRY("CREATE_PROCESS period 0", PERIOD, 0, INVALID_PARAM);
    TRY("CREATE_PROCESS period beyond 2^53 ns", PERIOD, (1LL << 53) + 1000000, INVALID_PARAM);
    TRY("CREATE_PROCESS capacity beyond 2^53 ns", TIME_CAPACITY, INT64_MAX, INVALID_PARAM);
    TRY("CREATE_PROCESS period negative", PERIOD, -5, INVALID_PARAM);
    TRY("CREATE_PROCESS period off the tick grid", PERIOD, 1500000, INVALID_CONFIG);
    TRY("CREATE_PROCESS capacity 0", TIME_CAPACITY, 0, INVALID_PARAM);
    TRY("CREATE_PROCESS deadline kind", DEADLINE, (DEADLINE_TYPE)7, INVALID_PARAM);
    TRY("CREATE_PROCESS entry NULL", ENTRY_POINT, NULL, INVALID_PARAM);
    TRY("CREATE_PROCESS entry Thumb", ENTRY_POINT, (SYSTEM_ADDRESS_TYPE)((uintptr_t)ret_main | 1u),
        INVALID_PARAM);
    TRY("CREATE_PROCESS entry in the guest kernel", ENTRY_POINT,
        (SYSTEM_ADDRESS_TYPE)(uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE, INVALID_PARAM);
    {
        PROCESS_ATTRIBUTE_TYPE b = at;
        b.PERIOD = 10 * MS;
        b.TIME_CAPACITY = 11 * MS;
        CREATE_PROCESS(&b, &id, &rc);
        RC("CREATE_PROCESS capacity > period", rc, INVALID_PARAM);
    }
    driver = make_process("driver", driver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    CHECK("CREATE_PROCESS id", driver > 0, "id=%ld", (long)driver);
    {
        PROCESS_ATTRIBUTE_TYPE b = at;
        set_name(b.NAME, "driver");
        CREATE_PROCESS(&b, &id, &rc);
        RC("CREATE_PROCESS same name", rc, NO_ACTION);
    }
    lo = make_process("lo", lo_main, 5, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    hi = make_process("hi", hi_main, 20, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    per = make_process("per", per_main, 3, 10 * MS, 10 * MS, HARD);
    ret = make_process("ret", ret_main, 5, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    /* The table holds 8 (APEX_CONFIG_MAX_PROCESSES): 5 made, 3 more. */
    make_process("f1", ret_main, 1, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    make_process("f2", ret_main, 1, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    make_process("f3", ret_main, 1, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    {
        PROCESS_ATTRIBUTE_TYPE b = at;
        set_name(b.NAME, "one-too-many");
        CREATE_PROCESS(&b, &id, &rc);
        RC("CREATE_PROCESS table full", rc, INVALID_CONFIG);
    }
    GET_MY_ID(&id, &rc);
    RC("GET_MY_ID in initialisation", rc, INVALID_MODE);
    LOCK_LEVEL_TYPE lvl;
    LOCK_PREEMPTION(&lvl, &rc);
    RC("LOCK_PREEMPTION in initialisation", rc, NO_ACTION);
    TIMED_WAIT(1 * MS, &rc);
    RC("TIMED_WAIT in initialisation", rc, INVALID_MODE);
    START(driver, &rc);
    RC("START in initialisation", rc, NO_ERROR);
    CHECK("started in initialisation is WAITING", state_of(driver) == WAITING, "state=%d",
          state_of(driver));
    START(driver, &rc);
    RC("START again in initialisation", rc, NO_ACTION);
    START(per, &rc);
}

int main(void)
{
    printf("apex-process: initialisation\n");
    init_checks();
    apex_partition_enter_normal();
}
