/*
 * pk-ports, partition "tx": the sender. Steps (docs/arinc653.md, the
 * table of rules and tests), each matched by rx:
 *   1 sampling length checks; 4 messages fill rx.data, a 5th (timeout 0:
 *     NOT_AVAILABLE) and a 6th (20 ticks: TIMED_OUT) are lost and marked;
 *     a fresh sample, then "go1" on ctl;
 *   2 after rx's "a1": two messages for the clear, "go2";
 *   3 after "a2" (rx's waiters are waiting): 3 messages on fifo and prio;
 *   4 after "a3": the latency of a plain and an urgent port to "urg".
 */
#include <string.h>

#include "../common.h"
#include "os.h"
#include "pv_port.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[1024];
static uint32_t h_sample, h_data, h_ctl, h_fifo, h_prio, h_ack, h_urgent,
    h_plain;

static void send_str(uint32_t h, const char *s)
{
    enum pv_port_rc rc = pv_queuing_send(h, s, (uint32_t)strlen(s),
                                         PV_PORT_FOREVER);
    CHECK("tx send", rc == PV_PORT_OK);
}

static void wait_ack(const char *want)
{
    char buf[8];
    uint32_t len;
    enum pv_port_rc rc =
        pv_queuing_receive(h_ack, buf, sizeof buf, &len, PV_PORT_FOREVER);
    CHECK("tx ack", rc == PV_PORT_OK && len == strlen(want) &&
                        memcmp(buf, want, len) == 0);
}

static void send_time(uint32_t h)
{
    uint64_t t = pv_time_ns();
    CHECK("tx timed send",
          pv_queuing_send(h, &t, sizeof t, PV_PORT_NO_WAIT) == PV_PORT_OK);
}

static void run(void *arg)
{
    (void)arg;
    char big[17] = {0};
    CHECK("sampling zero length INVALID_PARAM",
          pv_sampling_write(h_sample, big, 0u) == PV_PORT_INVALID_PARAM);
    CHECK("sampling too long INVALID_CONFIG",
          pv_sampling_write(h_sample, big, 17u) == PV_PORT_INVALID_CONFIG);
    CHECK("queuing zero length INVALID_PARAM",
          pv_queuing_send(h_data, big, 0u, 0u) == PV_PORT_INVALID_PARAM);
    CHECK("queuing too long INVALID_CONFIG",
          pv_queuing_send(h_data, big, 33u, 0u) == PV_PORT_INVALID_CONFIG);
    static const char *const d[4] = {"d1", "d2", "d3", "d4"};
    for (unsigned i = 0; i < 4u; i++)
        CHECK("fill", pv_queuing_send(h_data, d[i], 2u, PV_PORT_NO_WAIT) ==
                          PV_PORT_OK);
    CHECK("send timeout 0 on a full queue NOT_AVAILABLE",
          pv_queuing_send(h_data, "d5", 2u, PV_PORT_NO_WAIT) ==
              PV_PORT_NOT_AVAILABLE);
    uint64_t t0 = pv_time_ns();
    enum pv_port_rc rc = pv_queuing_send(h_data, "d6", 2u, 20u);
    uint64_t waited = pv_time_ns() - t0;
    printf("send TIMED_OUT after %lu us\n", (unsigned long)(waited / 1000u));
    CHECK("send timeout 20 ticks TIMED_OUT",
          rc == PV_PORT_TIMED_OUT && waited >= 19000000u &&
              waited <= 22000000u);
    CHECK("sampling write",
          pv_sampling_write(h_sample, "fresh", 5u) == PV_PORT_OK);
    send_str(h_ctl, "go1");
    wait_ack("a1");
    send_str(h_data, "e1");
    send_str(h_data, "e2");
    send_str(h_ctl, "go2");
    wait_ack("a2");
    static const char *const m[3] = {"1", "2", "3"};
    for (unsigned i = 0; i < 3u; i++)
        send_str(h_fifo, m[i]);
    for (unsigned i = 0; i < 3u; i++)
        send_str(h_prio, m[i]);
    wait_ack("a3");
    /* A fresh start of this partition's turn, then the plain port and the
     * urgent one, each followed by 5 ms of computing: a plain message waits
     * for this partition's turn to end, an urgent one does not. */
    os_delay(3u);
    send_time(h_plain);
    spin_ns(5000000u);
    send_time(h_urgent);
    spin_ns(5000000u);
    for (;;)
        os_delay(1000u);
}

static void open_port(const char *name, uint32_t *h)
{
    if (pv_port_open(name, h, NULL) != PV_PORT_OK) {
        printf("RESULT pk-ports FAIL open %s\n", name);
        pv_test_exit(1);
    }
}

int main(void)
{
    os_init();
    open_port("sample", &h_sample);
    open_port("data", &h_data);
    open_port("ctl", &h_ctl);
    open_port("fifo", &h_fifo);
    open_port("prio", &h_prio);
    open_port("ack", &h_ack);
    open_port("to_urgent", &h_urgent);
    open_port("to_plain", &h_plain);
    uint32_t h;
    if (pv_port_open("nosuch", &h, NULL) != PV_PORT_INVALID_CONFIG) {
        printf("RESULT pk-ports FAIL open of an unknown name\n");
        pv_test_exit(1);
    }
    os_task_create(&task, "tx", run, NULL, 2, stack, 1024u);
    os_start();
}
