/*
 * pk_config.h - the static configuration of a partitioned system, as the
 * kernel sees it.
 *
 * A system is written as one declarative table, apps/systems/<name>/system.toml
 * (format: docs/configuration.md). The host tool tools/pkconfig.py checks it
 * at build time (overlaps, domain budget, windows, weights, ...) and emits
 * the C definition of `pk_system` (a const struct pk_system_config) plus a
 * linker fragment that places each partition at its fixed range. Nothing in
 * here is changed at run time.
 */
#ifndef PK_CONFIG_H
#define PK_CONFIG_H

#include <stdint.h>

/* A transfer range of a bus master (bsp/include/bsp_dma.h). */
struct bsp_dma_range;

/* Limits. On a board whose partitions are separated by domains alone
 * (ARMv5), the domain plan gives two domains per partition after the
 * kernel (D0) and shared I/O (D1): (16 - 2) / 2 = 7 partitions at most
 * (tools/pkconfig.py checks the board); with a translation table and an
 * ASID per partition (ARMv6, ARMv7) the bound is PK_MAX_PARTITIONS. */
#define PK_MAX_PARTITIONS 32u
#define PK_MAX_WINDOWS 32u
#define PK_MAX_DEVICES 4u
/* Module schedules of the cyclic policy (ARINC 653 Part 2). */
#define PK_MAX_SCHEDULES 4u
/* Registers the kernel shadows for one bus-master device. */
#define PK_DMA_MAX_REGS 8u

/* Partition scheduling policies (one file each in partitions/sched/). */
enum pk_policy {
    PK_POLICY_BVT = 0,    /* borrowed virtual time windows (default) */
    PK_POLICY_STATIC = 1, /* static priority, preemptive */
    PK_POLICY_CYCLIC = 2, /* ARINC 653 major frame of fixed windows */
};

/* What the health monitor does when a partition faults. */
enum pk_hm_action {
    PK_HM_RESTART = 0, /* cold restart from the pristine image */
    PK_HM_STOP = 1,    /* stop the partition for good */
    PK_HM_LOG = 2,     /* record and resume (after skipping a bad service
                          call; a fault that cannot be skipped stops) */
};

/*
 * Health-monitor tables (docs/arinc653.md). Errors are numbered by enum
 * pk_hm_error (pk_kernel.h: the kinds the kernel detects, then the errors
 * guests report and the kernel's own); states by PK_HM_STATE_*.
 */
#define PK_HM_ERROR_COUNT 14u
#define PK_HM_STATE_INIT 0u   /* the partition is in COLD_START/WARM_START */
#define PK_HM_STATE_TASK 1u   /* NORMAL, a task (process) was running */
#define PK_HM_STATE_KERNEL 2u /* NORMAL, its guest kernel was running */
#define PK_HM_STATE_COUNT 3u
/* Levels of the system table: (state, error) -> level. */
enum pk_hm_level {
    PK_HM_LEVEL_PARTITION = 0, /* the partition's action for the error */
    PK_HM_LEVEL_PROCESS = 1,   /* the partition's error handler process */
    PK_HM_LEVEL_MODULE = 2,    /* the module's action for the error */
};
/* Partition-level actions (the partition table: error -> action). */
enum pk_hm_part_action {
    PK_HMP_DEFAULT = 0,    /* as hm_action says (on_fault) */
    PK_HMP_IGNORE = 1,     /* record; resume (a fault that cannot be
                              skipped: IDLE) */
    PK_HMP_IDLE = 2,       /* stop the partition */
    PK_HMP_COLD_START = 3, /* restart it, images reloaded */
    PK_HMP_WARM_START = 4, /* restart it, its user range kept */
};
/* Module-level actions (the module table: error -> action). */
enum pk_hm_module_action {
    PK_HMM_IGNORE = 0,   /* record; the partition goes on as IGNORE */
    PK_HMM_RESET = 1,    /* every partition restarted cold */
    PK_HMM_SHUTDOWN = 2, /* the module stops */
};

/* How a bus-master device's DMA is confined (the board's "dma"
 * description, docs/memory.md): the driver's functions and the registers
 * whose writes the kernel checks. */
struct pk_dma_config {
    /* <driver>_dma_extent (a bsp_dma_extent_fn): the transfer ranges. */
    unsigned (*extent)(const uint32_t *snap, struct bsp_dma_range *out);
    /* <driver>_dma_quiesce (a bsp_dma_quiesce_fn): stops the DMA. */
    void (*quiesce)(uintptr_t regs);
    uint32_t n_regs;            /* entries used in regs[] */
    /* Offsets from the register block of the shadowed registers (word
     * aligned, below 4 * BSP_DMA_SHADOW_WORDS), address registers first. */
    uint32_t regs[PK_DMA_MAX_REGS];
};

