/*
 * pk_kernel.h - private interfaces between the files of the partitioning
 * kernel (the C files of partitions/ and partitions/arch/<family>).
 *
 * Execution model: the kernel runs only in privileged exception modes with
 * IRQs masked (ARM masks them on every exception entry, and the kernel never
 * unmasks them), so it is never preempted and needs no locks. Every
 * exception taken from a partition saves that partition's USR registers into
 * pk_cur->ctx; the exception exit restores pk_cur->ctx, so a partition switch
 * is "change pk_cur, write DACR". An exception from a privileged mode is a
 * kernel fault and panics.
 */
#ifndef PK_KERNEL_H
#define PK_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pk_abi.h"
#include "pk_arch.h"
#include "pk_config.h"
#include "pk_sched.h"
#include "pk_vit.h"
#include "pk_trace.h"

/* Assertions (cheap invariant checks and the check of every cold start)
 * are compiled into test kernels. */
#ifdef PK_CONFIG_TEST_EXIT
#define PK_ASSERTS 1
#else
#define PK_ASSERTS 0
#endif
/* The check of every cold start against the images (part.c), on with the
 * assertions unless a test measures the production restart path. */
#if PK_ASSERTS && !defined(PK_CONFIG_NO_LOAD_VERIFY)
#define PK_LOAD_VERIFY 1
#else
#define PK_LOAD_VERIFY 0
#endif

/* Most API entry points a partition may register as gates. */
#define PK_MAX_GATES 128u
/* The gate hash (trap.c, gate_lookup): twice the table's size, so that a
 * full table leaves every other slot empty; a gate is looked for in the
 * PK_GATE_PROBES slots from its own, then in the sorted table, and entered
 * in the hash when it is found there. */
#define PK_GATE_HASH_BITS 8u
#define PK_GATE_HASH (1u << PK_GATE_HASH_BITS)
#define PK_GATE_PROBES 4u
_Static_assert(PK_GATE_HASH >= 2u * PK_MAX_GATES, "gate hash too small");
/* Stack words copied from a task's stack to its guest-kernel stack at gate
 * entry: the API's arguments beyond r0-r3 (os_task_create has three). */
#define PK_GATE_ARG_WORDS 4u
/* Longest console line kept per partition (longer lines are split). */
#define PK_LINE_MAX 120u
/* Health-monitor records kept in the kernel log (a ring). */
#define PK_HM_LOG_SIZE 32u

/* Kernel-side state of a partition (pk_parts[i] for config partition i). */
enum pk_part_state {
    PK_STATE_READY = 0,   /* runnable (running or waiting for the CPU) */
    PK_STATE_BLOCKED = 1, /* in PK_SVC_BLOCK: waiting for event/deadline */
    PK_STATE_STOPPED = 2, /* stopped by the health monitor, for good */
};

