/*
 * bvt.c - borrowed virtual time windows (Duda & Cheriton, SOSP'99), the
 * default partition policy.
 *
 * Each partition p has an actual virtual time A_p that grows by run time /
 * weight, and an effective virtual time E_p = A_p - (warped ? W_p : 0).
 * SVT, the scheduler virtual time, is the least A of the runnable
 * partitions. Rules:
 *   - at a slice end (or when the running partition blocks) the runnable
 *     partition with the least E runs next, ties to the lowest index; but the
 *     running partition keeps the CPU unless the other's E is lower by more
 *     than C / weight_running (C = csw_allowance_ns), which prevents
 *     thrashing between partitions of nearly equal E;
 *   - a slice lasts window_ns, so a decision comes at least every window;
 *   - a partition waking from blocked gets A = max(A, SVT): it cannot claim
 *     the time it slept, and keeps its share afterwards;
 *   - mid-slice, only a warped partition preempts (with the same C rule); a
 *     plain wake waits for the slice end;
 *   - a warped partition's slice ends when its warp limit L is used, and it
 *     then unwarps; it may not warp again before U has passed since the
 *     unwarp. All run time, warped or not, is charged to A.
 * Invariant: A only grows (except to be raised to SVT on wake); for a
 * partition never blocked, avt * weight + avt_rem == run time charged.
 */
#include "pk_sched.h"

#include <stddef.h>

/* Recompute SVT = min A over runnable partitions; keep the old value when
 * none is runnable, so that a lone waking partition is compared to the last
 * known SVT. */
static void bvt_update_svt(struct pk_sched *s)
{
    bool any = false;
    uint64_t svt = 0;
    for (uint32_t i = 0; i < s->n_parts; i++) {
        const struct pk_sched_part *p = &s->part[i];
        if (!p->runnable)
            continue;
        if (!any || p->avt < svt)
            svt = p->avt;
        any = true;
    }
    if (any)
        s->svt = svt;
}

static void bvt_unwarp(struct pk_sched_part *p, uint64_t now)
{
    p->warped = false;
    p->warped_ran_ns = 0;
    p->has_unwarped = true;
    p->last_unwarp_ns = now;
}

static int64_t evt(const struct pk_sched_part *p)
{
    int64_t e = (int64_t)p->avt;
    if (p->warped)
        e -= (int64_t)p->warp_vt;
    return e;
}

/* A new slice for partition i starting now: a window, cut short at the
 * warp limit if it is warped. */
static uint64_t bvt_slice_end(const struct pk_sched *s, int i, uint64_t now)
{
    const struct pk_sched_part *p = &s->part[i];
    uint64_t len = s->cfg->window_ns;
    if (p->warped) {
        PK_SCHED_ASSERT(p->warped_ran_ns < p->warp_limit_ns);
        uint64_t left = p->warp_limit_ns - p->warped_ran_ns;
        if (left < len)
            len = left;
    }
    if (len == 0)
        len = 1; /* a zero window is a configuration error; still progress */
    return now + len;
}

static struct pk_sched_decision bvt_decide(const struct pk_sched *s,
                                           uint64_t now)
{
    struct pk_sched_decision d = {PK_SCHED_IDLE, PK_SCHED_NEVER};
    int best = PK_SCHED_IDLE;
    int64_t best_e = 0;

    for (uint32_t i = 0; i < s->n_parts; i++) {
        const struct pk_sched_part *p = &s->part[i];
        if (!p->runnable)
            continue;
        int64_t e = evt(p);
        if (best == PK_SCHED_IDLE || e < best_e) {
            best = (int)i;
            best_e = e;
        }
    }
    if (best == PK_SCHED_IDLE)
        return d;

    int cur = s->current;
    if (cur == PK_SCHED_IDLE || !s->part[cur].runnable) {
        d.part = best;
        d.until_ns = bvt_slice_end(s, best, now);
        return d;
    }

    const struct pk_sched_part *pc = &s->part[cur];
    int64_t allowance = (int64_t)pc->csw_allow_vt;
    bool beats = best != cur && best_e + allowance < evt(pc);
    bool slice_over = now >= s->slice_end_ns;

    if (slice_over || (beats && s->part[best].warped)) {
        d.part = beats ? best : cur;
        d.until_ns = bvt_slice_end(s, d.part, now);
        return d;
    }

    /* Keep the running partition to the end of its slice; if it became
     * warped during the slice, the warp limit may come first. */
    d.part = cur;
    d.until_ns = s->slice_end_ns;
    if (pc->warped) {
        uint64_t lim = bvt_slice_end(s, cur, now);
        if (lim < d.until_ns)
            d.until_ns = lim;
    }
    return d;
}

static void bvt_charge(struct pk_sched *s, int part, uint64_t ran_ns,
                       uint64_t now)
{
    struct pk_sched_part *p = &s->part[part];
    uint64_t q = ran_ns + p->avt_rem;
    /* This runs at every decision point: avoid the 64-bit division (a
     * library call of several hundred instructions on ARMv5) in the common
     * cases of weight 1 and of a charge below 4.29 s. */
    if (p->weight == 1u) {
        p->avt += q;
        p->avt_rem = 0u;
    } else if (q <= UINT32_MAX) {
        uint32_t q32 = (uint32_t)q;
        uint32_t quot = q32 / p->weight;
        p->avt += quot;
        p->avt_rem = q32 - quot * p->weight;
    } else {
        p->avt += q / p->weight;
        p->avt_rem = (uint32_t)(q % p->weight);
    }
    PK_SCHED_ASSERT(p->avt_rem < p->weight);

    if (p->warped) {
        p->warped_ran_ns += ran_ns;
        p->warped_total_ns += ran_ns;
        if (p->warped_ran_ns >= p->warp_limit_ns)
            bvt_unwarp(p, now);
    }
    bvt_update_svt(s);
}

static void bvt_block(struct pk_sched *s, int part, uint64_t now)
{
    struct pk_sched_part *p = &s->part[part];
    if (p->warped)
        bvt_unwarp(p, now);
    bvt_update_svt(s);
}

static void bvt_wake(struct pk_sched *s, int part, uint64_t now)
{
    (void)now;
    struct pk_sched_part *p = &s->part[part];
    /* s->svt covers the other runnable partitions only: this one is still
     * marked blocked. */
    bvt_update_svt(s);
    if (p->avt < s->svt) {
        p->avt = s->svt;
        p->avt_rem = 0;
    }
}

static bool bvt_warp(struct pk_sched *s, int part, uint64_t now)
{
    struct pk_sched_part *p = &s->part[part];
    if (p->warped)
        return true;
    bool too_soon = p->has_unwarped && now >= p->last_unwarp_ns &&
                    now - p->last_unwarp_ns < p->unwarp_ns;
    if (too_soon || p->warp_limit_ns == 0) {
        p->refused_warps++;
        return false;
    }
    p->warped = true;
    p->warped_ran_ns = 0;
    p->warps++;
    return true;
}

const struct pk_sched_ops pk_sched_bvt_ops = {
    .name = "bvt",
    .init = NULL,
    .decide = bvt_decide,
    .commit = NULL,
    .charge = bvt_charge,
    .wake = bvt_wake,
    .block = bvt_block,
    .warp = bvt_warp,
};
