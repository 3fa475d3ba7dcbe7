/*
 * fuzz - the on-target service-call fuzzer partition (tests/target/pk-fuzz,
 * make fuzz-target), run with on_fault = "log" so that a refused call
 * returns its error and the stream goes on.
 *
 * A reproducible stream (xorshift64*, seed FUZZ_SEED, printed at start) of
 * FUZZ_CALLS service calls, made from both virtual modes: from the guest
 * kernel (main() before os_start(), then os_hook_idle(), which the idle
 * task runs in guest-kernel mode whenever the fuzzing task sleeps) and from
 * the task. Each call is drawn to favour boundaries: call numbers
 * 0..PK_SVC_COUNT-1 and PK_SVC_COUNT, 255, 0x80000000, 0xffffffff; pointers
 * exactly at the end of each own range, one byte past, one byte before the
 * start, wrapping lengths, the kernel's memory (vectors, its 16 MiB, the
 * high vector page), the other partitions' ranges, device windows and
 * their kernel alias, unaligned pointers, huge lengths; PK_TIME_NEVER and
 * past, near and far times. Each call is issued from a drawn CPU state
 * (fuzz_cpu.S): flags set, after "msr cpsr_c" attempts, on an odd sp, as
 * "svc #1" (the kernel names a call by r7 alone). Calls in Thumb state are
 * bad_context faults, which stop a "log" partition: fuzzjump makes them,
 * one per start (FUZZ_THUMB=1 mixes them into this stream).
 *
 * Every call's result is predicted (an oracle of docs/abi.md) and
 * compared; so are the preserved registers, the flags and USR mode. At the
 * end the partition checks that the kernel recorded exactly one
 * health-monitor record per refused call, that the victim partition
 * reported no deadline miss and that the jumping partition (fuzzjump) made
 * all its attempts, prints the coverage per call number and the
 * throughput, and ends the run (PK_SVC_TEST_EXIT).
 *
 * Constrained calls (they would end the stream, not the kernel's checks):
 *   - TEST_EXIT (13) ends the run whatever its status: issued once, at the
 *     end, with the verdict.
 *   - UPCALL_RETURN (6) from the guest kernel resumes vcpu.ctx: issued with
 *     a context that resumes right after the call (fuzz_upcall_roundtrip);
 *     forged contexts are fuzzjump's, one per start (they stop a "log"
 *     partition). Not from main(): it unmasks virtual interrupts, and
 *     main() runs on the upcall stack. From a task it is refused (EPERM)
 *     and fuzzed freely.
 *   - GATE_RETURN (11) from the guest kernel leaves it for good:
 *     fuzzjump's; from a task refused and fuzzed freely.
 *   - BLOCK (2) without a wake-up within 2 ms is preceded by a TIMER_SET
 *     2 ms ahead, so the partition wakes again.
 *   - PART_STATUS (8) writes 32 bytes where it is told: valid pointers are
 *     drawn from the own memory that holds no code (a buffer, the ends of
 *     the ranges); the starts of the ranges are attacked by the reading
 *     calls and by invalid PART_STATUS pointers.
 *   - GATE_SETUP (10) is refused once the pv port has set the gates up
 *     (EBUSY), whatever its arguments: fuzzed freely.
 * A CONSOLE_WRITE of a huge valid length is drawn at most FUZZ_HUGE_WRITES
 * times per run (the kernel takes its first PK_CONSOLE_WRITE_MAX bytes).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz_map.h"
#include "os.h"
#include "pv_svc.h"

#ifndef FUZZ_SEED
#define FUZZ_SEED 0x5eed0001u
#endif
#ifndef FUZZ_CALLS
#define FUZZ_CALLS 30000u       /* the whole stream, both modes */
#endif
#ifndef FUZZ_REPORT_EVERY
#define FUZZ_REPORT_EVERY 10000u
#endif
#ifndef FUZZ_HUGE_WRITES
#define FUZZ_HUGE_WRITES 1u
#endif
#ifndef FUZZ_THUMB
#define FUZZ_THUMB 0            /* Thumb-state calls in the stream */
#endif
#ifndef FUZZ_HUGE_LEN
#define FUZZ_HUGE_LEN 0x10000u  /* bytes of a huge valid CONSOLE_WRITE */
#endif
#ifndef FUZZ_PROBES
#define FUZZ_PROBES 1           /* kernel built with probe pins */
#endif
#ifndef FUZZ_JUMP_ATTEMPTS
#define FUZZ_JUMP_ATTEMPTS 27u  /* apps/fuzzjump */
#endif
#define MAIN_CALLS (FUZZ_CALLS / 16u) /* from main(), before os_start */
#define TASK_CHUNK 64u          /* task calls between two sleeps */
#define IDLE_CHUNK 48u          /* guest-kernel calls per idle visit */
#define HOSTILE_ONE_IN 12u      /* share of calls drawn to be refused */
#define NR_BUCKETS (PK_SVC_COUNT + 1u) /* the last: numbers out of range */
#define WAIT_NS 10000000000ull  /* the jumper must be done by then */
#define MIN_RUN_NS 1100000000ull /* the victim reports every 250 ms */

