/*
 * trace.h - trace records and the per-source ring buffer.
 *
 * One ring buffer per source: the partitioning kernel (or, on a native
 * system, the tick core) owns source 0, and each partition's guest kernel
 * owns one in its own memory (source = partition index + 1). Every record is
 * 16 bytes, stamped with the one global clock in nanoseconds, and is drained
 * as text frames over the console UART:
 *
 *     @TRC <source> <seq> <hex of 1..4 records> <crc32 as 8 hex digits>
 *
 * The host tool tools/trace/trace.py extracts the frames from a console log
 * and converts them to CTF, Chrome/Perfetto JSON and VCD. The record layout,
 * the meaning of the arguments of each event type and the frame format are
 * specified in docs/trace-format.md; this header is the C side of it.
 *
 * The code is C11, freestanding, allocation free, and includes nothing of a
 * port or a board: the owner of a buffer hands it a clock and an interrupt
 * mask pair with trace_set_hooks(). Integration is a few lines:
 *
 *     static struct trace_record trc_storage[256];
 *     static struct trace_buf trc;
 *     trace_init(&trc, trc_storage, sizeof trc_storage, TRACE_SOURCE_KERNEL);
 *     trace_set_hooks(&trc, bsp_clock_ns, irq_save, irq_restore);
 *     trace_emit(&trc, TRACE_PART_SWITCH, to, from, 0);
 *     ...
 *     trace_drain(&trc, console_write, 64);   (when idle / at test end)
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------ */
/* Categories and event types                                          */
/* ------------------------------------------------------------------ */

/*
 * An event type is (category << 4) | n, so the category of a type is a
 * shift away and a disabled category costs one test. Category bits are
 * used both by the build-time mask TRACE_BUILD_MASK and by the run-time
 * mask of each buffer (trace_set_mask()).
 */
#define TRACE_CAT_META 0u  /* overflow, task names: never masked */
#define TRACE_CAT_PSCHED 1u /* partition switch, VIT, warp/unwarp */
#define TRACE_CAT_SVC 2u   /* service calls */
#define TRACE_CAT_IRQ 3u   /* virtual interrupts */
#define TRACE_CAT_HM 4u    /* health-monitor events */
#define TRACE_CAT_TASK 5u  /* task switch, ready, delay, block, create */
#define TRACE_CAT_SYNC 6u  /* semaphores and queues */
#define TRACE_CAT_PROBE 7u /* probe-pin changes */

/* Mask bit of a category, and the category of an event type. */
#define TRACE_CAT_BIT(cat) (1u << (cat))
#define TRACE_TYPE_CAT(type) ((unsigned)(type) >> 4)
#define TRACE_MASK_ALL 0xffu

/*
 * Build-time mask: categories whose emit calls are compiled at all. Define it
 * on the command line (e.g. -DTRACE_BUILD_MASK=0x21) to keep only some; 0
 * removes every trace call. The meta category cannot be removed.
 */
#ifndef TRACE_BUILD_MASK
#define TRACE_BUILD_MASK TRACE_MASK_ALL
#endif

/*
 * Event types. a0 is 8 bits, a1 8 bits, a2 32 bits (see trace_emit()).
 * The comment of each type gives what a0 / a1 / a2 carry.
 */
