/*
 * rttrace - attacker: kernel-only records in a guest's trace buffer.
 *
 * In a trace build (make trace) each guest kernel records into its own
 * buffer and the partitioning kernel drains it (partitions/trace.c,
 * drain_guest): it validates the control block and stamps the frame with
 * the guest's source, but copies the records as they are. main() runs in
 * guest-kernel mode, so it may write that buffer: besides its own task
 * records it emits a partition switch to the victim (source 1), a health-
 * monitor fault and a warp of partition 0 (the victim), records that only
 * the kernel makes, dated at FORGED_NS. tools/trace/trace.py accepts them
 * (the record's source is this partition's) and the Perfetto output shows
 * the switch on the kernel's own track.
 */
#if !defined(PK_TRACE_ENABLED) || !PK_TRACE_ENABLED
#error "rt-tracelie needs a trace build: make trace SYSTEM=rt-tracelie TRACE_RUN_MS=300"
#endif

#include <stdint.h>

#include "os.h"
#include "os_trace_glue.h"
#include "trace.h"

#define FORGED_NS 123456789ull /* a time the forged records claim */

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[256];

static void forge(unsigned type, unsigned a0, unsigned a1, uint32_t a2)
{
    uint32_t i = os_trace_buf.head & (os_trace_buf.capacity - 1u);
    struct trace_record *r = &os_trace_buf.slots[i];
    r->time_ns = FORGED_NS;
    r->type = (uint8_t)type;
    r->source = os_trace_buf.source;
    r->a0 = (uint8_t)a0;
    r->a1 = (uint8_t)a1;
    r->a2 = a2;
    os_trace_buf.head++;
}

static void run(void *arg)
{
    (void)arg;
    for (;;)
        os_delay(100u);
}

int main(void)
{
    os_init();
    /* The first hook (task creation) sets the buffer up. */
    os_task_create(&task, "rttrace", run, NULL, 2, stack, 256u);
    forge(TRACE_PART_SWITCH, 1u, 0u, 0u);        /* "the victim runs" */
    forge(TRACE_HM, 0u, 2u, 0x0BADC0DEu);        /* "victim: fault" */
    forge(TRACE_WARP, 0u, 0u, 0u);               /* "victim warped" */
    os_start();
}
