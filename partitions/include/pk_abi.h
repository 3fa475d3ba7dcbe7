/*
 * pk_abi.h - the service-call ABI between the partitioning kernel and the
 * partitions (guests), and the layout of the virtual CPU shared with them.
 *
 * This header is included by the kernel (partitions/) and by the
 * para-virtual port of the tick core (rtos/port/pv), so it holds only types,
 * numbers and layouts: no kernel internals. Reference: docs/abi.md.
 *
 * Calling convention: a partition executes `svc #0` in ARM USR mode, ARM
 * state, with the call number in r7 and up to four arguments in r0-r3. The result comes
 * back in r0 (a 64-bit result in r0 = low half, r1 = high half); every other
 * register is preserved. Negative results are errors (PK_E*). The kernel
 * refuses a call it does not know, a call not allowed in the caller's
 * current virtual mode, and a pointer outside the caller's own memory: the
 * call returns the error and the health monitor records it (and applies the
 * partition's configured action, see docs/abi.md).
 */
#ifndef PK_ABI_H
#define PK_ABI_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* Size of the page holding the vCPU: the last page of the guest-kernel
 * range (no suffix: also used by assembly and linker/partition.ld). */
#define PK_VCPU_PAGE_SIZE 4096

/* ---- The svc instruction ----
 * Every call is an ARM-state `svc` (the immediate is ignored: the kernel
 * never reads the instruction). The call number is in r7, except for an
 * svc at the gate trampoline registered with PK_SVC_GATE_SETUP: that one is
 * always the gate return, so the trampoline needs no register at all. */

/* ---- Service call numbers (r7) ---- */

/* Print len bytes of buf on the console, labelled "[name] " per line.
 * r0 = buf, r1 = len. Takes at most PK_CONSOLE_WRITE_MAX bytes and returns
 * how many it took (a short write: write the rest with further calls).
 * Control bytes are printed as '?'. Any mode; a task may pass only its user
 * range, the guest kernel either of its two ranges. */
#define PK_SVC_CONSOLE_WRITE 0
#define PK_CONSOLE_WRITE_MAX 64
/* End the partition's current scheduling slice now. Returns 0. Any mode. */
#define PK_SVC_YIELD 1
/* Block the partition until an event is pending or the deadline passes.
 * r0:r1 = absolute deadline in ns (PK_TIME_NEVER: none), r2 = a number of
 * virtual ticks (0: none) counted from the next tick, whichever is earlier.
 * Returns 0 at once when an event is already pending. Guest kernel only. */
#define PK_SVC_BLOCK 2
/* Set the partition's virtual one-shot timer: PK_EV_TIMER is raised at the
 * absolute time r0:r1 (PK_TIME_NEVER cancels). Returns 0. Guest kernel only.*/
#define PK_SVC_TIMER_SET 3
/* The global 64-bit monotonic clock in ns, in r0 (low) and r1 (high). Any
 * mode. */
#define PK_SVC_TIME_GET 4
/* VIT request: run this partition at the absolute time r0:r1 (ns). At expiry
 * the kernel warps the partition (BVT) and preempts the running one at once;
 * PK_EV_VIT is raised. A new request replaces the pending one; PK_TIME_NEVER
 * cancels. Returns 0. Guest kernel only. */
#define PK_SVC_VIT_REQUEST 5
/* Return from an upcall: restore vcpu.ctx in the virtual mode vcpu.ctx_vmode
 * and unmask virtual interrupts. The context is validated (USR mode, ARM
 * state, PC inside the partition's own ranges; a task context must have its
 * PC in the user range). No result: r0 is whatever the context holds. Guest
 * kernel only. */
#define PK_SVC_UPCALL_RETURN 6
/* Raise virtual events on oneself: r0 = event bits (only PK_EV_SWITCH may be
 * raised by a guest; 0 raises nothing). Pending events are delivered at once
 * if virtual interrupts are unmasked. Returns 0. Guest kernel only. */
