/*
 * pk_sched.h - the partition scheduler: one interface, three policies.
 *
 * The policy is chosen by the system configuration (cfg->policy) and lives in
 * one file each under partitions/sched/: bvt.c (borrowed virtual time windows,
 * the default), static.c (static priority) and cyclic.c (ARINC 653 major
 * frame). sched.c holds the dispatch: through an ops table, BVT's hooks
 * directly (sched/bvt.h). Semantics are described in docs/scheduling.md.
 *
 * The scheduler is pure bookkeeping: it never touches hardware, never
 * allocates and never blocks, so the same sources run in the kernel and in the
 * host unit tests. All times are uint64_t nanoseconds of the one global clock
 * (bsp_clock_ns()); partitions are indices into cfg->partitions[].
 *
 * How the kernel drives it, at every decision point (slice or window end, a
 * partition blocks, a partition wakes, a VIT expires):
 *   1. pk_sched_charge(s, running, ran_ns, now) for the time the running
 *      partition used since it was last charged;
 *   2. pk_sched_block() / pk_sched_wake() / pk_sched_warp() for the state
 *      changes that happened;
 *   3. d = pk_sched_pick(s, now): run d.part (or idle when PK_SCHED_IDLE) and
 *      arm the one-shot timer at the earliest of d.until_ns and the kernel's
 *      other deadlines (virtual ticks, VIT expiries, wake-ups).
 * pk_sched_should_preempt() answers, without changing the schedule, whether
 * a pick made now would switch away from the running partition; the kernel
 * uses it after a wake or a warp to decide whether to reschedule at once,
 * and the pick that follows at the same instant, with nothing changed in
 * between, takes the decision it computed instead of deciding again.
 *
 * Locking: the kernel calls all of these with interrupts disabled.
 */
#ifndef PK_SCHED_H
#define PK_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "pk_config.h"

/* The "partition" returned by pk_sched_pick() when nothing should run. */
#define PK_SCHED_IDLE (-1)

/* until_ns when no forced decision is needed (idle, nothing runnable). */
#define PK_SCHED_NEVER UINT64_MAX

/*
 * Invariant checks on the scheduler and VIT paths. A failed check calls
 * pk_sched_assert_fail(), which the kernel defines to panic with the message
 * and the host tests define to fail the test. sched.c provides a weak default
 * that stops in an endless loop, so a build without an override still halts
 * visibly. Defining PK_SCHED_NO_ASSERT compiles the checks out (release).
 */