enum trace_type {
    /* meta */
    TRACE_OVERFLOW = 0x01,    /* - / - / number of records lost */
    TRACE_TASK_NAME = 0x02,   /* task id / - / - ; name in the time field */
    /* partition scheduling (kernel) */
    TRACE_PART_SWITCH = 0x10, /* to partition / from partition / - */
    TRACE_VIT_SET = 0x11,     /* partition / - / expiry - now, ns (saturated) */
    TRACE_VIT_EXPIRE = 0x12,  /* partition / - / - */
    TRACE_WARP = 0x13,        /* partition / - / - */
    TRACE_UNWARP = 0x14,      /* partition / reason (0 blocked, 1 limit) / - */
    /* service calls (kernel) */
    TRACE_SVC = 0x20,         /* partition / service number / first arg */
    /* virtual interrupts (kernel) */
    TRACE_VIRQ = 0x30,        /* partition / kind / - */
    /* health monitor (kernel) */
    TRACE_HM = 0x40,          /* partition / kind / faulting address */
    /* tasks (tick core, native or guest) */
    TRACE_TASK_SWITCH = 0x50, /* next task / next prio / prev task | state<<8 */
    TRACE_TASK_READY = 0x51,  /* task / - / - */
    TRACE_TASK_DELAY = 0x52,  /* task / - / ticks */
    TRACE_TASK_BLOCK = 0x53,  /* task / - / object */
    TRACE_TASK_CREATE = 0x54, /* task / priority / - ; then TRACE_TASK_NAME */
    /* synchronisation (tick core) */
    TRACE_SEM_GIVE = 0x60,    /* task / count after (saturated) / object */
    TRACE_SEM_TAKE = 0x61,    /* task / count after (saturated) / object */
    TRACE_QUEUE_SEND = 0x62,  /* task / length after (saturated) / object */
    TRACE_QUEUE_RECV = 0x63,  /* task / length after (saturated) / object */
    TRACE_MUTEX_LOCK = 0x64,  /* task / - / object */
    TRACE_MUTEX_UNLOCK = 0x65, /* task / - / object */
    /* probe pins */
    TRACE_PROBE = 0x70,       /* pin / level / - */
};

/* Previous-task states carried in bits 15:8 of a TRACE_TASK_SWITCH a2. */
enum trace_task_state {
    TRACE_STATE_READY = 0,     /* preempted, still ready */
    TRACE_STATE_BLOCKED = 1,   /* delayed or waiting on an object */
    TRACE_STATE_SUSPENDED = 2, /* suspended */
    TRACE_STATE_DELETED = 3,   /* exited or deleted */
};

/* Sources: the kernel (or a native tick core) and partitions 1..n. */
#define TRACE_SOURCE_KERNEL 0u
#define TRACE_SOURCE_PARTITION(index) ((uint8_t)((index) + 1u))

/* Task id meaning "no task" (e.g. the previous task at the first switch). */
#define TRACE_NO_TASK 0xffu

/* ------------------------------------------------------------------ */
/* Records and buffers                                                 */
/* ------------------------------------------------------------------ */

/*
 * One record, 16 bytes. In memory it is kept in the CPU's byte order; on the
 * wire (trace_encode()) it is always little-endian, laid out as the fields
 * below in order.
 */
struct trace_record {
    uint64_t time_ns; /* global clock at emission; for TRACE_TASK_NAME,
                         up to 8 name characters, NUL padded */
    uint8_t type;     /* enum trace_type */
    uint8_t source;   /* TRACE_SOURCE_KERNEL or a partition's source id */
    uint8_t a0;       /* first argument (subject: task, partition, pin) */
    uint8_t a1;       /* second argument (small value: prio, kind, level) */
    uint32_t a2;      /* third argument (word: object, ticks, address) */
};

#define TRACE_RECORD_BYTES 16u
_Static_assert(sizeof(struct trace_record) == TRACE_RECORD_BYTES,
               "trace records are 16 bytes");

/* Records carried by one drained frame line. */
#define TRACE_FRAME_RECORDS 4u

/* Longest frame line, terminating newline included:
 * "@TRC " + 3 + " " + 10 + " " + 4*32 hex + " " + 8 + "\n". */
#define TRACE_FRAME_MAX 160u

/*
 * A ring buffer of one source: a single producer (interrupts masked around
 * each write) and a single consumer (trace_drain()).
 *
 * Invariants: head - tail <= capacity (free-running counters, wrap-safe
 * unsigned arithmetic); slot of counter c is c & (capacity - 1); capacity
 * is a power of two; lost counts records dropped since the last overflow
 * record was queued.
 */
struct trace_buf {
    struct trace_record *slots; /* storage, capacity records */
    uint32_t capacity;          /* number of slots, a power of two (>= 2) */
    volatile uint32_t head;     /* records ever written (producer) */
    volatile uint32_t tail;     /* records ever drained (consumer) */
    uint32_t lost;              /* dropped while full, not yet reported */
    uint32_t lost_total;        /* dropped since trace_init(), for tests */
    uint32_t mask;              /* run-time category mask */
    uint32_t frame_seq;         /* sequence number of the next frame */
    uint8_t source;             /* source id stamped in every record */
    uint8_t out_task;           /* task last switched out (TRACE_NO_TASK) */
    uint8_t out_state;          /* its enum trace_task_state */
    uint64_t (*clock)(void);    /* global clock in ns, or NULL (time 0) */
    uint32_t (*irq_save)(void); /* masks interrupts, returns old state */
    void (*irq_restore)(uint32_t state); /* restores the saved state */
};