#define PK_SVC_EVENT_RAISE 7
/* Status of a partition: r0 = partition index (PK_SELF = -1 for oneself),
 * r1 = struct pk_part_status * in the caller's own memory. Returns 0. Any
 * mode. */
#define PK_SVC_PART_STATUS 8
/* Report an error to the health monitor: r0 = guest error code
 * (PK_GUEST_ERR_*), r1 = an address or argument to log. The partition's
 * configured action is applied; with "log" it returns 0. Any mode. */
#define PK_SVC_REPORT_ERROR 9
/* Gate set-up: r0 = table of r1 entry addresses (uint32_t), all in the
 * guest-kernel range, word-aligned and strictly ascending, r2 = the return
 * trampoline (guest-kernel range). The
 * table is copied into kernel memory; it may be set up only once per start.
 * Returns 0. Guest kernel only. */
#define PK_SVC_GATE_SETUP 10
/* Gate return: from the trampoline, leave guest-kernel mode and resume the
 * task at vcpu.gate_lr (must lie in the user range) with its stack pointer
 * back at vcpu.gate_sp (user range). r0-r3 are preserved (the API
 * function's result). Guest kernel only. */
#define PK_SVC_GATE_RETURN 11
/* Acknowledge a device interrupt delivered as PK_EV_IRQ: r0 = the device's
 * index in the partition's configuration (its `devices` list, the bit
 * of vcpu.irqs); its interrupt source is enabled again. PK_EINVAL for an
 * index without an interrupt. Guest kernel only. */
#define PK_SVC_IRQ_DONE 12
/* Test systems only (kernel built with PK_CONFIG_TEST_EXIT): end the whole
 * run with status r0 (0 = success). Any mode. Elsewhere: PK_ENOSYS. */
#define PK_SVC_TEST_EXIT 13
/* Drive a probe pin (docs/measuring.md): r0 = pin (from 3, the pins below
 * show the running partition), r1 = level (0 low, else high); the kernel
 * makes the single store. Returns 0, PK_EINVAL for a pin the partition may
 * not drive, PK_ENOSYS when the kernel was built without probe pins. Guest
 * kernel only (the tick core's trace glue calls it for a task's pins). */
#define PK_SVC_PROBE 14
/* Write a register of an assigned device: r0 = the device's index in the
 * partition's configuration (its `devices` list), r1 = register offset
 * from the device's register block (word aligned, inside its pages), r2 =
 * the value. The only way to write a bus master's registers (its pages
 * are read-only for the partition): the kernel refuses, without writing,
 * a value after which one of the device's transfers would reach memory
 * outside the partition's user range (PK_EFAULT, health monitor
 * bad_pointer with the start of that transfer). Returns 0; PK_EINVAL for
 * a bad index or offset. Any mode. */
#define PK_SVC_DEV_WRITE 15
/* ---- Inter-partition ports (docs/abi.md "Ports", docs/arinc653.md) ----
 * A port is one of the partition's configured ports ([[port]] in
 * system.toml), named by the global index PK_SVC_PORT_OPEN returns. Every
 * call is non-blocking: blocking, timeouts and the waiting discipline live
 * in the guest (rtos/port/pv/pv_port.h). A message is copied from the
 * caller's own memory into the kernel's buffer, or out of it into the
 * caller's own memory; with PK_PORT_AS_TASK in the flags (r3) the buffer is
 * checked as a task's (user range only) whatever the caller's mode, so a
 * guest kernel acting for a task lets the kernel check the task's pointer.
 * A port index out of range (PK_EINVAL), a port of another partition, or
 * a port of the wrong kind or direction for the call (PK_EPERM) is
 * refused and recorded by the health monitor (bad_svc); a buffer outside the caller's own memory PK_EFAULT
 * (bad_pointer). Any mode. */
