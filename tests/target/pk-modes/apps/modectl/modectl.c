/*
 * pk-modes, partition "ctl" (system partition: mode_of worker, hm_log):
 * drives "worker" through its starts (see modeworker.c) and judges the
 * kernel's side: every SET_MODE result on another partition, the mode
 * status it reads, the worker stopped while IDLE, and at the end the HM
 * log (the worker's application error and data abort went to its
 * handler, its handler's numeric error restarted it warm).
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define WORKER 1
#define WAIT_TICKS 3000u

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[768];

static void fail(const char *why)
{
    printf("RESULT pk-modes FAIL ctl %s\n", why);
    pv_test_exit(1);
}

static void check(const char *what, int32_t got, int32_t want)
{
    printf("ctl: %s: %ld\n", what, (long)got);
    if (got != want) {
        printf("ctl: want %ld\n", (long)want);
        fail(what);
    }
}

static struct pk_mode_status status(void)
{
    struct pk_mode_status st;
    if (pv_mode_status(WORKER, &st) != PK_OK)
        fail("mode status of the worker");
    return st;
}

/* Waits until the worker is NORMAL after its restart number n. */
static void wait_normal(uint32_t n)
{
    for (uint32_t t = 0; t < WAIT_TICKS; t++) {
        struct pk_mode_status st = status();
        if (st.restarts == n && st.mode == PK_MODE_NORMAL)
            return;
        if (st.restarts > n)
            break;
        os_delay(1u);
    }
    printf("ctl: worker not NORMAL after restart %lu\n", (unsigned long)n);
    fail("worker did not reach NORMAL");
}

static void run(void *arg)
{
    (void)arg;
    wait_normal(0u);
    check("set worker NORMAL again", pv_set_mode(WORKER, PK_MODE_NORMAL),
          PK_ENOACTION);
    check("set worker mode 9", pv_set_mode(WORKER, 9u), PK_EINVAL);
    check("set partition 7", pv_set_mode(7, PK_MODE_IDLE), PK_EINVAL);
    check("set worker WARM_START", pv_set_mode(WORKER, PK_MODE_WARM_START),
          PK_OK);
    wait_normal(1u);
    check("set worker COLD_START", pv_set_mode(WORKER, PK_MODE_COLD_START),
          PK_OK);
    wait_normal(2u);
    check("set worker IDLE", pv_set_mode(WORKER, PK_MODE_IDLE), PK_OK);
    struct pk_mode_status st = status();
    check("worker mode", (int32_t)st.mode, PK_MODE_IDLE);
    struct pk_part_status ps;
    if (pv_part_status(WORKER, &ps) != PK_OK)
        fail("part status");
    check("worker state", (int32_t)ps.state, PK_PART_STOPPED);
    uint64_t ticks = ps.ticks;
    os_delay(50u);
    (void)pv_part_status(WORKER, &ps);
    check("worker ticks while idle", (int32_t)(ps.ticks - ticks), 0);
    check("set idle worker NORMAL", pv_set_mode(WORKER, PK_MODE_NORMAL),
          PK_EMODE);
    check("set idle worker IDLE", pv_set_mode(WORKER, PK_MODE_IDLE),
          PK_ENOACTION);
    check("set idle worker WARM_START",
          pv_set_mode(WORKER, PK_MODE_WARM_START), PK_OK);
    wait_normal(3u);
    /* Start 3 ends in the HM's warm restart (start 4). */
    wait_normal(4u);
    st = status();
    check("worker warm restarts", (int32_t)st.warm_restarts, 3);
    check("worker start condition", (int32_t)st.start_cond,
          PK_START_HM_PARTITION);
    check("worker errors to its handler", (int32_t)st.hm_errors, 2);
    /* The HM log: the worker's three records, in order. */
    static const uint32_t want_err[3] = {PK_HM_ERR_APPLICATION,
                                         PK_HM_ERR_DATA_ABORT,
                                         PK_HM_ERR_NUMERIC};
    static const uint32_t want_act[3] = {PK_HM_ACT_HANDLER, PK_HM_ACT_HANDLER,
                                         PK_HM_ACT_WARM_START};
    static _Alignas(8) struct pk_hm_entry e;
    uint32_t found = 0;
    int32_t n = pv_hm_log_read(0u, &e);
    if (n <= 0)
        fail("HM log empty");
    for (uint32_t seq = 0; seq < (uint32_t)n; seq++) {
        if (pv_hm_log_read(seq, &e) < 0)
            fail("HM log record");
        if (e.part != WORKER)
            continue;
        printf("ctl: hm log seq=%lu error=%lu action=%lu\n",
               (unsigned long)e.seq, (unsigned long)e.error,
               (unsigned long)e.action);
        if (found >= 3u || e.error != want_err[found] ||
            e.action != want_act[found])
            fail("HM log of the worker");
        found++;
    }
    check("worker HM records", (int32_t)found, 3);
    check("HM log beyond its end", pv_hm_log_read((uint32_t)n, &e),
          PK_ENOTAVAIL);
    check("HM log misaligned buffer",
          pv_svc(PK_SVC_HM_LOG_READ, 0u, (uint32_t)(uintptr_t)&e + 4u, 0u),
          PK_EFAULT);
    printf("RESULT pk-modes PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "ctl", run, NULL, 1, stack, 768u);
    os_start();
}
