/*
 * pk-hm-module, partitions "judge" (index 0) and "peer" (index 1), one
 * app: each goes NORMAL and counts in its user data. The judge, in its
 * first start, reports a configuration error from its task: the module
 * resets (every partition cold, HM_MODULE_RESTART). In its second start it
 * checks its data were reloaded, its start condition, and that the peer
 * was restarted once with the same condition, then ends the run.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];
static uint32_t runs; /* user data: a cold start zeroes it */

static void fail(const char *why)
{
    printf("RESULT pk-hm-module FAIL %s\n", why);
    pv_test_exit(1);
}

static void run(void *arg)
{
    (void)arg;
    struct pk_mode_status me, peer;
    if (pv_mode_status(PK_SELF, &me) != PK_OK)
        fail("mode status");
    runs++;
    if (pv_set_mode(PK_SELF, PK_MODE_NORMAL) != PK_OK)
        fail("SET_MODE NORMAL");
    printf("start restarts=%lu cond=%lu runs=%lu\n", (unsigned long)me.restarts,
           (unsigned long)me.start_cond, (unsigned long)runs);
    if (runs != 1u)
        fail("data not reloaded by the module reset");
    if (me.index == 1u) { /* the peer only waits */
        for (;;)
            os_delay(1000u);
    }
    if (me.restarts == 0u) {
        if (me.start_cond != PK_START_NORMAL)
            fail("first start condition");
        os_delay(20u); /* the peer is NORMAL by then */
        (void)pv_report_error(PK_GUEST_ERR_CONFIG, 0xC0Fu);
        fail("the configuration error did not reset the module");
    }
    if (me.start_cond != PK_START_HM_MODULE || me.restarts != 1u)
        fail("start condition after the module reset");
    os_delay(20u);
    if (pv_mode_status(1, &peer) != PK_OK)
        fail("peer status");
    printf("peer restarts=%lu cond=%lu mode=%lu\n", (unsigned long)peer.restarts,
           (unsigned long)peer.start_cond, (unsigned long)peer.mode);
    if (peer.restarts != 1u || peer.start_cond != PK_START_HM_MODULE ||
        peer.mode != PK_MODE_NORMAL)
        fail("the peer was not reset with the module");
    printf("RESULT pk-hm-module PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "run", run, NULL, 1, stack, 512u);
    os_start();
}
