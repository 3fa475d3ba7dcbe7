/*
 * pv_vit_stat.h - what the guest kernel last asked of the VIT service call,
 * published in the partition's user range so that the application can
 * measure its wake-up latency against the deadline the kernel was given
 * (docs/vit.md).
 *
 * The guest kernel (port_realtime_wake_at(), in guest-kernel mode, where
 * the user range is writable) stores the absolute deadline before it makes
 * the call; tasks only read. A task that overwrites these only spoils its
 * own measurement: the kernel never reads them.
 */
#ifndef PV_VIT_STAT_H
#define PV_VIT_STAT_H

#include <stdint.h>

/* Absolute deadline (ns, global clock) of the last VIT request. */
extern volatile uint64_t pv_vit_last_deadline_ns;
/* VIT requests made by this partition's guest kernel since it started. */
extern volatile uint32_t pv_vit_requests;

#endif /* PV_VIT_STAT_H */
