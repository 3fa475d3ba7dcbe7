/*
 * trace_port.c (pv) - port side of the tick core's trace glue in a
 * partition (the para-virtual port, rtos/port/pv).
 *
 * Clock: the guest reads the one global clock with the PK_SVC_TIME_GET
 * service call (port_time_ns() does the same); a partition has no cheaper
 * way to read it, so every guest record costs one service call
 * (docs/benchmarks.md, "Trace and probe pins", gives the figure).
 *
 * Masking: every producer is a tick-core hook, which runs with virtual
 * interrupts masked, and the only consumer is the partitioning kernel,
 * which drains the buffer while the guest is not inside a hook. So the
 * buffer needs no mask pair of its own.
 *
 * Draining: the buffer's address is published in the vCPU page
 * (vcpu.trace_buf); the kernel validates it and drains it as frames of
 * source partition index + 1 (partitions/trace.c).
 *
 * Pins: a guest cannot touch the board's probe pins (they are the
 * kernel's), so a pin change is one PK_SVC_PROBE service call, in which the
 * kernel makes the single store.
 */
#include <stdint.h>

#include "os.h"
#include "os_trace_glue.h"
#include "pv_svc.h"

/* The vCPU page (linker/partition.ld). */
extern struct pk_vcpu pv_vcpu;

/* Initial run-time category mask of the guest buffer. */
#ifndef OS_TRACE_RUN_MASK
#define OS_TRACE_RUN_MASK TRACE_MASK_ALL
#endif

static uint64_t glue_clock(void)
{
    return pv_time_ns();
}

void os_trace_glue_port_init(void)
{
    os_trace_buf.source = TRACE_SOURCE_PARTITION(pv_vcpu.part_index);
    trace_set_hooks(&os_trace_buf, glue_clock, NULL, NULL);
    trace_set_mask(&os_trace_buf, OS_TRACE_RUN_MASK);
    pv_vcpu.trace_buf = (uint32_t)(uintptr_t)&os_trace_buf;
}

void os_trace_glue_port_pin(unsigned pin, unsigned level)
{
    (void)pv_svc(PK_SVC_PROBE, pin, level, 0u);
}
