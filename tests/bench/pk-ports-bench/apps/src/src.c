/*
 * pk-ports-bench, partition "src" (tools/bench_ports.py).
 *
 * main(), in guest-kernel mode with virtual interrupts masked (no upcall
 * runs): the cost of each kernel port call, from the svc to the kernel's
 * return, for 8, 64 and 1024-byte messages, on channels to its own ports:
 * batches of 32 calls, the fastest of 20 batches (a batch a tick interrupted
 * is longer), minus the same loop without the call. Printed as
 *   BENCH <name> n=<calls> total_ns=<fastest batch> empty_ns=<its loop>
 * Then a task: the latency cases (lat_case: sampling and queuing, 8, 64
 * and 1024 bytes, the receiver running in the same window, in the next
 * one, or warped by an urgent destination; each send after a 2-tick sleep,
 * the send's time in the message; the sender's own call timed in the
 * next-window case:
 *   SEND <kind>_<way>_<size> n=20 mean_ns=.. min_ns=.. max_ns=..
 * and CLOCK, two clock reads back to back), then two 200 ms streams of 64
 * and 1024-byte messages to dst (blocking sends).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "os.h"
#include "pv_port.h"
#include "pv_svc.h"

#define BATCH 32u
#define RUNS 20u
#define STREAM_NS 200000000ull
/* Messages per latency case, and the sender's computing after a send. */
#define LAT_N 20u
#define NEXT_SPIN_NS 12000000ull
#define URGENT_SPIN_NS 1000000ull

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[1024];
/* Latency ports: [sampling, queuing][plain, urgent][8, 64, 1024 bytes]. */
static uint32_t h_lat[2][2][3], h_stream, h_stream1k;
static const uint32_t lat_sizes[3] = {8u, 64u, 1024u};
static _Alignas(8) uint8_t msgbuf[4096 + 4];
/* The message: word aligned, or not (the copy's slow case). */
static uint8_t *msg = msgbuf;

static inline int32_t raw4(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r7) : "memory");
    return (int32_t)r0;
}

/* The kernel's index of the port `name`. */
static uint32_t idx(const char *name)
{
    static struct pk_port_info info;
    int32_t r = pv_svc(PK_SVC_PORT_OPEN, (uint32_t)(uintptr_t)name, (uint32_t)strlen(name),
                       (uint32_t)(uintptr_t)&info);
    if (r < 0) {
        printf("bench: no port %s\n", name);
        pv_test_exit(1);
    }
    return (uint32_t)r;
}

/* One batch: BATCH calls of nr(port, msg, len) (with_call) or the loop
 * alone; its duration. */
static uint64_t batch(bool with_call, uint32_t nr, uint32_t port, uint32_t len)
{
    uint64_t t0 = pv_time_ns();
    for (uint32_t i = 0; i < BATCH; i++) {
        if (with_call)
            (void)raw4(nr, port, (uint32_t)(uintptr_t)msg, len, 0u);
        else
            __asm__ volatile("" ::: "memory");
    }
    return pv_time_ns() - t0;
}

static void bench_pair(const char *name, uint32_t nr, uint32_t port, uint32_t len,
                       uint32_t undo_nr, uint32_t undo_port)
{
    uint64_t best = UINT64_MAX, empty = UINT64_MAX;
    for (uint32_t r = 0; r < RUNS; r++) {
        uint64_t e = batch(false, nr, port, len);
        uint64_t t = batch(true, nr, port, len);
        if (e < empty)
            empty = e;
        if (t < best)
            best = t;
        if (undo_nr != 0u) /* drain (or refill) the queue for the next batch */
            for (uint32_t i = 0; i < BATCH; i++)
                (void)raw4(undo_nr, undo_port, (uint32_t)(uintptr_t)msg, len, 0u);
    }
    printf("BENCH %s n=%u total_ns=%lu empty_ns=%lu\n", name, (unsigned)BATCH,
           (unsigned long)best, (unsigned long)empty);
}

