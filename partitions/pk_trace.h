/*
 * pk_trace.h - the kernel's trace and probe-pin hooks (partitions/trace.c).
 *
 * Every hook is a one-line macro at the matching place of the kernel. Two
 * build switches (set by mk/trace.mk) decide what they compile to:
 *
 *   PK_TRACE_ENABLED  kernel events into the kernel's ring buffer (source
 *                     0), guests' buffers drained by the kernel, frames on
 *                     the console (docs/trace-format.md);
 *   PK_PROBE_PINS     the running partition on probe pins 0..2 (partition
 *                     index i drives pin i while it runs) and the
 *                     PK_SVC_PROBE service call for guests' task pins.
 *
 * With both off every hook is an empty statement and trace.c is empty.
 *
 * Hooks (all called in the kernel, IRQs masked):
 *   PK_TRACE_PART_SWITCH(to)   the CPU goes to partition `to` (NULL: idle);
 *                              called before pk_cur changes
 *   PK_TRACE_SVC(p, nr)        partition p made service call nr
 *   PK_TRACE_VIRQ(p, events)   events were delivered to p as an upcall
 *   PK_TRACE_HM(p, kind, addr) the health monitor recorded a fault of p
 *   PK_TRACE_VIT_SET(p, t)     p asked to run at absolute time t
 *   PK_TRACE_VIT_EXPIRE(i)     partition index i's VIT request expired
 *   PK_TRACE_WARP(i)           the scheduler warped partition index i
 *   PK_PROBE_SVC(p, pin, lvl)  PK_SVC_PROBE: the result for the caller
 *   PK_TRACE_EXIT()            the run ends (test exit): drain everything
 */
#ifndef PK_TRACE_H
#define PK_TRACE_H

#include <stdint.h>

struct pk_part;

#ifndef PK_TRACE_ENABLED
#define PK_TRACE_ENABLED 0
#endif
#ifndef PK_PROBE_PINS
#define PK_PROBE_PINS 0
#endif

/* Probe pins 0..PK_PROBE_PART_PINS-1 show the running partition; guests
 * may drive the pins from PK_PROBE_PART_PINS up (their tasks' pins). */
#define PK_PROBE_PART_PINS 3u

/* The switch hook also ends a bounded run (PK_RUN_STOP_MS: milliseconds
 * of virtual time after boot, set by `make trace` and the benchmarks). */
#if PK_TRACE_ENABLED || PK_PROBE_PINS || defined(PK_RUN_STOP_MS)
#define PK_TRACE_HOOKS 1
#else
#define PK_TRACE_HOOKS 0
#endif

#if PK_TRACE_HOOKS
void pk_trace_part_switch(const struct pk_part *to);
int32_t pk_trace_probe(struct pk_part *p, uint32_t pin, uint32_t level);
#define PK_TRACE_PART_SWITCH(to) pk_trace_part_switch(to)
#define PK_PROBE_SVC(p, pin, lvl) pk_trace_probe((p), (pin), (lvl))
#else
#define PK_TRACE_PART_SWITCH(to) do { } while (0)
#define PK_PROBE_SVC(p, pin, lvl) PK_ENOSYS
#endif

#if PK_TRACE_ENABLED
void pk_trace_svc(const struct pk_part *p, uint32_t nr);
void pk_trace_virq(const struct pk_part *p, uint32_t events);
void pk_trace_hm(const struct pk_part *p, unsigned kind, uint32_t addr);
void pk_trace_vit_set(const struct pk_part *p, uint64_t t);
void pk_trace_vit_expire(int i);
void pk_trace_warp(int i);
#define PK_TRACE_SVC(p, nr) pk_trace_svc((p), (nr))
#define PK_TRACE_VIRQ(p, events) pk_trace_virq((p), (events))
#define PK_TRACE_HM(p, kind, addr) pk_trace_hm((p), (unsigned)(kind), (addr))
#define PK_TRACE_VIT_SET(p, t) pk_trace_vit_set((p), (t))
#define PK_TRACE_VIT_EXPIRE(i) pk_trace_vit_expire(i)
#define PK_TRACE_WARP(i) pk_trace_warp(i)
void pk_trace_exit(void);
#define PK_TRACE_EXIT() pk_trace_exit()
/* One batch of the idle drain (before until_ns); true if records remain. */
bool pk_trace_idle(uint64_t until_ns);
#define PK_TRACE_IDLE(until_ns) pk_trace_idle(until_ns)
#else
#define PK_TRACE_EXIT() do { } while (0)
#define PK_TRACE_IDLE(until_ns) ((void)(until_ns), false)
#define PK_TRACE_SVC(p, nr) do { } while (0)
#define PK_TRACE_VIRQ(p, events) do { } while (0)
#define PK_TRACE_HM(p, kind, addr) do { } while (0)
#define PK_TRACE_VIT_SET(p, t) do { } while (0)
#define PK_TRACE_VIT_EXPIRE(i) do { } while (0)
#define PK_TRACE_WARP(i) do { } while (0)
#endif

#endif /* PK_TRACE_H */
