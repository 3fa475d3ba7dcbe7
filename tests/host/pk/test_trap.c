/*
 * test_trap.c - the gate entry (pk_trap_pabt, partitions/trap.c), the entry
 * state check of every trap, and upcall delivery and return
 * (pk_vcpu_deliver, pk_vcpu_upcall_return, partitions/vcpu.c) at their
 * boundaries. Partition 0 (alpha, "log"): an unskippable fault stops it.
 */
#include <string.h>

#include "pk_test_util.h"

#define K0 PKT_GK_BASE(0u)
#define U0 PKT_USER_BASE(0u)
#define U1 PKT_USER_BASE(1u)
#define R PKT_RANGE
#define GK PK_VMODE_GUEST_KERNEL
#define TASK PK_VMODE_TASK
#define GATE (K0 + 0x2000u)
#define TRAMP (K0 + 0x100u)

/* Boots, registers GATE for alpha and leaves alpha running a task at
 * U0 + 0x40 with sp usp that calls GATE (lr U0 + 0x44), the vCPU's gk_sp
 * set to gk_sp. */
static struct pk_part *task_calls_gate(uint32_t gk_sp, uint32_t usp)
{
    assert_true(env_boot());
    struct pk_part *p = env_current(0, GK);
    *(uint32_t *)(uintptr_t)(K0 + 0x4000u) = GATE;
    env_svc(p, PK_SVC_GATE_SETUP, K0 + 0x4000u, 1u, TRAMP, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    p = env_current(0, TASK);
    p->vcpu->gk_sp = gk_sp;
    p->ctx.r[13] = usp;
    p->ctx.r[14] = U0 + 0x44u;
    p->ctx.r[15] = GATE;
    p->ctx.cpsr = CPU_MODE_USR;
    env_console_clear();
    return p;
}

/* True if the gate was entered; otherwise a bad_context stopped alpha. */
static bool gate_entered(struct pk_part *p, uint32_t gk_sp, uint32_t usp)
{
    pk_trap_pabt();
    if (env_hm_lines() != 0u) {
        assert_int_equal(p->state, PK_STATE_STOPPED);
        return false;
    }
    assert_int_equal(p->vmode, GK);
    assert_int_equal(p->ctx.r[15], GATE);
    assert_int_equal(p->ctx.r[13], gk_sp - 16u);
    assert_int_equal(p->ctx.r[14], TRAMP);
    assert_int_equal(p->vcpu->gate_lr, U0 + 0x44u);
    assert_int_equal(p->vcpu->gate_sp, usp);
    assert_int_equal(p->ctx.cpsr & ~CPU_PSR_FLAGS, CPU_MODE_USR);
    assert_int_equal(fake_cpu_dacr, p->arch.dacr_gk);
    return true;
}

static void gate_at_entry_copies_args(void **state)
{
    (void)state;
    uint32_t usp = U0 + 0x1000u, gk_sp = K0 + 0x3000u;
    struct pk_part *p = task_calls_gate(gk_sp, usp);
    uint32_t *args = (uint32_t *)(uintptr_t)usp;
    for (unsigned i = 0; i < 4u; i++)
        args[i] = 0xA0u + i;
    p->ctx.cpsr = CPU_MODE_USR | CPU_PSR_FLAGS; /* flags are the task's */
    assert_true(gate_entered(p, gk_sp, usp));
    const uint32_t *copied = (const uint32_t *)(uintptr_t)(gk_sp - 16u);
    for (unsigned i = 0; i < 4u; i++)
        assert_int_equal(copied[i], 0xA0u + i);
    assert_int_equal(p->ctx.cpsr, CPU_MODE_USR | CPU_PSR_FLAGS);
}

static void gate_at_entry_plus_4_is_a_fault(void **state)
{
    (void)state;
    struct pk_part *p = task_calls_gate(K0 + 0x3000u, U0 + 0x1000u);
    p->ctx.r[15] = GATE + 4u;
    pk_trap_pabt();
    pkt_assert_hm_kind("prefetch_abort");
    assert_int_equal(p->state, PK_STATE_STOPPED);
    /* And a gate address is no gate for the guest kernel itself. */
    p = task_calls_gate(K0 + 0x3000u, U0 + 0x1000u);
    p->vmode = GK;
    pk_part_apply_vmode(p);
    pk_trap_pabt();
    pkt_assert_hm_kind("prefetch_abort");
}

/* Boots, registers the n gates t[] (ascending) for alpha and leaves
 * alpha in task mode with a usable gk_sp and sp: its pc is the caller's. */
static struct pk_part *task_with_gates(const uint32_t *t, uint32_t n)
{
    assert_true(env_boot());
    struct pk_part *p = env_current(0, GK);
    memcpy((void *)(uintptr_t)(K0 + 0x4000u), t, n * 4u);
    env_svc(p, PK_SVC_GATE_SETUP, K0 + 0x4000u, n, TRAMP, 0);
    assert_int_equal(p->ctx.r[0], PK_OK);
    p = env_current(0, TASK);
    p->vcpu->gk_sp = K0 + 0x3000u;
    p->ctx.r[13] = U0 + 0x1000u;
    return p;
}

/* Every one of PK_MAX_GATES registered gates is found (the kernel searches the
 * ascending table), and the addresses between them are not gates. */
static void gate_lookup_full_table(void **state)
{
    (void)state;
    for (uint32_t i = 0; i < PK_MAX_GATES; i++) {
        for (uint32_t miss = 0; miss < 2u; miss++) {
            uint32_t t[PK_MAX_GATES];
            for (uint32_t k = 0; k < PK_MAX_GATES; k++)
                t[k] = K0 + 0x8000u + 8u * k;
            struct pk_part *p = task_with_gates(t, PK_MAX_GATES);
            p->ctx.r[15] = K0 + 0x8000u + 8u * i + 4u * miss;
            env_console_clear();
            pk_trap_pabt();
            assert_int_equal(env_hm_lines(), miss);
            assert_int_equal(p->vmode, miss ? TASK : GK);
        }
    }
}

/* A gate table a guest chose to fill one cluster of the hash: every gate
 * whose probe slots were taken is still found (in the sorted table), the
 * addresses that hash among them are not gates, nor is address 0, which
 * an empty slot holds. A gate found once is in the hash, in its home
 * slot's probes. */
static void gate_lookup_colliding_gates(void **state)
{
    (void)state;
    /* Gates in one home slot of the hash, more than its probes. */
    uint32_t gates[PK_GATE_PROBES + 3u], n = 0u, miss = 0u;
    uint32_t home = pk_gate_slot(K0 + 0x8000u);
    for (uint32_t a = K0 + 0x8000u; a < K0 + R && n < PK_GATE_PROBES + 3u;
         a += 4u)
        if (pk_gate_slot(a) == home)
            gates[n++] = a;
    assert_int_equal(n, PK_GATE_PROBES + 3u);
    for (uint32_t a = gates[n - 1u] + 4u; a < K0 + R && miss == 0u; a += 4u)
        if (pk_gate_slot(a) == home)
            miss = a;
    assert_true(miss != 0u);
    const uint32_t probes[] = {gates[0], gates[PK_GATE_PROBES - 1u],
                               gates[PK_GATE_PROBES], gates[n - 1u], miss,
                               0u};
    /* The cluster's probe slots first taken by gates called before. */
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        struct pk_part *p = task_with_gates(gates, n);
        for (uint32_t k = 0; k < PK_GATE_PROBES; k++)
            p->gate_hash[(home + k) & (PK_GATE_HASH - 1u)] = gates[n - 2u - k];
        p->ctx.r[15] = probes[i];
        env_console_clear();
        pk_trap_pabt();
        bool gate = probes[i] != miss && probes[i] != 0u;
        assert_int_equal(env_hm_lines(), gate ? 0u : 1u);
        assert_int_equal(p->vmode, gate ? GK : TASK);
        if (gate)
            assert_int_equal(p->ctx.r[15], probes[i]);
    }
    /* An empty cluster: a gate found is remembered in its home slot. */
    struct pk_part *p = task_with_gates(gates, n);
    assert_int_equal(p->gate_hash[home], 0u);
    p->ctx.r[15] = gates[2];
    pk_trap_pabt();
    assert_int_equal(p->vmode, GK);
    assert_int_equal(p->gate_hash[home], gates[2]);
}