static void calls(void)
{
    static const uint32_t sizes[3] = {8u, 64u, 1024u};
    char a[16], b[16], name[32];
    uint64_t best = UINT64_MAX, empty = UINT64_MAX;
    for (uint32_t r = 0; r < RUNS; r++) {
        uint64_t e = batch(false, 0, 0, 0);
        uint64_t t0 = pv_time_ns();
        for (uint32_t i = 0; i < BATCH; i++)
            (void)pv_svc64(PK_SVC_TIME_GET);
        uint64_t t = pv_time_ns() - t0;
        if (e < empty)
            empty = e;
        if (t < best)
            best = t;
    }
    printf("BENCH time_get n=%u total_ns=%lu empty_ns=%lu\n", (unsigned)BATCH,
           (unsigned long)best, (unsigned long)empty);
    for (unsigned k = 0; k < 3u; k++) {
        uint32_t n = sizes[k];
        snprintf(a, sizeof a, "s%lu", (unsigned long)n);
        snprintf(b, sizeof b, "s%luin", (unsigned long)n);
        uint32_t s = idx(a), sin = idx(b);
        snprintf(name, sizeof name, "sampling_write_%lu", (unsigned long)n);
        bench_pair(name, PK_SVC_SAMPLING_WRITE, s, n, 0u, 0u);
        snprintf(name, sizeof name, "sampling_read_%lu", (unsigned long)n);
        bench_pair(name, PK_SVC_SAMPLING_READ, sin, n, 0u, 0u);
        snprintf(a, sizeof a, "q%lu", (unsigned long)n);
        snprintf(b, sizeof b, "q%luin", (unsigned long)n);
        uint32_t q = idx(a), qin = idx(b);
        /* Sends into the empty queue, drained after each batch; receives
         * from the full queue, refilled after each batch. */
        snprintf(name, sizeof name, "queuing_send_%lu", (unsigned long)n);
        bench_pair(name, PK_SVC_QUEUING_SEND, q, n, PK_SVC_QUEUING_RECEIVE, qin);
        for (uint32_t i = 0; i < BATCH; i++)
            (void)raw4(PK_SVC_QUEUING_SEND, q, (uint32_t)(uintptr_t)msg, n, 0u);
        snprintf(name, sizeof name, "queuing_receive_%lu", (unsigned long)n);
        bench_pair(name, PK_SVC_QUEUING_RECEIVE, qin, n, PK_SVC_QUEUING_SEND, q);
    }
    /* The longest message: the bound of a port call's copy. */
    bench_pair("sampling_write_4096", PK_SVC_SAMPLING_WRITE, idx("s4096"), 4096u, 0u, 0u);
    bench_pair("sampling_read_4096", PK_SVC_SAMPLING_READ, idx("s4096in"), 4096u, 0u, 0u);
    /* A caller's buffer that is not word aligned: taken up to
     * PK_PORT_UNALIGNED_MAX bytes (the slow copy), refused beyond. */
    msg = msgbuf + 1;
    bench_pair("sampling_write_256_unaligned", PK_SVC_SAMPLING_WRITE, idx("s1024"),
               PK_PORT_UNALIGNED_MAX, 0u, 0u);
    bench_pair("sampling_read_256_unaligned", PK_SVC_SAMPLING_READ, idx("s1024in"),
               PK_PORT_UNALIGNED_MAX, 0u, 0u);
    bench_pair("sampling_write_4096_unaligned_refused", PK_SVC_SAMPLING_WRITE, idx("s4096"),
               4096u, 0u, 0u);
    msg = msgbuf;
}

static void spin_ns(uint64_t ns)
{
    uint64_t t0 = pv_time_ns();
    while (pv_time_ns() - t0 < ns)
        ;
}

/* One latency case: LAT_N messages of `size` bytes on handle h, each
 * stamped with the time just before the call, then (by `how`) a sleep
 * (the receiver runs when the sender blocks), or computing for
 * NEXT_SPIN_NS, longer than a BVT window, before the sleep (the receiver
 * runs at the window's end), or computing for URGENT_SPIN_NS (only the
 * urgent destination's warp lets the receiver in). */
enum how { SAME, NEXT, URGENT };

static void lat_case(bool sampling, enum how how, uint32_t h, uint32_t size)
{
    static const char *const ways[3] = {"same", "next", "urgent"};
    uint64_t sum = 0, mn = UINT64_MAX, mx = 0;
    for (unsigned i = 0; i < LAT_N; i++) {
        os_delay(2u);
        uint64_t t = pv_time_ns();
        memcpy(msg, &t, sizeof t);
        if (sampling)
            (void)pv_sampling_write(h, msg, size);
        else
            (void)pv_queuing_send(h, msg, size, PV_PORT_NO_WAIT);
        if (how == NEXT) {
            /* The call's own time (the receiver does not preempt here,
             * and the clock read after the call is not in a latency
             * that matters: the receiver waits for the window's end). */
            uint64_t d = pv_time_ns() - t;
            sum += d;
            mn = d < mn ? d : mn;
            mx = d > mx ? d : mx;
            spin_ns(NEXT_SPIN_NS);
        }
        else if (how == URGENT)
            spin_ns(URGENT_SPIN_NS);
    }
    if (how == NEXT)
        printf("SEND %s_%s_%lu n=%u mean_ns=%lu min_ns=%lu max_ns=%lu\n",
               sampling ? "sampling" : "queuing", ways[how], (unsigned long)size,
               (unsigned)LAT_N, (unsigned long)(sum / LAT_N), (unsigned long)mn,
               (unsigned long)mx);
}

/* Two clock reads back to back from a task: what a SEND figure holds
 * beside the call. */
static void clock_pair(void)
{
    uint64_t best = UINT64_MAX;
    for (unsigned i = 0; i < LAT_N; i++) {
        uint64_t t = pv_time_ns();
        uint64_t d = pv_time_ns() - t;
        best = d < best ? d : best;
    }
    printf("CLOCK n=%u min_ns=%lu\n", (unsigned)LAT_N, (unsigned long)best);
}

static void stream(uint32_t h, uint32_t size)
{
    os_delay(5u);
    uint64_t t0 = pv_time_ns(), n = 0;
    while (pv_time_ns() - t0 < STREAM_NS) {
        if (pv_queuing_send(h, msg, size, PV_PORT_FOREVER) == PV_PORT_OK)
            n++;
    }
    (void)pv_queuing_send(h, msg, 1u, PV_PORT_FOREVER); /* the end */
    printf("STREAM-SENT size=%lu sent=%lu ns=%lu\n", (unsigned long)size, (unsigned long)n,
           (unsigned long)(pv_time_ns() - t0));
}

static void run(void *arg)
{
    (void)arg;
    clock_pair();
    /* The order of dst.c: kinds, then ways, then sizes. */
    for (unsigned k = 0; k < 2u; k++)
        for (unsigned w = 0; w < 3u; w++)
            for (unsigned z = 0; z < 3u; z++)
                lat_case(k == 0u, (enum how)w, h_lat[k][w == URGENT][z], lat_sizes[z]);
    stream(h_stream, 64u);
    stream(h_stream1k, 1024u);
    for (;;)
        os_delay(1000u);
}

int main(void)
{
    os_init();
    calls();
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
    os_task_create(&task, "src", run, NULL, 2, stack, 1024u);
    os_start();
}
