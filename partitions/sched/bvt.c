/*
 * bvt.c - borrowed virtual time windows (Duda & Cheriton, SOSP'99), the
 * default partition policy.
 *
 * Each partition p has an actual virtual time A_p that grows by run time /
 * weight, and an effective virtual time E_p = A_p - (warped ? W_p : 0).
 * SVT, the scheduler virtual time, is the least A of the runnable
 * partitions. Rules:
 *   - at a slice end (or when the running partition blocks) the runnable
 *     partition with the least E runs next (ties: the one that waited
 *     longest); but the running partition keeps the CPU unless the other's
 *     E is lower by more than C / weight_running (C = csw_allowance_ns),
 *     which prevents
 *     thrashing between partitions of nearly equal E;
 *   - a slice lasts window_ns, so a decision comes at least every window;
 *   - a partition waking from blocked gets A = max(A, SVT): it cannot claim
 *     the time it slept, and keeps its share afterwards;
 *   - mid-slice, only a warped partition preempts (with the same C rule); a
 *     plain wake waits for the slice end;
 *   - a warped partition's slice ends when its warp limit L is used, and it
 *     then unwarps (or earlier, when its guest says that the real-time
 *     work is done: pk_sched_end_warp); it may not warp again before U
 *     has passed since the unwarp. All run time, warped or not, is
 *     charged to A.
 * Invariant: A only grows (except to be raised to SVT on wake); for a
 * partition never blocked, avt * weight + avt_rem == run time charged.
 *
 * Cost: the runnable partitions other than the running one are kept sorted
 * by E (equal keys in the order they came) in a doubly linked list (struct
 * pk_sched_order), each entry with its key as it was when it entered (a
 * listed partition's E changes only through bvt_moved, which re-inserts
 * it), so that a comparison is two loads; the running one is kept out of
 * it (s->bvt_out), as CFS keeps its current task out of its tree. So the
 * charges at every kernel exit, which are the running partition's, touch
 * no list; the candidate of a decision is the E head or the running one.
 * SVT, needed only when a partition wakes or blocks, needs no list of its
 * own: an unwarped partition's E is its A, and a warped one's A is its E +
 * W, so no partition after the first unwarped one in the E order can have
 * a lesser A than it (E_x >= E_u = A_u, A_x >= E_x); SVT is the least A of
 * the running one and of the E order up to its first unwarped partition,
 * a walk as long as the warped partitions before it. A partition enters
 * the list when it stops running (walked from the tail: one that has just
 * run is the new last, or nearly, also when every partition yields after a
 * few microseconds) or wakes (walked from the head: a woken one, at SVT,
 * is among the first), and leaves it in O(1). So a decision costs the same
 * at 2 and at 32 partitions in the switches of a BVT system: a slice end, a
 * yield, a wake-up, a VIT warp (tools/bench_switch.py measures it).
 */
#include "bvt.h"

/* The hooks of every exit that charges or decides: inlined into sched.c
 * by the kernel's link-time optimisation (bvt.h). An inline specifier on
 * the definition keeps it an external one (bvt.h declares it without). */
#define PK_BVT_HOT inline __attribute__((always_inline))

#include <stddef.h>

static int64_t evt(const struct pk_sched_part *p)
{
    int64_t e = (int64_t)p->avt;
    if (p->warped)
        e -= (int64_t)p->warp_vt;
    return e;
}

/* a's key is below b's in order o. Equal keys keep the
 * order in which the partitions entered the list (the insertions below go
 * past equal keys), so among equals the one that waited longest comes
 * first: round robin, and an insertion from the tail stops at once when
 * the board's clock makes many charges equal. */
static inline bool before(const struct pk_sched_order *o, int a, int b)
{
    return o->key[a] < o->key[b];
}


static inline void order_unlink(struct pk_sched_order *o, int i)
{
    int p = o->prev[i], n = o->next[i];
    if (p != PK_SCHED_IDLE)
        o->next[p] = (int8_t)n;
    else
        o->head = (int8_t)n;
    if (n != PK_SCHED_IDLE)
        o->prev[n] = (int8_t)p;
    else
        o->tail = (int8_t)p;
}

/* Link i (not in o) between p and n (adjacent, either may be the end). */
static inline void order_link(struct pk_sched_order *o, int i, int p, int n)
{
    o->prev[i] = (int8_t)p;
    o->next[i] = (int8_t)n;
    if (p != PK_SCHED_IDLE)
        o->next[p] = (int8_t)i;
    else
        o->head = (int8_t)i;
    if (n != PK_SCHED_IDLE)
        o->prev[n] = (int8_t)i;
    else
        o->tail = (int8_t)i;
}

