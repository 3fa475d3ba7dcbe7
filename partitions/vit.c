/*
 * vit.c - virtual interrupt timer bookkeeping (see pk_vit.h).
 *
 * At most one request per partition, so the "queue" is the per-partition
 * array itself: cheaper and simpler than a heap at this size, and bounded.
 * The first request is kept in v->first: a request that comes before it
 * takes its place at once; a scan of at most PK_MAX_PARTITIONS entries
 * finds the new first only when the first one leaves (it expires, is
 * cancelled or replaced), so the queries of every kernel exit (the next
 * expiry, nothing expired) cost one comparison.
 * Invariant: every pending request has a distinct sequence number smaller
 * than next_seq, so (expiry_ns, seq) orders requests totally.
 */
#include "pk_vit.h"

#include "pk_sched.h"

#include <stddef.h>

static bool valid_part(const struct pk_vit *v, int part)
{
    return part >= 0 && (uint32_t)part < v->n_parts;
}

void pk_vit_init(struct pk_vit *v, uint32_t n_parts)
{
    PK_SCHED_ASSERT(n_parts <= PK_MAX_PARTITIONS);
    *v = (struct pk_vit){0};
    v->first = -1;
    v->n_parts = n_parts <= PK_MAX_PARTITIONS ? n_parts : PK_MAX_PARTITIONS;
}

/* a comes before b in (expiry, seq) order. */
static bool vit_before(const struct pk_vit_part *a, const struct pk_vit_part *b)
{
    return a->expiry_ns < b->expiry_ns ||
           (a->expiry_ns == b->expiry_ns && a->seq < b->seq);
}

/* Index of the first request in (expiry, seq) order, or -1. */
static int vit_scan_first(const struct pk_vit *v)
{
    int best = -1;
    for (uint32_t i = 0; i < v->n_parts; i++) {
        const struct pk_vit_part *p = &v->part[i];
        if (!p->pending)
            continue;
        if (best < 0) {
            best = (int)i;
            continue;
        }
        if (vit_before(p, &v->part[best]))
            best = (int)i;
    }
    return best;
}

void pk_vit_request(struct pk_vit *v, int part, uint64_t expiry_ns,
                    uint64_t now)
{
    PK_SCHED_ASSERT(valid_part(v, part));
    if (!valid_part(v, part))
        return;
    struct pk_vit_part *p = &v->part[part];
    p->requests++;
    if (expiry_ns <= now)
        p->past_requests++;
    if (p->pending)
        p->replaced++;
    p->pending = true;
    p->expiry_ns = expiry_ns;
    p->seq = v->next_seq++;
    if (v->first < 0 || vit_before(p, &v->part[v->first]))
        v->first = part;
    else if (v->first == part)
        v->first = vit_scan_first(v); /* the first one moved later */
}

bool pk_vit_cancel(struct pk_vit *v, int part)
{
    PK_SCHED_ASSERT(valid_part(v, part));
    if (!valid_part(v, part) || !v->part[part].pending)
        return false;
    v->part[part].pending = false;
    v->part[part].cancels++;
    if (v->first == part)
        v->first = vit_scan_first(v);
    return true;
}

uint64_t pk_vit_next_expiry(const struct pk_vit *v)
{
    int i = v->first;
    return i < 0 ? PK_VIT_NONE : v->part[i].expiry_ns;
}

int pk_vit_pop_expired(struct pk_vit *v, uint64_t now)
{
    int i = v->first;
    if (i < 0 || v->part[i].expiry_ns > now)
        return -1;
    PK_SCHED_ASSERT(v->part[i].seq < v->next_seq);
    v->part[i].pending = false;
    v->part[i].expiries++;
    v->first = vit_scan_first(v);
    return i;
}

void pk_vit_note_refused_warp(struct pk_vit *v, int part)
{
    PK_SCHED_ASSERT(valid_part(v, part));
    if (valid_part(v, part))
        v->part[part].refused_warps++;
}

bool pk_vit_pending(const struct pk_vit *v, int part, uint64_t *expiry_ns)
{
    if (!valid_part(v, part) || !v->part[part].pending)
        return false;
    if (expiry_ns != NULL)
        *expiry_ns = v->part[part].expiry_ns;
    return true;
}