struct pk_part {
    /* Saved USR registers while the partition is not executing. Must be the
     * first field: the exception entry/exit code stores and loads it through
     * pk_cur_ctx (asm offsets are generated from struct pk_regs). */
    struct pk_regs ctx;
    const struct pk_partition_config *cfg; /* its static configuration */
    unsigned index;              /* index in pk_system.partitions[] */
    enum pk_part_state state;    /* scheduling state (see enum) */
    uint32_t vmode;              /* PK_VMODE_*: authoritative virtual mode */
    struct pk_arch_part arch;    /* its views (pk_arch.h) */
    struct pk_vcpu *vcpu;        /* its vCPU page (in its guest-kernel range) */
    /* Events raised and not yet delivered (PK_EV_*); the kernel copies them
     * to vcpu->pending only while the partition is current. */
    uint32_t pending;
    uint32_t ticks_pending;      /* virtual ticks not yet delivered */
    /* The guest's vcpu.tick_skip as of its last upcall return: ticks up
     * to this many undelivered raise no PK_EV_TICK (0: every tick). */
    uint32_t tick_skip;
    uint32_t irqs_pending;       /* device sources not yet delivered */
    uint64_t tick_period_ns;     /* 1e9 / tick_hz */
    /* floor((2^32 - 1) / tick_period_ns): counting the ticks of a gap by
     * one multiplication instead of a division (time.c, ticks_in) */
    uint32_t tick_recip;
    uint64_t next_tick_ns;       /* absolute time of the next virtual tick */
    uint64_t ticks_total;        /* ticks generated since the last start */
    uint64_t wake_ns;            /* blocked: wake at this time (or NEVER) */
    uint32_t wake_ticks;         /* blocked: or after this many ticks (0) */
    uint64_t timer_ns;           /* virtual one-shot timer (or NEVER) */
    uint32_t gates[PK_MAX_GATES];/* registered API entry points (sorted) */
    uint32_t n_gates;            /* entries used in gates[]; 0 = not set */
    /* The gates found so far, in an open-addressed hash (0: an empty
     * slot), each within PK_GATE_PROBES slots of its own (pk_gate_slot):
     * a cache in front of the sorted table, which alone decides. */
    uint32_t gate_hash[PK_GATE_HASH];
    uint32_t gate_trampoline;    /* address issuing PK_SVC_GATE_RETURN */
    char line[PK_LINE_MAX];      /* console line being assembled */
    uint32_t line_len;           /* bytes in line[] */
    /* Cold start in progress (part.c): the range being loaded
     * (PK_LOAD_*) and the next byte offset in it. A loading partition is
     * READY and is "run" by the kernel, one bounded step per poll, in its
     * own time; its context and vCPU exist only once loading is done. */
    uint32_t load_phase;
    uint32_t load_off;
    uint64_t restart_window_ns;  /* start of the current escalation window */
    uint32_t restarts_in_window; /* restarts since restart_window_ns */
    uint32_t restarts;           /* cold restarts so far */
    uint32_t faults;             /* health-monitor records so far */
    uint32_t upcalls;            /* upcalls delivered since boot */
    /* An upcall was delivered since the partition's last warp was
     * granted: only a vcpu warp_done set in such an upcall is for the
     * current warp (one set in an upcall begun before, and returned from
     * after, the grant is stale and is dropped: time.c). */
    bool upcall_in_warp;
    uint32_t svcs;               /* service calls since boot */
    uint32_t ports_pending;      /* port bits not yet delivered (port.c) */
    /* Operating mode (PK_MODE_*), the start condition of the current
     * start (PK_START_*), and whether the start in progress is warm (its
     * loading keeps the user range). */
    uint32_t mode;
    uint32_t start_cond;
    bool warm;
    uint32_t warm_restarts;      /* warm restarts so far (in restarts) */
    uint32_t hm_errors;          /* process-level errors delivered */
};

/* The kernel's health-monitor log is a ring of the records PK_SVC_HM_LOG_READ
 * returns (struct pk_hm_entry, pk_abi.h). */

/* What went wrong, for pk_hm_fault(). */
enum pk_hm_kind {
    PK_HM_DATA_ABORT = 0,  /* data abort (permission, domain, alignment) */
    PK_HM_PREFETCH_ABORT,  /* prefetch abort that is not a gate entry */
    PK_HM_UNDEFINED,       /* undefined or privileged instruction */
    PK_HM_BAD_SVC,         /* unknown call or call not allowed in vmode */
    PK_HM_BAD_POINTER,     /* pointer outside the caller's own memory */
    PK_HM_BAD_CONTEXT,     /* invalid upcall return context or vCPU data */
    PK_HM_GUEST_ERROR,     /* reported by the guest (PK_SVC_REPORT_ERROR) */
    PK_HM_KIND_COUNT,
    /* Errors of the HM tables beyond the kinds above (which are errors
     * too, numbered alike): what a guest reports by its code
     * (PK_GUEST_ERR_*; the HM line keeps kind=guest_error), and the
     * kernel's own. */
    PK_HM_DEADLINE_MISSED = PK_HM_KIND_COUNT,
    PK_HM_APPLICATION_ERROR,
    PK_HM_STACK_OVERFLOW,
    PK_HM_NUMERIC_ERROR,
    PK_HM_ILLEGAL_REQUEST,
    PK_HM_CONFIG_ERROR,
    PK_HM_RESTART_STORM,   /* a restart would exceed restart_limit */
    PK_HM_ERROR_END
};
_Static_assert(PK_HM_ERROR_END == PK_HM_ERROR_COUNT, "HM error numbers");
_Static_assert(PK_HM_BAD_CONTEXT == PK_HM_ERR_BAD_CONTEXT &&
                   PK_HM_GUEST_ERROR == PK_HM_ERR_GUEST &&
                   PK_HM_APPLICATION_ERROR == PK_HM_ERR_APPLICATION &&
                   PK_HM_RESTART_STORM == PK_HM_ERR_RESTART_STORM,
               "HM error numbers of the ABI");