/* Insert i (not in o) at its place, walking from the end it is expected
 * near: from the tail for a partition that has just run (it has the
 * largest keys, or nearly), from the head for one that woke or warped
 * (at SVT, or E lowered by W: among the first). Either walk is correct for
 * any key; only its length depends on the guess. */
static void order_insert(struct pk_sched *s, struct pk_sched_order *o, int i,
                         bool from_tail)
{
    o->key[i] = evt(&s->part[i]);
    if (from_tail) {
        int p = o->tail;
        while (p != PK_SCHED_IDLE && before(o, i, p))
            p = o->prev[p];
        order_link(o, i, p, p == PK_SCHED_IDLE ? o->head : o->next[p]);
        return;
    }
    int n = o->head;
    while (n != PK_SCHED_IDLE && !before(o, i, n))
        n = o->next[n];
    order_link(o, i, n == PK_SCHED_IDLE ? o->tail : o->prev[n], n);
}

/* Partition i's key changed: move it to its place. */
static void order_update(struct pk_sched *s, struct pk_sched_order *o, int i,
                         bool from_tail)
{
    order_unlink(o, i);
    order_insert(s, o, i, from_tail);
}

/* SVT = min A over the runnable partitions: the running one (which is in
 * no list) and the E order up to its first unwarped partition (the head
 * comment says why none after it can be less); s->svt, the last one
 * known, when none is runnable. Computed when needed (a wake-up, a block),
 * not at every charge. */
uint64_t pk_sched_svt(const struct pk_sched *s)
{
    int o = s->bvt_out;
    bool any = o != PK_SCHED_IDLE;
    uint64_t least = any ? s->part[o].avt : s->svt;
    for (int i = s->by_evt.head; i != PK_SCHED_IDLE; i = s->by_evt.next[i]) {
        const struct pk_sched_part *p = &s->part[i];
        if (!any || p->avt < least)
            least = p->avt;
        any = true;
        if (!p->warped)
            break;
    }
    return least;
}

static void bvt_update_svt(struct pk_sched *s)
{
    s->svt = pk_sched_svt(s);
}

/* A partition whose E changed: moved in the list unless it is the running
 * one, which is in none; grew: its key went up (the walk starts at the
 * tail). */
static void bvt_moved(struct pk_sched *s, int part, bool grew)
{
    if (part == s->bvt_out || !s->part[part].runnable)
        return;
    order_update(s, &s->by_evt, part, grew);
}

int pk_sched_bvt_least(const struct pk_sched *s)
{
    int h = s->by_evt.head, o = s->bvt_out;
    if (o == PK_SCHED_IDLE)
        return h;
    return h != PK_SCHED_IDLE && s->by_evt.key[h] < evt(&s->part[o]) ? h : o;
}

/* At init every partition is runnable with A = 0: index order. */
static void bvt_init(struct pk_sched *s, uint64_t now)
{
    (void)now;
    s->bvt_out = PK_SCHED_IDLE;
    s->by_evt.head = s->by_evt.tail = PK_SCHED_IDLE;
    for (uint32_t i = 0; i < s->n_parts; i++)
        order_insert(s, &s->by_evt, (int)i, true);
    bvt_update_svt(s);
}

void pk_sched_bvt_reorder(struct pk_sched *s, int part)
{
    if (part < 0 || (uint32_t)part >= s->n_parts)
        return;
    bvt_moved(s, part, false);
    bvt_update_svt(s);
    pk_sched_forget(s);
}

static bool order_ok(const struct pk_sched *s, const struct pk_sched_order *o)
{
    uint32_t seen = 0;
    int prev = PK_SCHED_IDLE;
    for (int i = o->head; i != PK_SCHED_IDLE; i = o->next[i]) {
        if (i < 0 || (uint32_t)i >= s->n_parts || !s->part[i].runnable ||
            i == s->bvt_out || o->prev[i] != prev || ++seen > s->n_parts)
            return false;
        if (o->key[i] != evt(&s->part[i]) ||
            (prev != PK_SCHED_IDLE && before(o, i, prev)))
            return false;
        prev = i;
    }
    if (o->tail != prev)
        return false;
    uint32_t listed = 0;
    for (uint32_t i = 0; i < s->n_parts; i++)
        listed += s->part[i].runnable && (int)i != s->bvt_out ? 1u : 0u;
    return seen == listed;
}

bool pk_sched_bvt_orders_ok(const struct pk_sched *s)
{
    int o = s->bvt_out;
    if (o != PK_SCHED_IDLE &&
        (o < 0 || (uint32_t)o >= s->n_parts || !s->part[o].runnable ||
         o != s->current))
        return false;
    return order_ok(s, &s->by_evt);
}