static void gate_gk_sp_edges(void **state)
{
    (void)state;
    const uint32_t usp = U0 + 0x1000u;
    const uint32_t ok[] = {K0 + 16u, K0 + R, K0 + 0x3008u};
    const uint32_t bad[] = {K0 + 8u, K0, K0 + R + 8u, K0 + 0x3004u,
                            K0 + 0x3002u, U0 + 0x1000u, 0u};
    for (unsigned i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(gate_entered(task_calls_gate(ok[i], usp), ok[i], usp));
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(gate_entered(task_calls_gate(bad[i], usp), bad[i], usp));
        pkt_assert_hm_kind("bad_context");
        assert_int_equal(pkt_hm_hex("addr"), bad[i]);
    }
}

static void gate_usp_edges(void **state)
{
    (void)state;
    const uint32_t gk_sp = K0 + 0x3000u;
    /* Near the top fewer words are copied, the rest are zero. */
    struct pk_part *p = task_calls_gate(gk_sp, U0 + R - 8u);
    uint32_t *w = (uint32_t *)(uintptr_t)(U0 + R - 8u);
    w[0] = 0x51u;
    w[1] = 0x52u;
    assert_true(gate_entered(p, gk_sp, U0 + R - 8u));
    const uint32_t *c = (const uint32_t *)(uintptr_t)(gk_sp - 16u);
    assert_int_equal(c[0], 0x51u);
    assert_int_equal(c[1], 0x52u);
    assert_int_equal(c[2], 0u);
    assert_int_equal(c[3], 0u);
    assert_true(gate_entered(task_calls_gate(gk_sp, U0 + R), gk_sp, U0 + R));
    assert_true(gate_entered(task_calls_gate(gk_sp, U0), gk_sp, U0));
    assert_true(gate_entered(task_calls_gate(gk_sp, U0 + R - 16u), gk_sp,
                             U0 + R - 16u));
    const uint32_t bad[] = {U0 + R + 4u, U0 - 4u, U0 + 0x1002u, K0 + 0x1000u,
                            U1};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(gate_entered(task_calls_gate(gk_sp, bad[i]), gk_sp,
                                  bad[i]));
        pkt_assert_hm_kind("bad_context");
        assert_int_equal(pkt_hm_hex("addr"), bad[i]);
    }
}

