/*
 * pk-ports, partition "urg": the latency from tx's send (the time in the
 * message) to this task running, through a plain destination port and an
 * urgent one, while tx computes for 5 ms after each send. The urgent
 * message warps this partition at once (as a VIT expiry); the plain one
 * waits for tx's turn to end. Ends the run.
 */
#include <stdint.h>

#include "../common.h"
#include "os.h"
#include "pv_port.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[1024];
static uint32_t h_urgent, h_plain;

static uint64_t latency(uint32_t h)
{
    uint64_t t;
    uint32_t len;
    enum pv_port_rc rc = pv_queuing_receive(h, &t, sizeof t, &len,
                                            PV_PORT_FOREVER);
    uint64_t now = pv_time_ns();
    CHECK("urg receive", rc == PV_PORT_OK && len == sizeof t);
    return now - t;
}

static void run(void *arg)
{
    (void)arg;
    uint64_t plain = latency(h_plain);
    uint64_t urgent = latency(h_urgent);
    printf("send -> receiving task running: plain %lu us, urgent %lu us\n",
           (unsigned long)(plain / 1000u), (unsigned long)(urgent / 1000u));
    CHECK("a plain port waits for the sender's turn", plain >= 1000000u);
    CHECK("an urgent port wakes its partition at once", urgent <= 100000u);
    printf("RESULT pk-ports PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    if (pv_port_open("urgent", &h_urgent, NULL) != PV_PORT_OK ||
        pv_port_open("plain", &h_plain, NULL) != PV_PORT_OK) {
        printf("RESULT pk-ports FAIL open\n");
        pv_test_exit(1);
    }
    os_task_create(&task, "urg", run, NULL, 3, stack, 1024u);
    os_task_set_realtime(&task, true);
    os_start();
}