/*
 * Prepare b over storage (bytes long, 8-byte aligned). The capacity is the
 * largest power of two of records that fits; storage for fewer than two
 * records leaves the buffer disabled (every emit is counted as lost). All
 * categories start enabled; there is no clock and no interrupt masking
 * until trace_set_hooks().
 */
void trace_init(struct trace_buf *b, void *storage, size_t bytes,
                uint8_t source);

/*
 * Give the buffer its clock and its interrupt mask pair. Any pointer may be
 * NULL: no clock stamps 0, no mask pair means the caller guarantees that
 * emit and drain never interrupt each other.
 */
void trace_set_hooks(struct trace_buf *b, uint64_t (*clock)(void),
                     uint32_t (*irq_save)(void),
                     void (*irq_restore)(uint32_t state));

/* Run-time category mask (TRACE_CAT_BIT() values ored). The meta category
 * is always on. */
void trace_set_mask(struct trace_buf *b, uint32_t mask);

/*
 * Append one record unconditionally of the masks. When the buffer is full
 * the record is dropped and counted; the count is queued as a
 * TRACE_OVERFLOW record as soon as two slots are free again. Safe from any
 * context of the owner when the hooks mask interrupts.
 */
void trace_write(struct trace_buf *b, unsigned type, unsigned a0,
                 unsigned a1, uint32_t a2);

/*
 * Append one record of the given type if its category is enabled both at
 * build time and at run time. a0 and a1 are truncated to 8 bits, so callers
 * saturate counts before passing them (trace_sat8()).
 */
static inline void trace_emit(struct trace_buf *b, unsigned type, unsigned a0,
                              unsigned a1, uint32_t a2)
{
    unsigned bit = TRACE_CAT_BIT(TRACE_TYPE_CAT(type));
    if (((TRACE_BUILD_MASK | 1u) & bit) != 0u && (b->mask & bit) != 0u) {
        trace_write(b, type, a0, a1, a2);
    }
}

/* Saturate a count to the 8 bits of a0/a1. */
static inline unsigned trace_sat8(uint32_t v)
{
    return v > 0xffu ? 0xffu : (unsigned)v;
}

/*
 * A task-create record followed by its name record (the first 8 characters
 * of name, NUL padded; name may be NULL). Category TASK.
 */
void trace_task_create(struct trace_buf *b, unsigned task, unsigned prio,
                       const char *name);

/*
 * The tick core reports a switch as two hooks (out, then in); these fold
 * them into one TRACE_TASK_SWITCH record. switched_out only remembers the
 * task and its state; switched_in emits the record. Category TASK.
 */
void trace_task_switched_out(struct trace_buf *b, unsigned task,
                             unsigned state);
void trace_task_switched_in(struct trace_buf *b, unsigned task,
                            unsigned prio);

/* A VIT-set record: the expiry is stored relative to the record's time. */
void trace_vit_set(struct trace_buf *b, unsigned partition,
                   uint64_t expiry_ns);

/* Number of records waiting to be drained. */
uint32_t trace_pending(const struct trace_buf *b);

/* Encode a record as 16 little-endian bytes (the wire layout). */
void trace_encode(const struct trace_record *r, uint8_t out[16]);

/* CRC-32 (IEEE 802.3, as zlib's crc32) of n bytes, continuing from crc
 * (start with 0). */
uint32_t trace_crc32(uint32_t crc, const void *data, size_t n);

/*
 * Drain up to max_records records as frame lines, each written with a single
 * write(line, len) call ending in "\n". A pending overflow count is queued
 * and drained too, so loss is never silent. Returns the number of records
 * drained (overflow records included). Called by the owner when idle or at
 * the end of a test; it must not run concurrently with itself.
 */
size_t trace_drain(struct trace_buf *b,
                   void (*write)(const char *s, size_t len),
                   size_t max_records);

#endif /* TRACE_H */