/* A task in Thumb (or Jazelle, big-endian, privileged-looking) state must
 * not enter the guest kernel: ARM code would run as Thumb in guest-kernel
 * mode. */
static void gate_refuses_foreign_cpu_state(void **state)
{
    (void)state;
    const uint32_t bad[] = {CPU_MODE_USR | CPU_PSR_T, CPU_MODE_USR | CPU_PSR_J,
                            CPU_MODE_USR | CPU_PSR_E, CPU_MODE_USR | CPU_PSR_I,
                            CPU_MODE_SVC, CPU_MODE_SYS};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct pk_part *p = task_calls_gate(K0 + 0x3000u, U0 + 0x1000u);
        p->ctx.cpsr = bad[i];
        pk_trap_pabt();
        pkt_assert_hm_kind("bad_context");
        assert_int_equal(pkt_hm_hex("status"), bad[i]);
        assert_int_equal(p->state, PK_STATE_STOPPED);
        assert_int_equal(p->vmode, TASK);
    }
}

/* The same state check on a service call and a data abort. */
static void traps_refuse_thumb_entry(void **state)
{
    (void)state;
    struct pk_part *p = env_current(0, TASK);
    p->ctx.cpsr = CPU_MODE_USR | CPU_PSR_T;
    env_svc_at(p, U0 + 2u, PK_SVC_TIME_GET, 0, 0, 0, 0);
    pkt_assert_hm_kind("bad_context");
    assert_true(env_boot());
    p = env_current(0, TASK);
    p->ctx.cpsr = CPU_MODE_USR | CPU_PSR_T;
    p->ctx.r[15] = U0 + 0x100u;
    pk_trap_dabt();
    pkt_assert_hm_kind("bad_context");
    assert_int_equal(p->state, PK_STATE_STOPPED);
}

