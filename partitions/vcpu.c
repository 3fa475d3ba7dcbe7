/*
 * vcpu.c - virtual interrupts: upcall delivery and upcall return.
 *
 * The vCPU page lies in the partition's guest-kernel range and is written
 * by the guest, so everything read from it is validated before use: the
 * upcall entry and stack must lie in the guest-kernel range, a returned
 * context must be a plain USR-mode ARM-state context (pk_cpsr_ok: no
 * Thumb, Jazelle, big-endian or masked bits) whose PC is word-aligned and
 * lies in the partition's own memory (the user range for a task context). The kernel touches the
 * page only while the partition is current (its domains are in the DACR).
 */
#include "pk_kernel.h"


void pk_vcpu_deliver(struct pk_part *p)
{
    struct pk_vcpu *v = p->vcpu;
    if (p->pending == 0u)
        return;
    v->pending = p->pending;
    if (v->vmask != 0u)
        return;
    uint32_t entry = v->upcall_entry;
    uint32_t sp = v->upcall_sp;
    if (!pk_part_in_gk(p, entry) || (entry & 3u) != 0u ||
        !pk_part_in_gk(p, sp - 8u) || (sp & 7u) != 0u) {
        pk_hm_fault(p, PK_HM_BAD_CONTEXT, entry, p->ctx.r[15], sp, false);
        return;
    }
    pk_arch_copy_regs(&v->ctx, &p->ctx);
    v->ctx_vmode = p->vmode;
    /* Ticks counted but skipped (tick_skip) go with any upcall: the
     * guest's count is exact whenever it runs. */
    if (p->ticks_pending != 0u)
        p->pending |= PK_EV_TICK;
    v->events = p->pending;
    v->ticks = p->ticks_pending;
    if (p->ticks_pending != 0u)
        v->tick_ns = p->next_tick_ns - p->tick_period_ns;
    v->irqs = p->irqs_pending;
    v->port_events = p->ports_pending;
    v->mode = p->mode; /* another partition may have set it */
    v->pending = 0u;
    v->vmask = 1u;
    p->upcall_in_warp = true; /* a warp_done set from here on is for it */
    p->ctx.r[0] = p->pending;
    p->ctx.r[1] = p->ticks_pending;
    p->pending = 0u;
    p->ticks_pending = 0u;
    p->irqs_pending = 0u;
    p->ports_pending = 0u;
    p->ctx.r[13] = sp;
    p->ctx.r[14] = 0u;
    p->ctx.r[15] = entry;
    p->ctx.cpsr = PK_CPSR_START;
    p->vmode = PK_VMODE_GUEST_KERNEL;
    pk_part_apply_vmode(p);
    p->upcalls++;
    PK_TRACE_VIRQ(p, v->events);
}

bool pk_vcpu_upcall_return(struct pk_part *p)
{
    struct pk_vcpu *v = p->vcpu;
    /* The context is validated where the guest left it and copied only
     * when valid: the kernel runs with IRQs masked on the one core, so
     * nothing can change the vCPU page between the check and the copy. */
    uint32_t cpsr = v->ctx.cpsr;
    uint32_t vmode = v->ctx_vmode;
    uint32_t pc = v->ctx.r[15];
    bool ok = pk_cpsr_ok(cpsr) && (pc & 3u) == 0u;
    if (vmode == PK_VMODE_TASK)
        ok = ok && pk_part_in_user(p, pc);
    else if (vmode == PK_VMODE_GUEST_KERNEL)
        ok = ok && (pk_part_in_gk(p, pc) || pk_part_in_user(p, pc));
    else
        ok = false;
    if (!ok) {
        pk_hm_fault(p, PK_HM_BAD_CONTEXT, pc, p->ctx.r[15], cpsr, false);
        return false;
    }
    pk_arch_copy_regs(&p->ctx, &v->ctx);
    p->ctx.cpsr = pk_cpsr_clean(cpsr);
    p->vmode = vmode;
    /* Any value is harmless: it only withholds the partition's own ticks
     * (the exit work re-arms the timer for the first one not covered). */
    p->tick_skip = v->tick_skip;
    /* Ticks counted under the skip in force until now (the partition was
     * switched out and in again during the upcall) that the new one does
     * not cover are due at once: without an upcall now, a task would run
     * with its kernel's tick count behind until the next tick, and a delay
     * it starts would be short by the ticks withheld. */
    if (p->ticks_pending > p->tick_skip)
        p->pending |= PK_EV_TICK;
    v->vmask = 0u;
    pk_part_apply_vmode(p);
    return true;
}
