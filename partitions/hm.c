/*
 * hm.c - the health monitor.
 *
 * Every partition fault and every error a partition reports is recorded in
 * a kernel log (a ring of PK_HM_LOG_SIZE records, readable by a partition
 * configured with hm_log: PK_SVC_HM_LOG_READ), printed as one parseable
 * line
 *
 *   HM partition=<name> kind=<kind> addr=0x<hex> pc=0x<hex> status=0x<hex>
 *      time_ns=<dec> action=<action>      (on one line)
 *
 * and handled as the health-monitor tables say (docs/arinc653.md). The
 * system table maps (state, error) to a level; at the process level the
 * error goes to the partition's error handler (PK_EV_HM, the error in the
 * vCPU), at the partition level the partition's table names the action
 * (IGNORE "log", IDLE "stop", COLD_START "restart", WARM_START
 * "warm_restart"), at the module level the module's (IGNORE, RESET
 * "module_reset", SHUTDOWN "shutdown"). A configuration without tables
 * (on_fault alone) has every error at the partition level with on_fault's
 * action: restart (cold restart from the pristine images, then "PK restart
 * partition=<name> count=<n>"), stop (the partition never runs again), log
 * (the partition resumes after the faulting instruction or gets an error
 * from the refused service call; a fault that cannot be skipped, such as a
 * prefetch abort or a broken vCPU, stops the partition instead).
 *
 * Escalation: a process-level error the partition cannot take (no error
 * handler ready, vcpu.hm_handler = 0; one still undelivered; a fault of its
 * guest kernel that cannot be skipped) is handled at the partition level.
 * With a restart_limit, the restart that would exceed it within the
 * configured window is the kernel's own error restart_storm, whose action
 * applies instead (by default: stop, "PK stop ... (restart limit
 * reached)"). A partition fault never stops the kernel or another
 * partition unless the module table says so. A fault of the kernel itself
 * panics: register dump, then exit with a failing status.
 */
#include "pk_kernel.h"

#include "bsp.h"

/* Status with which the run ends on a kernel panic. */
#define PK_PANIC_STATUS 3

static struct pk_hm_entry hm_log[PK_HM_LOG_SIZE];
static uint32_t hm_count; /* records ever made; hm_log[hm_count % SIZE] next */

static const char *const kind_names[PK_HM_ERROR_COUNT] = {
    [PK_HM_DATA_ABORT] = "data_abort",
    [PK_HM_PREFETCH_ABORT] = "prefetch_abort",
    [PK_HM_UNDEFINED] = "undefined",
    [PK_HM_BAD_SVC] = "bad_svc",
    [PK_HM_BAD_POINTER] = "bad_pointer",
    [PK_HM_BAD_CONTEXT] = "bad_context",
    [PK_HM_GUEST_ERROR] = "guest_error",
    [PK_HM_DEADLINE_MISSED] = "deadline_missed",
    [PK_HM_APPLICATION_ERROR] = "application_error",
    [PK_HM_STACK_OVERFLOW] = "stack_overflow",
    [PK_HM_NUMERIC_ERROR] = "numeric_error",
    [PK_HM_ILLEGAL_REQUEST] = "illegal_request",
    [PK_HM_CONFIG_ERROR] = "config_error",
    [PK_HM_RESTART_STORM] = "restart_storm",
};

static const char *const action_names[] = {
    [PK_HM_ACT_IGNORE] = "log",
    [PK_HM_ACT_IDLE] = "stop",
    [PK_HM_ACT_COLD_START] = "restart",
    [PK_HM_ACT_WARM_START] = "warm_restart",
    [PK_HM_ACT_HANDLER] = "handler",
    [PK_HM_ACT_MODULE_RESET] = "module_reset",
    [PK_HM_ACT_SHUTDOWN] = "shutdown",
};

const char *pk_hm_kind_name(enum pk_hm_kind kind)
{
    return (unsigned)kind < PK_HM_ERROR_COUNT ? kind_names[kind] : "unknown";
}

enum pk_hm_kind pk_hm_error_of(enum pk_hm_kind kind, uint32_t status)
{
    if (kind != PK_HM_GUEST_ERROR)
        return kind;
    switch (status) {
    case PK_GUEST_ERR_STACK:
        return PK_HM_STACK_OVERFLOW;
    case PK_GUEST_ERR_DEADLINE:
        return PK_HM_DEADLINE_MISSED;
    case PK_GUEST_ERR_APP:
        return PK_HM_APPLICATION_ERROR;
    case PK_GUEST_ERR_NUMERIC:
        return PK_HM_NUMERIC_ERROR;
    case PK_GUEST_ERR_ILLEGAL:
        return PK_HM_ILLEGAL_REQUEST;
    case PK_GUEST_ERR_CONFIG:
        return PK_HM_CONFIG_ERROR;
    default:
        return PK_HM_GUEST_ERROR; /* a panic, or a code of its own */
    }
}

