/*
 * mode.c - the service calls of partition operating modes, the
 * health-monitor log and the module schedules (PK_SVC_SET_MODE ..
 * PK_SVC_SCHEDULE_STATUS; docs/abi.md, docs/arinc653.md).
 *
 * The mode machine (ARINC 653 SET_PARTITION_MODE): a partition starts in
 * COLD_START (WARM_START after a warm restart); NORMAL is entered only by
 * the call; the same mode again is NO_ACTION, a value outside the
 * enumeration INVALID_PARAM, COLD_START -> WARM_START INVALID_MODE; IDLE
 * stops the partition; COLD_START and WARM_START restart it (from NORMAL,
 * from the other start mode, or from IDLE when a system partition starts
 * it again). Every path is a constant amount of work: a restart only
 * resets state (its loading goes in steps, part.c).
 */
#include "pk_kernel.h"

#include <string.h>

#include "bsp.h"

/* Refuse the call: HM record, then the error as result if the partition
 * goes on; otherwise it was restarted or stopped. */
static void refuse(struct pk_part *p, enum pk_hm_kind kind, uint32_t addr,
                   int32_t err)
{
    if (pk_hm_fault(p, kind, addr, p->ctx.r[15] - 4u, (uint32_t)err, true))
        p->ctx.r[0] = (uint32_t)err;
    pk_kernel_exit_work(true);
}

static void result(struct pk_part *p, int32_t r)
{
    p->ctx.r[0] = (uint32_t)r;
}

/* The partition r0 names (PK_SELF: p), or NULL. */
static struct pk_part *named(struct pk_part *p, uint32_t which)
{
    if ((int32_t)which == PK_SELF)
        return p;
    if (which >= pk_system.n_partitions)
        return NULL;
    return &pk_parts[which];
}

static bool may_set(const struct pk_part *p, const struct pk_part *q)
{
    return p == q || (p->cfg->mode_of >> q->index & 1u) != 0u;
}

int32_t pk_mode_check(uint32_t cur, uint32_t want)
{
    if (want > PK_MODE_NORMAL)
        return PK_EINVAL;
    if (want == cur)
        return PK_ENOACTION;
    if (cur == PK_MODE_COLD_START && want == PK_MODE_WARM_START)
        return PK_EMODE;
    if (cur == PK_MODE_IDLE && want == PK_MODE_NORMAL)
        return PK_EMODE; /* an idle partition is started, not resumed */
    return PK_OK;
}

void pk_mode_svc_set(struct pk_part *p)
{
    uint32_t which = p->ctx.r[0], want = p->ctx.r[1];
    struct pk_part *q = named(p, which);
    if (q == NULL) {
        result(p, PK_EINVAL);
        return;
    }
    if (!may_set(p, q)) {
        refuse(p, PK_HM_BAD_SVC, which, PK_EPERM);
        return;
    }
    int32_t r = pk_mode_check(q->mode, want);
    /* Only a partition's own initialisation ends its start-up: another
     * may stop or restart it, not declare it NORMAL. */
    if (r == PK_OK && want == PK_MODE_NORMAL && q != p)
        r = PK_EMODE;
    if (r != PK_OK) {
        result(p, r);
        return;
    }
    switch (want) {
    case PK_MODE_NORMAL:
        q->mode = PK_MODE_NORMAL;
        if (q == pk_cur && q->vcpu != NULL && q->load_phase == PK_LOAD_DONE)
            q->vcpu->mode = PK_MODE_NORMAL;
        pk_printf_part(p, "PK mode partition=%s mode=normal\n", q->cfg->name);
        result(p, PK_OK);
        return;
    case PK_MODE_IDLE:
        pk_part_idle(q);
        pk_printf_part(p, "PK mode partition=%s mode=idle\n", q->cfg->name);
        break;
    default:
        /* A partition restarting itself is counted by its restart_limit
         * like the health monitor's restarts; past it, the restart_storm
         * error's action (by default, stopped) instead. */
        if (q == p && !pk_hm_self_restart_ok(p))
            break;
        pk_printf_part(p, "PK mode partition=%s mode=%s\n", q->cfg->name,
                  want == PK_MODE_WARM_START ? "warm_start" : "cold_start");
        pk_part_restart_mode(q, want, PK_START_PARTITION);
        break;
    }
    if (q != p)
        result(p, PK_OK);
    /* The caller that stopped or restarted itself has no context left to
     * return to: its start (or nothing) runs next. */
    pk_kernel_exit_work(true);
}