/* ---- Global kernel state (main.c) ---- */
extern struct pk_part pk_parts[PK_MAX_PARTITIONS];

/* ---- Per CPU ----
 * What the kernel keeps about one core: the partition it runs, its
 * scheduler and VIT, and its exit work's deadlines and flags (time.c).
 * Partitions will be pinned to cores, each core scheduling its own; the
 * console and the partitions' records are shared. One core today:
 * pk_this_cpu() is the first, and the names below are this core's. The
 * multicore step raises PK_MAX_CPUS, keeps each core's pointer in a
 * register of its own (TPIDRPRW) and loads it in the exception entry as
 * that entry loads pk_cpus today. */
#define PK_MAX_CPUS 1u

/* The exit work's state (time.c). */
struct pk_cpu_time {
    uint64_t run_start_ns;   /* when the running partition was last charged */
    uint64_t slice_until_ns; /* the scheduler's next forced decision */
    /* Earliest of every partition's virtual timer, the wake-up of every
     * blocked partition and the next VIT expiry, as last computed by
     * events_scan(). Invariant: none of these deadlines lies before
     * events_ns (a deadline may have been removed since, which only makes
     * events_ns early: a harmless extra scan). 0 means "unknown, scan at
     * the next exit". */
    uint64_t events_ns;
    uint64_t timer_armed_ns; /* deadline the one-shot timer counts to */
    /* While output is queued: the next drain point
     * (PK_CONSOLE_DRAIN_PERIOD_NS after the last one), else PK_TIME_NEVER.
     * Kept between exits, so the timer is not re-programmed at each. */
    uint64_t console_due_ns;
    bool timer_armed;        /* the timer has not fired since armed */
    /* A partition became runnable since the last decision: the policy is
     * asked whether it preempts (static priority: a higher priority does
     * at once; BVT: a plain wake never does, mid-slice only a warp). */
    bool woken;
    /* An urgent port woke a partition (pk_time_urgent_wake): the next
     * exit decides at once, as after a VIT expiry. */
    bool urgent_wake;
    /* Set by the kernel entries after which queued output is written (an
     * interrupt, a console write, a yield, a block): never on the paths a
     * partition takes between its wake-up and its work (upcall return,
     * gate, probe pins), whose timing must not depend on text. */
    bool console_drain_wanted;
};

struct pk_cpu {
    /* &cur->ctx (the no-partition context while idle): the exception
     * entry saves into it and the exit restores from it (entry.S, which
     * relies on its offset 0). */
    struct pk_regs *cur_ctx;
    struct pk_part *cur;     /* the running partition, or NULL (idle) */
    struct pk_cpu_time time;
    struct pk_sched sched;
    struct pk_vit vit;
};
_Static_assert(offsetof(struct pk_cpu, cur_ctx) == 0u,
               "entry.S loads cur_ctx at offset 0");
extern struct pk_cpu pk_cpus[PK_MAX_CPUS];

static inline struct pk_cpu *pk_this_cpu(void)
{
    return &pk_cpus[0];
}

/* This core's: the partition whose context the exception exit restores,
 * &pk_cur->ctx, the scheduler, the VIT. */
#define pk_cur (pk_this_cpu()->cur)
#define pk_cur_ctx (pk_this_cpu()->cur_ctx)
#define pk_sched_state (pk_this_cpu()->sched)
#define pk_vit_state (pk_this_cpu()->vit)

/* DACR values that do not depend on a partition. */

/* ---- Memory and partitions (part.c) ---- */
/* Builds the domain map of the translation table for pk_system. */
/* Loading phases of a cold start (pk_part.load_phase). */
enum pk_load_phase {
    PK_LOAD_DONE = 0,   /* loaded: the partition runs its own code */
    PK_LOAD_KERNEL = 1, /* copying/zeroing the guest-kernel range */
    PK_LOAD_USER = 2,   /* copying/zeroing the user range */
    PK_LOAD_VERIFY_KERNEL = 3, /* PK_ASSERTS: checking what was loaded */
    PK_LOAD_VERIFY_USER = 4,
};
/* Bytes copied or zeroed per loading step: the longest stretch a cold
 * start keeps the kernel from polling interrupts and deadlines. */