/* Open a port by name: r0 = name, r1 = its length (1..31), r2 = struct
 * pk_port_info * (8-byte aligned, own memory) filled with its
 * configuration. Returns the port index, PK_ENOENT when the partition has
 * no port of that name. */
#define PK_SVC_PORT_OPEN 16
/* Sampling write (source port): r0 = port, r1 = buf, r2 = len, r3 = flags.
 * The message replaces the port's one message and is stamped with the
 * clock. Returns 0; PK_EINVAL for len 0, PK_EMSGSIZE for len above the
 * port's max_message_size. */
#define PK_SVC_SAMPLING_WRITE 17
/* Sampling read (destination port): r0 = port, r1 = buf, r2 = its size,
 * r3 = flags. Copies the latest message; r0 = its length, r1 = 1 while
 * its age is within the destination's refresh period (valid), else 0.
 * PK_EEMPTY when never written (nothing copied); PK_EMSGSIZE when the
 * buffer is smaller than the message. */
#define PK_SVC_SAMPLING_READ 18
/* Queuing send (source port): r0 = port, r1 = buf, r2 = len, r3 = flags.
 * Appends the message to the destination's FIFO; r0 = 0, r1 = free slots
 * left. PK_EFULL when the destination is full: nothing is queued, and with
 * PK_PORT_MARK_OVERFLOW the destination's overflow flag is set (its next
 * receive reports it). PK_EINVAL for len 0, PK_EMSGSIZE above the size. */
#define PK_SVC_QUEUING_SEND 19
/* Queuing receive (destination port): r0 = port, r1 = buf, r2 = its size,
 * r3 = flags. Takes the oldest message: r0 = its length, r1 = messages
 * left (bits 0..15) | PK_PORT_OVERFLOW when a message was lost since the
 * last receive (the flag is then cleared). PK_EEMPTY when empty;
 * PK_EMSGSIZE when the buffer is smaller than the message (it stays). */
#define PK_SVC_QUEUING_RECEIVE 20
/* Status of an own port: r0 = port, r1 = struct pk_port_status *
 * (8-byte aligned, own memory). Returns 0. */
#define PK_SVC_PORT_STATUS 21
/* Clear a queuing destination port: its messages and overflow flag are
 * dropped. Returns 0. */
#define PK_SVC_QUEUING_CLEAR 22
/* 23: reserved for ports. */
/* ---- Partition modes, health monitor, module schedules (24..31;
 * docs/abi.md, docs/arinc653.md) ---- */
/* Set the operating mode of a partition: r0 = partition index (PK_SELF:
 * the caller), r1 = PK_MODE_*. Another partition only where the
 * configuration allows it (mode_of; else PK_EPERM, health monitor
 * bad_svc). Returns PK_OK, PK_ENOACTION (already in that mode),
 * PK_EINVAL (r1 not a mode, or a bad index: nothing changes),
 * PK_EMODE (COLD_START -> WARM_START, IDLE -> NORMAL, another partition
 * -> NORMAL: only its own start-up ends it). IDLE stops the partition;
 * COLD_START / WARM_START restart it (from NORMAL or the other start
 * mode): when the caller restarts itself the call does not return.
 * Any mode. */
#define PK_SVC_SET_MODE 24
/* Mode status of a partition: r0 = index (PK_SELF), r1 = struct
 * pk_mode_status * in the caller's memory (4-byte aligned). Another
 * partition's only where status_of or mode_of allows it (else PK_EPERM,
 * health monitor). Returns 0. Any mode. */
#define PK_SVC_MODE_STATUS 25
/* Read one record of the kernel's health-monitor log: r0 = its sequence
 * number (0 = the first record ever made), r1 = struct pk_hm_entry * in
 * the caller's memory (8-byte aligned). Returns the number of records
 * made so far (>= 0); PK_ENOTAVAIL when record r0 was not made yet or has
 * been overwritten (the log is a ring of PK_HM_LOG_SIZE). Only for a
 * partition with hm_log = true (else PK_EPERM, health monitor). Any
 * mode. */