static void bvt_unwarp(struct pk_sched_part *p, uint64_t now)
{
    p->warped = false;
    p->warped_ran_ns = 0;
    p->has_unwarped = true;
    p->last_unwarp_ns = now;
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

PK_BVT_HOT struct pk_sched_decision pk_bvt_decide(const struct pk_sched *s, uint64_t now)
{
    struct pk_sched_decision d = {PK_SCHED_IDLE, PK_SCHED_NEVER};
    /* The least E of the runnable partitions other than the
     * running one (which is in no list). */
    int best = s->by_evt.head;
    int cur = s->current;
    if (cur == PK_SCHED_IDLE || !s->part[cur].runnable) {
        if (best == PK_SCHED_IDLE)
            return d;
        d.part = best;
        d.until_ns = bvt_slice_end(s, best, now);
        return d;
    }

    /* The other must beat the running one by more than the allowance
     * (when it is not even lower, it cannot: allowance >= 0). */
    const struct pk_sched_part *pc = &s->part[cur];
    int64_t allowance = (int64_t)pc->csw_allow_vt;
    int64_t e_cur = evt(pc);
    int64_t e_best = best != PK_SCHED_IDLE ? s->by_evt.key[best] : INT64_MAX;
    bool beats = best != PK_SCHED_IDLE && e_best + allowance < e_cur;
    bool slice_over = now >= s->slice_end_ns;

    /* A yield gives the CPU to the least other runnable partition unless
     * that one is ahead of the yielder by more than the allowance: the
     * mirror of the preemption rule, so partitions that all yield all the
     * time still share by weight (as CFS's yield skips the current task
     * only for one not too far ahead). */
    if (s->yielding && best != PK_SCHED_IDLE && e_best <= e_cur + allowance) {
        d.part = best;
        d.until_ns = bvt_slice_end(s, best, now);
        return d;
    }

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

PK_BVT_HOT void pk_bvt_charge(struct pk_sched *s, int part, uint64_t ran_ns,
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
    bvt_moved(s, part, true); /* E grew (nothing: the running one) */
}

void pk_bvt_block(struct pk_sched *s, int part, uint64_t now)
{
    /* sched.c has marked it blocked: out of the order. SVT is taken
     * first, with it, so that when it was the last runnable one the SVT
     * kept is the latest. */
    struct pk_sched_part *p = &s->part[part];
    bvt_update_svt(s);
    if (p->warped)
        bvt_unwarp(p, now);
    if (part == s->bvt_out) {
        s->bvt_out = PK_SCHED_IDLE; /* it was running: in no list */
    } else {
        order_unlink(&s->by_evt, part);
    }
}

void pk_bvt_wake(struct pk_sched *s, int part, uint64_t now)
{
    (void)now;
    struct pk_sched_part *p = &s->part[part];
    /* The SVT of the other runnable partitions: this one is in no list
     * yet. */
    bvt_update_svt(s);
    if (p->avt < s->svt) {
        p->avt = s->svt;
        p->avt_rem = 0;
    }
    order_insert(s, &s->by_evt, part, false);
}

bool pk_bvt_warp(struct pk_sched *s, int part, uint64_t now)
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
    bvt_moved(s, part, false); /* E fell by W: earlier in the order */
    return true;
}

/* The real-time work is done before L: unwarp now (U starts), E grows by
 * W. Everything it ran warped was charged already. */
static void bvt_end_warp(struct pk_sched *s, int part, uint64_t now)
{
    bvt_unwarp(&s->part[part], now);
    bvt_moved(s, part, true);
}

/* After a pick: the partition that ran joins the list (if it still may
 * run), the one picked leaves it. */
PK_BVT_HOT void pk_bvt_commit(struct pk_sched *s, struct pk_sched_decision d,
                   uint64_t now)
{
    (void)now;
    int o = s->bvt_out;
    if (o == d.part)
        return;
    if (o != PK_SCHED_IDLE && s->part[o].runnable)
        order_insert(s, &s->by_evt, o, true);
    if (d.part != PK_SCHED_IDLE)
        order_unlink(&s->by_evt, d.part);
    s->bvt_out = (int8_t)d.part;
}

const struct pk_sched_ops pk_sched_bvt_ops = {
    .name = "bvt",
    .init = bvt_init,
    .decide = pk_bvt_decide,
    .commit = pk_bvt_commit,
    .charge = pk_bvt_charge,
    .wake = pk_bvt_wake,
    .block = pk_bvt_block,
    .warp = pk_bvt_warp,
    .unwarp = bvt_end_warp,
};
