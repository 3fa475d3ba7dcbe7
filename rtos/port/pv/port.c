/*
 * port.c - the para-virtual port of the tick core: the guest kernel of a
 * partition, running in ARM USR mode under the partitioning kernel.
 *
 * Virtual privilege (docs/abi.md): this file, pv_entry.S and the tick core
 * are linked into the partition's guest-kernel range; the application runs
 * in the user range. A task calling an os_ API function traps into the
 * kernel (prefetch abort on the guest-kernel range) and is let in only at
 * one of the entry points registered here with PK_SVC_GATE_SETUP; the API
 * function then runs in guest-kernel mode on the task's own guest-kernel
 * stack (in its TCB; the kernel switches to it, see vcpu.gk_sp) and returns
 * through pv_gate_trampoline, which drops back to task mode on the task's
 * user stack.
 *
 * Interrupts are virtual: the kernel delivers events (ticks, switch
 * requests, timers) as upcalls to pv_upcall_entry while vcpu.vmask is 0.
 * A task switch happens only in the upcall: the interrupted context (in
 * vcpu.ctx) is saved in the outgoing task's TCB, the core picks os_current,
 * and the incoming task's saved context is loaded into vcpu.ctx, which
 * PK_SVC_UPCALL_RETURN resumes. The saved context also keeps the task's
 * virtual mode and its gate slot (vcpu.gate_lr, vcpu.gate_sp), so a task
 * preempted inside an API call resumes there and still returns to its own
 * caller.
 *
 * Invariant: guest-kernel mode never runs on, returns through or trusts
 * memory a task can write. TCBs (with the saved contexts and the
 * guest-kernel stacks) must lie in the guest-kernel range; the user range
 * holds only the tasks' own stacks, which the guest kernel merely fills at
 * creation and checks (guard words, t->sp) at switches, and the data
 * buffers the API copies from or to.
 *
 * Masking: vcpu.vmask is the guest's interrupt mask. Critical sections nest
 * with one counter; it starts at 1 (masked during boot) and is 0 whenever a
 * task runs outside a critical section, so no switch ever happens with the
 * counter non-zero.
 */
#include <stdbool.h>
#include <stdint.h>

#include "os.h"
#include "pv_hm.h"
#include "pv_layout.h"
#include "pv_port.h"
#include "pv_svc.h"
#include "pv_vit_stat.h"

/* Layout of the saved context in the TCB (struct pv_task_ctx.frame). */
#define FRAME_R0 0u
#define FRAME_SP 13u
#define FRAME_LR 14u
#define FRAME_PC 15u
#define FRAME_CPSR 16u
#define FRAME_VMODE 17u
#define FRAME_GATE_LR 18u
#define FRAME_GATE_SP 19u
_Static_assert(PV_FRAME_WORDS >= 20u,
               "frame holds r0-r15, cpsr, vmode, gate_lr, gate_sp");
_Static_assert(PV_GK_STACK_WORDS >= 64u && (PV_GK_STACK_WORDS % 2u) == 0u,
               "guest-kernel stack: room for the API, 8-byte multiple");

/* The canary in the lowest word of every task's guest-kernel stack. */
#define GK_STACK_CANARY 0x6B73746Bu

/* 1: the guest asks for no virtual tick while nothing is due
 * (vcpu.tick_skip); 0: every tick is delivered (a benchmark of the tick
 * upcall itself). */
#ifndef PV_CONFIG_TICK_SKIP
#define PV_CONFIG_TICK_SKIP 1
#endif

/* USR mode CPSR with IRQs enabled, ARM state. */
#define PV_CPSR_USR 0x10u

/* Linker symbols (linker/partition.ld). */
extern struct pk_vcpu pv_vcpu;     /* the vCPU page */
extern char pv_gk_start[];         /* guest-kernel range */
extern char pv_gk_end[];

/* Assembly (pv_entry.S). */
void pv_upcall_entry(void);
void pv_gate_trampoline(void);
void pv_upcall(uint32_t events, uint32_t ticks);
void pv_boot(void) __attribute__((noreturn));

