/*
 * trap.c - C side of the exceptions taken from partitions (entry.S saved
 * the partition's registers in pk_cur->ctx before calling these).
 *
 * Prefetch aborts are also the gate into a partition's guest kernel: while a
 * task runs, the guest-kernel domain is "client" and its pages are
 * privileged-only, so a task calling an os_ API function takes a prefetch
 * abort at the function's first instruction. If that address is one of the
 * entry points the partition registered (PK_SVC_GATE_SETUP), the kernel
 * switches the partition to guest-kernel mode, saves the task's return
 * address and stack pointer in the vCPU's gate slot (gate_lr, gate_sp),
 * moves sp to the current task's guest-kernel stack (vcpu->gk_sp, published
 * by the guest at every task switch) with the call's stack arguments copied
 * there, points LR at the partition's return trampoline (which issues
 * PK_SVC_GATE_RETURN) and resumes at the same address. The API function so
 * never runs on, or returns through, memory a task can write: another task
 * of the partition cannot take guest-kernel control by forging the stack of
 * a task blocked inside an API call. Anything else is a fault for the
 * health monitor.
 *
 * Every entry first checks the CPU state the partition was in (entry_ok):
 * a partition runs in plain USR mode, ARM state (pk_cpsr_ok). A partition
 * found in Thumb or Jazelle state, big-endian or with any other control
 * bit changed has broken the ABI: the health monitor records a bad
 * context, and the fault is not skippable (resuming "after" an instruction
 * of unknown length is not defined). So every later step (the svc
 * dispatch, a gate entry, skipping a faulting instruction) can rely on ARM
 * state: the kernel never decodes partition memory and never resumes a
 * kernel-chosen entry point with a partition-chosen state.
 *
 * What QEMU 7.2 does with privileged instructions in USR mode (checked by
 * tests/target/pk-fault): CP15 accesses (mcr/mrc p15) are undefined
 * instructions and come here as such; "msr cpsr_c" is not a fault, the CPU
 * silently ignores the control bits (mode, I, F) and changes nothing the
 * kernel relies on.
 */
#include "pk_kernel.h"

#include "bsp.h"
#include "pk_tp.h"

/* Is pc a registered gate? The sorted table decides, by binary search;
 * the hash in front of it remembers the gates found so far, each in the
 * first free one of the PK_GATE_PROBES slots from its home slot, so a call
 * the partition's tasks make again is found in one or two loads. A hit is
 * a gate (the hash holds nothing the search did not confirm; empty slots
 * hold 0, which no gate is); a miss costs the probes and the search, so
 * however the guest chose its addresses (all in one cluster) a lookup
 * costs at most that, and GATE_SETUP nothing more than its check. The
 * hash is cleared at every start (pk_part_cold_start). */
static bool gate_lookup(struct pk_part *p, uint32_t pc)
{
    uint32_t s = pk_gate_slot(pc);
    uint32_t *free_slot = NULL;
    for (uint32_t k = 0; k < PK_GATE_PROBES; k++) {
        uint32_t *slot = &p->gate_hash[(s + k) & (PK_GATE_HASH - 1u)];
        if (*slot == 0u) {
            free_slot = slot;
            break;
        }
        if (*slot == pc)
            return true;
    }
    uint32_t lo = 0, hi = p->n_gates;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2u;
        uint32_t g = p->gates[mid];
        if (g == pc) {
            if (free_slot != NULL)
                *free_slot = pc;
            return true;
        }
        if (g < pc)
            lo = mid + 1u;
        else
            hi = mid;
    }
    return false;
}

/* The state check of every entry (see the top of this file). On failure
 * the fault is recorded and the decision machinery has run: the caller
 * returns at once. */
static bool entry_ok(struct pk_part *p)
{
    uint32_t cpsr = p->ctx.cpsr;
    if (pk_cpsr_ok(cpsr))
        return true;
    pk_hm_fault(p, PK_HM_BAD_CONTEXT, p->ctx.r[15], p->ctx.r[15], cpsr,
                false);
    pk_kernel_exit_work(true);
    return false;
}

void pk_trap_svc(void)
{
#ifdef PK_CONFIG_MASKED_STATS
    uint32_t nr = pk_svc_number(pk_cur);
    PK_MASKED_BEGIN(PK_MK_SVC + (nr < PK_SVC_COUNT ? nr : PK_SVC_COUNT));
#endif
    if (entry_ok(pk_cur))
        pk_svc_dispatch(pk_cur);
    PK_MASKED_END();
}

void pk_trap_irq(void)
{
    PK_MASKED_BEGIN(PK_MK_IRQ);
    bsp_irq_dispatch();
    pk_console_drain_wanted = true;
    if (entry_ok(pk_cur))
        pk_kernel_exit_work(false);
    PK_MASKED_END();
}

/*
 * Enter the guest kernel at gate pc for the current task of p (task mode).
 * Returns false, having reported the fault, when the guest's published
 * guest-kernel stack or the task's sp is unusable.
 *
 * The words copied are the call's stack arguments (AAPCS: from the fifth
 * on, at the caller's sp; os_task_create has three). PK_GATE_ARG_WORDS are
 * copied whatever the function, fewer only where the user range ends. The
 * kernel reads them under the task's DACR from the user range and writes
 * them into the guest-kernel range, which its privileged mode may do with
 * the domain "client".
 */