uint32_t pk_hm_state_of(const struct pk_part *p)
{
    if (p->mode != PK_MODE_NORMAL)
        return PK_HM_STATE_INIT;
    return p->vmode == PK_VMODE_TASK ? PK_HM_STATE_TASK : PK_HM_STATE_KERNEL;
}

/* The partition table's action for error (PK_HM_ACT_*). */
static uint32_t part_action(const struct pk_part *p, enum pk_hm_kind error)
{
    const struct pk_partition_config *c = p->cfg;
    switch ((unsigned)error < PK_HM_ERROR_COUNT ? c->hm_actions[error]
                                                : PK_HMP_DEFAULT) {
    case PK_HMP_IGNORE:
        return PK_HM_ACT_IGNORE;
    case PK_HMP_IDLE:
        return PK_HM_ACT_IDLE;
    case PK_HMP_COLD_START:
        return PK_HM_ACT_COLD_START;
    case PK_HMP_WARM_START:
        return PK_HM_ACT_WARM_START;
    default:
        break;
    }
    if (error == PK_HM_RESTART_STORM)
        return PK_HM_ACT_IDLE;
    switch (c->hm_action) {
    case PK_HM_RESTART:
        return PK_HM_ACT_COLD_START;
    case PK_HM_LOG:
        return PK_HM_ACT_IGNORE;
    case PK_HM_STOP:
    default:
        return PK_HM_ACT_IDLE;
    }
}