/* State bits of a call (fuzz_cpu.S: ST_*). */
#define ST_MSR_SVC 0x1u
#define ST_MSR_SYS 0x2u
#define ST_ODD_SP 0x4u
#define ST_SVC1 0x8u
#define ST_SP_SHIFT 4u
#define ST_FLAGS_MASK 0xF0000000u

/* What fuzz_cpu.S takes and gives back for one call. */
struct fuzz_cpu {
    uint32_t nr;     /* r7 */
    uint32_t state;  /* ST_* */
    uint32_t target; /* Thumb code to reach with blx, or 0: ARM svc */
    uint32_t r1;     /* out: r1 after the call */
    uint32_t cpsr;   /* out: CPSR after the call */
    uint32_t bad;    /* out: registers not preserved (bit mask) */
};
uint32_t fuzz_svc(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                  struct fuzz_cpu *c);
void fuzz_upcall_roundtrip(struct pk_regs *ctx);
void fuzz_thumb_svc_w(void);
void fuzz_thumb_svc_h(void);

extern struct pk_vcpu pv_vcpu;

/* Per-call-number coverage. */
struct fuzz_cov {
    uint32_t calls[2];  /* by mode: [0] guest kernel, [1] task */
    uint32_t accepted;  /* result >= 0 */
    uint32_t refused;   /* result < 0 */
};

/* One stream context: the task and the guest kernel each have their own,
 * so neither shares state with the other when one preempts the other. */
struct fuzz_ctx {
    uint64_t rng;              /* xorshift64* state */
    uint32_t mode;             /* PK_VMODE_* of its calls */
    uint32_t calls;            /* calls made */
    uint32_t expected_hm;      /* calls the kernel must have recorded */
    uint32_t mismatches;       /* results unlike the oracle's */
    uint32_t state_errors;     /* registers, flags or mode not preserved */
    uint32_t thumb_calls;      /* calls issued in Thumb state */
    uint32_t huge_writes;      /* huge valid CONSOLE_WRITEs drawn */
    uint64_t last_time;        /* last TIME_GET result (monotonic) */
    struct fuzz_cov cov[NR_BUCKETS];
};

static struct fuzz_ctx gk_ctx, task_ctx;
/* Shared between the task and the idle hook (both read user memory). */
static volatile bool idle_due;     /* the task asks for a guest-kernel chunk */
static volatile bool idle_busy;    /* a chunk is in progress */
static volatile bool stream_done;  /* no more guest-kernel chunks */
/* main() runs on the upcall stack: an upcall would overwrite its frames. */
static bool in_main = true;
/* Calls made by both contexts (each counts its own). */
#define total_calls (gk_ctx.calls + task_ctx.calls)
/* A writable buffer for PART_STATUS (8-byte aligned, user range). */
static _Alignas(8) uint8_t scratch[64];
/* The first mismatch, for the report. */
static struct {
    bool seen;
    uint32_t index, nr, a0, a1, a2, state, target;
    int32_t want, got;
} first_bad;

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[2048];

