/*
 * pk-modes, partition "worker": judges each of its starts and, in its last
 * NORMAL run, its error handler.
 *
 * Starts (driven by "ctl"; n = the kernel's restart count):
 *   0 power-on      COLD_START, normal start       data fresh
 *   1 ctl: warm     WARM_START, partition restart  data kept (boots = 1)
 *   2 ctl: cold     COLD_START, partition restart  data fresh
 *   3 ctl: warm from IDLE                          data kept (boots = 1)
 *   4 HM: warm      WARM_START, HM restart         data kept (boots = 2)
 * "boots" and "kept_word" are persistent data (OS_PERSIST: kept by a warm
 * start, zeroed by a cold one); "data_word" (user data) and "bss_word"
 * (user bss) are reloaded by every start, as is the guest-kernel word. Each start prints
 *   worker: start n=<n> mode=<m> cond=<c> boots=<b> gk=0x<word>
 * In start 3 the task raises an application error (the handler gets it,
 * the task goes on), then makes a data abort (the handler gets it, the
 * task is parked); the handler then reports a numeric error itself: it is
 * busy, so that is the partition's error: warm restart by the HM.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_hm.h"
#include "pv_svc.h"

#define GK_WORD 0x6b776f72u
#define DATA_WORD 0x64617461u
#define KERNEL_RAM (PK_LAYOUT_KERNEL_BASE + 0x4000u)

extern struct pk_vcpu pv_vcpu;

static OS_KOBJ struct os_task task, handler;
static OS_KOBJ uint32_t gk_word = GK_WORD;
static OS_PERSIST uint32_t boots;      /* kept by warm starts */
static OS_PERSIST uint32_t kept_word;  /* kept by warm starts */
static uint32_t data_word = DATA_WORD; /* user data: reloaded */
static uint32_t bss_word;              /* user bss: zeroed */
static uint32_t after_abort;           /* set if the parked task ran on */
static _Alignas(8) port_stack_t stack[512], hstack[512];
static uint32_t n_start, mode_seen, cond_seen, gk_seen;

static void fail(const char *why)
{
    printf("RESULT pk-modes FAIL worker %s\n", why);
    pv_test_exit(1);
}

static void expect(const char *what, uint32_t got, uint32_t want)
{
    if (got != want) {
        printf("worker: %s = %lu, want %lu\n", what, (unsigned long)got,
               (unsigned long)want);
        fail(what);
    }
}

static void handle(void *arg)
{
    (void)arg;
    struct pv_hm_error e;
    /* 1: the task's application error. */
    if (pv_hm_wait(&e) != OS_OK)
        fail("pv_hm_wait");
    printf("worker: handler error=%lu addr=0x%lx failed=%s\n",
           (unsigned long)e.error, (unsigned long)e.addr,
           e.failed == &task ? "task" : "?");
    expect("first error", e.error, PK_HM_ERR_APPLICATION);
    expect("first error's argument", e.addr, 0xA99u);
    if (e.failed != &task)
        fail("first error: failed process");
    struct pv_hm_error last;
    if (!pv_hm_last(&last) || last.seq != e.seq)
        fail("GET_ERROR_STATUS after the first error");
    if (pv_hm_last(&last))
        fail("GET_ERROR_STATUS twice for one error");
    /* 2: the task's data abort. */
    if (pv_hm_wait(&e) != OS_OK)
        fail("pv_hm_wait");
    printf("worker: handler error=%lu addr=0x%lx failed=%s\n",
           (unsigned long)e.error, (unsigned long)e.addr,
           e.failed == &task ? "task" : "?");
    expect("second error", e.error, PK_HM_ERR_DATA_ABORT);
    expect("second error's address", e.addr, KERNEL_RAM);
    if (e.failed != &task)
        fail("second error: failed process");
    os_delay(20u);
    if (after_abort != 0u)
        fail("the failed task ran on after its data abort");
    /* 3: an error of the handler itself (busy: partition level). */
    printf("worker: handler reports a numeric error\n");
    (void)pv_report_error(PK_GUEST_ERR_NUMERIC, 0x0DDu);
    fail("the numeric error did not restart the partition");
}

static void work(void *arg)
{
    (void)arg;
    printf("worker: start n=%lu mode=%lu cond=%lu boots=%lu gk=0x%08lx\n",
           (unsigned long)n_start, (unsigned long)mode_seen,
           (unsigned long)cond_seen, (unsigned long)boots,
           (unsigned long)gk_seen);
    static const uint32_t want_mode[5] = {
        PK_MODE_COLD_START, PK_MODE_WARM_START, PK_MODE_COLD_START,
        PK_MODE_WARM_START, PK_MODE_WARM_START};
    static const uint32_t want_cond[5] = {
        PK_START_NORMAL, PK_START_PARTITION, PK_START_PARTITION,
        PK_START_PARTITION, PK_START_HM_PARTITION};
    static const uint32_t want_boots[5] = {0u, 1u, 0u, 1u, 2u};
    if (n_start > 4u)
        fail("too many starts");
    expect("mode", mode_seen, want_mode[n_start]);
    expect("start condition", cond_seen, want_cond[n_start]);
    expect("boots (persistent data)", boots, want_boots[n_start]);
    expect("guest-kernel word", gk_seen, GK_WORD);
    expect("user data reloaded", data_word, DATA_WORD);
    expect("user bss zeroed", bss_word, 0u);
    expect("persistent data", kept_word,
           want_boots[n_start] == 0u ? 0u : 0x5eedu + want_boots[n_start] - 1u);
    struct pk_mode_status st;
    if (pv_mode_status(PK_SELF, &st) != PK_OK)
        fail("mode status");
    expect("status mode", st.mode, want_mode[n_start]);
    expect("status start condition", st.start_cond, want_cond[n_start]);
    kept_word = 0x5eedu + boots;
    data_word = ~DATA_WORD;
    bss_word = 1u;
    boots++;
    if (n_start == 4u) /* before NORMAL: ctl ends the run once it sees it */
        printf("RESULT pk-modes PASS worker\n");
    if (pv_set_mode(PK_SELF, PK_MODE_NORMAL) != PK_OK)
        fail("SET_MODE NORMAL");
    if (pv_mode_status(PK_SELF, &st) != PK_OK)
        fail("mode status");
    expect("mode after SET_MODE NORMAL", st.mode, PK_MODE_NORMAL);
    printf("worker: normal n=%lu\n", (unsigned long)n_start);
    if (n_start == 3u) {
        (void)pv_report_error(PK_GUEST_ERR_APP, 0xA99u);
        printf("worker: task goes on after its application error\n");
        os_delay(10u);
        *(volatile uint32_t *)KERNEL_RAM = 0u;
        after_abort = 1u;
        fail("the task ran on after its data abort");
    }
    for (;;)
        os_delay(1000u);
}

int main(void)
{
    /* Guest-kernel mode: the vCPU and the guest-kernel word. */
    n_start = pv_vcpu.restarts;
    mode_seen = pv_vcpu.mode;
    cond_seen = pv_vcpu.start_cond;
    gk_seen = gk_word;
    gk_word = 0u;
    os_init();
    os_task_create(&task, "task", work, NULL, 1, stack, 512u);
    os_task_create(&handler, "handler", handle, NULL, 5, hstack, 512u);
    if (pv_hm_set_handler(&handler) != OS_OK)
        fail("pv_hm_set_handler");
    os_start();
}