/* ---- Upcall delivery ---- */

/* Alpha current in task mode at U0 + 0x100 with a tick pending and an
 * unmasked vCPU whose upcall entry and stack are given. */
static struct pk_part *pending_tick(uint32_t entry, uint32_t sp)
{
    assert_true(env_boot());
    struct pk_part *p = env_current(0, TASK);
    p->ctx.r[15] = U0 + 0x100u;
    p->ctx.r[13] = U0 + 0x800u;
    p->vcpu->vmask = 0u;
    p->vcpu->upcall_entry = entry;
    p->vcpu->upcall_sp = sp;
    p->pending = PK_EV_TICK;
    p->ticks_pending = 2u;
    env_console_clear();
    return p;
}

static bool delivered(struct pk_part *p, uint32_t entry, uint32_t sp)
{
    pk_vcpu_deliver(p);
    if (env_hm_lines() != 0u) {
        pkt_assert_hm_kind("bad_context");
        assert_int_equal(p->state, PK_STATE_STOPPED);
        return false;
    }
    assert_int_equal(p->ctx.r[15], entry);
    assert_int_equal(p->ctx.r[13], sp);
    assert_int_equal(p->ctx.r[0], PK_EV_TICK);
    assert_int_equal(p->ctx.r[1], 2u);
    assert_int_equal(p->ctx.cpsr, CPU_MODE_USR);
    assert_int_equal(p->vmode, GK);
    assert_int_equal(p->vcpu->vmask, 1u);
    assert_int_equal(p->vcpu->ctx.r[15], U0 + 0x100u);
    assert_int_equal(p->vcpu->ctx_vmode, TASK);
    assert_int_equal(p->vcpu->ticks, 2u);
    assert_int_equal(fake_cpu_dacr, p->arch.dacr_gk);
    return true;
}

static void deliver_entry_and_sp_edges(void **state)
{
    (void)state;
    const uint32_t sp = K0 + 0x3000u, e = K0 + 0x200u;
    assert_true(delivered(pending_tick(K0, sp), K0, sp));
    assert_true(delivered(pending_tick(K0 + R - 4u, sp), K0 + R - 4u, sp));
    assert_true(delivered(pending_tick(e, K0 + 8u), e, K0 + 8u));
    assert_true(delivered(pending_tick(e, K0 + R), e, K0 + R));
    const uint32_t bad_entry[] = {K0 + R, K0 - 4u, K0 + 0x202u, U0 + 0x100u};
    for (unsigned i = 0; i < 4u; i++)
        assert_false(delivered(pending_tick(bad_entry[i], sp), bad_entry[i],
                               sp));
    const uint32_t bad_sp[] = {K0, K0 + R + 8u, K0 + 0x3004u, U0 + 0x800u};
    for (unsigned i = 0; i < 4u; i++)
        assert_false(delivered(pending_tick(e, bad_sp[i]), e, bad_sp[i]));
}

static void deliver_waits_while_masked(void **state)
{
    (void)state;
    struct pk_part *p = pending_tick(K0 + 0x200u, K0 + 0x3000u);
    p->vcpu->vmask = 1u;
    pk_vcpu_deliver(p);
    assert_int_equal(p->ctx.r[15], U0 + 0x100u);
    assert_int_equal(p->vcpu->pending, PK_EV_TICK);
    assert_int_equal(p->pending, PK_EV_TICK);
}