#define PK_LOAD_STEP_BYTES 4096u
/* Begins a cold start of p: resets all its kernel-side state at once and
 * marks both ranges for loading; the copying and zeroing happen in steps
 * (pk_part_load_step) while p holds the CPU, charged to p. */
void pk_part_restart(struct pk_part *p);
/* One bounded loading step of p, which must be current (its domains are
 * in the DACR). Returns true when loading is complete: p's context and
 * vCPU are then set up for its entry point. */
bool pk_part_load_step(struct pk_part *p, uint64_t now);
/* Begins a restart of p in mode (PK_MODE_COLD_START or
 * PK_MODE_WARM_START) with start condition cond: a cold one as
 * pk_part_restart(), a warm one reloads only the guest-kernel range (the
 * tick core, its processes and objects, the vCPU) and keeps the user
 * range (the application's data). Counts the restart; resets the
 * scheduler state. p may be any partition, stopped ones included. */
void pk_part_restart_mode(struct pk_part *p, uint32_t mode, uint32_t cond);
/* Stops p (IDLE): unrunnable until a restart; its DMA stops. */
void pk_part_idle(struct pk_part *p);
/* Boot: the whole cold start of p at once (nothing else runs yet). */
void pk_part_cold_start(struct pk_part *p, uint64_t now);
/* Makes p the running partition: pk_cur, pk_cur_ctx and DACR. */
void pk_part_switch_to(struct pk_part *p);
/* Loads the DACR matching p's virtual mode (p must be current). */
void pk_part_apply_vmode(struct pk_part *p);
/* True if [addr, addr+len) lies in memory the partition may touch in
 * virtual mode vmode (task: user range; guest kernel: either range). */
bool pk_part_range_ok(const struct pk_part *p, uint32_t vmode, uint32_t addr,
                      uint32_t len);
/* True if addr is in p's guest-kernel range / user range. Inline: the
 * upcall and gate paths check several addresses each time. One compare
 * each: addr - base wraps above size when addr is below base. */
static inline bool pk_part_in_gk(const struct pk_part *p, uint32_t addr)
{
    return addr - p->cfg->kernel_base < p->cfg->kernel_size;
}
static inline bool pk_part_in_user(const struct pk_part *p, uint32_t addr)
{
    return addr - p->cfg->user_base < p->cfg->user_size;
}

/* A gate's home slot in pk_part gate_hash: Fibonacci hashing of its word
 * address (gates are word-aligned). */
static inline uint32_t pk_gate_slot(uint32_t pc)
{
    return ((pc >> 2) * 0x9E3779B1u) >> (32u - PK_GATE_HASH_BITS);
}

/* ---- Time and scheduling (time.c) ---- */
void pk_time_init(uint64_t now);
/* Run the decision machinery at the end of every kernel entry: deadlines,
 * virtual ticks, VIT expiries, the scheduler, the timer, upcall delivery.
 * On return pk_cur is the partition to resume. force asks for a scheduler
 * decision even if the slice has not ended. */
void pk_kernel_exit_work(bool force);
/* After an upcall return of the running partition: if its guest set vcpu
 * warp_done (its real-time work is done), ends its warp. Returns true when
 * a warp was ended (a decision is due). */
bool pk_time_upcall_returned(void);
/* The exit of an upcall return (the guest's context is back in place, ok
 * when it was valid): pk_kernel_exit_work() unless the return changed
 * nothing it would act on but the timer's deadline. */
void pk_kernel_exit_upcall(bool ok);
/* The one-shot timer is armed, no later than the slice end, the known
 * events (events_ns), the console's drain point and the running
 * partition's next due tick: what every exit leaves (invariants.c). */
bool pk_time_timer_covers(void);
/* The earliest time the kernel must act at (a slice end, a virtual tick,
 * a timer, a wake-up or VIT deadline): bounded work done now (the trace's
 * drains) stops there. */
uint64_t pk_time_next_deadline(void);
/* The running partition blocks until an event or a deadline. */
void pk_block_current(uint64_t deadline_ns, uint32_t ticks);
/* A partition's virtual timer, wake-up deadline or VIT request was set or
 * moved: the next kernel exit must look at every deadline again (it
 * otherwise skips them until the earliest one it knows of). */
