/*
 * cyclic.c - ARINC 653 cyclic scheduling: a major frame of fixed windows.
 *
 * Frames repeat back to back from the time of pk_sched_init() (the origin),
 * on a fixed grid: frame k covers [origin + k*MF, origin + (k+1)*MF). Window
 * w of the configuration covers [offset_w, offset_w + duration_w) of every
 * frame and belongs to one partition, which runs in it only; the CPU idles in
 * a window whose partition is blocked and in time no window covers.
 *
 * Every decision is computed from the time alone, so a late decision (the
 * kernel was held up past a boundary) lands in the right window of the right
 * frame and the grid never drifts. Frames are accounted for, not skipped
 * silently: each frame either saw a decision (frames_seen) or is counted in
 * frames_missed, and the invariant frames_seen + frames_missed == frame index
 * of the last decision + 1 is checked at every decision. Since until_ns
 * never lies beyond the end of the current window or gap, a kernel that
 * honours it sees every frame. A yield changes nothing: the window is its
 * partition's, used or not (pk_sched_yield).
 */
#include "pk_sched.h"

#include <stddef.h>

static void cyclic_init(struct pk_sched *s, uint64_t now)
{
    const struct pk_system_config *cfg = s->cfg;
    PK_SCHED_ASSERT(cfg->major_frame_ns > 0);
    PK_SCHED_ASSERT(cfg->n_windows <= PK_MAX_WINDOWS);
    /* The configuration tool guarantees windows sorted, disjoint, inside the
     * frame and naming configured partitions; check it cheaply once. */
    uint64_t end = 0;
    for (uint32_t i = 0; i < cfg->n_windows; i++) {
        const struct pk_window_config *w = &cfg->windows[i];
        PK_SCHED_ASSERT(w->offset_ns >= end);
        PK_SCHED_ASSERT(w->duration_ns > 0);
        PK_SCHED_ASSERT(w->offset_ns + w->duration_ns <= cfg->major_frame_ns);
        PK_SCHED_ASSERT(w->partition < s->n_parts);
        end = w->offset_ns + w->duration_ns;
    }
    s->cyc.origin_ns = now;
}

static struct pk_sched_decision cyclic_decide(const struct pk_sched *s,
                                              uint64_t now)
{
    const struct pk_system_config *cfg = s->cfg;
    struct pk_sched_decision d = {PK_SCHED_IDLE, PK_SCHED_NEVER};
    uint64_t mf = cfg->major_frame_ns > 0 ? cfg->major_frame_ns : 1u;

    PK_SCHED_ASSERT(now >= s->cyc.origin_ns);
    uint64_t rel = now - s->cyc.origin_ns;
    uint64_t frame_start = now - rel % mf;
    uint64_t off = rel % mf;

    for (uint32_t i = 0; i < cfg->n_windows; i++) {
        const struct pk_window_config *w = &cfg->windows[i];
        if (off < w->offset_ns) {
            /* In the gap before window i. */
            d.until_ns = frame_start + w->offset_ns;
            return d;
        }
        if (off < w->offset_ns + w->duration_ns) {
            int p = (int)w->partition;
            if (p >= 0 && (uint32_t)p < s->n_parts && s->part[p].runnable)
                d.part = p;
            d.until_ns = frame_start + w->offset_ns + w->duration_ns;
            return d;
        }
    }
    /* In the gap after the last window: idle to the end of the frame. */
    d.until_ns = frame_start + mf;
    return d;
}

static void cyclic_commit(struct pk_sched *s, struct pk_sched_decision d,
                          uint64_t now)
{
    struct pk_sched_cyclic *c = &s->cyc;
    uint64_t mf = s->cfg->major_frame_ns > 0 ? s->cfg->major_frame_ns : 1u;
    uint64_t frame = (now - c->origin_ns) / mf;

    if (c->frames_seen == 0 && c->frames_missed == 0) {
        /* First decision: frames before it passed with none. */
        c->frames_missed = frame;
        c->frames_seen = 1;
    } else if (frame > c->last_frame) {
        c->frames_missed += frame - c->last_frame - 1u;
        c->frames_seen++;
    }
    PK_SCHED_ASSERT(frame >= c->last_frame);
    c->last_frame = frame;
    PK_SCHED_ASSERT(c->frames_seen + c->frames_missed == c->last_frame + 1u);

    if (c->last_until_ns != 0 && now > c->last_until_ns)
        c->late_decisions++;
    c->last_until_ns = d.until_ns;
}

const struct pk_sched_ops pk_sched_cyclic_ops = {
    .name = "cyclic",
    .init = cyclic_init,
    .decide = cyclic_decide,
    .commit = cyclic_commit,
    .charge = NULL,
    .wake = NULL,
    .block = NULL,
    .warp = NULL,
};
