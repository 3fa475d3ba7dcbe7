/*
 * pv_port.h - inter-partition ports for the tasks of a partition: the
 * guest side of the kernel's sampling and queuing ports (kernel ABI:
 * partitions/include/pk_abi.h PK_SVC_PORT_OPEN ..; docs/abi.md "Ports";
 * semantics and tests: docs/arinc653.md).
 *
 * The kernel's calls never block. Blocking, timeouts and the order in
 * which waiting tasks are released (the port's FIFO or PRIORITY
 * discipline) live here, in the guest kernel: a task that must wait
 * blocks on a semaphore of the tick core, and the kernel's PK_EV_PORT
 * upcall (a message arrived at an empty queue, a full queue lost one)
 * wakes the first waiter; so a waiting task costs its partition no CPU and
 * the kernel nothing.
 *
 * Every function is a gate (rtos/port/pv/port.c): a task calls it
 * directly and it runs in guest-kernel mode. A task's message buffers are
 * checked by the kernel as the task's (user range only, PK_PORT_AS_TASK);
 * the output words (len, valid, status) must not lie in the guest-kernel
 * range. Ports are opened by name in main() (guest-kernel context, before
 * os_start), which also makes the semaphores the waiters use.
 *
 * Results are the ARINC 653 return codes (enum pv_port_rc), so the APEX
 * services map them one to one.
 */
#ifndef PV_PORT_H
#define PV_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include "os.h"
#include "pk_abi.h"

/* Ports of one partition (the kernel's PK_PORTS_PER_PARTITION). */
#define PV_PORT_MAX 32u

/* Tasks of the partition that may wait on ports at the same time. */
#ifndef PV_PORT_WAITERS
#define PV_PORT_WAITERS 16u
#endif

/* Results (the values of ARINC 653 RETURN_CODE_TYPE). */
enum pv_port_rc {
    PV_PORT_OK = 0,             /* NO_ERROR */
    PV_PORT_NO_ACTION = 1,      /* sampling: never written */
    PV_PORT_NOT_AVAILABLE = 2,  /* timeout 0: nothing / no room now */
    PV_PORT_INVALID_PARAM = 3,  /* bad handle, length 0, bad buffer */
    PV_PORT_INVALID_CONFIG = 4, /* too long; receive: overflow (with msg) */
    PV_PORT_INVALID_MODE = 5,   /* wrong kind/direction; open from a task */
    PV_PORT_TIMED_OUT = 6,      /* the timeout expired */
};

/* Timeouts, in ticks of the tick core. */
#define PV_PORT_NO_WAIT OS_NO_WAIT
#define PV_PORT_FOREVER OS_WAIT_FOREVER

/* What pv_port_status() reports. */
struct pv_port_status {
    struct pk_port_info info;  /* the configuration */
    struct pk_port_status k;   /* the kernel's view (messages, age, ...) */
    uint32_t waiting;          /* tasks of this partition waiting on it */
};

/* Open the partition's port `name` (main() only). *handle receives the
 * port's handle (0..31). INVALID_CONFIG when the partition has no such
 * port; INVALID_MODE from a task or after os_start. */
enum pv_port_rc pv_port_open(const char *name, uint32_t *handle,
                             struct pk_port_info *info);

/* Sampling source: the message replaces the port's one message. */
enum pv_port_rc pv_sampling_write(uint32_t handle, const void *msg,
                                  uint32_t len);
/* Sampling destination: the latest message into buf (size bytes), its
 * length in *len and its validity (age <= refresh period) in *valid.
 * NO_ACTION (and *len = 0) when never written. */
enum pv_port_rc pv_sampling_read(uint32_t handle, void *buf, uint32_t size,
                                 uint32_t *len, bool *valid);
/* Queuing source: send, waiting up to timeout ticks for room. A message
 * that could not be queued is reported to the receiver as an overflow. */
enum pv_port_rc pv_queuing_send(uint32_t handle, const void *msg, uint32_t len,
                                os_tick_t timeout);
/* Queuing destination: receive the oldest message, waiting up to timeout
 * ticks for one. INVALID_CONFIG with the message (and *len) when messages
 * were lost since the last receive. */
enum pv_port_rc pv_queuing_receive(uint32_t handle, void *buf, uint32_t size,
                                   uint32_t *len, os_tick_t timeout);
/* Queuing destination: drop every queued message and the overflow. */
enum pv_port_rc pv_queuing_clear(uint32_t handle);
/* Any own port. */
enum pv_port_rc pv_port_status(uint32_t handle, struct pv_port_status *st);

/* The same for a library of the guest kernel (the APEX) whose output
 * words are its own guest-kernel variables: not checked (the message
 * buffer still is, by the kernel, as the calling task's). Not gates. */
enum pv_port_rc pvk_sampling_read(uint32_t handle, void *buf, uint32_t size,
                                  uint32_t *len, bool *valid);
enum pv_port_rc pvk_queuing_receive(uint32_t handle, void *buf, uint32_t size,
                                    uint32_t *len, os_tick_t timeout);
enum pv_port_rc pvk_port_status(uint32_t handle, struct pv_port_status *st);

/* Guest kernel only (port.c's upcall): the PK_EV_PORT bits. */
void pv_port_upcall(uint32_t bits);

#endif /* PV_PORT_H */