void pk_sched_assert_fail(const char *expr, const char *file, int line);
#ifdef PK_SCHED_NO_ASSERT
/* sizeof keeps the operands "used" without evaluating them. */
#define PK_SCHED_ASSERT(cond) do { (void)sizeof(cond); } while (0)
#else
#define PK_SCHED_ASSERT(cond)                                          \
    do {                                                               \
        if (!(cond))                                                   \
            pk_sched_assert_fail(#cond, __FILE__, __LINE__);           \
    } while (0)
#endif

/* The answer of pk_sched_pick(). */
struct pk_sched_decision {
    int part;          /* partition to run, or PK_SCHED_IDLE */
    uint64_t until_ns; /* absolute time of the next forced decision (slice
                          end, window end, warp limit), > now, or
                          PK_SCHED_NEVER */
};

/* Per-partition scheduler state. */
struct pk_sched_part {
    bool runnable;           /* true unless blocked (or stopped) */
    uint32_t weight;         /* BVT weight, copied from the config, > 0 */
    uint32_t priority;       /* static priority, copied from the config */
    /* BVT virtual time. A is kept exactly: avt * weight + avt_rem equals
     * the run time charged since A was last raised to SVT, so no precision is
     * lost however small the charges. Units: ns of run time / weight. */
    uint64_t avt;            /* A, actual virtual time */
    uint32_t avt_rem;        /* remainder of the division, < weight */
    uint64_t csw_allow_vt;   /* C / weight: the switch allowance in this
                                partition's virtual time (set at init) */
    bool warped;             /* warp on: E = A - warp_vt */
    uint64_t warp_vt;        /* W, in virtual-time units (cfg warp_ns) */
    uint64_t warp_limit_ns;  /* L: longest run while warped */
    uint64_t unwarp_ns;      /* U: least time from an unwarp to a warp */
    uint64_t warped_ran_ns;  /* run time charged during the current warp */
    bool has_unwarped;       /* last_unwarp_ns is meaningful */
    uint64_t last_unwarp_ns; /* when the partition last left warp */
    /* Statistics for the trace and the health monitor. */
    uint64_t run_ns;         /* total run time charged */
    uint64_t warped_total_ns;/* of which while warped */
    uint32_t warps;          /* warps granted */
    uint32_t refused_warps;  /* warps refused (within U of an unwarp) */
    uint32_t warps_done;     /* warps ended by pk_sched_end_warp (the
                                real-time work done before L) */
    uint32_t picks;          /* times chosen to run after another (switches
                                to it) */
};

/* State of the cyclic policy (unused by the others). */
struct pk_sched_cyclic {
    uint64_t origin_ns;      /* start of frame 0 (the time of init) */
    uint64_t frames_seen;    /* frames in which a decision was made */
    uint64_t frames_missed;  /* frames that passed with no decision at all
                                (a late kernel); counted, never silent */
    uint64_t last_frame;     /* index of the frame of the last decision */
    uint64_t late_decisions; /* decisions made after the window boundary
                                that should have triggered them */
    uint64_t last_until_ns;  /* until_ns of the last committed decision */
    /* Module schedules (ARINC 653 Part 2): the current plan, and one
     * pending for the major-frame boundary at switch_ns. The counters
     * above count the frames of the current plan since it took effect
     * (origin_ns is then that boundary). */
    uint32_t plan;
    uint32_t next_plan;
    bool pending;
    uint64_t switch_ns;
    uint32_t plan_switches;  /* switches that took effect */
};

struct pk_sched_ops;

/* BVT: the runnable partitions in E order, doubly linked through their
 * indices (PK_SCHED_IDLE ends the list), so that the least one is the
 * head and a partition moves in O(1) in the common cases (bvt.c). */
struct pk_sched_order {
    int8_t head, tail;
    int8_t next[PK_MAX_PARTITIONS], prev[PK_MAX_PARTITIONS];
    /* Each listed partition's E, set when it enters the list or moves: a
     * comparison is one load per side. */
    int64_t key[PK_MAX_PARTITIONS];
};
_Static_assert(PK_MAX_PARTITIONS <= 127, "partition index in an int8_t");

/* The whole scheduler: one per system (one per CPU when partitions are
 * pinned to cores), statically allocated by the kernel. */
struct pk_sched {
    const struct pk_sched_ops *ops;      /* the policy, from cfg->policy */
    const struct pk_system_config *cfg;  /* the static configuration */
    uint32_t n_parts;        /* cfg->n_partitions, <= PK_MAX_PARTITIONS */
    int current;             /* last partition picked, or PK_SCHED_IDLE */
    int last_run;            /* last partition that was picked to run (the
                                round-robin position), or PK_SCHED_IDLE */
    uint64_t slice_start_ns; /* when the current slice began */
    uint64_t slice_end_ns;   /* until_ns of the current slice */
    uint64_t svt;            /* BVT scheduler virtual time when last
                                computed (pk_sched_svt() gives the current
                                one: min A over the runnable partitions, or
                                this when none is) */
    uint64_t decisions;      /* number of pk_sched_pick() calls */
    uint64_t switches;       /* picks that changed the running partition */
    bool yielding;           /* the running partition yielded: the next pick
                                prefers another (pk_sched_yield) */
    /* The decision pk_sched_should_preempt() computed at ahead_now, kept
     * for the pick that usually follows at the same instant (a VIT expiry,
     * an urgent port, a wake-up that preempts): valid while ahead_ok, which
     * every function that changes the state the policy decides from
     * clears (pk_sched_forget). */
    struct pk_sched_decision ahead;
    uint64_t ahead_now;
    bool ahead_ok;
    struct pk_sched_cyclic cyc;                  /* cyclic policy state */
    /* BVT: the runnable partitions other than the running one by E (equal
     * keys in the order they came), and the running one (bvt_out, kept out
     * of the list, or PK_SCHED_IDLE): a decision looks at the head and at
     * it, whatever the count; SVT at them and at the warped partitions
     * before the first unwarped one (bvt.c). */
    struct pk_sched_order by_evt;
    int8_t bvt_out;
    struct pk_sched_part part[PK_MAX_PARTITIONS];/* indexed by partition */
};

/*
 * A policy. decide() is pure (it must not change *s) so that
 * pk_sched_should_preempt() can ask it; commit() records what the policy
 * needs after a real pick (may be NULL). The other hooks may be NULL when
 * the policy ignores the event; sched.c does the common bookkeeping.
 */
struct pk_sched_ops {
    const char *name;  /* "bvt", "static", "cyclic" */
    void (*init)(struct pk_sched *s, uint64_t now);
    struct pk_sched_decision (*decide)(const struct pk_sched *s, uint64_t now);
    void (*commit)(struct pk_sched *s, struct pk_sched_decision d,
                   uint64_t now);
    void (*charge)(struct pk_sched *s, int part, uint64_t ran_ns,
                   uint64_t now);
    void (*wake)(struct pk_sched *s, int part, uint64_t now);
    void (*block)(struct pk_sched *s, int part, uint64_t now);
    bool (*warp)(struct pk_sched *s, int part, uint64_t now);
    void (*unwarp)(struct pk_sched *s, int part, uint64_t now);
};

extern const struct pk_sched_ops pk_sched_bvt_ops;
extern const struct pk_sched_ops pk_sched_static_ops;
extern const struct pk_sched_ops pk_sched_cyclic_ops;

/*
 * Set up the scheduler for cfg, at time now. Every configured partition
 * starts runnable, unwarped, with A = 0; nothing is running (current is
 * PK_SCHED_IDLE), so the first pk_sched_pick() chooses. The cyclic major
 * frame starts at now.
 */
void pk_sched_init(struct pk_sched *s, const struct pk_system_config *cfg,
                   uint64_t now);

/*
 * Choose what runs from now on. The result's until_ns is the absolute time
 * by which the kernel must call pk_sched_pick() again (it may call it
 * earlier, at any event). Records the choice as the running partition.
 */
struct pk_sched_decision pk_sched_pick(struct pk_sched *s, uint64_t now);

/*
 * True when pk_sched_pick(s, now) would switch away from the running
 * partition (or start one while idle). Changes nothing but the decision
 * kept for that pick (ahead). Under BVT a plain
 * wake never preempts before the slice ends; a warp does, when the warped
 * partition's E beats the running one by more than C / weight.
 */
bool pk_sched_should_preempt(struct pk_sched *s, uint64_t now);

/* The state a decision is made from changed: a decision computed ahead is
 * no longer valid. Called by every function here that changes it. */
static inline void pk_sched_forget(struct pk_sched *s)
{
    s->ahead_ok = false;
}

/*
 * Charge partition part for ran_ns of CPU time, ending at now. BVT: A grows
 * by ran_ns / weight; a warped partition that has now run warp_limit_ns
 * warped is unwarped. part may be PK_SCHED_IDLE (ignored).
 */
void pk_sched_charge(struct pk_sched *s, int part, uint64_t ran_ns,
                     uint64_t now);

/* The partition stopped being runnable (blocked, stopped). Unwarps it. */
void pk_sched_block(struct pk_sched *s, int part, uint64_t now);

/*
 * The running partition gives the rest of its slice away; the next
 * pk_sched_pick() decides. BVT: the runnable partition of least E other
 * than the yielder runs unless its E is above the yielder's by more than
 * C / weight (so partitions that all yield still share by weight); static:
 * the next one of the same priority, round-robin. Either way the yielder
 * goes on when no other can run. Cyclic: nothing (the window is the partition's, used or not).
 * Ignored when part is not the running partition.
 */
static inline void pk_sched_yield(struct pk_sched *s, int part)
{
    if (part == s->current && part != PK_SCHED_IDLE) {
        s->yielding = true;
        pk_sched_forget(s);
    }
}

/* The partition became runnable. BVT: A = max(A, SVT). No effect if it was
 * runnable already. */
void pk_sched_wake(struct pk_sched *s, int part, uint64_t now);

/*
 * Warp the partition (BVT; a VIT expired for it). Wakes it first if it was
 * blocked. Granted unless it unwarped less than unwarp_ns ago; an already
 * warped partition stays warped (its limit is not renewed). Returns true when
 * the partition is warped afterwards, false when refused (counted). Other
 * policies refuse every warp (they have no warp) but still wake.
 */
bool pk_sched_warp(struct pk_sched *s, int part, uint64_t now);

/*
 * End the partition's warp now: its real-time work is done (the guest said
 * so, vcpu warp_done), so the rest of its work competes at its plain E.
 * As an unwarp at L it starts U: a guest cannot renew its warp limit by
 * ending warps early. Returns true when a warp was ended (BVT, warped),
 * false otherwise (nothing changes).
 */
bool pk_sched_end_warp(struct pk_sched *s, int part, uint64_t now);

/* Queries. */
int pk_sched_current(const struct pk_sched *s);
bool pk_sched_is_runnable(const struct pk_sched *s, int part);
bool pk_sched_is_warped(const struct pk_sched *s, int part);
/* BVT effective virtual time E = A - (warped ? W : 0), signed. */
int64_t pk_sched_evt(const struct pk_sched *s, int part);

/* BVT scheduler virtual time: the least A of the runnable partitions, or
 * the last one known when none is runnable. */
uint64_t pk_sched_svt(const struct pk_sched *s);

/* BVT: partition part's A was set from outside the scheduler (host tests
 * that build a state): put it back in the scheduler's orders. */
void pk_sched_bvt_reorder(struct pk_sched *s, int part);
/* BVT: true if the E order holds exactly the runnable partitions but the
 * running one, sorted (host tests and invariant checks). */
bool pk_sched_bvt_orders_ok(const struct pk_sched *s);
/* BVT: a runnable partition of least E (the running one among equals, else
 * the first of the E order), or PK_SCHED_IDLE. */
int pk_sched_bvt_least(const struct pk_sched *s);

/*
 * Cyclic: the module schedule plan (an index into cfg->schedules, or 0
 * for the one plan of a configuration without schedules) takes effect at
 * the end of the current major frame. Returns 0 when it was set (or a
 * pending switch cancelled because plan is the current one), 1 when
 * there is nothing to do (plan is current, none pending), -1 for a bad
 * index or a policy that is not cyclic. O(1).
 */
int pk_sched_cyclic_set(struct pk_sched *s, uint32_t plan, uint64_t now);
/* Cyclic: the plan in effect at now, the one that will be after the
 * pending switch (or the same), and when the one in effect began. */
void pk_sched_cyclic_status(const struct pk_sched *s, uint64_t now,
                            uint32_t *cur, uint32_t *next,
                            uint64_t *since_ns);

#endif /* PK_SCHED_H */