void pk_time_deadlines_changed(void);
/* Raise events on partition p (wakes it if blocked). */
void pk_raise(struct pk_part *p, uint32_t events);
/* Partition p becomes unrunnable for good (health monitor). */
void pk_stop(struct pk_part *p);
/* p was cold-started: reset its scheduler state. */
void pk_sched_restarted(struct pk_part *p, uint64_t now);
/* Time charged to partition p by the scheduler. */
uint64_t pk_run_ns(const struct pk_part *p);

/* A message reached an urgent destination port of p (port.c): p wakes
 * and is warped as at a VIT expiry, and the next kernel exit decides at
 * once whether it preempts the running partition. */
void pk_time_urgent_wake(struct pk_part *p);

/* ---- Inter-partition ports (port.c) ---- */
/* Boot: indexes pk_system.ports by partition (panics on a table the
 * generator would not emit). */
void pk_port_init(void);
/* PK_SVC_PORT_OPEN .. PK_SVC_QUEUING_CLEAR: sets the result, or refuses
 * through the health monitor; says what the exit must do. */
enum pk_port_exit {
    PK_PORT_EXIT_NONE,   /* nothing changed for another partition */
    PK_PORT_EXIT_WORK,   /* a partition was woken (or warped) */
    PK_PORT_EXIT_DECIDE, /* refused: the health monitor acted */
};
enum pk_port_exit pk_port_svc(struct pk_part *p, uint32_t nr);
/* Cold start of p: its destination queues and sampling messages are
 * emptied, its undelivered port events dropped. */
void pk_port_reset(struct pk_part *p);

/* ---- Upcalls (vcpu.c) ---- */
/* Deliver pending events to the current partition if its vCPU is unmasked. */
void pk_vcpu_deliver(struct pk_part *p);
/* PK_SVC_UPCALL_RETURN. Returns false if the context was rejected. */
bool pk_vcpu_upcall_return(struct pk_part *p);

/* ---- Service calls (svc.c) ---- */
/* The call number of the svc p just made: r7, except that an svc at the
 * registered gate trampoline is always the gate return (the kernel never
 * reads the instruction; the entry check guarantees ARM state, so the svc
 * is at pc - 4). */
static inline uint32_t pk_svc_number(const struct pk_part *p)
{
    if (pk_arch_svc_addr(p->ctx.r[15]) == p->gate_trampoline &&
        p->n_gates != 0u)
        return PK_SVC_GATE_RETURN;
    return p->ctx.r[PK_ARCH_SVC_NR_REG];
}
void pk_svc_dispatch(struct pk_part *p);

/* ---- Modes, HM log, module schedules (mode.c) ---- */
/* The mode machine: PK_OK when a partition in mode cur may go to want,
 * else PK_EINVAL (no such mode), PK_ENOACTION, PK_EMODE. Pure. */
int32_t pk_mode_check(uint32_t cur, uint32_t want);
/* The service calls: each sets the result or refuses the call. */
void pk_mode_svc_set(struct pk_part *p);
void pk_mode_svc_status(struct pk_part *p);
void pk_mode_svc_hm_log(struct pk_part *p);
void pk_mode_svc_schedule_set(struct pk_part *p);
void pk_mode_svc_schedule_status(struct pk_part *p);
void pk_mode_svc_schedule_id(struct pk_part *p);

/* True if a configured name (NUL-terminated) is exactly want[0 .. len),
 * want being a copy of what a partition passed: nothing is read past the
 * name's NUL, and a NUL inside want matches nothing. */
static inline bool pk_name_is(const char *name, const char *want,
                              uint32_t len)
{
    uint32_t i = 0;
    for (; i < len; i++)
        if (name[i] != want[i] || name[i] == '\0')
            return false;
    return name[i] == '\0';
}

/* ---- Assigned devices (dev.c) ---- */
/* PK_SVC_DEV_WRITE: checks and makes the write, sets the result (or
 * refuses it through the health monitor). */
void pk_dev_svc_write(struct pk_part *p);
/* Stops the DMA of p's bus-master devices and reloads their register
 * shadows (cold start, stop). */
void pk_dev_reset(struct pk_part *p);

/* ---- Console (console.c) ---- */
/* Appends up to len bytes (already validated, readable) to p's line
 * buffer, queueing each complete line with its "[name] " label; returns
 * how many it took (fewer when the output ring is full). */