/* ---- Upcall return ---- */

/* Alpha in an upcall (guest kernel) returning to ctx (pc, cpsr, vmode). */
static bool upcall_return(uint32_t pc, uint32_t cpsr, uint32_t vmode)
{
    assert_true(env_boot());
    struct pk_part *p = env_current(0, GK);
    pkt_ctx(&p->vcpu->ctx, pc, U0 + 0x800u);
    p->vcpu->ctx.cpsr = cpsr;
    p->vcpu->ctx_vmode = vmode;
    p->vcpu->vmask = 1u;
    env_console_clear();
    env_svc(p, PK_SVC_UPCALL_RETURN, 0, 0, 0, 0);
    if (env_hm_lines() != 0u) {
        pkt_assert_hm_kind("bad_context");
        assert_int_equal(p->state, PK_STATE_STOPPED);
        return false;
    }
    assert_int_equal(p->ctx.r[15], pc);
    assert_int_equal(p->ctx.r[5], 0x1005u);
    assert_int_equal(p->ctx.cpsr, cpsr);
    assert_int_equal(p->vmode, vmode);
    assert_int_equal(p->vcpu->vmask, 0u);
    assert_int_equal(fake_cpu_dacr, vmode == TASK ? p->arch.dacr_task : p->arch.dacr_gk);
    return true;
}

static void upcall_return_pc_edges(void **state)
{
    (void)state;
    const uint32_t usr = CPU_MODE_USR;
    assert_true(upcall_return(U0, usr, TASK));
    assert_true(upcall_return(U0 + R - 4u, usr, TASK));
    assert_false(upcall_return(U0 + R, usr, TASK));
    assert_false(upcall_return(U0 - 4u, usr, TASK)); /* own gk: not a task's */
    assert_false(upcall_return(K0 + 0x200u, usr, TASK));
    assert_false(upcall_return(U0 + 0x102u, usr, TASK));
    assert_true(upcall_return(K0, usr, GK));
    assert_true(upcall_return(K0 + R - 4u, usr, GK));
    assert_true(upcall_return(U0 + R - 4u, usr, GK));
    assert_false(upcall_return(U0 + R, usr, GK));
    assert_false(upcall_return(K0 - 4u, usr, GK));
    assert_false(upcall_return(U1, usr, GK));
    assert_false(upcall_return(K0 + 0x201u, usr, GK));
    assert_false(upcall_return(U0, usr, 2u));
    assert_false(upcall_return(U0, usr, 0xFFFFFFFFu));
}

static void upcall_return_cpsr_bits(void **state)
{
    (void)state;
    const uint32_t usr = CPU_MODE_USR;
    assert_true(upcall_return(U0, usr | CPU_PSR_FLAGS | CPU_PSR_GE, TASK));
    const uint32_t bad[] = {usr | CPU_PSR_T, usr | CPU_PSR_J, usr | CPU_PSR_E,
                            usr | CPU_PSR_I, usr | CPU_PSR_F, usr | CPU_PSR_A,
                            CPU_MODE_SVC, CPU_MODE_SYS, CPU_MODE_IRQ, 0u,
                            usr | 0x400u};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(upcall_return(U0, bad[i], TASK));
        assert_int_equal(pkt_hm_hex("status"), bad[i]);
    }
}

#define T(f) cmocka_unit_test_setup(f, pkt_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(gate_at_entry_copies_args),
        T(gate_at_entry_plus_4_is_a_fault),
        T(gate_lookup_full_table),
        T(gate_lookup_colliding_gates),
        T(gate_gk_sp_edges),
        T(gate_usp_edges),
        T(gate_refuses_foreign_cpu_state),
        T(traps_refuse_thumb_entry),
        T(deliver_entry_and_sp_edges),
        T(deliver_waits_while_masked),
        T(upcall_return_pc_edges),
        T(upcall_return_cpsr_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