static uint64_t rnd64(struct fuzz_ctx *c)
{
    uint64_t x = c->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    c->rng = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static uint32_t rnd(struct fuzz_ctx *c, uint32_t n)
{
    return n == 0u ? 0u : (uint32_t)(rnd64(c) >> 32) % n;
}

/* [addr, addr + len) inside [base, base + size) without overflow. */
static bool inside(uint32_t addr, uint32_t len, uint32_t base, uint32_t size)
{
    uint32_t off = addr - base;
    return off < size && len <= size - off;
}

/* The kernel's rule for a pointer (pk_part_range_ok). */
static bool own_ok(uint32_t mode, uint32_t addr, uint32_t len)
{
    if (len == 0u)
        len = 1u;
    return inside(addr, len, OWN_USER, RANGE_SIZE) ||
           (mode == PK_VMODE_GUEST_KERNEL &&
            inside(addr, len, OWN_GK, RANGE_SIZE));
}

/* A pointer that is not the caller's own memory, or wraps. */
static uint32_t hostile_ptr(struct fuzz_ctx *c, uint32_t len)
{
    static const uint32_t fixed[] = {
        KERNEL_BASE, KERNEL_BASE + 0x4u, KERNEL_BASE + 0x8u,
        KERNEL_BASE + 0x1cu, KERNEL_BASE + 0x100u, KERNEL_BASE + 0x4000u,
        KERNEL_BASE + 0x8000u, KERNEL_END - 4u,
        KERNEL_END - 1u, HIGH_VECTORS, HIGH_VECTORS + 0x1cu, VICTIM_GK,
        VICTIM_GK + RANGE_SIZE - 1u, VICTIM_USER, VICTIM_USER + 0x100u,
        VICTIM_USER + RANGE_SIZE - 4u, JUMPER_GK, JUMPER_USER,
        JUMPER_USER + RANGE_SIZE - 1u, OWN_GK - 1u, OWN_USER + RANGE_SIZE,
        OWN_GK + RANGE_SIZE + RANGE_SIZE, UART0_PA, VIC_PA, UART0_KVA,
        VIC_KVA, UNMAPPED, 0x80000000u, 0xfffffff0u, 0xffffffffu,
        0x7fffffffu};
    switch (rnd(c, 6)) {
    case 0: /* random kernel word */
        return (KERNEL_BASE + rnd(c, KERNEL_SIZE)) & ~3u;
    case 1: /* one byte past the end of an own range */
        return (rnd(c, 2) ? OWN_USER : OWN_GK) + RANGE_SIZE - len + 1u;
    case 2: /* own guest kernel, from a task a fault; else a random place */
        return c->mode == PK_VMODE_TASK
                   ? OWN_GK + rnd(c, RANGE_SIZE)
                   : (uint32_t)rnd64(c);
    default:
        return fixed[rnd(c, sizeof fixed / sizeof fixed[0])];
    }
}

/* A length to go with a readable pointer: small, at the range's end,
 * past it, wrapping, huge. */
static uint32_t draw_len(struct fuzz_ctx *c)
{
    static const uint32_t lens[] = {0,  1,  2,  3,   4,   7,   8,   15,
                                    16, 31, 32, 33,  63,  64,  119, 120,
                                    121, 127, 128, 200};
    return lens[rnd(c, sizeof lens / sizeof lens[0])];
}

/* A valid readable range of the caller: base at a boundary of one of its
 * ranges, or inside. */
static void valid_read(struct fuzz_ctx *c, uint32_t *ptr, uint32_t *len)
{
    uint32_t base = (c->mode == PK_VMODE_GUEST_KERNEL && rnd(c, 2))
                        ? OWN_GK
                        : OWN_USER;
    uint32_t l = draw_len(c);
    switch (rnd(c, 4)) {
    case 0: /* exactly at the start */
        *ptr = base;
        break;
    case 1: /* exactly at the end */
        *ptr = base + RANGE_SIZE - (l == 0u ? 1u : l);
        break;
    case 2: /* one before the end, odd */
        *ptr = base + RANGE_SIZE - (l == 0u ? 1u : l) - 1u;
        break;
    default:
        *ptr = base + rnd(c, RANGE_SIZE - 256u);
        break;
    }
    *len = l;
}

/* A valid 8-byte aligned 32-byte buffer of the caller that holds no code
 * (see the constraints above). */
static uint32_t valid_status_buf(struct fuzz_ctx *c)
{
    switch (rnd(c, 3)) {
    case 0:
        return OWN_USER + RANGE_SIZE - 32u; /* heap end: unused */
    case 1:
        if (c->mode == PK_VMODE_GUEST_KERNEL)
            return OWN_GK + RANGE_SIZE - 32u; /* vCPU page tail: unused */
        return (uint32_t)(uintptr_t)scratch;
    default:
        return (uint32_t)(uintptr_t)scratch + 8u * rnd(c, 5);
    }
}

/* A time argument: NEVER, past, now, near, far, wrapped. */
static uint64_t draw_time(struct fuzz_ctx *c, uint64_t now)
{
    switch (rnd(c, 10)) {
    case 0:
        return PK_TIME_NEVER;
    case 1:
        return PK_TIME_NEVER - 1u;
    case 2:
        return 0u;
    case 3:
        return now > 1000000u ? now - 1000000u : 1u; /* 1 ms ago */
    case 4:
        return now;
    case 5:
        return now + 1u + rnd(c, 2000000u); /* within 2 ms */
    case 6:
        return now + 1000000000ull; /* 1 s */
    case 7:
        return 0x8000000000000000ull;
    case 8:
        return (uint64_t)0xffffffffu;
    default:
        return rnd64(c);
    }
}

/* A call the stream makes, with its arguments and CPU state. */
struct call {
    uint32_t nr;      /* call number (r7) */
    uint32_t a[4];    /* r0-r3 */
    uint32_t state;   /* ST_* */
    uint32_t target;  /* Thumb stub, or 0 */
    bool hostile;     /* drawn to be refused */
};

static const uint32_t task_nrs[] = {
    PK_SVC_CONSOLE_WRITE, PK_SVC_YIELD, PK_SVC_TIME_GET, PK_SVC_PART_STATUS,
    PK_SVC_TIME_GET, PK_SVC_PART_STATUS, PK_SVC_CONSOLE_WRITE,
    PK_SVC_DEV_WRITE, PK_SVC_PORT_OPEN, PK_SVC_SCHEDULE_ID};
static const uint32_t gk_nrs[] = {
    PK_SVC_CONSOLE_WRITE, PK_SVC_YIELD, PK_SVC_BLOCK, PK_SVC_TIMER_SET,
    PK_SVC_TIME_GET, PK_SVC_VIT_REQUEST, PK_SVC_UPCALL_RETURN,
    PK_SVC_EVENT_RAISE, PK_SVC_PART_STATUS, PK_SVC_GATE_SETUP,
    PK_SVC_IRQ_DONE, PK_SVC_PROBE, PK_SVC_PART_STATUS, PK_SVC_CONSOLE_WRITE,
    PK_SVC_DEV_WRITE, PK_SVC_PORT_OPEN, PK_SVC_SCHEDULE_ID};
static const uint32_t bad_nrs[] = {PK_SVC_COUNT, 255u, 0x80000000u,
                                   0xffffffffu, 16u, 0x100u};

static void draw(struct fuzz_ctx *c, struct call *k, uint64_t now)
{
    bool task = c->mode == PK_VMODE_TASK;
    k->hostile = rnd(c, HOSTILE_ONE_IN) == 0u;
    for (unsigned i = 0; i < 4u; i++)
        k->a[i] = (uint32_t)rnd64(c);
    if (k->hostile) {
        uint32_t r = rnd(c, 4);
        if (r == 0u)
            k->nr = bad_nrs[rnd(c, sizeof bad_nrs / sizeof bad_nrs[0])];
        else if (r == 1u && task)
            k->nr = rnd(c, PK_SVC_COUNT); /* GK-only ones: EPERM */
        else if (r == 2u)
            k->nr = PK_SVC_REPORT_ERROR;
        else
            k->nr = rnd(c, 2) ? PK_SVC_CONSOLE_WRITE : PK_SVC_PART_STATUS;
    } else {
        k->nr = task ? task_nrs[rnd(c, sizeof task_nrs / sizeof task_nrs[0])]
                     : gk_nrs[rnd(c, sizeof gk_nrs / sizeof gk_nrs[0])];
    }
    if (k->nr == PK_SVC_TEST_EXIT)
        k->nr = PK_SVC_TIME_GET; /* constrained: see the top */
    if (k->nr == PK_SVC_SET_MODE && (k->a[0] == 1u || k->a[0] == 0xFFFFFFFFu))
        k->a[0] = 3u; /* constrained: its own mode would end the stream */
    if (!task && k->nr == PK_SVC_GATE_RETURN)
        k->nr = PK_SVC_YIELD;   /* constrained: see the top */
    if (!task && k->nr == PK_SVC_UPCALL_RETURN && in_main)
        k->nr = PK_SVC_YIELD;   /* constrained: see the top */
    switch (k->nr) {
    case PK_SVC_CONSOLE_WRITE:
        if (k->hostile) {
            uint32_t r = rnd(c, 4);
            if (r == 0u) { /* own pointer, length wrapping to 0 or past */
                valid_read(c, &k->a[0], &k->a[1]);
                k->a[1] = 0u - k->a[0] + rnd(c, 3);
            } else if (r == 1u) {
                valid_read(c, &k->a[0], &k->a[1]);
                k->a[1] = rnd(c, 2) ? 0xffffffffu : 0x80000000u;
            } else {
                k->a[1] = draw_len(c);
                k->a[0] = hostile_ptr(c, k->a[1] == 0u ? 1u : k->a[1]);
            }
        } else if (c->huge_writes < FUZZ_HUGE_WRITES && rnd(c, 4096) == 0u) {
            /* A huge valid length: the end of the user range. */
            c->huge_writes++;
            k->a[1] = FUZZ_HUGE_LEN;
            k->a[0] = OWN_USER + RANGE_SIZE - FUZZ_HUGE_LEN;
        } else {
            valid_read(c, &k->a[0], &k->a[1]);
        }
        break;
    case PK_SVC_PART_STATUS: {
        static const uint32_t idx[] = {0xffffffffu, 0, 1, 2, 3, 7,
                                       0x80000000u, 0xfffffffeu, 2, 0};
        k->a[0] = idx[rnd(c, sizeof idx / sizeof idx[0])];
        if (k->hostile)
            k->a[1] = rnd(c, 3) == 0u ? valid_status_buf(c) + 1u + rnd(c, 7)
                                      : hostile_ptr(c, 32u);
        else
            k->a[1] = valid_status_buf(c);
        break;
    }
    case PK_SVC_PORT_OPEN:
    case PK_SVC_SCHEDULE_ID: {
        /* A name: lengths at and around the limit, the pointer in the
         * own ranges (at the start, exactly at the end, one before) or
         * hostile; PORT_OPEN's info buffer aligned, misaligned or
         * hostile. */
        static const uint32_t len[] = {0u, 1u, 8u, PK_PORT_NAME_MAX,
                                       PK_PORT_NAME_MAX + 1u, 0xffffffffu};
        uint32_t ptr, l;
        valid_read(c, &ptr, &l);
        l = len[rnd(c, sizeof len / sizeof len[0])];
        k->a[1] = l;
        k->a[0] = k->hostile ? hostile_ptr(c, l == 0u ? 1u : l) : ptr;
        if (k->nr == PK_SVC_PORT_OPEN)
            k->a[2] = k->hostile ? (rnd(c, 2) ? valid_status_buf(c) + 4u
                                              : hostile_ptr(c, 40u))
                                 : valid_status_buf(c);
        break;
    }
    case PK_SVC_BLOCK:
    case PK_SVC_TIMER_SET:
    case PK_SVC_VIT_REQUEST: {
        uint64_t t = draw_time(c, now);
        k->a[0] = (uint32_t)t;
        k->a[1] = (uint32_t)(t >> 32);
        static const uint32_t ticks[] = {0, 1, 2, 3, 0xffffffffu, 100};
        k->a[2] = ticks[rnd(c, sizeof ticks / sizeof ticks[0])];
        break;
    }
    case PK_SVC_EVENT_RAISE: {
        static const uint32_t ev[] = {0, PK_EV_SWITCH, 0, PK_EV_SWITCH,
                                      PK_EV_TICK, PK_EV_ALL, 0xffffffffu,
                                      0x20u};
        k->a[0] = ev[rnd(c, sizeof ev / sizeof ev[0])];
        break;
    }
    case PK_SVC_REPORT_ERROR:
        k->a[0] = rnd(c, 6);
        break;
    case PK_SVC_IRQ_DONE:
        k->a[0] = rnd(c, 2) ? rnd(c, 32) : k->a[0];
        break;
    case PK_SVC_PROBE:
        k->a[0] = rnd(c, 3) ? rnd(c, PROBE_PINS) : k->a[0];
        break;
    case PK_SVC_DEV_WRITE: {
        /* The fuzzer has no devices: every index is bad, the first ones
         * and the extremes most often; offsets aligned, odd, huge. */
        static const uint32_t dev[] = {0, 1, 2, 3, 0xffffffffu, 0x80000000u};
        static const uint32_t off[] = {0, 4, 1, 0x1000u, 0xffcu,
                                       0xfffffffcu};
        k->a[0] = rnd(c, 4) ? dev[rnd(c, sizeof dev / sizeof dev[0])]
                            : k->a[0];
        k->a[1] = off[rnd(c, sizeof off / sizeof off[0])];
        break;
    }
    default:
        break;
    }
    /* The CPU state: flags always random, the rest now and then. */
    k->state = (uint32_t)rnd64(c) & ST_FLAGS_MASK;
    uint32_t s = rnd(c, 16);
    if (s == 0u)
        k->state |= ST_MSR_SVC;
    else if (s == 1u)
        k->state |= ST_MSR_SYS;
    else if (s == 2u)
        k->state |= ST_ODD_SP | (rnd(c, 3) << ST_SP_SHIFT);
    else if (s == 3u)
        k->state |= ST_SVC1; /* any immediate: the call is named by r7 */
    k->target = 0u;
#if FUZZ_THUMB
    /* Thumb-state calls: a bad_context fault, which stops a "log"
     * partition; fuzzjump makes them one per start. FUZZ_THUMB=1 puts them
     * back into the stream (the run then ends at the first one). */
    uint32_t t = rnd(c, 64);
    if (t == 0u)
        k->target = (uint32_t)(uintptr_t)fuzz_thumb_svc_w | 1u;
    else if (t == 1u)
        k->target = (uint32_t)(uintptr_t)fuzz_thumb_svc_h | 1u;
    if (k->target != 0u)
        k->state &= ~ST_SVC1;
#endif
}

/* The oracle: the result the ABI promises, and whether the kernel records
 * the call in the health monitor. Sets *any for results not predicted. */
static int32_t expect(const struct fuzz_ctx *c, const struct call *k,
                      bool *hm, bool *any, bool *short_ok)
{
    bool task = c->mode == PK_VMODE_TASK;
    uint32_t nr = k->nr;
    *hm = false;
    *any = false;
    *short_ok = false;
    if (nr >= PK_SVC_COUNT) {
        *hm = true;
        return PK_ENOSYS;
    }
    bool allowed = nr == PK_SVC_CONSOLE_WRITE || nr == PK_SVC_YIELD ||
                   nr == PK_SVC_TIME_GET || nr == PK_SVC_PART_STATUS ||
                   nr == PK_SVC_REPORT_ERROR || nr == PK_SVC_TEST_EXIT ||
                   nr == PK_SVC_DEV_WRITE ||
                   (nr >= PK_SVC_PORT_OPEN && nr <= PK_SVC_QUEUING_CLEAR) ||
                   nr == PK_SVC_SET_MODE || nr == PK_SVC_MODE_STATUS ||
                   nr == PK_SVC_HM_LOG_READ || nr == PK_SVC_SCHEDULE_SET ||
                   nr == PK_SVC_SCHEDULE_STATUS || nr == PK_SVC_SCHEDULE_ID;
    if (task && !allowed) {
        *hm = true;
        return PK_EPERM;
    }
    switch (nr) {
    case PK_SVC_CONSOLE_WRITE:
        if (!own_ok(c->mode, k->a[0], k->a[1])) {
            *hm = true;
            return PK_EFAULT;
        }
        /* A short write: at most PK_CONSOLE_WRITE_MAX bytes, fewer (down
         * to none) when the partition's console quota fills up after a
         * flushed line; the fuzzer cannot see the ring, so any count up
         * to the prediction is accepted. */
        *short_ok = true;
        return k->a[1] > PK_CONSOLE_WRITE_MAX ? PK_CONSOLE_WRITE_MAX
                                               : (int32_t)k->a[1];
    case PK_SVC_TIME_GET:
        *any = true;
        return 0;
    case PK_SVC_EVENT_RAISE:
        return (k->a[0] & ~PK_EV_SWITCH) != 0u ? PK_EINVAL : PK_OK;
    case PK_SVC_PART_STATUS: {
        int32_t w = (int32_t)k->a[0];
        if (w == PK_SELF)
            w = 1;
        if (w < 0 || w >= N_PARTITIONS)
            return PK_EINVAL;
        if ((STATUS_OF >> (uint32_t)w & 1u) == 0u) {
            *hm = true; /* bad_svc: not in the configuration's status_of */
            return PK_EPERM;
        }
        if (!own_ok(c->mode, k->a[1], 32u) || (k->a[1] & 7u) != 0u) {
            *hm = true;
            return PK_EFAULT;
        }
        return PK_OK;
    }
    case PK_SVC_REPORT_ERROR:
        *hm = true;
        return PK_OK;
    case PK_SVC_GATE_SETUP:
        return PK_EBUSY;
    case PK_SVC_IRQ_DONE:
        return PK_EINVAL;
    case PK_SVC_PROBE:
#if FUZZ_PROBES
        /* The kernel's pins and pins the board lacks are bad arguments;
         * the fuzzer owns none of the others (no probe_pins): refused and
         * recorded. */
        if (k->a[0] < PROBE_PART_PINS || k->a[0] >= PROBE_PINS)
            return PK_EINVAL;
        *hm = true;
        return PK_EPERM;
#else
        return PK_ENOSYS; /* a kernel built without probe pins */
#endif
    case PK_SVC_DEV_WRITE:
        return PK_EINVAL; /* no devices: a bad index, no HM record */
    case PK_SVC_PORT_OPEN:
        /* The system has no ports: a good call finds no name. */
        if (k->a[1] == 0u || k->a[1] > PK_PORT_NAME_MAX)
            return PK_EINVAL;
        if (!own_ok(c->mode, k->a[0], k->a[1]) || (k->a[2] & 7u) != 0u ||
            !own_ok(c->mode, k->a[2], sizeof(struct pk_port_info))) {
            *hm = true;
            return PK_EFAULT;
        }
        return PK_ENOENT;
    case PK_SVC_SAMPLING_WRITE:
    case PK_SVC_SAMPLING_READ:
    case PK_SVC_QUEUING_SEND:
    case PK_SVC_QUEUING_RECEIVE:
        if ((k->a[3] & ~(PK_PORT_AS_TASK | PK_PORT_MARK_OVERFLOW)) != 0u)
            return PK_EINVAL; /* unknown flags */
        *hm = true;           /* no port has that index */
        return PK_EINVAL;
    case PK_SVC_PORT_STATUS:
    case PK_SVC_QUEUING_CLEAR:
        *hm = true;
        return PK_EINVAL;
    case PK_SVC_SET_MODE:
        /* No mode_of: another partition's mode is refused; its own is
         * never drawn (constrained). */
        if (k->a[0] >= N_PARTITIONS)
            return PK_EINVAL;
        *hm = true;
        return PK_EPERM;
    case PK_SVC_MODE_STATUS: {
        int32_t w = (int32_t)k->a[0];
        if (w == PK_SELF)
            w = 1;
        if (w < 0 || w >= N_PARTITIONS)
            return PK_EINVAL;
        *hm = true;
        if ((STATUS_OF >> (uint32_t)w & 1u) == 0u)
            return PK_EPERM;
        if (!own_ok(c->mode, k->a[1], 32u) || (k->a[1] & 3u) != 0u)
            return PK_EFAULT;
        *hm = false;
        return PK_OK;
    }
    case PK_SVC_HM_LOG_READ:
    case PK_SVC_SCHEDULE_SET:
        *hm = true; /* no hm_log, no schedule_control */
        return PK_EPERM;
    case PK_SVC_SCHEDULE_STATUS:
        if (!own_ok(c->mode, k->a[0], 16u) || (k->a[0] & 7u) != 0u) {
            *hm = true;
            return PK_EFAULT;
        }
        return PK_OK;
    case PK_SVC_SCHEDULE_ID:
        /* A name is checked before the policy: this system is BVT, so a
         * good name is INVALID_PARAM (no schedules to name). */
        if (k->a[1] == 0u || k->a[1] > PK_PORT_NAME_MAX)
            return PK_EINVAL;
        if (!own_ok(c->mode, k->a[0], k->a[1])) {
            *hm = true;
            return PK_EFAULT;
        }
        return PK_EINVAL;
    case PK_SVC_YIELD:
    case PK_SVC_BLOCK:
    case PK_SVC_TIMER_SET:
    case PK_SVC_VIT_REQUEST:
    case PK_SVC_UPCALL_RETURN:
    case PK_SVC_GATE_RETURN:
    case PK_SVC_TEST_EXIT:
        return PK_OK;
    default:
        *hm = true; /* a number below PK_SVC_COUNT that names no call */
        return PK_ENOSYS;
    }
}

static void issue(struct fuzz_ctx *c, struct call *k)
{
    bool hm, any, short_ok;
    int32_t want = expect(c, k, &hm, &any, &short_ok);
    uint32_t bucket = k->nr < PK_SVC_COUNT ? k->nr : PK_SVC_COUNT;
    int32_t got;
    uint32_t bad = 0u;
    if (k->nr == PK_SVC_UPCALL_RETURN && c->mode == PK_VMODE_GUEST_KERNEL) {
        pv_vcpu.ctx_vmode = PK_VMODE_GUEST_KERNEL;
        fuzz_upcall_roundtrip(&pv_vcpu.ctx);
        got = PK_OK;
    } else {
        if (k->nr == PK_SVC_BLOCK && c->mode == PK_VMODE_GUEST_KERNEL) {
            /* Constrained: a wake-up within 2 ms (see the top). */
            uint64_t now = pv_time_ns();
            uint64_t d = (uint64_t)k->a[0] | ((uint64_t)k->a[1] << 32);
            if (d > now + 2000000u && (k->a[2] == 0u || k->a[2] > 2u))
                (void)pv_svc(PK_SVC_TIMER_SET, (uint32_t)(now + 2000000u),
                             (uint32_t)((now + 2000000u) >> 32), 0u);
        }
        struct fuzz_cpu cpu = {k->nr, k->state, k->target, 0u, 0u, 0u};
        got = (int32_t)fuzz_svc(k->a[0], k->a[1], k->a[2], k->a[3], &cpu);
        bad = cpu.bad;
        bool r1_kept = cpu.r1 == k->a[1];
        if (k->nr == PK_SVC_TIME_GET) {
            uint64_t t = (uint32_t)got | ((uint64_t)cpu.r1 << 32);
            if (t < c->last_time)
                bad |= 0x10u;
            c->last_time = t;
        } else if (!r1_kept) {
            bad |= 0x20u;
        }
        if ((cpu.cpsr & 0x1fu) != 0x10u)
            bad |= 0x40u;
        if ((cpu.cpsr & ST_FLAGS_MASK) != (k->state & ST_FLAGS_MASK))
            bad |= 0x80u;
        if (k->target != 0u)
            c->thumb_calls++;
    }
    bool ok = any || got == want || (short_ok && got >= 0 && got < want);
    if (!ok || bad != 0u) {
        if (!ok)
            c->mismatches++;
        if (bad != 0u)
            c->state_errors++;
        if (!first_bad.seen) {
            first_bad.seen = true;
            first_bad.index = total_calls;
            first_bad.nr = k->nr;
            first_bad.a0 = k->a[0];
            first_bad.a1 = k->a[1];
            first_bad.a2 = k->a[2];
            first_bad.state = k->state | (bad << 8);
            first_bad.target = k->target;
            first_bad.want = want;
            first_bad.got = got;
        }
    }
    if (hm)
        c->expected_hm++;
    struct fuzz_cov *v = &c->cov[bucket];
    v->calls[c->mode == PK_VMODE_TASK ? 1 : 0]++;
    if (got < 0 && k->nr != PK_SVC_TIME_GET)
        v->refused++;
    else
        v->accepted++;
    c->calls++;
}

static void run_calls(struct fuzz_ctx *c, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        struct call k;
        draw(c, &k, pv_time_ns());
        issue(c, &k);
    }
}