/* The application's entry, in the user range; called in guest-kernel mode
 * before any task runs: it creates objects and tasks and calls os_start(). */
int main(void);
/* newlib set-up of the user range (rtos/port/pv/user/syscalls.c). */
void pv_user_init(void);

/* Stack of upcalls (and of the boot code until os_start; pv_entry.S). */
#define PV_UPCALL_STACK_WORDS (PV_UPCALL_STACK_BYTES / 4u)
extern uint32_t pv_upcall_stack[PV_UPCALL_STACK_WORDS];
_Alignas(8) uint32_t pv_upcall_stack[PV_UPCALL_STACK_WORDS];

static uint32_t critical_nesting = 1u; /* masked until the first task runs */
static bool in_upcall;                 /* inside pv_upcall() */
static bool switch_requested;          /* port_yield_from_isr() was called */
static bool started;                   /* the first task was started */
/* Nominal time of the last tick announced (vcpu.tick_ns of its upcall);
 * before the first one, the time of boot. */
static uint64_t tick_ns;

/* Drive one of the partition's own probe pins (its probe_pins in the
 * configuration) for a task: the kernel makes the store, and refuses a pin
 * the partition does not own (PK_EPERM, health monitor). */
int32_t pv_probe_set(uint32_t pin, uint32_t level)
{
    return pv_svc(PK_SVC_PROBE, pin, level, 0u);
}

/*
 * The gates: every public os_ function a task may call. Absent: the
 * _from_isr functions, os_tick_announce and os_task_switch (they belong to
 * the upcall, guest-kernel context), os_init, os_init_at, os_start and
 * os_timer_service_init (called by main() in guest-kernel mode, before any
 * task runs; os_timer_service_start and os_timer_service_task are
 * task-level library code, rtos/lib).
 */
typedef void (*pv_fn)(void);
static const pv_fn gates[] = {
    (pv_fn)os_running,
    (pv_fn)os_task_create, (pv_fn)os_task_delete, (pv_fn)os_task_exit,
    (pv_fn)os_task_suspend, (pv_fn)os_task_resume, (pv_fn)os_task_yield,
    (pv_fn)os_task_self, (pv_fn)os_task_set_priority,
    (pv_fn)os_task_get_priority, (pv_fn)os_task_set_realtime,
    (pv_fn)os_task_set_probe_pin, (pv_fn)os_task_stack_high_water,
    (pv_fn)os_idle_task, (pv_fn)os_tick_count, (pv_fn)os_delay,
    (pv_fn)os_delay_until, (pv_fn)os_ticks_to_next_wake, (pv_fn)os_time_ns,
    (pv_fn)os_sem_init, (pv_fn)os_sem_take, (pv_fn)os_sem_give,
    (pv_fn)os_sem_count, (pv_fn)os_mutex_init, (pv_fn)os_mutex_lock,
    (pv_fn)os_mutex_unlock, (pv_fn)os_mutex_owner, (pv_fn)os_queue_init,
    (pv_fn)os_queue_send, (pv_fn)os_queue_receive, (pv_fn)os_queue_peek,
    (pv_fn)os_queue_count, (pv_fn)os_critical_enter, (pv_fn)os_critical_exit,
    (pv_fn)os_scheduler_suspend, (pv_fn)os_scheduler_resume,
    /* Inter-partition ports (pv_port.h). */
    (pv_fn)pv_port_open, (pv_fn)pv_sampling_write, (pv_fn)pv_sampling_read,
    (pv_fn)pv_queuing_send, (pv_fn)pv_queuing_receive,
    (pv_fn)pv_queuing_clear, (pv_fn)pv_port_status,
    /* Probe pins the partition owns (pv_svc.h). */
    (pv_fn)pv_probe_set,
    /* Task state and statistics, notifications. */
    (pv_fn)os_task_get_state, (pv_fn)os_task_get_name,
    (pv_fn)os_task_abort_delay, (pv_fn)os_task_get_system_state,
    (pv_fn)os_task_count, (pv_fn)os_task_notify, (pv_fn)os_task_notify_wait,
    (pv_fn)os_task_notify_take, (pv_fn)os_task_notify_state_clear,
    (pv_fn)os_task_notify_value_clear,
    /* Mutex kinds, deletes, queue extras, queue sets. */
    (pv_fn)os_mutex_init_kind, (pv_fn)os_mutex_recursion,
    (pv_fn)os_mutex_delete, (pv_fn)os_sem_delete, (pv_fn)os_queue_send_front,
    (pv_fn)os_queue_overwrite, (pv_fn)os_queue_reset, (pv_fn)os_queue_spaces,
    (pv_fn)os_queue_delete, (pv_fn)os_queue_set_init, (pv_fn)os_queue_set_add,
    (pv_fn)os_queue_set_remove, (pv_fn)os_queue_set_select,
    /* Event groups, stream and message buffers. */
    (pv_fn)os_event_group_init, (pv_fn)os_event_group_set,
    (pv_fn)os_event_group_clear, (pv_fn)os_event_group_get,
    (pv_fn)os_event_group_wait, (pv_fn)os_event_group_sync,
    (pv_fn)os_event_group_delete, (pv_fn)os_stream_init,
    (pv_fn)os_stream_init_message, (pv_fn)os_stream_send,
    (pv_fn)os_stream_receive, (pv_fn)os_stream_bytes_available,
    (pv_fn)os_stream_spaces_available, (pv_fn)os_stream_next_message_length,
    (pv_fn)os_stream_set_trigger, (pv_fn)os_stream_reset,
    (pv_fn)os_stream_delete,
    /* Timers (os_timer_service_next: the service task's body, in task
     * mode, asks for the next job; os_timer_service_init is main()'s). */
    (pv_fn)os_timer_service_next, (pv_fn)os_timer_service_handle,
    (pv_fn)os_timer_init, (pv_fn)os_timer_start, (pv_fn)os_timer_stop,
    (pv_fn)os_timer_reset, (pv_fn)os_timer_change_period,
    (pv_fn)os_timer_delete, (pv_fn)os_timer_pend_call,
    (pv_fn)os_timer_is_active, (pv_fn)os_timer_get_id, (pv_fn)os_timer_set_id,
    (pv_fn)os_timer_get_period, (pv_fn)os_timer_get_expiry,
    (pv_fn)os_timer_get_name, (pv_fn)os_timer_set_auto_reload,
    (pv_fn)os_timer_get_auto_reload,
    (pv_fn)pv_hm_wait, (pv_fn)pv_hm_last,
};

