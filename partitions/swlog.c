/*
 * swlog.c - the test-only switch log (see pk_swlog.h). Records are written
 * with IRQs masked from the kernel's scheduling path, so no locking; the
 * cost is one clock read and three stores per switch.
 */
#include "pk_kernel.h"
#include "pk_swlog.h"

#include "bsp.h"

#ifdef PK_CONFIG_SWITCH_LOG

/* Partition value of a record meaning "the kernel idles". */
#define SWLOG_IDLE (-1)

/* One switch. */
struct swlog_record {
    uint64_t time_ns; /* global clock when the switch was made */
    int32_t part;     /* partition index, or SWLOG_IDLE */
};

static struct swlog_record swlog[PK_SWLOG_SIZE];
static uint32_t swlog_count;   /* records kept, <= PK_SWLOG_SIZE */
static uint32_t swlog_dropped; /* switches after the log filled up */

void pk_swlog_switch(const struct pk_part *to)
{
    int32_t part = to != NULL ? (int32_t)to->index : SWLOG_IDLE;
    /* The idle loop calls the hook on every wake-up: keep changes only. */
    if (swlog_count > 0u && swlog[swlog_count - 1u].part == part)
        return;
    if (swlog_count == PK_SWLOG_SIZE) {
        swlog_dropped++;
        return;
    }
    swlog[swlog_count].time_ns = bsp_clock_ns();
    swlog[swlog_count].part = part;
    swlog_count++;
}

void pk_swlog_dump(void)
{
    pk_printf("SWLOG origin_ns=%llu end_ns=%llu records=%u dropped=%u\n",
              (unsigned long long)pk_sched_state.cyc.origin_ns,
              (unsigned long long)bsp_clock_ns(), swlog_count, swlog_dropped);
    for (uint32_t i = 0; i < swlog_count; i++) {
        if (swlog[i].part == SWLOG_IDLE)
            pk_printf("SW %llu idle\n", (unsigned long long)swlog[i].time_ns);
        else
            pk_printf("SW %llu %d\n", (unsigned long long)swlog[i].time_ns,
                      (int)swlog[i].part);
    }
}

#endif /* PK_CONFIG_SWITCH_LOG */
