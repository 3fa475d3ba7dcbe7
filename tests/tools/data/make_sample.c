/*
 * make_sample.c - writes a sample console capture of a partitioned run, made
 * with the real trace ring buffer (rtos/trace/trace.c) driven by a scripted
 * clock, so that the host tools are tested against what the C side emits.
 *
 * The script: the kernel (source 0) runs partition 1 "matrix" (one CPU-bound
 * task) and wakes partition 2 "media" by VIT every 2 ms; media's task runs a
 * 150..190 us job, sends to a queue, and delays again. Frames of every
 * source are drained every 5 ms between ordinary console lines, each
 * frame at the start of its own line, as the kernel writes them.
 *
 *   make_sample            -> the normal capture (sample_console.log)
 *   make_sample overflow   -> media's buffer is only 8 records, so records
 *                             are lost and reported (sample_overflow.log)
 *
 * Build: gcc -std=c11 -Irtos/trace tests/tools/data/make_sample.c
 *        rtos/trace/trace.c -o make_sample
 */
#include <stdio.h>
#include <string.h>

#include "trace.h"

#define MS 1000000ull
#define US 1000ull
#define JOBS 20u
#define PERIOD (2u * MS)
#define OFFSET (500u * US)

static uint64_t now_ns;

static uint64_t script_clock(void)
{
    return now_ns;
}

/* Console output of the drain: the kernel writes every buffer's frames
 * itself, unlabelled, at the start of a line (a partition's own console
 * lines carry its "[name] " label, so they can never pass for frames). */
static void console_write(const char *s, size_t len)
{
    fwrite(s, 1, len, stdout);
}

static struct trace_record kernel_store[256];
static struct trace_record matrix_store[64];
static struct trace_record media_store[256];
static struct trace_buf kernel;
static struct trace_buf matrix;
static struct trace_buf media;

static void drain_all(void)
{
    while (trace_drain(&kernel, console_write, 64) != 0u) {
    }
    while (trace_drain(&matrix, console_write, 64) != 0u) {
    }
    while (trace_drain(&media, console_write, 64) != 0u) {
    }
}

/* Emit into b at time t (the clock only moves forward in the script). */
static void at(uint64_t t)
{
    if (t > now_ns) {
        now_ns = t;
    }
}

int main(int argc, char **argv)
{
    int overflow = argc > 1 && strcmp(argv[1], "overflow") == 0;
    uint64_t next_drain = 5u * MS;
    uint64_t next_tick = 1u * MS;

    trace_init(&kernel, kernel_store, sizeof kernel_store,
               TRACE_SOURCE_KERNEL);
    trace_init(&matrix, matrix_store, sizeof matrix_store,
               TRACE_SOURCE_PARTITION(0));
    trace_init(&media, media_store,
               overflow ? 8u * TRACE_RECORD_BYTES : sizeof media_store,
               TRACE_SOURCE_PARTITION(1));
    trace_set_hooks(&kernel, script_clock, NULL, NULL);
    trace_set_hooks(&matrix, script_clock, NULL, NULL);
    trace_set_hooks(&media, script_clock, NULL, NULL);

    printf("pk: versatilepb, 2 partitions, policy bvt\n");
    at(10u * US);
    trace_task_create(&matrix, 0, 0, "idle");
    trace_task_create(&matrix, 1, 2, "matrix");
    trace_task_create(&media, 0, 0, "idle");
    trace_task_create(&media, 1, 3, "media");
    trace_emit(&kernel, TRACE_PART_SWITCH, 1, 0, 0);
    at(12u * US);
    trace_emit(&matrix, TRACE_TASK_SWITCH, 1, 2,
               TRACE_NO_TASK | (TRACE_STATE_READY << 8));

    for (unsigned k = 0; k < JOBS; k++) {
        uint64_t r = OFFSET + (uint64_t)k * PERIOD;
        uint64_t lat = 2u * US + (k % 4u) * 500u;
        uint64_t work = 150u * US + (k % 5u) * 10u * US;
        uint64_t s;
        uint64_t f;

        /* Virtual ticks of the matrix partition before this release. */
        while (next_tick < r) {
            at(next_tick);
            trace_emit(&kernel, TRACE_VIRQ, 1, 0, 0);
            next_tick += 1u * MS;
        }
        if (next_drain < r) {
            printf("[matrix] rows done: %u\n", k * 7u);
            drain_all();
            next_drain += 5u * MS;
        }

        at(r);
        trace_emit(&kernel, TRACE_VIT_EXPIRE, 2, 0, 0);
        trace_emit(&kernel, TRACE_WARP, 2, 0, 0);
        at(r + lat);
        trace_emit(&kernel, TRACE_PART_SWITCH, 2, 1, 0);
        at(r + lat + 200u);
        trace_emit(&media, TRACE_TASK_READY, 1, 0, 0);
        s = r + lat + 400u;
        at(s);
        trace_emit(&media, TRACE_TASK_SWITCH, 1, 3,
                   0u | (TRACE_STATE_READY << 8));
        trace_emit(&media, TRACE_PROBE, 2, 1, 0);
        at(s + work / 2u);
        trace_emit(&media, TRACE_QUEUE_SEND, 1, (k % 3u) + 1u, 0x2000u);
        trace_emit(&media, TRACE_SEM_GIVE, 1, 1, 0x2100u);
        f = s + work;
        at(f);
        trace_emit(&media, TRACE_PROBE, 2, 0, 0);
        trace_emit(&media, TRACE_TASK_DELAY, 1, 0, 2);
        at(f + 300u);
        trace_emit(&media, TRACE_TASK_SWITCH, 0, 0,
                   1u | (TRACE_STATE_BLOCKED << 8));
        at(f + 500u);
        trace_emit(&kernel, TRACE_SVC, 2, 5, 0);
        at(f + 600u);
        trace_vit_set(&kernel, 2, r + PERIOD);
        at(f + 800u);
        trace_emit(&kernel, TRACE_SVC, 2, 6, 0);
        trace_emit(&kernel, TRACE_UNWARP, 2, 0, 0);
        at(f + 1000u);
        trace_emit(&kernel, TRACE_PART_SWITCH, 1, 2, 0);
        if (k == 11u) {
            /* One logged fault of the matrix partition. */
            at(f + 50u * US);
            trace_emit(&kernel, TRACE_HM, 1, 1, 0xdead0000u);
        }
        printf("[media] frame %u\n", k);
    }
    at(OFFSET + JOBS * PERIOD);
    trace_emit(&kernel, TRACE_PART_SWITCH, 0, 1, 0);
    drain_all();
    printf("pk: end of run\n");
    return 0;
}