uint32_t pk_hm_decide(const struct pk_part *p, uint32_t state,
                      enum pk_hm_kind error, uint32_t *level)
{
    uint32_t lvl = PK_HM_LEVEL_PARTITION;
    if (state < PK_HM_STATE_COUNT && (unsigned)error < PK_HM_ERROR_COUNT)
        lvl = pk_system.hm_levels[state][error];
    *level = lvl;
    if (lvl == PK_HM_LEVEL_PROCESS)
        return PK_HM_ACT_HANDLER;
    if (lvl == PK_HM_LEVEL_MODULE) {
        switch ((unsigned)error < PK_HM_ERROR_COUNT
                    ? pk_system.hm_module_actions[error]
                    : PK_HMM_IGNORE) {
        case PK_HMM_RESET:
            return PK_HM_ACT_MODULE_RESET;
        case PK_HMM_SHUTDOWN:
            return PK_HM_ACT_SHUTDOWN;
        default:
            return PK_HM_ACT_IGNORE;
        }
    }
    *level = PK_HM_LEVEL_PARTITION;
    return part_action(p, error);
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

/* A process-level error p can take now: its vCPU is loaded and current,
 * its guest has an error handler ready and no error is still waiting;
 * a fault that cannot be skipped only from a task (the guest kernel that
 * would handle it is what faulted otherwise). */
static struct pk_vcpu *handler_vcpu(const struct pk_part *p, bool skip_ok)
{
    if (p != pk_cur || p->load_phase != PK_LOAD_DONE || p->vcpu == NULL)
        return NULL;
    if (p->vcpu->hm_handler == 0u || (p->pending & PK_EV_HM) != 0u)
        return NULL;
    if (!skip_ok && p->vmode != PK_VMODE_TASK)
        return NULL;
    return p->vcpu;
}

/* Module reset: every partition restarted cold. Bounded: one reset of
 * each partition's state (the loading happens in steps later). */
static void module_reset(void)
{
    pk_printf("PK module reset\n");
    for (unsigned i = 0; i < pk_system.n_partitions; i++)
        pk_part_restart_mode(&pk_parts[i], PK_MODE_COLD_START,
                             PK_START_HM_MODULE);
}

static void module_shutdown(void)
{
    pk_printf("PK module shutdown\n");
    for (unsigned i = 0; i < pk_system.n_partitions; i++)
        if (pk_parts[i].state != PK_STATE_STOPPED)
            pk_part_idle(&pk_parts[i]);
}

bool pk_hm_fault(struct pk_part *p, enum pk_hm_kind kind, uint32_t addr,
                 uint32_t pc, uint32_t status, bool skip_ok)
{
    uint64_t now = bsp_clock_ns();
    enum pk_hm_kind error = pk_hm_error_of(kind, status);
    uint32_t level;
    uint32_t action = pk_hm_decide(p, pk_hm_state_of(p), error, &level);
    struct pk_vcpu *hv = NULL;
    if (action == PK_HM_ACT_HANDLER) {
        hv = handler_vcpu(p, skip_ok);
        if (hv == NULL)
            action = part_action(p, error);
    }
    if (action == PK_HM_ACT_IGNORE && !skip_ok)
        action = PK_HM_ACT_IDLE;
    bool storm = error == PK_HM_RESTART_STORM;
    if ((action == PK_HM_ACT_COLD_START || action == PK_HM_ACT_WARM_START) &&
        restart_storm(p, now)) {
        uint32_t a = pk_hm_decide(p, pk_hm_state_of(p), PK_HM_RESTART_STORM,
                                  &level);
        /* IGNORE: the restart goes on (no escalation); the module may
         * act; anything else stops the partition. */
        if (a != PK_HM_ACT_IGNORE) {
            storm = true;
            action = a == PK_HM_ACT_MODULE_RESET || a == PK_HM_ACT_SHUTDOWN
                         ? a
                         : PK_HM_ACT_IDLE;
        }
    }

    struct pk_hm_entry *r = &hm_log[hm_count % PK_HM_LOG_SIZE];
    r->seq = hm_count;
    r->part = p->index;
    r->kind = (uint32_t)kind;
    r->error = (uint32_t)error;
    r->addr = addr;
    r->pc = pc;
    r->status = status;
    r->action = action;
    r->time_ns = now;
    hm_count++;
    p->faults++;
    PK_TRACE_HM(p, kind, addr);

    pk_printf_part(p, "HM partition=%s kind=%s addr=0x%08x pc=0x%08x status=0x%x "
              "time_ns=%llu action=%s\n",
              p->cfg->name, pk_hm_kind_name(kind), addr, pc, status,
              (unsigned long long)now,
              action < sizeof action_names / sizeof action_names[0]
                  ? action_names[action]
                  : "?");
    if (p == pk_cur && p->vcpu != NULL) {
        p->vcpu->vfar = addr;
        p->vcpu->vfsr = status;
    }
    /* A poll point: formatting the record takes about 2000 instructions,
     * and the action (a restart's reset, the exit work after it) as many
     * again; a partition that faults in a loop must not hold interrupts
     * and deadlines off for both (tests/target/pk-hostile). Only the
     * board's handlers run here, which mark partitions' events and wake-ups
     * for the exit work that follows. */
    PK_MASKED_POLL(PK_MK_HM);
    bsp_irq_dispatch();

    switch (action) {
    case PK_HM_ACT_IGNORE:
        return true;
    case PK_HM_ACT_HANDLER:
        /* The error in the vCPU first, then the event: the guest's
         * upcall finds it there with the interrupted (failed) process as
         * its current one. */
        hv->hm_error = (uint32_t)error;
        hv->hm_addr = addr;
        hv->hm_pc = pc;
        hv->hm_status = status;
        hv->hm_seq++;
        p->hm_errors++;
        p->pending |= PK_EV_HM;
        return skip_ok;
    case PK_HM_ACT_COLD_START:
    case PK_HM_ACT_WARM_START:
        pk_part_restart_mode(p,
                             action == PK_HM_ACT_WARM_START
                                 ? PK_MODE_WARM_START
                                 : PK_MODE_COLD_START,
                             PK_START_HM_PARTITION);
        /* "PK restart" is printed when the reload is done (part.c). */
        return false;
    case PK_HM_ACT_MODULE_RESET:
        module_reset();
        return false;
    case PK_HM_ACT_SHUTDOWN:
        module_shutdown();
        return false;
    case PK_HM_ACT_IDLE:
    default:
        pk_part_idle(p);
        pk_printf_part(p, "PK stop partition=%s%s\n", p->cfg->name,
                  storm ? " (restart limit reached)" : "");
        return false;
    }
}

bool pk_hm_self_restart_ok(struct pk_part *p)
{
    if (!restart_storm(p, bsp_clock_ns()))
        return true;
    uint32_t level;
    if (pk_hm_decide(p, pk_hm_state_of(p), PK_HM_RESTART_STORM, &level) ==
        PK_HM_ACT_IGNORE)
        return true; /* no escalation: the restart goes on */
    (void)pk_hm_fault(p, PK_HM_RESTART_STORM, 0u, p->ctx.r[15], 0u, false);
    return false;
}

void pk_hm_init(void)
{
    hm_count = 0u;
}

int32_t pk_hm_log_read(uint32_t seq, struct pk_hm_entry *e)
{
    if (seq >= hm_count || hm_count - seq > PK_HM_LOG_SIZE)
        return PK_ENOTAVAIL;
    *e = hm_log[seq % PK_HM_LOG_SIZE];
    return (int32_t)(hm_count & 0x7FFFFFFFu);
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