/*
 * The gates of a library linked into the guest kernel beside the tick core
 * (the APEX, apex/: docs/arinc653.md): its table and length; none unless
 * the library defines them (weak defaults in lib_gates.c, a file of their
 * own so that this one cannot fold them).
 */
extern const pv_fn pv_lib_gates[];
extern const uint32_t pv_lib_gate_count;

static bool in_gk(uint32_t addr)
{
    return addr - (uint32_t)(uintptr_t)pv_gk_start <
           (uint32_t)(pv_gk_end - pv_gk_start);
}

/* True if [addr, addr + len) lies in the guest-kernel range, below the
 * vCPU page (which belongs to the kernel interface, not to objects). */
static bool gk_object(uintptr_t addr, size_t len)
{
    uintptr_t lo = (uintptr_t)pv_gk_start;
    uintptr_t hi = (uintptr_t)&pv_vcpu;
    return addr >= lo && addr <= hi && len <= hi - addr;
}

/* True if [addr, addr + len) overlaps the guest-kernel range. */
static bool overlaps_gk(uintptr_t addr, size_t len)
{
    uintptr_t lo = (uintptr_t)pv_gk_start, hi = (uintptr_t)pv_gk_end;
    return addr < hi && addr + len > lo;
}

/* True in guest-kernel context: main() before the first task runs, the
 * guest kernel's own (idle) task, and upcalls. False when a task called in
 * through a gate: the callers the object and buffer rules exist for. */
static bool gk_context(void)
{
    return !started || in_upcall || os_current == NULL || os_current->pv.kernel_task != 0u;
}

bool pv_buffer_ok(const void *p, size_t size)
{
    uintptr_t a = (uintptr_t)p;
    if (a + size < a)
        return false; /* wraps around the address space */
    return gk_context() || !overlaps_gk(a, size);
}

