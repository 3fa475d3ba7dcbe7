/*
 * apex-isolation: a rogue process writes over the APEX's process table
 * (the tick-core TCBs and wait objects of the other processes), reads it,
 * and writes into the guest kernel's code; every access is a data abort
 * (the health monitor logs it, the access is skipped) and the APEX goes on
 * unharmed: the victims' status, a semaphore wait and release, a buffer's
 * message (docs/arinc653.md, "Where the APEX runs"). check.py counts the
 * faults: exactly the attempts, at the addresses printed as "attempt".
 */
#include <stdint.h>
#include <string.h>

#include "../../../apex-common/apex_test.h"

#define MS 1000000LL

extern uint32_t apex_procs[]; /* the APEX's process table (guest kernel) */

static PROCESS_ID_TYPE driver, rogue, victim;
static SEMAPHORE_ID_TYPE sem;
static BUFFER_ID_TYPE buf;
static volatile unsigned victim_runs;
static volatile uint32_t sink;

static void victim_main(void)
{
    RETURN_CODE_TYPE rc;
    for (;;) {
        WAIT_SEMAPHORE(sem, INFINITE_TIME_VALUE, &rc);
        if (rc == NO_ERROR)
            victim_runs++;
    }
}

/* The attempts; each address is kept in memory before it is printed (a
 * skipped faulting store does not write back its base register). */
static volatile uintptr_t where;

static void attempt(const char *what, uintptr_t a)
{
    where = a;
    printf("attempt %s 0x%08lx\n", what, (unsigned long)where);
}

static void rogue_main(void)
{
    uintptr_t procs = (uintptr_t)apex_procs;
    attempt("write", procs);
    *(volatile uint32_t *)where = 0xDEADBEEFu;
    attempt("write", procs + 256u);
    *(volatile uint32_t *)where = 0xDEADBEEFu;
    attempt("read", procs + 4u);
    sink = *(volatile uint32_t *)where;
    attempt("write", (uintptr_t)PK_LAYOUT_SELF_KERNEL_BASE);
    *(volatile uint32_t *)where = 0xE7F000F0u;
}

static void driver_main(void)
{
    RETURN_CODE_TYPE rc;
    PROCESS_STATUS_TYPE before, after;
    static const char msg[] = "kept";
    char r[8];
    MESSAGE_SIZE_TYPE len;

    memset(&before, 0, sizeof before); /* padding too: compared whole */
    memset(&after, 0, sizeof after);
    SEND_BUFFER(buf, (MESSAGE_ADDR_TYPE)msg, 4, 0, &rc);
    START(victim, &rc);
    GET_PROCESS_STATUS(victim, &before, &rc);
    /* Every byte of the status is defined (no guest-kernel stack bytes in
     * its padding): the whole struct is compared below. */
    memset(&after, 0xA5, sizeof after);
    START(rogue, &rc);
    TIMED_WAIT(5 * MS, &rc);
    CHECK("the rogue ran to its end", state_of(rogue) == DORMANT, "state=%d", state_of(rogue));
    GET_PROCESS_STATUS(victim, &after, &rc);
    RC("victim status after the attack", rc, NO_ERROR);
    CHECK("victim status unchanged", memcmp(&before, &after, sizeof before) == 0 &&
          after.PROCESS_STATE == WAITING, "state=%d prio=%ld", after.PROCESS_STATE,
          (long)after.CURRENT_PRIORITY);
    SIGNAL_SEMAPHORE(sem, &rc);
    RC("SIGNAL_SEMAPHORE after the attack", rc, NO_ERROR);
    CHECK("the victim is released and waits again", victim_runs == 1 && state_of(victim) == WAITING,
          "runs=%u", victim_runs);
    RECEIVE_BUFFER(buf, 0, (MESSAGE_ADDR_TYPE)r, &len, &rc);
    CHECK("the queued message is intact", rc == NO_ERROR && len == 4 && memcmp(r, "kept", 4) == 0,
          "len=%ld", (long)len);
    apex_test_end("apex-isolation");
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    NAME_TYPE name;
    printf("apex-isolation: initialisation\n");
    set_name(name, "s");
    CREATE_SEMAPHORE(name, 0, 1, FIFO, &sem, &rc);
    set_name(name, "b");
    CREATE_BUFFER(name, 8, 2, FIFO, &buf, &rc);
    driver = make_process("driver", driver_main, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    victim = make_process("victim", victim_main, 12, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    rogue = make_process("rogue", rogue_main, 5, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT);
    START(driver, &rc);
    apex_partition_enter_normal();
}