#define PK_SVC_HM_LOG_READ 26
/* Cyclic policy: make schedule r0 (its index in the configuration) the
 * module's schedule from the next major-frame boundary on. Returns PK_OK;
 * PK_ENOACTION when it already is the current one and no other is
 * pending; PK_EINVAL for an index out of range or a policy that is not
 * cyclic. Only for a partition with schedule_control = true (else
 * PK_EPERM, health monitor). Any mode. */
#define PK_SVC_SCHEDULE_SET 27
/* Module schedule status: r0 = struct pk_schedule_status * in the
 * caller's memory (8-byte aligned). Returns 0. Any mode. */
#define PK_SVC_SCHEDULE_STATUS 28
/* Module schedule by name (GET_MODULE_SCHEDULE_ID): r0 = name, r1 = its
 * length (1..31), in the caller's memory. Returns the schedule's index;
 * PK_ENOENT when no schedule has that name, PK_EINVAL for a bad length or
 * a policy that is not cyclic. Any mode, any partition. */
#define PK_SVC_SCHEDULE_ID 29
#define PK_SVC_COUNT 32

/* Offset of vcpu.tick_skip in the vCPU page (the linker script names the
 * word for the tick core's PORT_TASK_MADE_READY; checked below). */
#define PK_VCPU_TICK_SKIP_OFFSET 184

#ifndef __ASSEMBLER__
/* ---- Errors (negative results) ---- */
#define PK_OK 0
#define PK_ENOSYS (-1) /* unknown service call number */
#define PK_EPERM (-2)  /* not allowed in the caller's current virtual mode */
#define PK_EFAULT (-3) /* pointer outside the caller's own memory */
#define PK_EINVAL (-4) /* bad argument (index, count, event bits, context) */
#define PK_EBUSY (-5)  /* already done once (gate set-up) */
#define PK_EFULL (-6)    /* port: the destination queue is full */
#define PK_EEMPTY (-7)   /* port: no message (never written, queue empty) */
#define PK_EMSGSIZE (-8) /* port: message longer than the port or buffer */
#define PK_ENOENT (-9)   /* port: no port of that name */
/* Partition modes and the health monitor (-10..-13). */
#define PK_ENOACTION (-10) /* nothing to do: already in that state */
#define PK_EMODE (-11)     /* not allowed in the current operating mode */
#define PK_ENOTAVAIL (-12) /* no such record (yet, or any more) */

/* Partition index meaning "the caller" (PK_SVC_PART_STATUS). */
#define PK_SELF (-1)

/* An absolute time meaning "never". */
#define PK_TIME_NEVER UINT64_MAX

/* ---- Virtual events (vcpu.pending / vcpu.events bits) ---- */
#define PK_EV_TICK 0x1u   /* one or more virtual ticks: see vcpu.ticks */
#define PK_EV_TIMER 0x2u  /* the virtual one-shot timer expired */
#define PK_EV_IRQ 0x4u    /* an assigned device interrupted: vcpu.irqs */
#define PK_EV_SWITCH 0x8u /* the guest asked for a task switch */
#define PK_EV_VIT 0x10u   /* the VIT request expired */
#define PK_EV_PORT 0x20u  /* a port event: see vcpu.port_events */
/* A process-level health-monitor error: vcpu.hm_* describe it. */
#define PK_EV_HM 0x40u
#define PK_EV_ALL 0x7Fu

/* ---- Virtual modes ---- */
#define PK_VMODE_GUEST_KERNEL 0u /* tick core: its domain is "manager" */
#define PK_VMODE_TASK 1u         /* application task: its domain "client" */