uint32_t pk_console_put(struct pk_part *p, const char *buf, uint32_t len);
/* Bytes of queued output written to the UART at the end of every kernel
 * entry (the rest waits for the next one, or for idle). */
#define PK_CONSOLE_DRAIN_BYTES 32u
/* While output the running partition may write is queued (its own, the
 * kernel's, that of a partition that cannot run), the kernel is entered at
 * least this often (a timer deadline) to write the next
 * PK_CONSOLE_DRAIN_BYTES: a partition
 * that computes with no virtual tick due makes no kernel exit of its own,
 * and its lines, and everybody's queued behind them, must not wait for
 * the end of its window. */
#define PK_CONSOLE_DRAIN_PERIOD_NS 1000000u
/* Everything queued written out, waiting for the UART (the end of a run,
 * the boot report). */
void pk_console_flush(void);
/* Writes up to max queued bytes to the UART, only what its transmit FIFO
 * takes now (never waits); returns how many. */
uint32_t pk_console_drain(uint32_t max);
/* The same, but only as long as the oldest queued message is cur's own,
 * the kernel's, or that of a partition that cannot run now: the drain at
 * the end of cur's kernel entries. */
uint32_t pk_console_drain_for(const struct pk_part *cur, uint32_t max);
/* If the UART is in the middle of a queued line, writes the rest of that
 * line (the trace writes its frames directly, between whole lines). */
void pk_console_line_end(void);
/* This core's pk_cpu_time console_drain_wanted (see there). */
#define pk_console_drain_wanted (pk_this_cpu()->time.console_drain_wanted)
/* Boot: the output ring starts empty. */
void pk_console_init(void);
/* The run is ending (test exit, panic, end of a bounded run): kernel
 * messages from now on wait for the UART rather than being dropped. */
void pk_console_sync(void);
/* True when output waits in the ring. */
bool pk_console_pending(void);
/* True when the oldest queued message may be written in cur's time (its
 * own, the kernel's, or a partition's that cannot run). */
bool pk_console_pending_for(const struct pk_part *cur);
/* Writes all queued output, then ends the run with status (test exits,
 * panics). */
void pk_exit(int status) __attribute__((noreturn));
/* Drops a partially assembled line (restart). */
void pk_console_reset(struct pk_part *p);
/* Kernel messages, formatted by a tiny printf: %s %c %d %u %x with an
 * optional zero-padded width take 32-bit arguments (int, unsigned,
 * uint32_t alike), %lld %llu %llx take 64-bit ones. Not declared with the
 * printf format attribute because uint32_t is "unsigned long" on this
 * target, which that check would reject for %x. */
void pk_printf(const char *fmt, ...);
/* The same for a message about partition p (health monitor): it counts
 * against p's share of the console, so that a partition's faults can
 * crowd out only its own output. */
void pk_printf_part(const struct pk_part *p, const char *fmt, ...);

/* ---- Health monitor (hm.c) ---- */
/* Records a fault of partition p, prints its HM line and applies the
 * configured action. Returns true if p may resume where it is (log action
 * with a skippable fault); otherwise p was restarted or stopped and the
 * caller must not touch its old context. skip_ok: the fault can be skipped
 * (resume after the faulting instruction / return an error). */
bool pk_hm_fault(struct pk_part *p, enum pk_hm_kind kind, uint32_t addr,
                 uint32_t pc, uint32_t status, bool skip_ok);
/* Kernel fault: register dump and exit with a failing status. */
void pk_panic(const char *why, const uint32_t *regs, uint32_t pc,
              uint32_t spsr) __attribute__((noreturn));
const char *pk_hm_kind_name(enum pk_hm_kind kind);
/* The HM table error of a record: the kind itself, or for a guest error
 * the error its code names. */
enum pk_hm_kind pk_hm_error_of(enum pk_hm_kind kind, uint32_t status);
/* The HM table state of p now (PK_HM_STATE_*). */
uint32_t pk_hm_state_of(const struct pk_part *p);
/* The decision of the tables for (p, error) in state: the level and the
 * action (PK_HM_ACT_*) before escalation; pure. */
uint32_t pk_hm_decide(const struct pk_part *p, uint32_t state,
                      enum pk_hm_kind error, uint32_t *level);
