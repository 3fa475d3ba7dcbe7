/*
 * pk-ports-bench, partition "dst" (tools/bench_ports.py): the latency from
 * src's send (the time in the message) to the receiving task running, for
 * the urgent port (a real-time task) and the plain one, and the receiving
 * end of the stream. Prints
 *   LAT <port> n=<n> mean_ns=<> min_ns=<> max_ns=<>
 *   STREAM received=<n> bytes=<b> ns=<from the first message to the end>
 * and ends the run.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_port.h"
#include "pv_svc.h"

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[1024];
static uint32_t h_urg, h_plain, h_stream;

static void lat(const char *name, uint32_t h)
{
    uint64_t sum = 0, mn = UINT64_MAX, mx = 0;
    for (unsigned i = 0; i < 50u; i++) {
        uint64_t t;
        uint32_t len;
        (void)pv_queuing_receive(h, &t, sizeof t, &len, PV_PORT_FOREVER);
        uint64_t d = pv_time_ns() - t;
        sum += d;
        mn = d < mn ? d : mn;
        mx = d > mx ? d : mx;
    }
    printf("LAT %s n=50 mean_ns=%lu min_ns=%lu max_ns=%lu\n", name,
           (unsigned long)(sum / 50u), (unsigned long)mn, (unsigned long)mx);
}

static void run(void *arg)
{
    (void)arg;
    lat("urgent", h_urg);
    os_task_set_realtime(NULL, false);
    lat("plain", h_plain);
    static uint8_t buf[64];
    uint32_t len;
    uint64_t n = 0, bytes = 0, t0 = 0;
    for (;;) {
        (void)pv_queuing_receive(h_stream, buf, sizeof buf, &len, PV_PORT_FOREVER);
        if (n == 0u)
            t0 = pv_time_ns();
        if (len != 64u)
            break;
        n++;
        bytes += len;
    }
    printf("STREAM received=%lu bytes=%lu ns=%lu\n", (unsigned long)n,
           (unsigned long)bytes, (unsigned long)(pv_time_ns() - t0));
    printf("RESULT pk-ports-bench PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    if (pv_port_open("urg", &h_urg, NULL) != PV_PORT_OK ||
        pv_port_open("plain", &h_plain, NULL) != PV_PORT_OK ||
        pv_port_open("stream", &h_stream, NULL) != PV_PORT_OK) {
        printf("bench: open failed\n");
        pv_test_exit(1);
    }
    os_task_create(&task, "dst", run, NULL, 3, stack, 1024u);
    os_task_set_realtime(&task, true);
    os_start();
}