/* ---- Guest error codes for PK_SVC_REPORT_ERROR ---- */
#define PK_GUEST_ERR_PANIC 1u          /* port_panic(): assert, fatal */
#define PK_GUEST_ERR_STACK 2u          /* stack overflow detected */
#define PK_GUEST_ERR_DEADLINE 3u       /* a deadline was missed */
#define PK_GUEST_ERR_APP 4u            /* application-defined */
#define PK_GUEST_ERR_NUMERIC 5u        /* numeric error (divide by zero) */
#define PK_GUEST_ERR_ILLEGAL 6u        /* illegal request (a service
                                          misused in its mode) */
#define PK_GUEST_ERR_CONFIG 7u         /* configuration error found by the
                                          guest */

/* ---- Health-monitor errors (vcpu.hm_error, struct pk_hm_entry.error;
 * the names of the HM tables, docs/arinc653.md). Below
 * PK_HM_ERR_FAULTS: faults the kernel detected in the partition. ---- */
#define PK_HM_ERR_DATA_ABORT 0u
#define PK_HM_ERR_PREFETCH_ABORT 1u
#define PK_HM_ERR_UNDEFINED 2u
#define PK_HM_ERR_BAD_SVC 3u
#define PK_HM_ERR_BAD_POINTER 4u
#define PK_HM_ERR_BAD_CONTEXT 5u
#define PK_HM_ERR_FAULTS 6u
#define PK_HM_ERR_GUEST 6u           /* a guest error of no other kind */
#define PK_HM_ERR_DEADLINE_MISSED 7u
#define PK_HM_ERR_APPLICATION 8u
#define PK_HM_ERR_STACK_OVERFLOW 9u
#define PK_HM_ERR_NUMERIC 10u
#define PK_HM_ERR_ILLEGAL_REQUEST 11u
#define PK_HM_ERR_CONFIG 12u
#define PK_HM_ERR_RESTART_STORM 13u

/* ---- Operating modes (ARINC 653 OPERATING_MODE_TYPE values) ---- */
#define PK_MODE_IDLE 0u
#define PK_MODE_COLD_START 1u
#define PK_MODE_WARM_START 2u
#define PK_MODE_NORMAL 3u
/* ---- Start conditions (ARINC 653 START_CONDITION_TYPE values) ---- */
#define PK_START_NORMAL 0u        /* power-on */
#define PK_START_PARTITION 1u     /* the partition (or a system partition)
                                     asked for the restart: SET_MODE */
#define PK_START_HM_MODULE 2u     /* module reset by the health monitor */
#define PK_START_HM_PARTITION 3u  /* partition restart by the health
                                     monitor */

/* Saved registers of a partition: r0-r12, sp, lr, pc (r[15]) and the CPSR
 * (always USR mode, ARM state). */
struct pk_regs {
    uint32_t r[16]; /* r0..r15; r13 = sp, r14 = lr, r15 = pc to resume at */
    uint32_t cpsr;  /* condition flags + USR mode */
};


/*
 * The virtual CPU of a partition, at vcpu_addr = kernel_base + kernel_size -
 * PK_VCPU_PAGE_SIZE (inside the guest-kernel range, so tasks cannot touch
 * it). The kernel writes it only while the partition is the running one and
 * never trusts what it reads back: every address is validated.
 * "guest" fields are written by the guest, "kernel" ones by the kernel.
 */