/* Guest-kernel half: the idle task runs this in guest-kernel mode. */
void os_hook_idle(void)
{
    if (!idle_due || stream_done)
        return;
    idle_busy = true;
    run_calls(&gk_ctx, IDLE_CHUNK);
    idle_due = false;
    idle_busy = false;
}

static const char *const nr_names[] = {
    "console_write", "yield", "block", "timer_set", "time_get",
    "vit_request", "upcall_return", "event_raise", "part_status",
    "report_error", "gate_setup", "gate_return", "irq_done", "test_exit",
    "probe", "dev_write", "port_open", "sampling_write", "sampling_read",
    "queuing_send", "queuing_receive", "port_status", "queuing_clear",
    [PK_SVC_SET_MODE] = "set_mode", "mode_status", "hm_log_read",
    "schedule_set", "schedule_status", "schedule_id",
    [PK_SVC_COUNT] = "out_of_range"};
/* A missing name would be a NULL "%s" in the coverage table: numbers that
 * name no call print as "unassigned". */
_Static_assert(sizeof nr_names / sizeof nr_names[0] == NR_BUCKETS,
               "one name per coverage bucket");

static void finish(bool pass, const char *why)
{
    /* "R" apart: the fuzzer's own memory, printed by its CONSOLE_WRITEs,
     * must never hold a verdict line. */
    if (pass)
        printf("%cESULT pk-fuzz PASS\n", 'R');
    else
        printf("%cESULT pk-fuzz FAIL %s\n", 'R', why);
    pv_test_exit(pass ? 0 : 1);
}

