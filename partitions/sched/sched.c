/*
 * sched.c - policy-independent part of the partition scheduler: selects the
 * policy's ops table from the configuration, keeps the common state (which
 * partition runs, its slice, runnability, statistics) and checks the
 * invariants every policy must keep:
 *   - a decision names PK_SCHED_IDLE or a configured, runnable partition;
 *   - its until_ns lies strictly after now (the kernel always makes
 *     progress: no zero-length slice, no timer in the past);
 *   - time handed to charge() belongs to a configured partition.
 */
#include "pk_sched.h"

#include <stddef.h>

#include "bvt.h"

/*
 * Default failure hook: halt here so that a debugger shows the caller. The
 * kernel overrides it with its panic (register dump), host tests with a test
 * failure.
 */
__attribute__((weak)) void pk_sched_assert_fail(const char *expr,
                                                 const char *file, int line)
{
    (void)expr;
    (void)file;
    (void)line;
    for (;;) {
    }
}

static bool valid_part(const struct pk_sched *s, int part)
{
    return part >= 0 && (uint32_t)part < s->n_parts;
}

/*
 * The policy's hooks. BVT's are called directly (bvt.h says why); the
 * others through the ops table, where a NULL hook means that the policy
 * ignores the event.
 */
static bool is_bvt(const struct pk_sched *s)
{
    return s->ops == &pk_sched_bvt_ops;
}

static struct pk_sched_decision policy_decide(const struct pk_sched *s,
                                              uint64_t now)
{
    return is_bvt(s) ? pk_bvt_decide(s, now) : s->ops->decide(s, now);
}

static void policy_commit(struct pk_sched *s, struct pk_sched_decision d,
                          uint64_t now)
{
    if (is_bvt(s))
        pk_bvt_commit(s, d, now);
    else if (s->ops->commit != NULL)
        s->ops->commit(s, d, now);
}

static void policy_charge(struct pk_sched *s, int part, uint64_t ran_ns,
                          uint64_t now)
{
    if (is_bvt(s))
        pk_bvt_charge(s, part, ran_ns, now);
    else if (s->ops->charge != NULL)
        s->ops->charge(s, part, ran_ns, now);
}

static void policy_block(struct pk_sched *s, int part, uint64_t now)
{
    if (is_bvt(s))
        pk_bvt_block(s, part, now);
    else if (s->ops->block != NULL)
        s->ops->block(s, part, now);
}

static void policy_wake(struct pk_sched *s, int part, uint64_t now)
{
    if (is_bvt(s))
        pk_bvt_wake(s, part, now);
    else if (s->ops->wake != NULL)
        s->ops->wake(s, part, now);
}

void pk_sched_init(struct pk_sched *s, const struct pk_system_config *cfg,
                   uint64_t now)
{
    PK_SCHED_ASSERT(cfg != NULL);
    PK_SCHED_ASSERT(cfg->n_partitions <= PK_MAX_PARTITIONS);

    /* Zero the state (it is statically allocated, and this also serves a
     * restart of the kernel): the common fields and the records of the
     * partitions in use, not the whole array sized for PK_MAX_PARTITIONS,
     * since every instruction here delays the first decision after the
     * time origin. */
    s->ops = NULL;
    s->n_parts = 0u;
    s->svt = 0u;
    s->decisions = 0u;
    s->switches = 0u;
    s->yielding = false;
    pk_sched_forget(s);
    s->cyc = (struct pk_sched_cyclic){0};
    for (uint32_t i = 0; i < cfg->n_partitions; i++)
        s->part[i] = (struct pk_sched_part){0};
    s->cfg = cfg;
    s->n_parts = cfg->n_partitions;
    s->current = PK_SCHED_IDLE;
    s->last_run = PK_SCHED_IDLE;
    s->slice_start_ns = now;
    s->slice_end_ns = now;

    switch (cfg->policy) {
    case PK_POLICY_STATIC:
        s->ops = &pk_sched_static_ops;
        break;
    case PK_POLICY_CYCLIC:
        s->ops = &pk_sched_cyclic_ops;
        break;
    case PK_POLICY_BVT:
        s->ops = &pk_sched_bvt_ops;
        break;
    default:
        PK_SCHED_ASSERT(!"unknown scheduling policy");
        s->ops = &pk_sched_bvt_ops;
        break;
    }

    for (uint32_t i = 0; i < s->n_parts; i++) {
        const struct pk_partition_config *pc = &cfg->partitions[i];
        struct pk_sched_part *p = &s->part[i];
        PK_SCHED_ASSERT(pc->weight > 0);
        p->runnable = true;
        p->weight = pc->weight > 0 ? pc->weight : 1u;
        p->csw_allow_vt = cfg->csw_allowance_ns / p->weight;
        p->priority = pc->priority;
        /* W is given in ns of run time; in virtual time it is worth the same
         * as W ns run at weight 1, so it is used directly. */
        p->warp_vt = pc->warp_ns;
        p->warp_limit_ns = pc->warp_limit_ns;
        p->unwarp_ns = pc->unwarp_ns;
    }

    if (s->ops->init != NULL)
        s->ops->init(s, now);
}