struct pk_vcpu {
    /* guest: non-zero masks event delivery (the guest's critical sections).
     * The kernel sets it to 1 when it enters an upcall and to 0 on upcall
     * return. The partition starts with it set. */
    volatile uint32_t vmask;
    /* guest: where upcalls enter (guest-kernel range, ARM code) and the
     * stack pointer they start on (8-byte aligned, in the guest-kernel
     * range). Read by the kernel at each delivery. */
    uint32_t upcall_entry;
    uint32_t upcall_sp;
    /* kernel/guest: the task's return address saved at gate entry, used by
     * PK_SVC_GATE_RETURN. The guest saves and restores it per task. */
    uint32_t gate_lr;
    /* kernel/guest: the context interrupted by the current upcall, and its
     * virtual mode (PK_VMODE_*). The guest may rewrite both (task switch)
     * before PK_SVC_UPCALL_RETURN. */
    struct pk_regs ctx;
    uint32_t ctx_vmode;
    /* kernel: events raised but not yet delivered (a hint: the guest checks
     * it after unmasking and issues PK_SVC_EVENT_RAISE(0) to take them). */
    volatile uint32_t pending;
    /* kernel: what the current upcall delivers: event bits, the number of
     * virtual ticks elapsed since the last delivered tick (missed ones
     * included) and the assigned devices that interrupted (bit n = the
     * partition's device n, whatever the board's source number). */
    uint32_t events;
    uint32_t ticks;
    uint32_t irqs;
    /* kernel: the last fault of the partition (virtual FAR/FSR), for the
     * guest's diagnostics after a "log" health action. */
    uint32_t vfar;
    uint32_t vfsr;
    /* kernel: identity and history. */
    uint32_t part_index; /* index in the system configuration */
    uint32_t restarts;   /* cold restarts so far */
    uint32_t tick_hz;    /* the virtual tick rate */
    /* guest: address of the tick core's trace buffer (struct trace_buf,
     * rtos/trace/trace.h) in the guest-kernel range, or 0; the kernel
     * validates it and drains the buffer (docs/trace-format.md). */
    uint32_t trace_buf;
    /* kernel/guest: the task's user sp at gate entry, restored by
     * PK_SVC_GATE_RETURN (the other half of the gate slot, with gate_lr).
     * The guest saves and restores it per task. */
    uint32_t gate_sp;
    /* guest: top of the current task's guest-kernel stack (8-byte aligned,
     * in the guest-kernel range), published at every task switch. A gate
     * entry runs the API function there, never on the task's own stack. */
    uint32_t gk_sp;
    /* kernel: the nominal time (ns, global clock) of the last virtual tick
     * counted in `ticks`, written with every upcall that carries ticks. The
     * guest dates real-time wake-ups from it (port_tick_time_ns). */
    uint64_t tick_ns;
    /* guest: non-zero once the real-time work a warp was granted for is
     * done (the guest switched from a real-time task to one that is not).
     * The kernel takes it (clears it and ends the partition's warp) at the
     * partition's next PK_SVC_UPCALL_RETURN, deciding again at once, and
     * when another partition's VIT expires; so its other work runs in the
     * fair schedule and another partition's VIT expiry is not held up by
     * it. Cleared by the kernel at every VIT expiry of the running
     * partition. A guest that never sets it keeps its warp until it blocks
     * or has run L warped. */
    volatile uint32_t warp_done;
    /* kernel: with PK_EV_PORT, the partition's ports that have news (bit
     * n = its port with pk_port_info.bit n): a message arrived at a
     * destination queue that was empty, or at an urgent destination; a
     * slot freed at the destination of a source queue that was full. */
    uint32_t port_events;
    /* kernel: the operating mode (PK_MODE_*) and the start condition
     * (PK_START_*) of the current start, written when the start's loading
     * is done, when the partition changes its own mode and at every
     * upcall. PK_SVC_MODE_STATUS is authoritative. */
    uint32_t mode;
    uint32_t start_cond;
    /* guest: non-zero while the guest can take a process-level error
     * (its error handler process exists and is not running an error
     * already). The kernel delivers a process-level error as PK_EV_HM
     * only then; otherwise the partition-level action applies. */
    volatile uint32_t hm_handler;
    /* kernel: the process-level error PK_EV_HM delivers: its error
     * (PK_HM error number, docs/arinc653.md), the kernel's record fields
     * (address, pc, status), and a count of such errors since the start,
     * written before the event is raised. */
    uint32_t hm_error;
    uint32_t hm_addr;
    uint32_t hm_pc;
    uint32_t hm_status;
    uint32_t hm_seq;
    /* guest: how many virtual ticks after the last one delivered carry
     * nothing for it (no delayed task due, no time slice to end): the
     * kernel counts them but delivers no upcall for them, so a partition
     * computing with nothing due takes no tick at all. Latched at
     * PK_SVC_UPCALL_RETURN; the kernel drops it (back to 0: every tick)
     * at a gate entry and PK_SVC_BLOCK, delivering the ticks counted
     * meanwhile first, so the guest's tick count is exact whenever it
     * runs, and at a gate return when the guest zeroed the word during
     * the call (a task became ready). 0 (the start value): every tick. */
    uint32_t tick_skip;
};