static void judge(void *arg)
{
    (void)arg;
    uint64_t t0 = pv_time_ns();
    uint32_t next_report = FUZZ_REPORT_EVERY;
    while (total_calls < FUZZ_CALLS) {
        uint32_t n = TASK_CHUNK;
        if (n > FUZZ_CALLS - total_calls)
            n = FUZZ_CALLS - total_calls;
        run_calls(&task_ctx, n);
        /* Sleep one tick: the idle task runs a guest-kernel chunk. */
        idle_due = true;
        os_delay(1u);
        if (total_calls >= next_report) {
            /* The stream's writes of raw memory end without a newline:
             * start a line of its own. */
            printf("\nFUZZ progress calls=%lu gk=%lu task=%lu mismatches=%lu "
                   "state_errors=%lu time_ms=%lu\n",
                   (unsigned long)total_calls, (unsigned long)gk_ctx.calls,
                   (unsigned long)task_ctx.calls,
                   (unsigned long)(gk_ctx.mismatches + task_ctx.mismatches),
                   (unsigned long)(gk_ctx.state_errors +
                                   task_ctx.state_errors),
                   (unsigned long)((pv_time_ns() - t0) / 1000000u));
            next_report += FUZZ_REPORT_EVERY;
        }
    }
    stream_done = true;
    /* Let a guest-kernel chunk in progress finish, but never wait for
     * one for ever (the counts below then lag by that chunk). */
    for (uint32_t w = 0; idle_busy && w < 100u; w++)
        os_delay(1u);
    uint64_t t1 = pv_time_ns();

    /* Coverage and throughput, on a line of their own (see above). */
    printf("\n");
    for (uint32_t b = 0; b < NR_BUCKETS; b++) {
        const struct fuzz_cov *g = &gk_ctx.cov[b], *t = &task_ctx.cov[b];
        printf("FUZZ nr=%s calls=%lu gk=%lu task=%lu accepted=%lu "
               "refused=%lu\n",
               nr_names[b] != NULL ? nr_names[b] : "unassigned",
               (unsigned long)(g->calls[0] + t->calls[1] + (b == 13u)),
               (unsigned long)g->calls[0], (unsigned long)t->calls[1],
               (unsigned long)(g->accepted + t->accepted),
               (unsigned long)(g->refused + t->refused));
    }
    uint64_t ns = t1 - t0;
    uint64_t per_s = ns != 0u ? (uint64_t)total_calls * 1000000000ull / ns : 0u;
    printf("FUZZ done seed=0x%08lx calls=%lu gk=%lu task=%lu thumb=%lu "
           "huge_writes=%lu virtual_ms=%lu calls_per_s=%lu\n",
           (unsigned long)FUZZ_SEED, (unsigned long)total_calls,
           (unsigned long)gk_ctx.calls, (unsigned long)task_ctx.calls,
           (unsigned long)(gk_ctx.thumb_calls + task_ctx.thumb_calls),
           (unsigned long)(gk_ctx.huge_writes + task_ctx.huge_writes),
           (unsigned long)(ns / 1000000u), (unsigned long)per_s);

    /* The jumper's attempts, one per start. */
    struct pk_part_status j, v, me;
    do {
        (void)pv_part_status(JUMPER, &j);
        if (j.restarts >= FUZZ_JUMP_ATTEMPTS || j.state == PK_PART_STOPPED)
            break;
        os_delay(10u);
    } while (pv_time_ns() < WAIT_NS);
    /* At least MIN_RUN_NS of the victim's periods, so that it has reported. */
    while (pv_time_ns() < MIN_RUN_NS)
        os_delay(10u);
    (void)pv_part_status(VICTIM, &v);
    (void)pv_part_status(PK_SELF, &me);
    uint32_t want_hm = gk_ctx.expected_hm + task_ctx.expected_hm;
    uint32_t mism = gk_ctx.mismatches + task_ctx.mismatches;
    uint32_t serr = gk_ctx.state_errors + task_ctx.state_errors;
    printf("FUZZ verdict mismatches=%lu state_errors=%lu hm=%lu "
           "hm_expected=%lu victim_faults=%lu victim_state=%lu "
           "victim_ticks=%lu jumper_restarts=%lu jumper_state=%lu\n",
           (unsigned long)mism, (unsigned long)serr,
           (unsigned long)me.faults, (unsigned long)want_hm,
           (unsigned long)v.faults, (unsigned long)v.state,
           (unsigned long)v.ticks, (unsigned long)j.restarts,
           (unsigned long)j.state);
    if (first_bad.seen)
        printf("FUZZ first_mismatch index=%lu nr=0x%lx a0=0x%08lx "
               "a1=0x%08lx a2=0x%08lx state=0x%08lx target=0x%08lx "
               "want=%ld got=%ld\n",
               (unsigned long)first_bad.index, (unsigned long)first_bad.nr,
               (unsigned long)first_bad.a0, (unsigned long)first_bad.a1,
               (unsigned long)first_bad.a2, (unsigned long)first_bad.state,
               (unsigned long)first_bad.target, (long)first_bad.want,
               (long)first_bad.got);
    if (mism != 0u || serr != 0u)
        finish(false, "a result or the CPU state differs from the ABI");
    if (me.faults != want_hm)
        finish(false, "health-monitor records differ from refused calls");
    if (v.faults != 0u || v.state == PK_PART_STOPPED || v.ticks < 100u)
        finish(false, "the victim missed a deadline or faulted");
    if (j.restarts != FUZZ_JUMP_ATTEMPTS || j.state == PK_PART_STOPPED)
        finish(false, "the jumper did not make every attempt");
    finish(true, "");
}

int main(void)
{
    gk_ctx.rng = ((uint64_t)FUZZ_SEED << 1) | 1u;
    gk_ctx.mode = PK_VMODE_GUEST_KERNEL;
    task_ctx.rng = ((uint64_t)FUZZ_SEED << 17) ^ 0x9E3779B97F4A7C15ull;
    task_ctx.mode = PK_VMODE_TASK;
    printf("FUZZ start seed=0x%08lx calls=%lu\n", (unsigned long)FUZZ_SEED,
           (unsigned long)FUZZ_CALLS);
    /* Guest-kernel mode, virtual interrupts masked: the first part. */
    run_calls(&gk_ctx, MAIN_CALLS);
    in_main = false;
    os_init();
    os_task_create(&task, "fuzz", judge, NULL, 1, stack, 2048u);
    os_start();
}
