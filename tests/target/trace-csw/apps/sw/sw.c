/*
 * trace-csw, partition "sw": tasks "ping" and "pong" (equal priority)
 * yield to each other SWITCHES times; ping prints the mean time of one
 * switch on the global clock and ends the run. A task switch in a guest is
 * a service call (PK_SVC_EVENT_RAISE), an upcall, the tick core's switch
 * and PK_SVC_UPCALL_RETURN; with the trace on, each switch also makes
 * trace records (and with PROBE_TASK=ping, probe-pin service calls).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define SWITCHES 2000u
#define CLOCK_READS 1000u

static OS_KOBJ struct os_task ping_task;
static OS_KOBJ struct os_task pong_task;
static _Alignas(8) port_stack_t ping_stack[512];
static _Alignas(8) port_stack_t pong_stack[512];

static volatile uint32_t pongs;

static void pong(void *arg)
{
    (void)arg;
    for (;;) {
        pongs++;
        os_task_yield();
    }
}

static void ping(void *arg)
{
    (void)arg;
#ifdef CSW_START_DELAY_MS
    /* Time for a host to plant tracepoints first (tools/bench_tp.py). */
    (void)os_delay(CSW_START_DELAY_MS);
#endif
    /* The clock in a partition is a service call (PK_SVC_TIME_GET), as
     * the guest's trace stamps use it: its cost per read. */
    uint64_t c0 = pv_time_ns();
    for (uint32_t i = 0; i < CLOCK_READS; i++)
        (void)pv_time_ns();
    uint64_t c1 = pv_time_ns();
    printf("clock reads=%lu ns_per_read=%lu\n", (unsigned long)CLOCK_READS,
           (unsigned long)((c1 - c0) / (CLOCK_READS + 1u)));
    os_task_yield(); /* let pong start: both loops are then in step */
    uint32_t before = pongs;
    os_tick_t tick0 = os_tick_count();
    uint64_t t0 = os_time_ns();
    for (uint32_t i = 0; i < SWITCHES / 2u; i++)
        os_task_yield();
    uint64_t t1 = os_time_ns();
    uint32_t n = pongs - before;
    uint32_t ticks = (uint32_t)(os_tick_count() - tick0);
    printf("csw switches=%lu ns_per_switch=%lu pongs=%lu\n",
           (unsigned long)SWITCHES,
           (unsigned long)((t1 - t0) / SWITCHES), (unsigned long)n);
    /* Every yield of ping lets pong run once, except where a tick's
     * round robin switched between the two in the meantime: each tick of
     * the run can take or add at most one turn (more ticks fall in the run
     * when tracing with small buffers makes it drain often). */
    bool ok = n + ticks + 2u >= SWITCHES / 2u && n <= SWITCHES / 2u + ticks + 2u;
    printf("RESULT trace-csw %s\n", ok ? "PASS" : "FAIL pong did not run");
    pv_test_exit(ok ? 0 : 1);
}

int main(void)
{
    os_init();
    os_task_create(&ping_task, "ping", ping, NULL, 2, ping_stack, 512u);
    os_task_create(&pong_task, "pong", pong, NULL, 2, pong_stack, 512u);
    os_start();
}
