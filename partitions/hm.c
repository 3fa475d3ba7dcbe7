/*
 * hm.c - the health monitor.
 *
 * Every partition fault is recorded in a kernel log (a ring of
 * PK_HM_LOG_SIZE records), printed as one parseable line
 *
 *   HM partition=<name> kind=<kind> addr=0x<hex> pc=0x<hex> status=0x<hex>
 *      time_ns=<dec> action=<restart|stop|log>      (on one line)
 *
 * and handled by the partition's configured action: restart (cold restart
 * from the pristine images, then "PK restart partition=<name> count=<n>";
 * with a restart_limit, the restart that would exceed it within the
 * configured window stops the partition instead: "escalated"),
 * stop (the partition never runs again), or log (the partition resumes after
 * the faulting instruction or gets an error from the refused service call: a
 * diagnostic mode; a fault that cannot be skipped, such as a prefetch abort
 * or a broken vCPU, stops the partition instead). A partition fault never
 * stops the kernel or another partition. A fault of the kernel itself
 * panics: register dump, then exit with a failing status.
 */
#include "pk_kernel.h"

#include "bsp.h"

/* Status with which the run ends on a kernel panic. */
#define PK_PANIC_STATUS 3

static struct pk_hm_record hm_log[PK_HM_LOG_SIZE];
static uint32_t hm_count; /* records ever made; hm_log[hm_count % SIZE] next */

static const char *const kind_names[PK_HM_KIND_COUNT] = {
    [PK_HM_DATA_ABORT] = "data_abort",
    [PK_HM_PREFETCH_ABORT] = "prefetch_abort",
    [PK_HM_UNDEFINED] = "undefined",
    [PK_HM_BAD_SVC] = "bad_svc",
    [PK_HM_BAD_POINTER] = "bad_pointer",
    [PK_HM_BAD_CONTEXT] = "bad_context",
    [PK_HM_GUEST_ERROR] = "guest_error",
};

const char *pk_hm_kind_name(enum pk_hm_kind kind)
{
    return (unsigned)kind < PK_HM_KIND_COUNT ? kind_names[kind] : "unknown";
}

/* Escalation of restart storms: true when restarting p once more would
 * exceed its restart_limit within restart_window_ns (the window starts at
 * the first restart after the previous window ended). */
static bool restart_storm(struct pk_part *p, uint64_t now)
{
    const struct pk_partition_config *c = p->cfg;
    if (c->restart_limit == 0u)
        return false;
    if (p->restarts_in_window == 0u ||
        now - p->restart_window_ns >= c->restart_window_ns) {
        p->restart_window_ns = now;
        p->restarts_in_window = 0u;
    }
    if (p->restarts_in_window >= c->restart_limit)
        return true;
    p->restarts_in_window++;
    return false;
}

bool pk_hm_fault(struct pk_part *p, enum pk_hm_kind kind, uint32_t addr,
                 uint32_t pc, uint32_t status, bool skip_ok)
{
    uint64_t now = bsp_clock_ns();
    struct pk_hm_record *r = &hm_log[hm_count % PK_HM_LOG_SIZE];
    r->part = p->index;
    r->kind = (uint32_t)kind;
    r->addr = addr;
    r->pc = pc;
    r->status = status;
    r->time_ns = now;
    hm_count++;
    p->faults++;
    PK_TRACE_HM(p, kind, addr);

    enum pk_hm_action action = p->cfg->hm_action;
    if (action == PK_HM_LOG && !skip_ok)
        action = PK_HM_STOP;
    if (action == PK_HM_RESTART && restart_storm(p, now))
        action = PK_HM_STOP;
    static const char *const action_names[] = {"restart", "stop", "log"};
    pk_printf_part(p, "HM partition=%s kind=%s addr=0x%08x pc=0x%08x status=0x%x "
              "time_ns=%llu action=%s\n",
              p->cfg->name, pk_hm_kind_name(kind), addr, pc, status,
              (unsigned long long)now,
              (unsigned)action < 3u ? action_names[action] : "?");
    if (p == pk_cur && p->vcpu != NULL) {
        p->vcpu->vfar = addr;
        p->vcpu->vfsr = status;
    }

    switch (action) {
    case PK_HM_LOG:
        return true;
    case PK_HM_RESTART:
        p->restarts++;
        pk_part_restart(p);
        pk_sched_restarted(p, now);
        /* "PK restart" is printed when the reload is done (part.c). */
        return false;
    case PK_HM_STOP:
    default:
        pk_stop(p);
        pk_printf("PK stop partition=%s%s\n", p->cfg->name,
                  p->cfg->hm_action == PK_HM_RESTART
                      ? " (restart limit reached)"
                      : "");
        pk_dev_reset(p); /* a stopped partition's DMA stops too */
        return false;
    }
}

void pk_panic(const char *why, const uint32_t *regs, uint32_t pc,
              uint32_t spsr)
{
    pk_console_sync();
    pk_printf("PK PANIC: %s\n", why);
    if (regs != NULL) {
        for (unsigned i = 0; i < 13u; i++)
            pk_printf("  r%u%s=0x%08x%s", i, i < 10u ? " " : "", regs[i],
                      (i % 4u) == 3u ? "\n" : "");
        pk_printf("\n");
    }
    pk_printf("  pc=0x%08x spsr=0x%08x\n", pc, spsr);
    pk_arch_dump();
    if (pk_cur != NULL)
        pk_printf("  partition=%s\n", pk_cur->cfg->name);
    pk_exit(PK_PANIC_STATUS);
}
