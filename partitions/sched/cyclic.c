/*
 * cyclic.c - ARINC 653 cyclic scheduling: a major frame of fixed windows,
 * and several of them (module schedules, ARINC 653 Part 2).
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
 *
 * Module schedules: a configuration may hold several plans (each its own
 * major frame and windows). pk_sched_cyclic_set() names the next one; it
 * takes effect at the end of the current major frame, which becomes the
 * new plan's origin. Since no decision's until_ns lies beyond the end of a
 * frame, a decision is due exactly there; decide() computes the plan in
 * effect from the time too, so even a late decision uses the right plan.
 */
#include "pk_sched.h"

#include <stddef.h>

/* One plan's frame and windows. */
struct plan {
    uint64_t mf;
    uint32_t n;
    const struct pk_window_config *w;
};

static uint32_t n_plans(const struct pk_system_config *cfg)
{
    return cfg->n_schedules > 0 ? cfg->n_schedules : 1u;
}

static struct plan plan_of(const struct pk_system_config *cfg, uint32_t i)
{
    struct plan p = {cfg->major_frame_ns, cfg->n_windows, cfg->windows};
    if (cfg->n_schedules > 0 && i < cfg->n_schedules &&
        i < PK_MAX_SCHEDULES) {
        const struct pk_schedule_config *sc = &cfg->schedules[i];
        p.mf = sc->major_frame_ns;
        p.n = sc->n_windows;
        p.w = sc->windows;
    }
    if (p.mf == 0)
        p.mf = 1u;
    return p;
}

static void check_plan(const struct pk_sched *s, struct plan p)
{
    /* The configuration tool guarantees windows sorted, disjoint, inside the
     * frame and naming configured partitions; check it cheaply once. */
    PK_SCHED_ASSERT(p.n <= PK_MAX_WINDOWS);
    uint64_t end = 0;
    for (uint32_t i = 0; i < p.n; i++) {
        const struct pk_window_config *w = &p.w[i];
        PK_SCHED_ASSERT(w->offset_ns >= end);
        PK_SCHED_ASSERT(w->duration_ns > 0);
        PK_SCHED_ASSERT(w->offset_ns + w->duration_ns <= p.mf);
        PK_SCHED_ASSERT(w->partition < s->n_parts);
        end = w->offset_ns + w->duration_ns;
    }
}

static void cyclic_init(struct pk_sched *s, uint64_t now)
{
    const struct pk_system_config *cfg = s->cfg;
    PK_SCHED_ASSERT(cfg->major_frame_ns > 0);
    PK_SCHED_ASSERT(cfg->n_schedules <= PK_MAX_SCHEDULES);
    for (uint32_t i = 0; i < n_plans(cfg); i++)
        check_plan(s, plan_of(cfg, i));
    s->cyc.origin_ns = now;
    s->cyc.plan = 0;
    s->cyc.next_plan = 0;
    s->cyc.pending = false;
}

/* The plan in effect at now and its origin. */
static uint32_t plan_at(const struct pk_sched *s, uint64_t now,
                        uint64_t *origin)
{
    if (s->cyc.pending && now >= s->cyc.switch_ns) {
        *origin = s->cyc.switch_ns;
        return s->cyc.next_plan;
    }
    *origin = s->cyc.origin_ns;
    return s->cyc.plan;
}

static struct pk_sched_decision cyclic_decide(const struct pk_sched *s,
                                              uint64_t now)
{
    struct pk_sched_decision d = {PK_SCHED_IDLE, PK_SCHED_NEVER};
    uint64_t origin;
    struct plan p = plan_of(s->cfg, plan_at(s, now, &origin));
    uint64_t mf = p.mf;

    PK_SCHED_ASSERT(now >= origin);
    uint64_t rel = now - origin;
    uint64_t frame_start = now - rel % mf;
    uint64_t off = rel % mf;

    for (uint32_t i = 0; i < p.n; i++) {
        const struct pk_window_config *w = &p.w[i];
        if (off < w->offset_ns) {
            /* In the gap before window i. */
            d.until_ns = frame_start + w->offset_ns;
            return d;
        }
        if (off < w->offset_ns + w->duration_ns) {
            int part = (int)w->partition;
            if (part >= 0 && (uint32_t)part < s->n_parts &&
                s->part[part].runnable)
                d.part = part;
            d.until_ns = frame_start + w->offset_ns + w->duration_ns;
            return d;
        }
    }
    /* In the gap after the last window: idle to the end of the frame. */
    d.until_ns = frame_start + mf;
    return d;
}

/* A pending switch whose boundary has come takes effect: the new plan's
 * frames count from that boundary. */
static void take_switch(struct pk_sched_cyclic *c, uint64_t now)
{
    if (!c->pending || now < c->switch_ns)
        return;
    c->plan = c->next_plan;
    c->origin_ns = c->switch_ns;
    c->pending = false;
    c->frames_seen = 0;
    c->frames_missed = 0;
    c->last_frame = 0;
    c->plan_switches++;
}

static void cyclic_commit(struct pk_sched *s, struct pk_sched_decision d,
                          uint64_t now)
{
    struct pk_sched_cyclic *c = &s->cyc;
    take_switch(c, now);
    uint64_t mf = plan_of(s->cfg, c->plan).mf;
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

int pk_sched_cyclic_set(struct pk_sched *s, uint32_t plan, uint64_t now)
{
    struct pk_sched_cyclic *c = &s->cyc;
    if (s->ops != &pk_sched_cyclic_ops || plan >= n_plans(s->cfg))
        return -1;
    pk_sched_forget(s);
    take_switch(c, now);
    if (plan == c->plan) {
        if (!c->pending)
            return 1;
        c->pending = false; /* the current plan goes on */
        return 0;
    }
    uint64_t mf = plan_of(s->cfg, c->plan).mf;
    uint64_t rel = now - c->origin_ns;
    c->next_plan = plan;
    c->switch_ns = now - rel % mf + mf; /* the end of the current frame */
    c->pending = true;
    return 0;
}

void pk_sched_cyclic_status(const struct pk_sched *s, uint64_t now,
                            uint32_t *cur, uint32_t *next,
                            uint64_t *since_ns)
{
    *cur = plan_at(s, now, since_ns);
    *next = s->cyc.pending && now < s->cyc.switch_ns ? s->cyc.next_plan
                                                     : *cur;
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
