/*
 * pk-fault, partition "survivor": keeps a 20 ms period for 3 s while the
 * others fault, then judges: its own wake-ups stayed within a window and a
 * tick of the ideal release, "victim" was restarted 4 times and runs,
 * "logger" has exactly its 5 health-monitor records and still runs.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define VICTIM 1
#define LOGGER 2
#define LOGGER_FAULTS 5u
#define PERIOD 20u
#define PERIODS 150u
#define MAX_LATE_NS 12000000ll

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void fail(const char *why)
{
    printf("RESULT pk-fault FAIL %s\n", why);
    pv_test_exit(1);
}

static void judge(void *arg)
{
    (void)arg;
    os_tick_t last = os_tick_count();
    uint64_t t0 = os_time_ns();
    int64_t max_late = 0;
    for (uint32_t i = 1; i <= PERIODS; i++) {
        os_delay_until(&last, PERIOD);
        int64_t late = (int64_t)(os_time_ns() - t0) -
                       (int64_t)i * PERIOD * 1000000ll;
        if (late > max_late)
            max_late = late;
    }
    struct pk_part_status v, l;
    pv_part_status(VICTIM, &v);
    pv_part_status(LOGGER, &l);
    printf("max_late_us=%ld victim restarts=%lu state=%lu logger faults=%lu "
           "state=%lu\n",
           (long)(max_late / 1000), (unsigned long)v.restarts,
           (unsigned long)v.state, (unsigned long)l.faults,
           (unsigned long)l.state);
    if (max_late > MAX_LATE_NS)
        fail("survivor's period disturbed");
    if (v.restarts != 4u || v.state == PK_PART_STOPPED)
        fail("victim not restarted 4 times");
    if (l.faults != LOGGER_FAULTS || l.state == PK_PART_STOPPED)
        fail("logger's faults not logged");
    printf("RESULT pk-fault PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "judge", judge, NULL, 1, stack, 512u);
    os_start();
}
