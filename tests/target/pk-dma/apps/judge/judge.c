/*
 * pk-dma, partition "judge": ends the run. Waits (at most 5 s of virtual
 * time) until "dmatest" has made its attempts and been stopped by its
 * last, unskippable fault, and until "periodic" has run for 1.1 s; then
 * passes if periodic has no health-monitor record (no deadline miss) and
 * still runs. The attempts themselves are judged by dmatest and check.py.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define PERIODIC 0
#define DMATEST 1
#define LIMIT_NS 5000000000ull

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void finish(int status, const char *why)
{
    if (status == 0)
        printf("RESULT pk-dma PASS\n");
    else
        printf("RESULT pk-dma FAIL %s\n", why);
    pv_test_exit(status);
}

static void judge(void *arg)
{
    (void)arg;
    struct pk_part_status p, d;
    for (;;) {
        os_delay(100u);
        if (pv_part_status(PERIODIC, &p) != PK_OK ||
            pv_part_status(DMATEST, &d) != PK_OK)
            finish(1, "no partition status");
        if (d.state == PK_PART_STOPPED && p.ticks >= 1100u)
            break;
        if (os_time_ns() > LIMIT_NS)
            finish(1, "dmatest did not stop");
    }
    printf("judge: dmatest stopped after %lu records; periodic faults=%lu "
           "state=%lu ticks=%lu\n", (unsigned long)d.faults,
           (unsigned long)p.faults, (unsigned long)p.state,
           (unsigned long)p.ticks);
    if (p.faults != 0u || p.state == PK_PART_STOPPED)
        finish(1, "periodic partition missed a deadline or faulted");
    finish(0, "");
}

int main(void)
{
    os_init();
    os_task_create(&task, "judge", judge, NULL, 1, stack, 512u);
    os_start();
}
