/*
 * rtapexmon - attacker: an APEX process stops the APEX deadline monitor
 * through the tick core's gates, so another process's deadline miss is
 * never reported to the health monitor.
 *
 * The APEX (apex/src/process.c) watches deadlines with a task of its own,
 * the deadline monitor ("apex-deadline", guest-kernel mode, the highest
 * priority, its TCB in .kobj), which reports a miss with
 * PK_SVC_REPORT_ERROR (PK_GUEST_ERR_DEADLINE). Every process is a task of
 * the tick core, and the tick core's own gates (rtos/port/pv/port.c:
 * os_task_suspend, os_task_delete, os_task_set_priority, os_sem_give, ...)
 * stay open to it beside the APEX's one gate: they validate that an object
 * is a live object of the right type in .kobj, not that it is the
 * caller's. So the attacking process finds the monitor's TCB by asking
 * os_task_get_priority() about every word of .kobj (an invalid object
 * gives OS_PRIORITY_INVALID; only the monitor has the top priority) and
 * suspends it with os_task_suspend(). A second process, started 100 ms
 * later with a time capacity of 5 ms, computes for 20 ms: its deadline
 * passes unreported. The attacker compares the partition's health-monitor
 * record count (PK_SVC_MODE_STATUS faults) before and after, and ends the
 * run with
 *   RESULT rt-apexmon FAIL deadline miss unreported ...   (status 1)
 * or "RESULT rt-apexmon PASS" when the miss was reported (or the monitor
 * could not be found or suspended). Built with RTAPEXMON_CONTROL the
 * attacker does not suspend the monitor: the miss must be reported.
 */
#include <stdint.h>
#include <stdio.h>

#include "apex.h"
#include "apex_internal.h"
#include "os.h"
#include "pv_svc.h"

extern char pv_kobj_start[]; /* linker/partition.ld */
extern char pv_kobj_end[];

static volatile uint32_t victim_done;
static volatile uint64_t victim_start_ns;

static uint32_t faults_now(void)
{
    _Alignas(8) struct pk_mode_status ms;
    if (pv_svc(PK_SVC_MODE_STATUS, (uint32_t)PK_SELF, (uint32_t)(uintptr_t)&ms,
               0u) != 0)
        return 0xFFFFFFFFu;
    return ms.faults;
}

/* Released 100 ms after NORMAL, capacity 5 ms: computes for 20 ms. */
static void victim(void)
{
    uint64_t t0 = os_time_ns();
    victim_start_ns = t0;
    while (os_time_ns() - t0 < 20000000ull) {
    }
    victim_done = 1u;
    STOP_SELF();
}

static void attacker(void)
{
    uint32_t before = faults_now();
    const struct os_task *mon = NULL;
    unsigned n_tasks = 0;
    for (uintptr_t a = (uintptr_t)pv_kobj_start; a + 4u <= (uintptr_t)pv_kobj_end;
         a += 4u) {
        unsigned pr = os_task_get_priority((const struct os_task *)a);
        if (pr == OS_PRIORITY_INVALID)
            continue;
        n_tasks++;
        if (pr == OS_CONFIG_MAX_PRIORITIES - 1u)
            mon = (const struct os_task *)a;
    }
    enum os_status s = OS_ERR_PARAM;
#ifndef RTAPEXMON_CONTROL
    if (mon != NULL)
        s = os_task_suspend((struct os_task *)(uintptr_t)mon);
#endif
    printf("rtapexmon: %u tasks in .kobj, monitor at %p, suspend=%d, "
           "faults=%lu\n",
           n_tasks, (const void *)mon, (int)s, (unsigned long)before);
    os_delay(300u); /* the victim runs and misses its deadline meanwhile */
    uint32_t after = faults_now();
    printf("rtapexmon: victim started at %lu us (capacity 5 ms), done=%lu, "
           "faults %lu -> %lu\n",
           (unsigned long)(victim_start_ns / 1000u),
           (unsigned long)victim_done, (unsigned long)before,
           (unsigned long)after);
    int fail = victim_done != 0u && after == before;
    if (fail)
        printf("RESULT rt-apexmon FAIL deadline miss unreported: the "
               "process suspended the APEX deadline monitor\n");
    else
        printf("RESULT rt-apexmon PASS\n");
    pv_test_exit(fail ? 1 : 0);
    STOP_SELF();
}

static PROCESS_ID_TYPE make(const char *name, void (*entry)(void),
                            PRIORITY_TYPE prio, SYSTEM_TIME_TYPE capacity)
{
    PROCESS_ATTRIBUTE_TYPE at = {0};
    at.PERIOD = INFINITE_TIME_VALUE;
    at.TIME_CAPACITY = capacity;
    at.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry;
    at.STACK_SIZE = 4096u;
    at.BASE_PRIORITY = prio;
    at.DEADLINE = HARD;
    for (unsigned i = 0; name[i] != '\0' && i < sizeof at.NAME - 1u; i++)
        at.NAME[i] = name[i];
    PROCESS_ID_TYPE id = 0;
    RETURN_CODE_TYPE rc;
    CREATE_PROCESS(&at, &id, &rc);
    printf("rtapexmon: CREATE_PROCESS %s rc=%d id=%ld\n", name, (int)rc,
           (long)id);
    return id;
}

int main(void)
{
    RETURN_CODE_TYPE rc;
    PROCESS_ID_TYPE a = make("attacker", attacker, APEX_MAX_PRIORITY,
                             INFINITE_TIME_VALUE);
    PROCESS_ID_TYPE v = make("victim", victim, MIN_PRIORITY_VALUE,
                             5000000);
    START(a, &rc);
    DELAYED_START(v, 100000000, &rc);
    apex_partition_enter_normal();
}