/* Layout checks: the kernel, the pv port and docs/abi.md agree on these. */
_Static_assert(sizeof(struct pk_regs) == 17u * 4u, "pk_regs layout");
_Static_assert(__builtin_offsetof(struct pk_vcpu, gate_lr) == 12u,
               "vcpu gate_lr offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, ctx) == 16u,
               "vcpu ctx offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, ctx_vmode) == 84u,
               "vcpu ctx_vmode offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, pending) == 88u,
               "vcpu pending offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, gate_sp) == 128u,
               "vcpu gate_sp offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, gk_sp) == 132u,
               "vcpu gk_sp offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, tick_ns) == 136u,
               "vcpu tick_ns offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, warp_done) == 144u,
               "vcpu warp_done offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, port_events) == 148u,
               "vcpu port_events offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, mode) == 152u,
               "vcpu mode offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, hm_seq) == 180u,
               "vcpu hm_seq offset");
_Static_assert(__builtin_offsetof(struct pk_vcpu, tick_skip) ==
                   PK_VCPU_TICK_SKIP_OFFSET,
               "vcpu tick_skip offset");
_Static_assert(sizeof(struct pk_vcpu) == 192u, "vcpu size");
_Static_assert(sizeof(struct pk_vcpu) <= PK_VCPU_PAGE_SIZE, "vcpu fits");

/* Partition states reported by PK_SVC_PART_STATUS. */
#define PK_PART_RUNNING 0u  /* running or ready to run */
#define PK_PART_BLOCKED 1u  /* waiting for an event or a deadline */
#define PK_PART_STOPPED 2u  /* stopped by the health monitor */

/* Filled by PK_SVC_PART_STATUS. */
struct pk_part_status {
    uint32_t index;    /* partition index */
    uint32_t state;    /* PK_PART_* */
    uint32_t restarts; /* cold restarts so far */
    uint32_t faults;   /* health-monitor records so far */
    uint64_t run_ns;   /* CPU time charged by the scheduler */
    uint64_t ticks;    /* virtual ticks generated since the last start */
};
_Static_assert(sizeof(struct pk_part_status) == 32u, "part status layout");

/* ---- Ports ---- */
#define PK_PORT_SAMPLING 0u
#define PK_PORT_QUEUING 1u
#define PK_PORT_SOURCE 0u
#define PK_PORT_DESTINATION 1u
#define PK_PORT_FIFO 0u     /* waiting discipline (the guest's) */
#define PK_PORT_PRIORITY 1u
/* Flags (r3) of the port calls. */
#define PK_PORT_AS_TASK 0x1u        /* check the buffer as a task's */
#define PK_PORT_MARK_OVERFLOW 0x2u  /* send: a full destination records it */
/* Receive: set in r1 when messages were lost (overflow). */
#define PK_PORT_OVERFLOW 0x80000000u
/* A message buffer that is not word aligned is taken only for messages
 * of at most this many bytes (PK_EINVAL beyond): its copy is the slow
 * one, and the copy bounds a port call with interrupts masked. The pv
 * port bounces longer ones through an aligned buffer of its own. */
#define PK_PORT_UNALIGNED_MAX 256u
/* Longest port name, without the NUL. */
#define PK_PORT_NAME_MAX 31u

