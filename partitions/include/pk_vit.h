/*
 * pk_vit.h - the virtual interrupt timer (VIT) bookkeeping.
 *
 * A partition asks, by service call, to run at an absolute time. Each
 * partition has at most one pending request; a new request replaces the old
 * one. The kernel arms its one-shot timer with pk_vit_next_expiry() (together
 * with its other deadlines), so an expiry is seen at the deadline itself, not
 * by polling on a tick. When the timer fires it pops the expired requests,
 * earliest expiry first and, for equal expiries, in request order (FIFO), and
 * for each one warps the partition (pk_sched_warp()) and reschedules.
 *
 * Pure bookkeeping, no hardware, no allocation; host-tested. Called with
 * interrupts disabled. Semantics and the abuse bound: docs/scheduling.md.
 */
#ifndef PK_VIT_H
#define PK_VIT_H

#include <stdbool.h>
#include <stdint.h>

#include "pk_config.h"

/* pk_vit_next_expiry() when no request is pending. */
#define PK_VIT_NONE UINT64_MAX

/* One partition's request and counters. */
struct pk_vit_part {
    bool pending;           /* a request is waiting to expire */
    uint64_t expiry_ns;     /* its absolute expiry (valid when pending) */
    uint64_t seq;           /* its request sequence number (FIFO ties) */
    uint32_t requests;      /* requests made (including replacements) */
    uint32_t past_requests; /* of which already expired when made */
    uint32_t replaced;      /* requests that replaced a pending one */
    uint32_t cancels;       /* pending requests cancelled */
    uint32_t expiries;      /* requests that expired (popped) */
    uint32_t refused_warps; /* expiries whose warp the scheduler refused */
};

/* The VIT state of the system: one per kernel, statically allocated. */
struct pk_vit {
    uint32_t n_parts;     /* partitions in use, <= PK_MAX_PARTITIONS */
    int first;            /* the first pending request in (expiry, seq)
                             order, or -1: kept by every change, so that
                             the queries do not scan */
    uint64_t next_seq;    /* sequence number of the next request; only grows */
    struct pk_vit_part part[PK_MAX_PARTITIONS]; /* indexed by partition */
};

/* Clear everything for n_parts partitions (no request pending). */
void pk_vit_init(struct pk_vit *v, uint32_t n_parts);

/*
 * Partition part asks to run at expiry_ns (absolute). Replaces its pending
 * request, if any. An expiry at or before now is accepted and is expired at
 * once (the next pk_vit_pop_expired(v, now) returns it).
 */
void pk_vit_request(struct pk_vit *v, int part, uint64_t expiry_ns,
                    uint64_t now);

/* Drop partition part's pending request. Returns true if there was one. */
bool pk_vit_cancel(struct pk_vit *v, int part);

/* Earliest pending expiry, or PK_VIT_NONE. */
uint64_t pk_vit_next_expiry(const struct pk_vit *v);

/*
 * Remove and return the partition whose request expired (expiry_ns <= now):
 * earliest expiry first, equal expiries in request order. Returns -1 when no
 * request has expired. Call in a loop to get all of them.
 */
int pk_vit_pop_expired(struct pk_vit *v, uint64_t now);

/* Record that the scheduler refused the warp for part's expiry. */
void pk_vit_note_refused_warp(struct pk_vit *v, int part);

/* True if part has a pending request; its expiry in *expiry_ns if not NULL. */
bool pk_vit_pending(const struct pk_vit *v, int part, uint64_t *expiry_ns);

#endif /* PK_VIT_H */
