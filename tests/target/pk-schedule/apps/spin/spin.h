/*
 * spin.h - the CPU-bound loop of the fairness tests (pk-fair-*), shared by
 * apps/spin (a plain spinning partition) and the judges (apps/fair*), which
 * include it by a relative path because partitions are built from one app
 * folder each.
 *
 * Each iteration does a fixed chunk of work (about 100 us) and reads the
 * global clock (PK_SVC_TIME_GET); the loop counts its iterations between
 * FAIR_T1_NS and FAIR_T2_NS of virtual time, a measure of the CPU it got
 * that does not depend on the kernel's own accounting; at its first iteration after FAIR_T2_NS it prints
 *   spin: index=<partition> iterations=<n>
 * for the host check (tests/target/pk-fair-common/check.py).
 */
#ifndef SPIN_H
#define SPIN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pv_svc.h"

/* The measured interval: after a 0.5 s warm-up, 10 s of virtual time
 * (a test may set its own before including this file). */
#ifndef FAIR_T1_NS
#define FAIR_T1_NS 500000000ull
#endif
#ifndef FAIR_T2_NS
#define FAIR_T2_NS 10500000000ull
#endif

/* State of one partition's loop. */
struct spin_state {
    uint32_t index;      /* own partition index */
    uint32_t iterations; /* iterations seen inside [T1, T2) */
    bool reported;       /* the count was printed */
    uint64_t last_ns;    /* time read by the previous iteration */
};

static inline void spin_init(struct spin_state *s)
{
    struct pk_part_status st;
    (void)pv_part_status(PK_SELF, &st);
    s->index = st.index;
    s->iterations = 0u;
    s->reported = false;
    s->last_ns = pv_time_ns();
}

/* Work between two clock reads: about 24,000 instructions, so that the
 * loop is mostly plain computation (QEMU runs it fast) and the judge's few
 * extra instructions per iteration do not skew its count. */
#define SPIN_CHUNK 4000u

/* One iteration: a chunk of work, then a clock read; returns the time. */
static inline uint64_t spin_step(struct spin_state *s)
{
    for (volatile uint32_t i = 0; i < SPIN_CHUNK; i++) {
    }
    uint64_t now = pv_time_ns();
    if (now >= FAIR_T1_NS && now < FAIR_T2_NS) {
        s->iterations++;
    } else if (now >= FAIR_T2_NS && !s->reported) {
        s->reported = true;
        printf("spin: index=%lu iterations=%lu\n", (unsigned long)s->index,
               (unsigned long)s->iterations);
    }
    s->last_ns = now;
    return now;
}

#endif /* SPIN_H */
