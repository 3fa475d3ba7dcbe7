/*
 * svc.c - the service calls (ABI: partitions/include/pk_abi.h,
 * docs/abi.md).
 *
 * The call number is in r7, arguments in r0-r3, the result goes to r0 (and
 * r1). Which calls a task may make is fixed in allowed_in_task[]; everything
 * is allowed to the guest kernel. A refused call (unknown number, wrong
 * virtual mode, bad pointer) returns its error code and is reported to the
 * health monitor, whose action decides whether the partition goes on.
 */
#include "pk_kernel.h"
#include "pk_swlog.h"

#include "bsp.h"

/* Service calls a task (virtual user mode) may make. */
static const bool allowed_in_task[PK_SVC_COUNT] = {
    [PK_SVC_CONSOLE_WRITE] = true, [PK_SVC_YIELD] = true,
    [PK_SVC_TIME_GET] = true,      [PK_SVC_PART_STATUS] = true,
    [PK_SVC_REPORT_ERROR] = true,  [PK_SVC_TEST_EXIT] = true,
    [PK_SVC_DEV_WRITE] = true,
    [PK_SVC_PORT_OPEN] = true,     [PK_SVC_SAMPLING_WRITE] = true,
    [PK_SVC_SAMPLING_READ] = true, [PK_SVC_QUEUING_SEND] = true,
    [PK_SVC_QUEUING_RECEIVE] = true, [PK_SVC_PORT_STATUS] = true,
    [PK_SVC_QUEUING_CLEAR] = true,
    [PK_SVC_SET_MODE] = true,      [PK_SVC_MODE_STATUS] = true,
    [PK_SVC_HM_LOG_READ] = true,   [PK_SVC_SCHEDULE_SET] = true,
    [PK_SVC_SCHEDULE_STATUS] = true, [PK_SVC_SCHEDULE_ID] = true,
};

static uint64_t arg64(const struct pk_part *p)
{
    return (uint64_t)p->ctx.r[0] | ((uint64_t)p->ctx.r[1] << 32);
}

/* Refuse the call: HM record, then the error as result if the partition
 * goes on (log action); otherwise it was restarted or stopped. */
static void refuse(struct pk_part *p, enum pk_hm_kind kind, uint32_t addr,
                   int32_t err)
{
    uint32_t pc = p->ctx.r[15] - 4u; /* the svc instruction */
    if (pk_hm_fault(p, kind, addr, pc, (uint32_t)err, true))
        p->ctx.r[0] = (uint32_t)err;
}

static int32_t svc_part_status(struct pk_part *p)
{
    int32_t which = (int32_t)p->ctx.r[0];
    uint32_t buf = p->ctx.r[1];
    if (which == PK_SELF)
        which = (int32_t)p->index;
    if (which < 0 || (uint32_t)which >= pk_system.n_partitions)
        return PK_EINVAL;
    /* Another partition's status (its run time, its restarts) tells how it
     * behaves, which may depend on its secrets: only where the
     * configuration allows (status_of). */
    if ((p->cfg->status_of >> (uint32_t)which & 1u) == 0u)
        return PK_EPERM;
    if (!pk_part_range_ok(p, p->vmode, buf, sizeof(struct pk_part_status)) ||
        (buf & 7u) != 0u)
        return PK_EFAULT;
    const struct pk_part *q = &pk_parts[which];
    struct pk_part_status *st = (struct pk_part_status *)(uintptr_t)buf;
    st->index = q->index;
    st->state = q->state == PK_STATE_STOPPED   ? PK_PART_STOPPED
                : q->state == PK_STATE_BLOCKED ? PK_PART_BLOCKED
                                               : PK_PART_RUNNING;
    st->restarts = q->restarts;
    st->faults = q->faults;
    st->run_ns = pk_run_ns(q);
    st->ticks = q->ticks_total;
    return PK_OK;
}

static int32_t svc_gate_setup(struct pk_part *p)
{
    uint32_t table = p->ctx.r[0], count = p->ctx.r[1], tramp = p->ctx.r[2];
    if (p->n_gates != 0u)
        return PK_EBUSY;
    if (count == 0u || count > PK_MAX_GATES || !pk_part_in_gk(p, tramp) ||
        (tramp & 3u) != 0u)
        return PK_EINVAL;
    if (!pk_part_range_ok(p, PK_VMODE_GUEST_KERNEL, table, count * 4u) ||
        !pk_part_in_gk(p, table) || (table & 3u) != 0u)
        return PK_EFAULT;
    /* Strictly ascending (gate_lookup() searches it), checked in one pass:
     * sorting it here would cost the kernel O(count^2) with interrupts
     * masked. The table is taken only when all of it is valid. */
    const uint32_t *t = (const uint32_t *)(uintptr_t)table;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t g = t[i];
        if (!pk_part_in_gk(p, g) || (g & 3u) != 0u ||
            (i > 0u && g <= p->gates[i - 1u]))
            return PK_EINVAL;
        p->gates[i] = g;
    }
    p->n_gates = count;
    p->gate_trampoline = tramp;
    return PK_OK;
}