/* A device region assigned to one partition (mapped into its user domain). */
struct pk_device_config {
    const char *name; /* e.g. "display" */
    uint32_t base;    /* physical = virtual address of its 4 KiB pages */
    uint32_t size;    /* bytes, multiple of 4 KiB */
    int32_t irq;      /* interrupt source routed to the partition, or -1 */
    uint32_t regs;    /* register block, inside the pages */
    /* Bus master: its DMA description; NULL for a device that reads and
     * writes no memory by itself. A bus master's pages are mapped
     * read-only for the partition, which writes them through
     * PK_SVC_DEV_WRITE. */
    const struct pk_dma_config *dma;
    /* <driver>_reset(regs) of the board's "reset" driver, or NULL: puts
     * the device back in its reset state (no interrupt, no activity) when
     * its partition is cold restarted or stopped, so that nothing of the
     * old run reaches the new one. */
    void (*reset)(uintptr_t regs);
};

struct pk_partition_config {
    const char *name;        /* label of its console output, e.g. "matrix" */
    const char *app;         /* application folder under apps/ */
    /* Memory: two section-aligned ranges, identity mapped. The guest kernel
     * range holds the tick core, its data and the shared vCPU page; the user
     * range holds the application's tasks and stacks. */
    uint32_t kernel_base;    /* start of guest-kernel range */
    uint32_t kernel_size;    /* bytes, multiple of 1 MiB */
    uint32_t user_base;      /* start of task range */
    uint32_t user_size;      /* bytes, multiple of 1 MiB */
    /* The top of the user range that a warm start keeps (OS_PERSIST data;
     * a multiple of 32, at most half the range): a warm start reloads the
     * rest of both ranges, a cold start all of them. */
    uint32_t user_persist_size;
    /* Pristine images, embedded in the kernel ELF and copied into place at
     * boot and on every cold restart: one for the guest-kernel range (tick
     * core, para-virtual port, kernel objects) and one for the user range
     * (application code and data). The partition is linked at these fixed
     * addresses; bss is whatever of a range the image does not cover, and is
     * zeroed. */
    const uint8_t *kernel_image;     /* first byte of the guest-kernel image */
    const uint8_t *kernel_image_end; /* one past its last byte */
    const uint8_t *user_image;       /* first byte of the user image */
    const uint8_t *user_image_end;   /* one past its last byte */
    uint32_t entry;          /* guest entry point (in the guest-kernel range) */
    uint32_t tick_hz;        /* the guest's virtual tick rate */
    /* BVT parameters (PK_POLICY_BVT). Times in ns. */
    uint32_t weight;         /* share of the CPU, > 0 */
    uint64_t warp_ns;        /* W: how far a VIT expiry warps E back */
    uint64_t warp_limit_ns;  /* L: longest run while warped */
    uint64_t unwarp_ns;      /* U: least time between two warps */
    /* Static priority (PK_POLICY_STATIC): larger runs first. */
    uint32_t priority;
    enum pk_hm_action hm_action;
    /* Partition HM table: error -> enum pk_hm_part_action (0: as
     * hm_action). */
    uint8_t hm_actions[PK_HM_ERROR_COUNT];
    /* System partition rights: partitions whose mode it may set and read
     * (bit n = partition n; its own is implied), whether it may read the
     * HM log and set the module schedule. */
    uint32_t mode_of;
    uint8_t hm_log;
    uint8_t schedule_control;
    /* Restart storms: with restart_limit > 0, a partition that would be
     * restarted more than restart_limit times within restart_window_ns is
     * stopped instead (0: no limit). */
    uint32_t restart_limit;
    uint64_t restart_window_ns;
    /* Probe pins (from PK_PROBE_PART_PINS up) that the partition may drive
     * with PK_SVC_PROBE: bit n = pin n. */
    uint32_t probe_pins;
    /* Partitions whose PK_SVC_PART_STATUS it may read: bit n = partition
     * n (its own bit is always set). */
    uint32_t status_of;
    /* The tracer may plant tracepoints in its code (docs/tracepoints.md):
     * configuration, trusted, never set by the partition. */
    uint8_t tracepoints;
    uint32_t n_devices;
    struct pk_device_config devices[PK_MAX_DEVICES];
};