/* A restart p asks for itself (SET_MODE COLD_START / WARM_START): counted
 * by its restart_limit like the health monitor's own restarts, so that a
 * partition restarting itself for ever is a restart storm too. Returns
 * true when the restart may go on; false when it would exceed the limit
 * and the restart_storm error was handled instead (recorded, its action
 * taken: by default p is stopped). */
bool pk_hm_self_restart_ok(struct pk_part *p);
/* Boot: the log starts empty. */
void pk_hm_init(void);
/* PK_SVC_HM_LOG_READ: copies record seq to *e; returns the number of
 * records made or PK_ENOTAVAIL. */
int32_t pk_hm_log_read(uint32_t seq, struct pk_hm_entry *e);

/* ---- Masked-time statistics (masked.c) ---- */
/* Kinds of kernel paths: PK_MK_SVC + call number, then the others. */
enum pk_masked_kind {
    PK_MK_SVC = 0,
    PK_MK_SVC_BAD = PK_SVC_COUNT, /* an unknown call number */
    PK_MK_IRQ,
    PK_MK_PABT,
    PK_MK_DABT,
    PK_MK_UNDEF,
    PK_MK_LOAD,  /* a step of a cold start */
    PK_MK_IDLE,  /* from an interrupt that ends the idle wait */
    PK_MK_CONSOLE, /* a batch of console output */
    PK_MK_HM,      /* the health monitor's action, after its record */
    PK_MK_COUNT
};
#ifdef PK_CONFIG_MASKED_STATS
/* A kernel entry from the current partition begins a stretch of kind. */
void pk_masked_begin(unsigned kind);
/* A poll point (interrupts and deadlines looked at): one stretch ends,
 * the next (of next_kind) begins. */
void pk_masked_poll(unsigned next_kind);
/* Before WFI (waking false) and after it (true). */
void pk_masked_idle(bool waking);
/* The kernel resumes a partition. */
void pk_masked_end(void);
/* Prints the table (end of a test run). */
void pk_masked_report(void);
#define PK_MASKED_BEGIN(kind) pk_masked_begin(kind)
#define PK_MASKED_POLL(next_kind) pk_masked_poll(next_kind)
#define PK_MASKED_IDLE(waking) pk_masked_idle(waking)
#define PK_MASKED_END() pk_masked_end()
#define PK_MASKED_REPORT() pk_masked_report()
#else
#define PK_MASKED_BEGIN(kind) ((void)0)
#define PK_MASKED_POLL(next_kind) ((void)0)
#define PK_MASKED_IDLE(waking) ((void)0)
#define PK_MASKED_END() ((void)0)
#define PK_MASKED_REPORT() ((void)0)
#endif

/* ---- Exception handlers called from partitions/arch/arm/entry.S ---- */
void pk_trap_svc(void);
void pk_trap_irq(void);
void pk_trap_dabt(void);
void pk_trap_pabt(void);
void pk_trap_undef(void);
/* Kernel-mode exception: regs = r0..r12 as saved, kind 0..4 as above. */
void pk_trap_kernel(uint32_t kind, const uint32_t *regs, uint32_t pc,
                    uint32_t spsr) __attribute__((noreturn));
/* Copies one register set (both word-aligned), without the library
 * memcpy: the upcall delivery and return paths use it. */
void pk_arch_copy_regs(struct pk_regs *dst, const struct pk_regs *src);
/* Kernel invariant checks before every resume (invariants.c; called by
 * pk_arch_resume in kernels built with PK_CONFIG_INVARIANTS). */
void pk_invariants_check(void);


/* Test kernels: may p's verdict end or judge the run (the system's
 * test_judge, or any partition when it names none)? */
static inline bool pk_test_judge(const struct pk_part *p)
{
    return pk_system.test_judge == PK_JUDGE_ANY || pk_system.test_judge == p->index;
}

/* The guest may have changed what it waits for (a gate into its kernel,
 * the return from one, a block): its tick_skip no longer holds. Every
 * tick is delivered again, the ones counted meanwhile first (before the
 * gate's function, instead of the block), so that the guest never works
 * with a stale tick count. True if the skip was in force. */
static inline bool pk_tick_skip_end(struct pk_part *p)
{
    if (p->tick_skip == 0u)
        return false;
    p->tick_skip = 0u;
    if (p->ticks_pending != 0u)
        p->pending |= PK_EV_TICK;
    return true;
}

#endif /* PK_KERNEL_H */
