/*
 * sim.h - a small model of the partitioning kernel's scheduling loop for the
 * scheduler host tests: it charges, picks and "runs" partitions in simulated
 * nanoseconds, exactly as the kernel does at its decision points, and
 * records how much each partition ran.
 *
 * Header-only (static inline functions) because each test program includes it once.
 */
#ifndef SCHED_SIM_H
#define SCHED_SIM_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pk_sched.h"
#include "pk_vit.h"

#define MS 1000000ull
#define US 1000ull
#define SEC 1000000000ull

/* Assertion hook of the scheduler: a failed invariant fails the test, unless
 * the test expects one (then it is counted). */
static int sim_expect_assert;
static int sim_assert_count;

void pk_sched_assert_fail(const char *expr, const char *file, int line)
{
    sim_assert_count++;
    if (!sim_expect_assert)
        fail_msg("scheduler invariant failed: %s (%s:%d)", expr, file, line);
}

/* A system configuration with n partitions and BVT-style defaults. */
static inline void sim_config(struct pk_system_config *cfg, enum pk_policy policy,
                       uint32_t n, const uint32_t *weights)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->name = "sim";
    cfg->policy = policy;
    cfg->window_ns = 10 * MS;
    cfg->csw_allowance_ns = 1 * MS;
    cfg->n_partitions = n;
    for (uint32_t i = 0; i < n; i++) {
        struct pk_partition_config *p = &cfg->partitions[i];
        p->name = "p";
        p->weight = weights != NULL ? weights[i] : 1u;
        p->warp_ns = 10 * MS;
        p->warp_limit_ns = 5 * MS;
        p->unwarp_ns = 20 * MS;
        p->tick_hz = 1000;
    }
}

/* The simulated machine. */
struct sim;
/* Called when the clock reaches the event time; returns the next one
 * (UINT64_MAX for none). It may block, wake, warp and request VITs. */
typedef uint64_t (*sim_event_fn)(struct sim *m);

struct sim {
    struct pk_sched s;                /* the scheduler under test */
    struct pk_vit v;                  /* VIT state, for VIT tests */
    uint64_t now;                     /* simulated clock, ns */
    int running;                      /* partition running, or -1 */
    uint64_t since;                   /* when it was last charged */
    uint64_t ran[PK_MAX_PARTITIONS];  /* run time per partition */
    uint64_t idle;                    /* idle time */
    uint64_t picks;                   /* decisions made */
    uint64_t next_event;              /* time of the next event */
    sim_event_fn event;               /* event handler, or NULL */
    void *ctx;                        /* test data for the handler */
    /* Called for every run interval [from, to) of partition part. */
    void (*on_run)(struct sim *m, int part, uint64_t from, uint64_t to);
};

static inline void sim_init(struct sim *m, const struct pk_system_config *cfg)
{
    memset(m, 0, sizeof(*m));
    pk_sched_init(&m->s, cfg, 0);
    pk_vit_init(&m->v, cfg->n_partitions);
    m->running = PK_SCHED_IDLE;
    m->next_event = UINT64_MAX;
}

/* Charge the running partition up to now, as the kernel does at every
 * decision point. */
static inline void sim_charge(struct sim *m)
{
    uint64_t d = m->now - m->since;
    if (m->running >= 0) {
        m->ran[m->running] += d;
        if (m->on_run != NULL && d > 0)
            m->on_run(m, m->running, m->since, m->now);
        pk_sched_charge(&m->s, m->running, d, m->now);
    } else {
        m->idle += d;
    }
    m->since = m->now;
}

static inline uint64_t sim_pick(struct sim *m)
{
    struct pk_sched_decision d = pk_sched_pick(&m->s, m->now);
    if (m->s.ops == &pk_sched_bvt_ops)
        assert_true(pk_sched_bvt_orders_ok(&m->s));
    m->picks++;
    m->running = d.part;
    return d.until_ns;
}

/* Run the loop until the clock reaches end. The timer is armed at the
 * earliest of the scheduler's until_ns, the next VIT expiry and the next
 * test event; at each of these the kernel charges, handles VIT expiries
 * (warp) and picks again. */
static inline void sim_run(struct sim *m, uint64_t end)
{
    uint64_t until = sim_pick(m);
    while (m->now < end) {
        uint64_t t = until;
        uint64_t vit = pk_vit_next_expiry(&m->v);
        if (vit < t)
            t = vit;
        if (m->next_event < t)
            t = m->next_event;
        if (end < t)
            t = end;
        if (t < m->now)
            t = m->now; /* a past VIT expiry is handled at once */
        m->now = t;
        sim_charge(m);
        if (m->event != NULL && m->now >= m->next_event)
            m->next_event = m->event(m);
        int p;
        while ((p = pk_vit_pop_expired(&m->v, m->now)) >= 0) {
            if (!pk_sched_warp(&m->s, p, m->now))
                pk_vit_note_refused_warp(&m->v, p);
        }
        until = sim_pick(m);
    }
    sim_charge(m);
}

static inline double sim_share(const struct sim *m, int part)
{
    uint64_t total = m->idle;
    for (uint32_t i = 0; i < m->s.n_parts; i++)
        total += m->ran[i];
    return (double)m->ran[part] / (double)total;
}

#endif /* SCHED_SIM_H */