bool pv_new_object_ok(void)
{
    return gk_context();
}

/* pv_port.c: a task called in through a gate (its buffers are checked by
 * the kernel as the task's). */
bool pv_caller_is_task(void);
bool pv_caller_is_task(void)
{
    return !gk_context();
}

void pv_boot(void)
{
    /* The linker sizes the type map with the same grain; an entry for every
     * grain of .kobj is what keeps the core's map index in bounds. */
    if (PORT_KOBJ_ENTRIES * PV_KOBJ_GRAIN <
        (size_t)(pv_kobj_end - pv_kobj_start))
        port_panic("type map smaller than .kobj");
    tick_ns = pv_time_ns();
    pv_vcpu.upcall_entry = (uint32_t)(uintptr_t)pv_upcall_entry;
    pv_vcpu.upcall_sp =
        (uint32_t)(uintptr_t)&pv_upcall_stack[PV_UPCALL_STACK_WORDS];
    /* The kernel takes the table only in ascending order (it checks it
     * in one pass): sort the addresses here, in the guest's own time. */
    /* MAX_GATES: what the kernel takes (PK_MAX_GATES, docs/abi.md). */
    enum { N_CORE_GATES = sizeof gates / sizeof gates[0], MAX_GATES = 128 };
    _Static_assert(N_CORE_GATES <= MAX_GATES, "too many gates");
    static uint32_t sorted[MAX_GATES];
    uint32_t n_lib = pv_lib_gate_count;
    if (n_lib > (uint32_t)(MAX_GATES - N_CORE_GATES))
        port_panic("too many library gates");
    uint32_t n_gates = N_CORE_GATES + n_lib;
    for (uint32_t i = 0; i < n_gates; i++) {
        uint32_t g = (uint32_t)(uintptr_t)(i < N_CORE_GATES ? gates[i]
                                           : pv_lib_gates[i - N_CORE_GATES]),
                 j = i;
        for (; j > 0u && sorted[j - 1u] > g; j--)
            sorted[j] = sorted[j - 1u];
        sorted[j] = g;
    }
    if (pv_svc(PK_SVC_GATE_SETUP, (uint32_t)(uintptr_t)sorted, n_gates,
               (uint32_t)(uintptr_t)pv_gate_trampoline) != PK_OK)
        port_panic("gate set-up refused");
    pv_user_init();
    (void)main();
    port_panic("main returned");
}

port_stack_t *port_stack_init(struct os_task *t, port_stack_t *stack,
                              size_t words, void (*entry)(void *), void *arg)
{
    uint32_t pc = (uint32_t)(uintptr_t)entry;
    /* A task whose code is the guest kernel's own (the idle task, created
     * by os_init() at boot) runs in guest-kernel mode; application tasks run
     * in task mode. After the start, a task created by a task never gets
     * guest-kernel mode, whatever its entry: a task cannot raise itself. */
    bool kernel_task = !started && in_gk(pc);
    /* The TCB holds the saved context and the guest-kernel stack: it must
     * be guest-kernel memory (OS_KOBJ). A task-mode task's stack must not
     * be: the task could not use it, and the core's fill of it would let a
     * task have the guest kernel write where the task chose. The stack
     * must not wrap around the address space either. */
    size_t bytes = words * sizeof(port_stack_t);
    if (!gk_object((uintptr_t)t, sizeof *t) ||
        bytes / sizeof(port_stack_t) != words ||
        (uintptr_t)stack + bytes < (uintptr_t)stack ||
        (!kernel_task && overlaps_gk((uintptr_t)stack, bytes)))
        return NULL;
    struct pv_task_ctx *c = &t->pv;
    uintptr_t top = (uintptr_t)(stack + words) & ~(uintptr_t)7u;
    for (unsigned i = 0; i < PV_FRAME_WORDS; i++)
        c->frame[i] = 0u;
    c->frame[FRAME_R0] = (uint32_t)(uintptr_t)arg;
    c->frame[FRAME_SP] = (uint32_t)top;
    c->frame[FRAME_LR] = (uint32_t)(uintptr_t)os_task_exit;
    c->frame[FRAME_PC] = pc;
    c->frame[FRAME_CPSR] = PV_CPSR_USR;
    c->frame[FRAME_VMODE] =
        kernel_task ? PK_VMODE_GUEST_KERNEL : PK_VMODE_TASK;
    c->frame[FRAME_GATE_LR] = 0u;
    c->frame[FRAME_GATE_SP] = 0u;
    c->kernel_task = kernel_task ? 1u : 0u;
    c->pad = 0u;
    c->gk_stack[0] = GK_STACK_CANARY;
    /* Nothing of the context is on the task's stack: the core fills all of
     * it, and t->sp is the task's own stack pointer. */
    return (port_stack_t *)top;
}

