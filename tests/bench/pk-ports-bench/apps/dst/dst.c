/*
 * pk-ports-bench, partition "dst" (tools/bench_ports.py): the latency from
 * src's send (the time in the message) to the receiving task running, for
 * sampling and queuing ports, 8, 64 and 1024-byte messages, the receiver
 * running in the sender's window (when the sender blocks), in the next
 * window, or at once (an urgent destination: the arrival warps this
 * partition), and the receiving end of two streams. Prints
 *   LAT <kind>_<way>_<size> n=<n> mean_ns=<> min_ns=<> max_ns=<>
 *   STREAM size=<s> received=<n> bytes=<b> ns=<from the first message to the end>
 * and ends the run.
 *
 * A queuing receiver blocks in pv_queuing_receive (the partition is idle
 * until the message's port event). A sampling destination has no waiters
 * (a read never blocks), so its receiver polls: it sees a new message by
 * its time stamp, and after a read that found none it yields the
 * partition's slice (PK_SVC_YIELD), so that a runnable sender runs at once
 * and the poller does not run ahead of its share (a partition ahead in
 * virtual time by more than its warp minus the allowance is not let in by
 * an urgent arrival). The poll adds up to one read and one yield.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "os.h"
#include "pv_port.h"
#include "pv_svc.h"

#define LAT_N 20u

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[1024];
/* [sampling, queuing][plain, urgent][8, 64, 1024 bytes], as in src.c. */
static uint32_t h_lat[2][2][3], h_stream, h_stream1k;
static const uint32_t lat_sizes[3] = {8u, 64u, 1024u};
static const char *const kinds[2] = {"sampling", "queuing"};
static const char *const ways[3] = {"same", "next", "urgent"};
static _Alignas(8) uint8_t buf[1024];

static void lat(unsigned k, unsigned w, unsigned z)
{
    uint32_t h = h_lat[k][w == 2u][z];
    uint64_t sum = 0, mn = UINT64_MAX, mx = 0, last = 0;
    /* The sampling port of the same and next ways is one: its last message
     * is the same way's. */
    if (k == 0u) {
        uint32_t len;
        bool valid;
        if (pv_sampling_read(h, buf, sizeof buf, &len, &valid) == PV_PORT_OK)
            memcpy(&last, buf, sizeof last);
    }
    for (unsigned i = 0; i < LAT_N; i++) {
        uint64_t t;
        uint32_t len;
        if (k == 0u) {
            bool valid;
            for (;;) {
                t = 0;
                if (pv_sampling_read(h, buf, sizeof buf, &len, &valid) == PV_PORT_OK)
                    memcpy(&t, buf, sizeof t);
                if (t != last)
                    break;
                (void)pv_svc(PK_SVC_YIELD, 0u, 0u, 0u);
            }
            last = t;
        } else {
            (void)pv_queuing_receive(h, buf, sizeof buf, &len, PV_PORT_FOREVER);
            memcpy(&t, buf, sizeof t);
        }
        uint64_t d = pv_time_ns() - t;
        if (len != lat_sizes[z])
            printf("bench: %s message of %lu bytes, not %lu\n", kinds[k],
                   (unsigned long)len, (unsigned long)lat_sizes[z]);
        sum += d;
        mn = d < mn ? d : mn;
        mx = d > mx ? d : mx;
    }
    printf("LAT %s_%s_%lu n=%u mean_ns=%lu min_ns=%lu max_ns=%lu\n", kinds[k], ways[w],
           (unsigned long)lat_sizes[z], (unsigned)LAT_N, (unsigned long)(sum / LAT_N),
           (unsigned long)mn, (unsigned long)mx);
}

static void stream(uint32_t h, uint32_t size)
{
    uint32_t len;
    uint64_t n = 0, bytes = 0, t0 = 0;
    for (;;) {
        (void)pv_queuing_receive(h, buf, sizeof buf, &len, PV_PORT_FOREVER);
        if (n == 0u)
            t0 = pv_time_ns();
        if (len != size)
            break;
        n++;
        bytes += len;
    }
    printf("STREAM size=%lu received=%lu bytes=%lu ns=%lu\n", (unsigned long)size,
           (unsigned long)n, (unsigned long)bytes, (unsigned long)(pv_time_ns() - t0));
}

static void run(void *arg)
{
    (void)arg;
    /* The order of src.c: kinds, then ways, then sizes. The receiver is a
     * real-time task for the urgent way (its warp ends when it blocks). */
    for (unsigned k = 0; k < 2u; k++)
        for (unsigned w = 0; w < 3u; w++) {
            os_task_set_realtime(NULL, w == 2u);
            for (unsigned z = 0; z < 3u; z++)
                lat(k, w, z);
        }
    os_task_set_realtime(NULL, false);
    stream(h_stream, 64u);
    stream(h_stream1k, 1024u);
    printf("RESULT pk-ports-bench PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    char name[16];
    for (unsigned k = 0; k < 2u; k++)
        for (unsigned u = 0; u < 2u; u++)
            for (unsigned z = 0; z < 3u; z++) {
                snprintf(name, sizeof name, "l%s%s%lu", k == 0u ? "s" : "q", u ? "u" : "",
                         (unsigned long)lat_sizes[z]);
                if (pv_port_open(name, &h_lat[k][u][z], NULL) != PV_PORT_OK) {
                    printf("bench: open %s failed\n", name);
                    pv_test_exit(1);
                }
            }
    if (pv_port_open("stream", &h_stream, NULL) != PV_PORT_OK ||
        pv_port_open("stream1k", &h_stream1k, NULL) != PV_PORT_OK) {
        printf("bench: open failed\n");
        pv_test_exit(1);
    }
    os_task_create(&task, "dst", run, NULL, 3, stack, 1024u);
    os_start();
}