struct pk_sched_decision pk_sched_pick(struct pk_sched *s, uint64_t now)
{
    /* The policy decides from the state and the time alone: one computed
     * ahead at this instant, from this state, is the same decision. */
    struct pk_sched_decision d = s->ahead_ok && s->ahead_now == now
                                     ? s->ahead
                                     : policy_decide(s, now);
    pk_sched_forget(s);

    PK_SCHED_ASSERT(d.until_ns > now);
    PK_SCHED_ASSERT(d.part == PK_SCHED_IDLE ||
                    (valid_part(s, d.part) && s->part[d.part].runnable));

    s->decisions++;
    s->yielding = false;
    if (d.part != s->current || now >= s->slice_end_ns)
        s->slice_start_ns = now;
    if (d.part != s->current) {
        s->switches++;
        if (d.part != PK_SCHED_IDLE)
            s->part[d.part].picks++;
    }
    s->current = d.part;
    if (d.part != PK_SCHED_IDLE)
        s->last_run = d.part;
    s->slice_end_ns = d.until_ns;
    policy_commit(s, d, now);
    return d;
}

bool pk_sched_should_preempt(struct pk_sched *s, uint64_t now)
{
    s->ahead = policy_decide(s, now);
    s->ahead_now = now;
    s->ahead_ok = true;
    return s->ahead.part != s->current;
}

/* On every exit that decides: inlined into the kernel's one caller by the
 * link-time optimisation, with BVT's charge (bvt.h). */
inline __attribute__((always_inline)) void
pk_sched_charge(struct pk_sched *s, int part, uint64_t ran_ns, uint64_t now)
{
    if (part == PK_SCHED_IDLE)
        return;
    PK_SCHED_ASSERT(valid_part(s, part));
    if (!valid_part(s, part))
        return;
    s->part[part].run_ns += ran_ns;
    pk_sched_forget(s);
    policy_charge(s, part, ran_ns, now);
}

void pk_sched_block(struct pk_sched *s, int part, uint64_t now)
{
    PK_SCHED_ASSERT(valid_part(s, part));
    if (!valid_part(s, part) || !s->part[part].runnable)
        return;
    s->part[part].runnable = false;
    pk_sched_forget(s);
    policy_block(s, part, now);
}

void pk_sched_wake(struct pk_sched *s, int part, uint64_t now)
{
    PK_SCHED_ASSERT(valid_part(s, part));
    if (!valid_part(s, part) || s->part[part].runnable)
        return;
    /* The policy sees the partition while it is still blocked, so that it
     * can compute SVT over the others. */
    policy_wake(s, part, now);
    s->part[part].runnable = true;
    pk_sched_forget(s);
}

bool pk_sched_warp(struct pk_sched *s, int part, uint64_t now)
{
    PK_SCHED_ASSERT(valid_part(s, part));
    if (!valid_part(s, part))
        return false;
    pk_sched_forget(s);
    if (s->ops->warp == NULL) {
        pk_sched_wake(s, part, now);
        s->part[part].refused_warps++;
        return false;
    }
    /* A blocked partition is warped before it wakes (a VIT expiry, an
     * urgent port): the policy then enters it in its order once, with its
     * warped key, instead of entering it at its plain key and moving it at
     * once. Blocking ended any warp, so the warp starts afresh either way;
     * the wake-up sees the same state but for the warp flag. */
    bool granted = is_bvt(s) ? pk_bvt_warp(s, part, now)
                             : s->ops->warp(s, part, now);
    pk_sched_wake(s, part, now);
    return granted;
}

bool pk_sched_end_warp(struct pk_sched *s, int part, uint64_t now)
{
    PK_SCHED_ASSERT(valid_part(s, part));
    if (!valid_part(s, part) || !s->part[part].warped || s->ops->unwarp == NULL)
        return false;
    s->ops->unwarp(s, part, now);
    pk_sched_forget(s);
    s->part[part].warps_done++;
    return true;
}

int pk_sched_current(const struct pk_sched *s)
{
    return s->current;
}

bool pk_sched_is_runnable(const struct pk_sched *s, int part)
{
    return valid_part(s, part) && s->part[part].runnable;
}

bool pk_sched_is_warped(const struct pk_sched *s, int part)
{
    return valid_part(s, part) && s->part[part].warped;
}

int64_t pk_sched_evt(const struct pk_sched *s, int part)
{
    PK_SCHED_ASSERT(valid_part(s, part));
    if (!valid_part(s, part))
        return INT64_MAX;
    const struct pk_sched_part *p = &s->part[part];
    int64_t e = (int64_t)p->avt;
    if (p->warped)
        e -= (int64_t)p->warp_vt;
    return e;
}