/* pv_entry.S: copy the 16 words r0-r15 of a context (word-aligned). */
void pv_copy_regs16(uint32_t *dst, const uint32_t *src);
_Static_assert(FRAME_R0 == 0 && FRAME_PC == 15 && PV_FRAME_WORDS > 16,
               "frame[0..15] are r0-r15, as pk_regs.r");

/* Load os_current's saved context into the vCPU and publish the top of its
 * guest-kernel stack for the next gate entry. */
static void load_current(void)
{
    const struct pv_task_ctx *c = &os_current->pv;
    pv_copy_regs16(pv_vcpu.ctx.r, c->frame);
    pv_vcpu.ctx.cpsr = c->frame[FRAME_CPSR];
    pv_vcpu.ctx_vmode = c->frame[FRAME_VMODE];
    pv_vcpu.gate_lr = c->frame[FRAME_GATE_LR];
    pv_vcpu.gate_sp = c->frame[FRAME_GATE_SP];
    pv_vcpu.gk_sp = (uint32_t)(uintptr_t)&c->gk_stack[PV_GK_STACK_WORDS];
}

/*
 * Save the interrupted context in os_current's TCB. t->sp becomes the
 * task's own stack pointer: the interrupted sp, or, for a task inside an
 * API call (guest-kernel mode, running on its guest-kernel stack), the one
 * kept in the gate slot. The core checks it against the task's stack at
 * the switch that follows (stack overflow detection); nothing here writes
 * to or reads from that stack.
 */
static void save_current(void)
{
    struct os_task *t = os_current;
    struct pv_task_ctx *c = &t->pv;
    if (c->gk_stack[0] != GK_STACK_CANARY)
        port_panic("guest-kernel stack overflow");
    pv_copy_regs16(c->frame, pv_vcpu.ctx.r);
    c->frame[FRAME_CPSR] = pv_vcpu.ctx.cpsr;
    c->frame[FRAME_VMODE] = pv_vcpu.ctx_vmode;
    c->frame[FRAME_GATE_LR] = pv_vcpu.gate_lr;
    c->frame[FRAME_GATE_SP] = pv_vcpu.gate_sp;
    bool in_gate =
        pv_vcpu.ctx_vmode == PK_VMODE_GUEST_KERNEL && c->kernel_task == 0u;
    t->sp = (port_stack_t *)(uintptr_t)(in_gate ? pv_vcpu.gate_sp
                                                : pv_vcpu.ctx.r[13]);
}

/*
 * The error handler (pv_hm.h). hm_sem counts errors for the handler task;
 * it lives in .kobj like every object the core checks.
 */
static struct os_task *hm_task;   /* the error handler, or NULL */
static OS_KOBJ struct os_sem hm_sem;
static struct pv_hm_error hm_last; /* the last error delivered */
static bool hm_have;               /* hm_last not yet taken */

/* Where a failed process is parked (user range: it suspends itself
 * through the gate, rtos/port/pv/user/hm_park.c). */
void pv_hm_park(void) __attribute__((noreturn));

enum os_status pv_hm_set_handler(struct os_task *t)
{
    if (started || t == NULL || !pv_object_ok(t, sizeof *t))
        return OS_ERR_PARAM;
    enum os_status st = os_sem_init(&hm_sem, 0u, 1u);
    if (st == OS_OK)
        hm_task = t;
    return st;
}