void pk_mode_svc_status(struct pk_part *p)
{
    uint32_t which = p->ctx.r[0], buf = p->ctx.r[1];
    const struct pk_part *q = named(p, which);
    if (q == NULL) {
        result(p, PK_EINVAL);
        return;
    }
    if (q != p && (p->cfg->status_of >> q->index & 1u) == 0u &&
        (p->cfg->mode_of >> q->index & 1u) == 0u) {
        refuse(p, PK_HM_BAD_SVC, which, PK_EPERM);
        return;
    }
    if (!pk_part_range_ok(p, p->vmode, buf, sizeof(struct pk_mode_status)) ||
        (buf & 3u) != 0u) {
        refuse(p, PK_HM_BAD_POINTER, buf, PK_EFAULT);
        return;
    }
    struct pk_mode_status *st = (struct pk_mode_status *)(uintptr_t)buf;
    st->index = q->index;
    st->mode = q->mode;
    st->start_cond = q->start_cond;
    st->restarts = q->restarts;
    st->warm_restarts = q->warm_restarts;
    st->faults = q->faults;
    st->hm_errors = q->hm_errors;
    st->reserved = 0u;
    result(p, PK_OK);
}

void pk_mode_svc_hm_log(struct pk_part *p)
{
    uint32_t seq = p->ctx.r[0], buf = p->ctx.r[1];
    if (!p->cfg->hm_log) {
        refuse(p, PK_HM_BAD_SVC, seq, PK_EPERM);
        return;
    }
    if (!pk_part_range_ok(p, p->vmode, buf, sizeof(struct pk_hm_entry)) ||
        (buf & 7u) != 0u) {
        refuse(p, PK_HM_BAD_POINTER, buf, PK_EFAULT);
        return;
    }
    result(p, pk_hm_log_read(seq, (struct pk_hm_entry *)(uintptr_t)buf));
}

void pk_mode_svc_schedule_set(struct pk_part *p)
{
    uint32_t idx = p->ctx.r[0];
    if (!p->cfg->schedule_control) {
        refuse(p, PK_HM_BAD_SVC, idx, PK_EPERM);
        return;
    }
    int r = pk_sched_cyclic_set(&pk_sched_state, idx, bsp_clock_ns());
    if (r == 0)
        pk_printf_part(p, "PK schedule set=%u\n", idx);
    result(p, r == 0 ? PK_OK : r > 0 ? PK_ENOACTION : PK_EINVAL);
}

void pk_mode_svc_schedule_id(struct pk_part *p)
{
    uint32_t name = p->ctx.r[0], len = p->ctx.r[1];
    if (len == 0u || len > PK_PORT_NAME_MAX) {
        result(p, PK_EINVAL);
        return;
    }
    if (!pk_part_range_ok(p, p->vmode, name, len)) {
        refuse(p, PK_HM_BAD_POINTER, name, PK_EFAULT);
        return;
    }
    if (pk_system.policy != PK_POLICY_CYCLIC) {
        result(p, PK_EINVAL);
        return;
    }
    char want[PK_PORT_NAME_MAX];
    memcpy(want, (const void *)(uintptr_t)name, len);
    uint32_t n = pk_system.n_schedules > 0u ? pk_system.n_schedules : 1u;
    for (uint32_t i = 0; i < n && i < PK_MAX_SCHEDULES; i++) {
        const char *s = i == 0u || pk_system.n_schedules == 0u
                            ? pk_system.schedule_name
                            : pk_system.schedules[i].name;
        if (s != NULL && pk_name_is(s, want, len)) {
            result(p, (int32_t)i);
            return;
        }
    }
    result(p, PK_ENOENT);
}

void pk_mode_svc_schedule_status(struct pk_part *p)
{
    uint32_t buf = p->ctx.r[0];
    if (!pk_part_range_ok(p, p->vmode, buf,
                          sizeof(struct pk_schedule_status)) ||
        (buf & 7u) != 0u) {
        refuse(p, PK_HM_BAD_POINTER, buf, PK_EFAULT);
        return;
    }
    struct pk_schedule_status *st =
        (struct pk_schedule_status *)(uintptr_t)buf;
    uint32_t cur, next;
    uint64_t since;
    pk_sched_cyclic_status(&pk_sched_state, bsp_clock_ns(), &cur, &next,
                           &since);
    st->last_switch_ns = since;
    st->current = cur;
    st->next = next;
    result(p, PK_OK);
}