/* Filled by PK_SVC_PORT_OPEN: the port's configuration. */
struct pk_port_info {
    uint32_t kind;             /* PK_PORT_SAMPLING / PK_PORT_QUEUING */
    uint32_t direction;        /* PK_PORT_SOURCE / PK_PORT_DESTINATION */
    uint32_t max_message_size; /* bytes */
    uint32_t max_messages;     /* queuing; 1 for sampling */
    uint32_t discipline;       /* PK_PORT_FIFO / PK_PORT_PRIORITY */
    uint32_t urgent;           /* destination: arrivals warp the partition */
    uint32_t bit;              /* its bit in vcpu.port_events (0..31) */
    uint32_t connected;        /* 1 when in a channel */
    uint64_t refresh_ns;       /* sampling: the refresh period */
};
_Static_assert(sizeof(struct pk_port_info) == 40u, "port info layout");

/* Filled by PK_SVC_PORT_STATUS. */
struct pk_port_status {
    uint32_t messages;     /* queuing: messages queued at the destination
                              (a source: at its channel's destination) */
    uint32_t max_messages; /* capacity of that queue */
    uint32_t overflow;     /* queuing destination: a message was lost */
    uint32_t last_len;     /* sampling: length of the message (0: none) */
    uint64_t age_ns;       /* sampling: age of the message (UINT64_MAX: none) */
    uint32_t valid;        /* sampling destination: age <= refresh period */
    uint32_t pad;
};
_Static_assert(sizeof(struct pk_port_status) == 32u, "port status layout");
/* Filled by PK_SVC_MODE_STATUS. */
struct pk_mode_status {
    uint32_t index;         /* partition index */
    uint32_t mode;          /* PK_MODE_* */
    uint32_t start_cond;    /* PK_START_* of the current start */
    uint32_t restarts;      /* restarts so far, cold and warm */
    uint32_t warm_restarts; /* of which warm */
    uint32_t faults;        /* health-monitor records so far */
    uint32_t hm_errors;     /* process-level errors delivered (PK_EV_HM) */
    uint32_t reserved;
};
_Static_assert(sizeof(struct pk_mode_status) == 32u, "mode status layout");

/* One health-monitor record, read by PK_SVC_HM_LOG_READ. */
struct pk_hm_entry {
    uint32_t seq;     /* its sequence number */
    uint32_t part;    /* partition index */
    uint32_t kind;    /* what the kernel saw (the HM line's kind) */
    uint32_t error;   /* the HM table's error number */
    uint32_t addr;    /* faulting address or argument */
    uint32_t pc;      /* where the partition was */
    uint32_t status;  /* fault status or error code */
    uint32_t action;  /* PK_HM_ACT_* taken */
    uint64_t time_ns; /* when */
};
_Static_assert(sizeof(struct pk_hm_entry) == 40u, "hm entry layout");

/* Actions recorded in struct pk_hm_entry.action. */
#define PK_HM_ACT_IGNORE 0u       /* logged, the partition goes on */
#define PK_HM_ACT_IDLE 1u         /* partition stopped (IDLE) */
#define PK_HM_ACT_COLD_START 2u   /* partition restarted cold */
#define PK_HM_ACT_WARM_START 3u   /* partition restarted warm */
#define PK_HM_ACT_HANDLER 4u      /* delivered to its error handler */
#define PK_HM_ACT_MODULE_RESET 5u /* every partition restarted cold */
#define PK_HM_ACT_SHUTDOWN 6u     /* the module stopped */

/* Filled by PK_SVC_SCHEDULE_STATUS. */
struct pk_schedule_status {
    uint64_t last_switch_ns; /* when the current schedule took effect
                                (the time of boot for the first one) */
    uint32_t current;        /* index of the current schedule */
    uint32_t next;           /* the one pending for the next major-frame
                                boundary, or current when none is */
};
_Static_assert(sizeof(struct pk_schedule_status) == 16u,
               "schedule status layout");

#endif /* __ASSEMBLER__ */
#endif /* PK_ABI_H */