static int32_t svc_irq_done(struct pk_part *p)
{
    uint32_t d = p->ctx.r[0];
    if (d >= p->cfg->n_devices || d >= PK_MAX_DEVICES ||
        p->cfg->devices[d].irq < 0)
        return PK_EINVAL;
    bsp_irq_enable((unsigned)p->cfg->devices[d].irq);
    return PK_OK;
}

void pk_svc_dispatch(struct pk_part *p)
{
    /* The kernel never reads the svc instruction (its address is the
     * partition's choice, and so would be the privileged read). The gate
     * return leaves every register of the task alone. */
    uint32_t nr = pk_svc_number(p);
    int32_t res = PK_OK;
    bool exit_work = false; /* state changed: run the decision machinery */
    p->svcs++;
    PK_TRACE_SVC(p, nr);

    if (nr >= PK_SVC_COUNT) {
        refuse(p, PK_HM_BAD_SVC, nr, PK_ENOSYS);
        pk_kernel_exit_work(true);
        return;
    }
    if (p->vmode == PK_VMODE_TASK && !allowed_in_task[nr]) {
        refuse(p, PK_HM_BAD_SVC, nr, PK_EPERM);
        pk_kernel_exit_work(true);
        return;
    }

    switch (nr) {
    case PK_SVC_CONSOLE_WRITE: {
        uint32_t buf = p->ctx.r[0], len = p->ctx.r[1];
        /* The whole buffer must be the caller's; a short write takes its
         * first PK_CONSOLE_WRITE_MAX bytes. */
        if (!pk_part_range_ok(p, p->vmode, buf, len)) {
            refuse(p, PK_HM_BAD_POINTER, buf, PK_EFAULT);
            pk_kernel_exit_work(true);
            return;
        }
        if (len > PK_CONSOLE_WRITE_MAX)
            len = PK_CONSOLE_WRITE_MAX;
        res = (int32_t)pk_console_put(p, (const char *)(uintptr_t)buf, len);
        /* The writer pays for writing out (its own output first). */
        p->ctx.r[0] = (uint32_t)res;
        pk_console_drain_wanted = true;
        pk_kernel_exit_work(false);
        return;
    }
    case PK_SVC_YIELD:
        p->ctx.r[0] = PK_OK;
        pk_sched_yield(&pk_sched_state, (int)p->index);
        pk_console_drain_wanted = true;
        pk_kernel_exit_work(true);
        return;
    case PK_SVC_BLOCK: {
        /* Read the deadline before r0 takes the result. */
        uint64_t deadline = arg64(p);
        p->ctx.r[0] = PK_OK;
        pk_block_current(deadline, p->ctx.r[2]);
        pk_console_drain_wanted = true;
        pk_kernel_exit_work(false);
        return;
    }
    case PK_SVC_TIMER_SET:
        p->timer_ns = arg64(p);
        pk_time_deadlines_changed();
        exit_work = true;
        break;
    case PK_SVC_TIME_GET: {
        uint64_t now = bsp_clock_ns();
        p->ctx.r[0] = (uint32_t)now;
        p->ctx.r[1] = (uint32_t)(now >> 32);
        return;
    }
    case PK_SVC_VIT_REQUEST: {
        uint64_t t = arg64(p);
        if (t == PK_TIME_NEVER)
            pk_vit_cancel(&pk_vit_state, (int)p->index);
        else
            pk_vit_request(&pk_vit_state, (int)p->index, t, bsp_clock_ns());
        PK_TRACE_VIT_SET(p, t);
        pk_time_deadlines_changed();
        exit_work = true;
        break;
    }
    case PK_SVC_UPCALL_RETURN:
        pk_kernel_exit_upcall(pk_vcpu_upcall_return(p));
        return;
    case PK_SVC_EVENT_RAISE: {
        uint32_t ev = p->ctx.r[0];
        if ((ev & ~PK_EV_SWITCH) != 0u) {
            res = PK_EINVAL;
            break;
        }
        p->ctx.r[0] = PK_OK;
        p->pending |= ev;
        pk_kernel_exit_work(false);
        return;
    }
    case PK_SVC_PART_STATUS:
        res = svc_part_status(p);
        if (res == PK_EFAULT || res == PK_EPERM) {
            refuse(p, res == PK_EFAULT ? PK_HM_BAD_POINTER : PK_HM_BAD_SVC,
                   res == PK_EFAULT ? p->ctx.r[1] : p->ctx.r[0], res);
            pk_kernel_exit_work(true);
            return;
        }
        break;
    case PK_SVC_REPORT_ERROR: {
        uint32_t code = p->ctx.r[0], arg = p->ctx.r[1];
        p->ctx.r[0] = PK_OK;
        pk_hm_fault(p, PK_HM_GUEST_ERROR, arg, p->ctx.r[15] - 4u, code, true);
        pk_kernel_exit_work(true);
        return;
    }
    case PK_SVC_GATE_SETUP:
        res = svc_gate_setup(p);
        break;
    case PK_SVC_GATE_RETURN: {
        /* The gate slot (see gate_enter in trap.c): the task resumes at its
         * return address on its own stack, both in the user range (the sp
         * may be the very top of it). */
        uint32_t lr = p->vcpu->gate_lr, sp = p->vcpu->gate_sp;
        bool sp_ok = (sp & 3u) == 0u &&
                     sp - p->cfg->user_base <= p->cfg->user_size;
        if (!pk_part_in_user(p, lr) || (lr & 3u) != 0u || !sp_ok) {
            pk_hm_fault(p, PK_HM_BAD_CONTEXT, sp_ok ? lr : sp,
                        p->ctx.r[15] - 4u, 0u, false);
            pk_kernel_exit_work(true);
            return;
        }
        p->ctx.r[13] = sp;
        p->ctx.r[15] = lr;
        p->ctx.cpsr = pk_cpsr_clean(p->ctx.cpsr);
        p->vmode = PK_VMODE_TASK;
        pk_part_apply_vmode(p);
        /* The call may have made a task ready that shares the running
         * one's time slices: the guest then withdrew its tick_skip
         * (PORT_TASK_MADE_READY), and every tick is delivered again until
         * its next upcall asks anew. (A call that blocks switches tasks
         * in an upcall, which asks anew itself.) */
        if (p->tick_skip != 0u && p->vcpu->tick_skip == 0u &&
            pk_tick_skip_end(p))
            pk_kernel_exit_work(false);
        return; /* r0-r3 carry the API function's result */
    }
    case PK_SVC_IRQ_DONE:
        res = svc_irq_done(p);
        break;
    case PK_SVC_PROBE:
        res = PK_PROBE_SVC(p, p->ctx.r[0], p->ctx.r[1]);
        if (res == PK_EPERM) {
            refuse(p, PK_HM_BAD_SVC, p->ctx.r[0], PK_EPERM);
            pk_kernel_exit_work(true);
            return;
        }
        break;
    case PK_SVC_DEV_WRITE:
        pk_dev_svc_write(p); /* dev.c: sets the result or refuses */
        return;
    case PK_SVC_PORT_OPEN:
    case PK_SVC_SAMPLING_WRITE:
    case PK_SVC_SAMPLING_READ:
    case PK_SVC_QUEUING_SEND:
    case PK_SVC_QUEUING_RECEIVE:
    case PK_SVC_PORT_STATUS:
    case PK_SVC_QUEUING_CLEAR:
    {
        /* port.c: sets the result or refuses; a peer it woke (or warped,
         * an urgent port) is looked at by the exit work; a call that
         * changed nothing for anybody else returns at once. */
        enum pk_port_exit e = pk_port_svc(p, nr);
        if (e != PK_PORT_EXIT_NONE)
            pk_kernel_exit_work(e == PK_PORT_EXIT_DECIDE);
        return;
    }
    case PK_SVC_TEST_EXIT:
#ifdef PK_CONFIG_TEST_EXIT
        if (!pk_test_judge(p)) {
            /* Only the system's test_judge ends a test run: a hostile
             * partition cannot end it with its own verdict. */
            refuse(p, PK_HM_BAD_SVC, nr, PK_EPERM);
            pk_kernel_exit_work(true);
            return;
        }
        pk_console_sync();
        PK_MASKED_REPORT();
        pk_printf("PK test exit partition=%s status=%d\n", p->cfg->name,
                  (int)p->ctx.r[0]);
        PK_TRACE_EXIT();
        PK_SWLOG_DUMP();
        pk_exit((int)p->ctx.r[0]);
#else
        refuse(p, PK_HM_BAD_SVC, nr, PK_ENOSYS);
        pk_kernel_exit_work(true);
        return;
#endif
    case PK_SVC_SET_MODE:
        pk_mode_svc_set(p); /* mode.c: each sets the result or refuses */
        return;
    case PK_SVC_MODE_STATUS:
        pk_mode_svc_status(p);
        return;
    case PK_SVC_HM_LOG_READ:
        pk_mode_svc_hm_log(p);
        return;
    case PK_SVC_SCHEDULE_SET:
        pk_mode_svc_schedule_set(p);
        return;
    case PK_SVC_SCHEDULE_STATUS:
        pk_mode_svc_schedule_status(p);
        return;
    case PK_SVC_SCHEDULE_ID:
        pk_mode_svc_schedule_id(p);
        return;
    default:
        /* A number below PK_SVC_COUNT that names no call. */
        refuse(p, PK_HM_BAD_SVC, nr, PK_ENOSYS);
        pk_kernel_exit_work(true);
        return;
    }
    p->ctx.r[0] = (uint32_t)res;
    if (exit_work)
        pk_kernel_exit_work(false);
}