/* One window of the cyclic policy's major frame. */
struct pk_window_config {
    uint32_t partition;   /* index into partitions[] */
    uint64_t offset_ns;   /* start, from the beginning of the major frame */
    uint64_t duration_ns; /* length */
};

/* Inter-partition ports (docs/configuration.md "Ports and channels").
 * The longest message a port may carry: one copy of it is the longest
 * stretch a port call adds with interrupts masked (docs/arinc653.md). */
#define PK_PORT_MSG_MAX 4096u
/* Kernel memory for all port buffers and their slot lengths. */
#define PK_PORT_MEMORY_MAX 65536u
/* Ports per partition (one bit each in vcpu.port_events) and destinations
 * of one sampling channel. */
#define PK_PORTS_PER_PARTITION 32u
#define PK_CHANNEL_DESTS_MAX 32u

/* Run-time state of a port, in kernel memory (sized by the generator). */
struct pk_port_state {
    uint64_t stamp_ns; /* sampling source: when the message was written */
    uint32_t len;      /* sampling source: its length (0: never written) */
    uint32_t head;     /* queuing destination: oldest slot */
    uint32_t count;    /* queuing destination: messages queued */
    uint32_t overflow; /* queuing destination: a message was lost */
};

struct pk_port_config {
    const char *name;          /* unique within its partition */
    uint32_t partition;        /* owner: index into partitions[] */
    uint32_t bit;              /* its bit in the owner's vcpu.port_events */
    uint8_t kind;              /* PK_PORT_SAMPLING / PK_PORT_QUEUING */
    uint8_t direction;         /* PK_PORT_SOURCE / PK_PORT_DESTINATION */
    uint8_t discipline;        /* PK_PORT_FIFO / PK_PORT_PRIORITY */
    uint8_t urgent;            /* destination: an arrival warps the owner */
    uint32_t max_message_size; /* bytes, 1..PK_PORT_MSG_MAX */
    uint32_t max_messages;     /* queuing: slots; sampling: 1 */
    uint64_t refresh_ns;       /* sampling: refresh period */
    /* The channel: a destination's source port (-1: not connected); a
     * source's destinations (its first in dest, all in dests[0..n_dests)). */
    int32_t source;
    uint32_t n_dests;
    const uint16_t *dests;
    /* Kernel memory: a sampling source holds the message (max_message_size
     * bytes); a queuing destination max_messages slots of slot_size bytes
     * and their lengths (lens). NULL for the others. */
    uint8_t *buf;
    uint32_t *lens;
    uint32_t slot_size;        /* max_message_size rounded up to 4 */
    struct pk_port_state *state;
};

/* One module schedule (cyclic): a major frame and its windows, sorted by
 * offset, disjoint. */
struct pk_schedule_config {
    const char *name;
    uint64_t major_frame_ns;
    uint32_t n_windows;
    struct pk_window_config windows[PK_MAX_WINDOWS];
};

#define PK_JUDGE_ANY 0xFFu

struct pk_system_config {
    const char *name;
    enum pk_policy policy;
    /* BVT: the window (quantum) and the context-switch allowance C. */
    uint64_t window_ns;
    uint64_t csw_allowance_ns;
    /* Cyclic: the major frame and its windows, sorted by offset, disjoint. */
    uint64_t major_frame_ns;
    const char *schedule_name; /* schedule 0's name (PK_SVC_SCHEDULE_ID) */
    uint32_t n_windows;
    struct pk_window_config windows[PK_MAX_WINDOWS];
    /* Test kernels: the partition whose RESULT lines and TEST_EXIT count
     * (its index), or PK_JUDGE_ANY. */
    uint8_t test_judge;
    uint32_t n_partitions;
    struct pk_partition_config partitions[PK_MAX_PARTITIONS];
    /* Inter-partition ports, grouped by partition in configuration order. */
    uint32_t n_ports;
    const struct pk_port_config *ports;
    /* Cyclic: the module schedules (0: just the one above). When there
     * are some, schedule 0 is the one above and runs first. */
    uint32_t n_schedules;
    struct pk_schedule_config schedules[PK_MAX_SCHEDULES];
    /* System HM table: (state, error) -> enum pk_hm_level (0: partition
     * level), and the module table: error -> enum pk_hm_module_action. */
    uint8_t hm_levels[PK_HM_STATE_COUNT][PK_HM_ERROR_COUNT];
    uint8_t hm_module_actions[PK_HM_ERROR_COUNT];
};

/* Emitted by tools/pkconfig.py for the system being built. */
extern const struct pk_system_config pk_system;

#endif /* PK_CONFIG_H */