static bool gate_enter(struct pk_part *p)
{
    const struct pk_partition_config *c = p->cfg;
    struct pk_vcpu *v = p->vcpu;
    const uint32_t args_bytes = PK_GATE_ARG_WORDS * 4u;
    uint32_t usp = p->ctx.r[13];
    uint32_t new_sp = v->gk_sp - args_bytes;
    /* [new_sp, gk_sp) must be guest-kernel memory, gk_sp 8-byte aligned
     * (one compare: new_sp - base wraps above the bound when below base). */
    if ((new_sp & 7u) != 0u ||
        new_sp - c->kernel_base > c->kernel_size - args_bytes) {
        pk_hm_fault(p, PK_HM_BAD_CONTEXT, v->gk_sp, p->ctx.r[15], 0u, false);
        return false;
    }
    /* The task's sp: word-aligned, in [user_base, user_base + user_size]
     * (the top itself is an empty full-descending stack). */
    uint32_t off = usp - c->user_base;
    if ((usp & 3u) != 0u || off > c->user_size) {
        pk_hm_fault(p, PK_HM_BAD_CONTEXT, usp, p->ctx.r[15], 0u, false);
        return false;
    }
    const uint32_t *from = (const uint32_t *)(uintptr_t)usp;
    uint32_t *to = (uint32_t *)(uintptr_t)new_sp;
    if (c->user_size - off >= args_bytes) {
        /* One block copy (ldm/stm): this is the gate's fast path. */
        struct gate_args {
            uint32_t w[PK_GATE_ARG_WORDS]; /* the stack arguments */
        };
        *(struct gate_args *)(uintptr_t)new_sp =
            *(const struct gate_args *)(uintptr_t)usp;
    } else {
        /* The sp is near the top of the user range: copy what is there. */
        uint32_t n = (c->user_size - off) / 4u;
        for (uint32_t i = 0; i < PK_GATE_ARG_WORDS; i++)
            to[i] = i < n ? from[i] : 0u;
    }
    v->gate_lr = p->ctx.r[14];
    v->gate_sp = usp;
    p->ctx.r[13] = new_sp;
    p->ctx.r[14] = p->gate_trampoline;
    p->ctx.cpsr = pk_cpsr_clean(p->ctx.cpsr);
    p->vmode = PK_VMODE_GUEST_KERNEL;
    pk_part_apply_vmode(p);
    return true;
}

void pk_trap_pabt(void)
{
    struct pk_part *p = pk_cur;
    uint32_t pc = p->ctx.r[15];
    PK_MASKED_BEGIN(PK_MK_PABT);
    if (!entry_ok(p)) {
        PK_MASKED_END();
        return;
    }
    /* Only a task traps on a gate: in guest-kernel mode the range is
     * reachable, so gate entries never nest. */
    if (p->vmode == PK_VMODE_TASK && gate_lookup(p, pc)) {
        if (!gate_enter(p))
            pk_kernel_exit_work(true);
        else if (pk_tick_skip_end(p)) /* the skipped ticks, then the call */
            pk_kernel_exit_work(false);
        /* else the fast path: nothing else changed */
        PK_MASKED_END();
        return;
    }
    pk_hm_fault(p, PK_HM_PREFETCH_ABORT, pc, pc, pk_arch_prefetch_fault(),
                false);
    pk_kernel_exit_work(true);
    PK_MASKED_END();
}

void pk_trap_dabt(void)
{
    struct pk_part *p = pk_cur;
    uint32_t pc = p->ctx.r[15];
    uint32_t dfsr;
    uint32_t far = pk_arch_data_fault(&dfsr);
    PK_MASKED_BEGIN(PK_MK_DABT);
    if (entry_ok(p)) {
        if (pk_hm_fault(p, PK_HM_DATA_ABORT, far, pc, dfsr, true))
            p->ctx.r[15] = pc + 4u;
        pk_kernel_exit_work(true);
    }
    PK_MASKED_END();
}

void pk_trap_undef(void)
{
    struct pk_part *p = pk_cur;
    uint32_t pc = p->ctx.r[15];
    PK_MASKED_BEGIN(PK_MK_UNDEF);
    if (entry_ok(p)) {
        /* A planted tracepoint (tp.c): recorded, emulated, resumed. */
        if (PK_TP_HIT(p, pc)) {
            PK_MASKED_END();
            return;
        }
        if (pk_hm_fault(p, PK_HM_UNDEFINED, pc, pc, 0u, true))
            p->ctx.r[15] = pc + 4u;
        pk_kernel_exit_work(true);
    }
    PK_MASKED_END();
}

void pk_trap_kernel(uint32_t kind, const uint32_t *regs, uint32_t pc,
                    uint32_t spsr)
{
    static const char *const names[] = {
        "kernel fault: svc", "kernel fault: irq", "kernel fault: data abort",
        "kernel fault: prefetch abort", "kernel fault: undefined"};
    pk_panic(kind < 5u ? names[kind] : "kernel fault", regs, pc, spsr);
}