enum os_status pv_hm_wait_gk(struct pv_hm_error *out)
{
    if (hm_task == NULL || os_current != hm_task)
        return OS_ERR_STATE;
    pv_vcpu.hm_handler = 1u; /* ready: errors may come to the process */
    enum os_status st = os_sem_take(&hm_sem, OS_WAIT_FOREVER);
    if (st != OS_OK)
        return st;
    if (out != NULL) {
        port_critical_enter();
        *out = hm_last;
        port_critical_exit();
    }
    return OS_OK;
}

bool pv_hm_take_gk(struct pv_hm_error *out)
{
    port_critical_enter();
    bool have = hm_have;
    if (have)
        *out = hm_last;
    hm_have = false; /* taken: GET_ERROR_STATUS reports each error once */
    port_critical_exit();
    return have;
}

enum os_status pv_hm_wait(struct pv_hm_error *out)
{
    if (out == NULL || !pv_buffer_ok(out, sizeof *out))
        return OS_ERR_PARAM;
    return pv_hm_wait_gk(out);
}

bool pv_hm_last(struct pv_hm_error *out)
{
    if (out == NULL || !pv_buffer_ok(out, sizeof *out))
        return false;
    return pv_hm_take_gk(out);
}

/* PK_EV_HM in the upcall: the interrupted task failed. A fault the kernel
 * detected parks it (its context resumes at pv_hm_park in task mode, on
 * its own stack); the handler gets the error. */
static void hm_deliver(void)
{
    struct os_task *failed = started ? os_current : NULL;
    hm_last.error = pv_vcpu.hm_error;
    hm_last.addr = pv_vcpu.hm_addr;
    hm_last.pc = pv_vcpu.hm_pc;
    hm_last.status = pv_vcpu.hm_status;
    hm_last.failed = failed;
    hm_last.seq = pv_vcpu.hm_seq;
    hm_have = true;
    pv_vcpu.hm_handler = 0u; /* busy: a further error is the partition's */
    if (failed != NULL && failed != hm_task && failed->pv.kernel_task == 0u &&
        pv_vcpu.hm_error < PK_HM_ERR_FAULTS) {
        if (pv_vcpu.ctx_vmode == PK_VMODE_GUEST_KERNEL)
            pv_vcpu.ctx.r[13] = pv_vcpu.gate_sp; /* inside a gate */
        pv_vcpu.ctx.r[15] = (uint32_t)(uintptr_t)pv_hm_park;
        pv_vcpu.ctx.cpsr = PV_CPSR_USR;
        pv_vcpu.ctx_vmode = PK_VMODE_TASK;
    }
    if (hm_task != NULL) {
        (void)os_sem_give_from_isr(&hm_sem);
        switch_requested = true;
    }
}

/* C part of the upcall: guest-kernel mode, upcall stack, vmask = 1. */
void pv_upcall(uint32_t events, uint32_t ticks)
{
    in_upcall = true;
    if ((events & PK_EV_HM) != 0u)
        hm_deliver();
    if ((events & PK_EV_TICK) != 0u && ticks != 0u) {
        tick_ns = pv_vcpu.tick_ns;
        (void)os_tick_announce(ticks);
    }
    if ((events & PK_EV_SWITCH) != 0u)
        switch_requested = true;
    if ((events & PK_EV_PORT) != 0u)
        pv_port_upcall(pv_vcpu.port_events);
    bool switched = false;
    if (switch_requested && started) {
        switched = true;
        switch_requested = false;
        const struct os_task *prev = os_current;
        save_current();
        os_task_switch();
        /* From a real-time task to one that is not: the real-time work
         * the kernel warped this partition for is done, so its warp may
         * end (vcpu warp_done, docs/vit.md "End of the warp"). */
        if (prev->realtime && !os_current->realtime)
            pv_vcpu.warp_done = 1u;
        load_current();
    }
    /* The ticks that carry nothing (no wake due, no time slice to end)
     * need no upcall: the kernel counts them and hands them over with the
     * next upcall (docs/abi.md "Virtual ticks on demand"). Asked only in a
     * tick that found the running task computing (no switch), and only for
     * a task that is not real-time: a task just switched to usually calls
     * its kernel soon, where the skip would end again at a cost on its
     * wake-up path (it gets the skip at its first tick instead), and a
     * real-time task's work, short and warped, keeps its ticks as before,
     * so the paths VIT serves are unchanged. */
    uint32_t skip = 0u;
    if (PV_CONFIG_TICK_SKIP && started && !switched &&
        (events & PK_EV_TICK) != 0u && !os_current->realtime) {
        os_tick_t need = os_ticks_to_next_need();
        skip = need == OS_WAIT_FOREVER ? UINT32_MAX
               : need != 0u           ? need - 1u
                                      : 0u;
    }
    pv_vcpu.tick_skip = skip;
    in_upcall = false;
}

