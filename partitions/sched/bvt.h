/*
 * bvt.h - the hooks of the BVT policy (bvt.c), for sched.c alone.
 *
 * BVT is the default policy, and its hooks run at every kernel exit that
 * charges or decides. sched.c calls them directly rather than through the
 * ops table (as Linux picks from CFS directly when every task is fair), so
 * that the kernel's link-time optimisation inlines them into the exit path:
 * an indirect call costs its register saves and its arguments on the stack
 * every time. pk_sched_bvt_ops holds the same functions.
 */
#ifndef PK_SCHED_BVT_H
#define PK_SCHED_BVT_H

#include "pk_sched.h"

struct pk_sched_decision pk_bvt_decide(const struct pk_sched *s, uint64_t now);
void pk_bvt_commit(struct pk_sched *s, struct pk_sched_decision d,
                   uint64_t now);
void pk_bvt_charge(struct pk_sched *s, int part, uint64_t ran_ns,
                   uint64_t now);
void pk_bvt_wake(struct pk_sched *s, int part, uint64_t now);
void pk_bvt_block(struct pk_sched *s, int part, uint64_t now);
bool pk_bvt_warp(struct pk_sched *s, int part, uint64_t now);

#endif /* PK_SCHED_BVT_H */
