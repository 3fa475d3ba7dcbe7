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
 * address in vcpu->gate_lr, points LR at the partition's return trampoline
 * (which issues PK_SVC_GATE_RETURN) and resumes at the same address.
 * Anything else is a fault for the health monitor.
 *
 * What QEMU 7.2 does with privileged instructions in USR mode (checked by
 * tests/target/pk-fault): CP15 accesses (mcr/mrc p15) are undefined
 * instructions and come here as such; "msr cpsr_c" is not a fault, the CPU
 * silently ignores the control bits (mode, I, F) and changes nothing the
 * kernel relies on.
 */
#include "pk_kernel.h"

#include "bsp.h"
#include "cpu.h"

/* Gates are kept sorted: binary search. */
static bool gate_lookup(const struct pk_part *p, uint32_t pc)
{
    uint32_t lo = 0, hi = p->n_gates;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2u;
        uint32_t g = p->gates[mid];
        if (g == pc)
            return true;
        if (g < pc)
            lo = mid + 1u;
        else
            hi = mid;
    }
    return false;
}

void pk_trap_svc(void)
{
    pk_svc_dispatch(pk_cur);
}

void pk_trap_irq(void)
{
    bsp_irq_dispatch();
    pk_kernel_exit_work(false);
}

void pk_trap_pabt(void)
{
    struct pk_part *p = pk_cur;
    uint32_t pc = p->ctx.r[15];
    if (p->vmode == PK_VMODE_TASK && gate_lookup(p, pc)) {
        p->vcpu->gate_lr = p->ctx.r[14];
        p->ctx.r[14] = p->gate_trampoline;
        p->vmode = PK_VMODE_GUEST_KERNEL;
        pk_part_apply_vmode(p);
        return; /* fast path: nothing else changed */
    }
    pk_hm_fault(p, PK_HM_PREFETCH_ABORT, pc, pc, cpu_ifsr_read(), false);
    pk_kernel_exit_work(true);
}

void pk_trap_dabt(void)
{
    struct pk_part *p = pk_cur;
    uint32_t pc = p->ctx.r[15];
    uint32_t far = cpu_far_read();
    uint32_t dfsr = cpu_dfsr_read();
    if (pk_hm_fault(p, PK_HM_DATA_ABORT, far, pc, dfsr, true))
        p->ctx.r[15] = pc + 4u;
    pk_kernel_exit_work(true);
}

void pk_trap_undef(void)
{
    struct pk_part *p = pk_cur;
    uint32_t pc = p->ctx.r[15];
    if (pk_hm_fault(p, PK_HM_UNDEFINED, pc, pc, 0u, true))
        p->ctx.r[15] = pc + 4u;
    pk_kernel_exit_work(true);
}

void pk_trap_kernel(uint32_t kind, const uint32_t *regs, uint32_t pc,
                    uint32_t spsr)
{
    static const char *const names[] = {
        "kernel fault: svc", "kernel fault: irq", "kernel fault: data abort",
        "kernel fault: prefetch abort", "kernel fault: undefined"};
    pk_panic(kind < 5u ? names[kind] : "kernel fault", regs, pc, spsr);
}