void port_start_first_task(void)
{
    started = true;
    critical_nesting = 0u;
    load_current();
    /* Resumes the first task's context and unmasks: never returns here. */
    (void)pv_svc(PK_SVC_UPCALL_RETURN, 0u, 0u, 0u);
    port_panic("upcall return refused");
}

/* Take pending events now if they may be delivered. */
static inline void deliver_pending(void)
{
    if (pv_vcpu.pending != 0u)
        (void)pv_svc(PK_SVC_EVENT_RAISE, 0u, 0u, 0u);
}

void port_yield(void)
{
    if (in_upcall) {
        switch_requested = true;
        return;
    }
    /* Delivered at once when unmasked, else at the end of the critical
     * section (port_critical_exit). */
    (void)pv_svc(PK_SVC_EVENT_RAISE, PK_EV_SWITCH, 0u, 0u);
}

void port_yield_from_isr(void)
{
    switch_requested = true;
}

bool port_in_isr(void)
{
    return in_upcall;
}

void port_critical_enter(void)
{
    pv_vcpu.vmask = 1u;
    critical_nesting++;
}

void port_critical_exit(void)
{
    if (critical_nesting > 0u && --critical_nesting == 0u && !in_upcall) {
        pv_vcpu.vmask = 0u;
        deliver_pending();
    }
}

PORT_IRQ_STATE_T port_irq_save(void)
{
    uint32_t old = pv_vcpu.vmask;
    pv_vcpu.vmask = 1u;
    return old;
}

void port_irq_restore(PORT_IRQ_STATE_T state)
{
    pv_vcpu.vmask = state;
    if (state == 0u)
        deliver_pending();
}

void port_idle(uint32_t next_wake)
{
    /* Block in the kernel until the tick that wakes the earliest delayed
     * task, or any event; the kernel does not block while an event is
     * pending, and delivers the ticks that elapsed before we run again. */
    uint32_t ticks = next_wake == OS_WAIT_FOREVER ? 0u
                     : next_wake == 0u            ? 1u
                                                  : next_wake;
    (void)pv_svc(PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, ticks);
}

uint64_t port_time_ns(void)
{
    return pv_time_ns();
}

uint64_t port_tick_time_ns(void)
{
    return tick_ns;
}

void port_realtime_wake_at(uint64_t wake_time_ns)
{
    /* Published first, so that a task woken by this request always finds
     * its own deadline there (see pv_vit_stat.h). */
    pv_vit_last_deadline_ns = wake_time_ns;
    pv_vit_requests++;
    (void)pv_svc(PK_SVC_VIT_REQUEST, (uint32_t)wake_time_ns,
                 (uint32_t)(wake_time_ns >> 32), 0u);
}

void port_panic(const char *why)
{
    static const char prefix[] = "guest panic: ";
    (void)pv_console_write(prefix, sizeof prefix - 1u);
    uint32_t n = 0;
    while (why[n] != '\0')
        n++;
    (void)pv_console_write(why, n);
    (void)pv_console_write("\n", 1u);
    (void)pv_report_error(PK_GUEST_ERR_PANIC, (uint32_t)(uintptr_t)why);
    /* "log" action: the partition goes on, but this guest cannot. */
    for (;;)
        (void)pv_svc(PK_SVC_BLOCK, 0xFFFFFFFFu, 0xFFFFFFFFu, 0u);
}
