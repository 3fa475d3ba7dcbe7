/*
 * pv_svc.h - service calls of the partitioning kernel, as inline functions
 * (ABI: partitions/include/pk_abi.h, docs/abi.md). Used by the
 * para-virtual port (guest-kernel range) and by the partition's newlib
 * hooks (user range): the svc instruction must sit in the code of the
 * range that calls it, so these are inline.
 */
#ifndef PV_SVC_H
#define PV_SVC_H

#include <stdint.h>

#include "pk_abi.h"

static inline int32_t pv_svc(uint32_t nr, uint32_t a0, uint32_t a1,
                             uint32_t a2)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0"
                     : "+r"(r0), "+r"(r1)
                     : "r"(r2), "r"(r7)
                     : "memory");
    return (int32_t)r0;
}

/* A call with a 64-bit result in r0:r1. */
static inline uint64_t pv_svc64(uint32_t nr)
{
    register uint32_t r0 __asm__("r0");
    register uint32_t r1 __asm__("r1");
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "=r"(r0), "=r"(r1) : "r"(r7) : "memory");
    return (uint64_t)r0 | ((uint64_t)r1 << 32);
}

/* Writes all len bytes: the kernel takes at most PK_CONSOLE_WRITE_MAX per
 * call, none while its output ring is full (every kernel entry drains
 * some of it). Returns len, or the error of the first call that failed. */
static inline int32_t pv_console_write(const void *buf, uint32_t len)
{
    const char *p = buf;
    uint32_t done = 0;
    while (done < len) {
        int32_t r = pv_svc(PK_SVC_CONSOLE_WRITE,
                           (uint32_t)(uintptr_t)(p + done), len - done, 0u);
        if (r < 0)
            return done != 0u ? (int32_t)done : r;
        /* 0: the kernel's output ring is full; each call drains some. */
        done += (uint32_t)r;
    }
    return (int32_t)done;
}

static inline uint64_t pv_time_ns(void)
{
    return pv_svc64(PK_SVC_TIME_GET);
}

static inline int32_t pv_part_status(int32_t which, struct pk_part_status *st)
{
    return pv_svc(PK_SVC_PART_STATUS, (uint32_t)which,
                  (uint32_t)(uintptr_t)st, 0u);
}

static inline int32_t pv_report_error(uint32_t code, uint32_t arg)
{
    return pv_svc(PK_SVC_REPORT_ERROR, code, arg, 0u);
}

/* Writes value to the register at offset off of the partition's device
 * number dev (its index in the partition's `devices`). */
static inline int32_t pv_dev_write(uint32_t dev, uint32_t off, uint32_t value)
{
    return pv_svc(PK_SVC_DEV_WRITE, dev, off, value);
}

/* Operating mode of partition which (PK_SELF: the caller): PK_MODE_*. */
static inline int32_t pv_set_mode(int32_t which, uint32_t mode)
{
    return pv_svc(PK_SVC_SET_MODE, (uint32_t)which, mode, 0u);
}

static inline int32_t pv_mode_status(int32_t which, struct pk_mode_status *st)
{
    return pv_svc(PK_SVC_MODE_STATUS, (uint32_t)which,
                  (uint32_t)(uintptr_t)st, 0u);
}

/* Record seq of the kernel's HM log (a partition with hm_log). */
static inline int32_t pv_hm_log_read(uint32_t seq, struct pk_hm_entry *e)
{
    return pv_svc(PK_SVC_HM_LOG_READ, seq, (uint32_t)(uintptr_t)e, 0u);
}

/* Module schedule (cyclic; a partition with schedule_control). */
static inline int32_t pv_schedule_set(uint32_t index)
{
    return pv_svc(PK_SVC_SCHEDULE_SET, index, 0u, 0u);
}

static inline int32_t pv_schedule_status(struct pk_schedule_status *st)
{
    return pv_svc(PK_SVC_SCHEDULE_STATUS, (uint32_t)(uintptr_t)st, 0u, 0u);
}

/* The index of the module schedule named name[0 .. len), or PK_ENOENT. */
static inline int32_t pv_schedule_id(const char *name, uint32_t len)
{
    return pv_svc(PK_SVC_SCHEDULE_ID, (uint32_t)(uintptr_t)name, len, 0u);
}

/* Test systems only: ends the whole run with status. */
static inline void pv_test_exit(int status)
{
    (void)pv_svc(PK_SVC_TEST_EXIT, (uint32_t)status, 0u, 0u);
}

/* Drive probe pin `pin` (one the partition owns: probe_pins) to `level`
 * (0 low, else high). A task calls it through its gate (rtos/port/pv/port.c);
 * returns 0, PK_EPERM for a pin the partition does not own (refused and
 * recorded by the health monitor), PK_ENOSYS without probe pins. */
int32_t pv_probe_set(uint32_t pin, uint32_t level);

#endif /* PV_SVC_H */
