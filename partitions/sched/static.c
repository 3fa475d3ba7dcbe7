/*
 * static.c - static priority partition scheduling, preemptive.
 *
 * The runnable partition with the largest configured priority runs; a
 * partition of higher priority that becomes runnable preempts at once.
 * Partitions of equal priority share the CPU round-robin, one window_ns
 * slice each, in index order starting after the one that ran last (a yield
 * ends the slice: the next one of that priority runs, if any). A
 * lower-priority partition runs only while every higher one is blocked, so a
 * CPU-bound high-priority partition starves the others: this policy exists to
 * show that against BVT. Warps are refused (the policy has no warp).
 */
#include "pk_sched.h"

#include <stddef.h>

static uint64_t static_slice_end(const struct pk_sched *s, uint64_t now)
{
    uint64_t len = s->cfg->window_ns;
    return now + (len > 0 ? len : 1u);
}

static struct pk_sched_decision static_decide(const struct pk_sched *s,
                                              uint64_t now)
{
    struct pk_sched_decision d = {PK_SCHED_IDLE, PK_SCHED_NEVER};
    bool any = false;
    uint32_t top = 0;

    for (uint32_t i = 0; i < s->n_parts; i++) {
        const struct pk_sched_part *p = &s->part[i];
        if (p->runnable && (!any || p->priority > top)) {
            top = p->priority;
            any = true;
        }
    }
    if (!any)
        return d;

    int cur = s->current;
    if (cur != PK_SCHED_IDLE && s->part[cur].runnable &&
        s->part[cur].priority == top && now < s->slice_end_ns &&
        !s->yielding) {
        d.part = cur;
        d.until_ns = s->slice_end_ns;
        return d;
    }

    /* Round robin among the top-priority runnable partitions, starting after
     * the one that ran last (it is found again when it is the only one). */
    uint32_t start = s->last_run == PK_SCHED_IDLE ? 0u
                                                  : (uint32_t)s->last_run + 1u;
    for (uint32_t k = 0; k < s->n_parts; k++) {
        uint32_t i = (start + k) % s->n_parts;
        const struct pk_sched_part *p = &s->part[i];
        if (p->runnable && p->priority == top) {
            d.part = (int)i;
            d.until_ns = static_slice_end(s, now);
            return d;
        }
    }
    PK_SCHED_ASSERT(!"static: top priority partition not found");
    return d;
}

const struct pk_sched_ops pk_sched_static_ops = {
    .name = "static",
    .init = NULL,
    .decide = static_decide,
    .commit = NULL,
    .charge = NULL,
    .wake = NULL,
    .block = NULL,
    .warp = NULL,
};
