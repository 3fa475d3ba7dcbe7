/*
 * trace.c - the kernel side of tracing and probe pins (pk_trace.h).
 *
 * Probe pins: partition index i < PK_PROBE_PART_PINS drives pin i high
 * while it holds the CPU (all low while the kernel idles); a switch is two
 * single stores, the old partition's pin cleared and the new one's set.
 * Guests drive their tasks' pins through PK_SVC_PROBE, one store each.
 *
 * Trace: the kernel's events go into pk_trace_buf (source 0, kernel
 * memory). Each guest's tick core records into its own buffer in its
 * guest-kernel memory and publishes the buffer's address in its vCPU page
 * (vcpu.trace_buf); the kernel drains it, so a guest never prints frames
 * itself and the frame lines never pass through the partitions' labelled
 * line buffers. Draining writes whole frame lines between console lines
 * (the console prints a partition's line in one piece), so it does not
 * disturb the console. Drains happen when the kernel idles, at a partition
 * switch or a virtual-interrupt delivery when a buffer is more than half
 * full, and at the end of the run (PK_RUN_STOP_MS or a test's exit).
 *
 * A guest's buffer is guest memory: the kernel copies the control block,
 * validates it (slots inside the guest-kernel range, capacity a power of
 * two, head - tail <= capacity), never calls a guest function pointer, and
 * writes back only the consumer's fields. It drains a running guest only
 * while its virtual interrupts are unmasked: the tick core's hooks run
 * masked, so the guest is then not in the middle of a write.
 *
 * Run-time categories: the kernel polls the console input at every hook
 * that can stop the run; '0'..'7' toggles that category, '-' keeps only
 * the meta category, '+' enables all. The mask applies to the kernel's
 * buffer and is copied into every guest's at its next drain.
 */
#include "pk_kernel.h"

#include "bsp.h"
#include "pk_tp.h"

#if PK_TRACE_HOOKS

#if PK_TRACE_ENABLED
#include "trace.h"

/* Records of the kernel's buffer (a power of two). */
#ifndef PK_TRACE_RECORDS
#define PK_TRACE_RECORDS 16384u
#endif
/* Records drained from one buffer per drain: a guest that fills a large
 * buffer cannot keep the kernel printing for long in one entry (the rest
 * waits for the next drain). The end of a run drains everything. */
#ifndef PK_TRACE_DRAIN_MAX
#define PK_TRACE_DRAIN_MAX 16u
#endif
/* Virtual-interrupt deliveries between two looks at the guests' buffers. */
#ifndef PK_TRACE_DRAIN_EVERY
#define PK_TRACE_DRAIN_EVERY 64u
#endif
/* A drain outside idle takes only the buffers more than half full, except
 * once per PK_TRACE_FLUSH_NS, when it takes whatever is pending (within
 * the same bounds): a live view shows a system that is never idle and
 * records little within that time, not when its run ends. */
#ifndef PK_TRACE_FLUSH_NS
#define PK_TRACE_FLUSH_NS 100000000u
#endif
/* Outside idle a drain is also bounded in time: it stops at the kernel's
 * next deadline, and after PK_TRACE_DRAIN_NS at most (the clock is read
 * every PK_TRACE_DRAIN_STEP records), so a partition that floods the
 * kernel with records (every service call makes one) can neither make a
 * kernel path print for long with interrupts masked nor delay anybody's
 * deadline by more than a step; what does not fit waits, and is counted
 * as lost if its buffer overflows meanwhile. A partition that runs warped
 * (a VIT wake-up) is never made to wait for a drain: its switch and its
 * deliveries drain nothing. */
#ifndef PK_TRACE_DRAIN_NS
#define PK_TRACE_DRAIN_NS 100000u
#endif
#define PK_TRACE_DRAIN_STEP 2u
/* One batch of the idle drain, at most: the idle loop polls the
 * interrupts between batches. */
#ifndef PK_TRACE_IDLE_STEP_NS
#define PK_TRACE_IDLE_STEP_NS 20000u
#endif
/* Initial run-time category mask (TRACE_CAT_BIT values). */
#ifndef PK_TRACE_RUN_MASK
#define PK_TRACE_RUN_MASK TRACE_MASK_ALL
#endif

/* The kernel's trace buffer (source 0) and its storage. */
static struct trace_buf pk_trace_buf;
static _Alignas(8) struct trace_record pk_trace_storage[PK_TRACE_RECORDS];
/* Frame sequence per guest source, kept by the kernel so that a guest's
 * cold restart (which zeroes its buffer) does not restart its numbering. */
static uint32_t guest_seq[PK_MAX_PARTITIONS];
/* Scheduler warp flags as last seen, to report unwarps (the scheduler
 * clears the flag itself when the partition blocks or uses its limit). */
static bool seen_warped[PK_MAX_PARTITIONS];
/* Virtual-interrupt deliveries so far (drain pacing). */
static uint32_t virq_count;
#endif

/* The source id (index + 1, 0 = idle) that holds the CPU, as last traced. */
static unsigned trace_running;
/* Set up (lazily, by the first hook). */
static bool trace_ready;
/* Clock at set-up: a bounded run stops PK_RUN_STOP_MS after it. */
static uint64_t trace_boot_ns;

static void poll_stop(void);
#if PK_TRACE_ENABLED
static void poll_mask_input(void);

static void trace_console_write(const char *s, size_t len)
{
    pk_console_line_end();
    bsp_console_write(s, len);
}

/* Mask interrupts: the kernel always runs with IRQs masked already. */
static uint32_t trace_no_irq_save(void)
{
    return 0u;
}

static void trace_no_irq_restore(uint32_t state)
{
    (void)state;
}
#endif

#if PK_TRACE_ENABLED
struct trace_buf *pk_trace_kernel_buf(void);
struct trace_buf *pk_trace_kernel_buf(void)
{
    return &pk_trace_buf;
}
#endif

static void trace_setup(void)
{
    trace_ready = true;
    trace_boot_ns = bsp_clock_ns();
#if PK_TRACE_ENABLED
    trace_init(&pk_trace_buf, pk_trace_storage, sizeof pk_trace_storage,
               TRACE_SOURCE_KERNEL);
    trace_set_hooks(&pk_trace_buf, bsp_clock_ns, trace_no_irq_save,
                    trace_no_irq_restore);
    trace_set_mask(&pk_trace_buf, PK_TRACE_RUN_MASK);
#endif
}

#if PK_TRACE_ENABLED
/* [addr, addr + len) inside p's guest-kernel range, without overflow. */
static bool in_gk_range(const struct pk_part *p, uint32_t addr, uint32_t len)
{
    uint32_t off = addr - p->cfg->kernel_base;
    return off < p->cfg->kernel_size && len <= p->cfg->kernel_size - off;
}

/* Up to max records of b, in steps of PK_TRACE_DRAIN_STEP, stopping
 * when the clock reaches until. */
static size_t drain_steps(struct trace_buf *b, size_t max, uint64_t until)
{
    size_t n = 0;
    while (n < max) {
        size_t step = max - n < PK_TRACE_DRAIN_STEP ? max - n : PK_TRACE_DRAIN_STEP;
        size_t k = trace_drain(b, trace_console_write, step);
        n += k;
        if (k < step || bsp_clock_ns() >= until)
            break;
    }
    return n;
}

/*
 * Partition p's guest trace buffer (vcpu.trace_buf), or NULL when it has
 * none or its control block is malformed; *c gets a copy of the block,
 * which is what the kernel goes by (the guest may change its own at any
 * time). The caller made p's memory accessible (DACR).
 */
static struct trace_buf *guest_buf(const struct pk_part *p, struct trace_buf *c)
{
    if (p->vcpu == NULL || p->state == PK_STATE_STOPPED)
        return NULL;
    uint32_t a = p->vcpu->trace_buf;
    if (a == 0u || (a & 7u) != 0u ||
        !in_gk_range(p, a, (uint32_t)sizeof(struct trace_buf)))
        return NULL;
    struct trace_buf *g = (struct trace_buf *)(uintptr_t)a;
    *c = *g;
    uint32_t slots = (uint32_t)(uintptr_t)c->slots;
    if (c->capacity < 2u || (c->capacity & (c->capacity - 1u)) != 0u ||
        c->capacity > p->cfg->kernel_size / TRACE_RECORD_BYTES ||
        (slots & 7u) != 0u ||
        !in_gk_range(p, slots, c->capacity * TRACE_RECORD_BYTES) ||
        c->head - c->tail > c->capacity)
        return NULL;
    return g;
}

/* The category mask partition p's guest records with: the kernel's, or
 * none when the control channel deselected p (ctl `parts`). */
static uint32_t guest_mask(const struct pk_part *p)
{
    return (pk_ctl_parts >> p->index & 1u) != 0u ? pk_trace_buf.mask : 0u;
}

/* The control channel changed the mask or the partition selection: every
 * guest records with its new mask from now on. A single store per
 * partition, also inside a guest's hook (which read the mask before it
 * wrote its record). O(partitions) with interrupts masked. */
void pk_trace_masks_changed(void);
void pk_trace_masks_changed(void)
{
    pk_arch_view_t saved = pk_arch_view_open();
    for (unsigned i = 0; i < pk_system.n_partitions; i++) {
        struct trace_buf c;
        struct trace_buf *g = guest_buf(&pk_parts[i], &c);
        if (g != NULL)
            g->mask = guest_mask(&pk_parts[i]);
    }
    pk_arch_view_restore(saved);
}

/*
 * Drain partition p's guest buffer: everything if `all`, else only when it
 * is more than half full. force drains even while the guest masks its
 * virtual interrupts (end of the run). The caller made p's memory
 * accessible (DACR). A malformed control block is ignored.
 */
static size_t drain_guest(struct pk_part *p, bool all, bool force,
                          size_t max, uint64_t until)
{
    struct trace_buf c;
    struct trace_buf *g = guest_buf(p, &c);
    if (g == NULL)
        return 0u;
    /* A partition that masks its virtual interrupts may have been
     * interrupted inside a hook: try again later. One blocked in
     * PK_SVC_BLOCK is not inside one (no hook blocks). */
    if (!force && p->vcpu->vmask != 0u && p->state != PK_STATE_BLOCKED)
        return 0u;
    /* The mask also reaches a guest here (one that restarted, say). */
    uint32_t mask = guest_mask(p);
    if (!all && c.head - c.tail <= c.capacity / 2u && c.lost == 0u) {
        g->mask = mask;
        return 0u;
    }
    c.clock = bsp_clock_ns;
    c.irq_save = NULL;
    c.irq_restore = NULL;
    c.source = TRACE_SOURCE_PARTITION(p->index);
    c.frame_seq = guest_seq[p->index];
    size_t n = drain_steps(&c, max, until);
    guest_seq[p->index] = c.frame_seq;
    g->tail = c.tail;
    g->head = c.head; /* an overflow record may have been queued */
    g->lost = c.lost;
    g->mask = mask;
    return n;
}

/* Drain every buffer (all) or those more than half full; `safe` (may be
 * NULL) is a partition known not to be inside a hook, drained whatever its
 * mask says. A drain bounded in time may end before it has been round all
 * the buffers, so each one starts one buffer further round (the kernel's
 * counting as one): no buffer waits behind the others for ever. */
static size_t drain_all(bool all, bool force, const struct pk_part *safe,
                        size_t max, uint64_t until)
{
    static unsigned turn;
    size_t n = 0;
    uint32_t threshold = all ? 0u : pk_trace_buf.capacity / 2u;
    unsigned count = pk_system.n_partitions + 1u;
    unsigned first = turn++ % count;
    pk_arch_view_t saved = pk_arch_view_open();
    for (unsigned k = 0; k < count && bsp_clock_ns() < until; k++) {
        unsigned i = (first + k) % count;
        if (i == pk_system.n_partitions) {
            if (trace_pending(&pk_trace_buf) > threshold)
                n += drain_steps(&pk_trace_buf, max, until);
        } else {
            n += drain_guest(&pk_parts[i], all, force || &pk_parts[i] == safe,
                             max, until);
        }
    }
    pk_arch_view_restore(saved);
    return n;
}

/* A drain outside idle: the buffers more than half full, up to the next
 * deadline and for PK_TRACE_DRAIN_NS at most; none for a partition
 * running warped. */
static void drain_busy(const struct pk_part *to, const struct pk_part *safe)
{
    if (to != NULL && pk_sched_is_warped(&pk_sched_state, (int)to->index))
        return;
    static uint64_t flushed_ns;
    uint64_t now = bsp_clock_ns();
    uint64_t until = now + PK_TRACE_DRAIN_NS;
    uint64_t due = pk_time_next_deadline();
    bool flush = now - flushed_ns >= PK_TRACE_FLUSH_NS;
    if (flush)
        flushed_ns = now;
    drain_all(flush, false, safe, PK_TRACE_DRAIN_MAX, due < until ? due : until);
}

bool pk_trace_idle(uint64_t until_ns)
{
    poll_mask_input();
    poll_stop();
    /* Idle costs nobody anything: every buffer is drained, a batch a call
     * (PK_TRACE_DRAIN_MAX records a buffer, PK_TRACE_IDLE_STEP_NS at most),
     * until they are empty or the next deadline is due; the idle loop polls
     * the interrupts between batches (idle_wait, partitions/time.c), so a
     * partition woken by its device waits for one step at most. */
    uint64_t now = bsp_clock_ns();
    uint64_t step = now + PK_TRACE_IDLE_STEP_NS;
    return now < until_ns &&
           drain_all(true, false, NULL, PK_TRACE_DRAIN_MAX,
                     step < until_ns ? step : until_ns) != 0u;
}

/* Run-time category switches and control commands from the console
 * input (ctl.c). */
static void poll_mask_input(void)
{
    pk_ctl_poll();
}

/* A control command's time window: the run ends at this time (0: no
 * window). */
static uint64_t stop_at_ns;

void pk_trace_stop_at(uint64_t ns);
void pk_trace_stop_at(uint64_t ns)
{
    stop_at_ns = ns != 0u ? ns : 1u;
}
#endif

/* End of a bounded run: everything drained, a summary, exit 0. */
static void poll_stop(void)
{
#if PK_TRACE_ENABLED
    if (stop_at_ns != 0u && bsp_clock_ns() >= stop_at_ns) {
        pk_trace_exit();
        pk_console_sync();
        pk_printf("PK run end after window\n");
        pk_exit(0);
    }
#endif
#ifdef PK_RUN_STOP_MS
    uint64_t now = bsp_clock_ns();
    if (now - trace_boot_ns < (uint64_t)PK_RUN_STOP_MS * 1000000u)
        return;
#if PK_TRACE_ENABLED
    pk_trace_exit();
#endif
    pk_console_sync();
    pk_printf("PK run end after %u ms\n", (unsigned)PK_RUN_STOP_MS);
    pk_exit(0);
#endif
}

/* Source id of a partition (0: none). */
static inline unsigned src_of(const struct pk_part *p)
{
    return p != NULL ? p->index + 1u : 0u;
}

void pk_trace_part_switch(const struct pk_part *to)
{
    if (!trace_ready)
        trace_setup();
    unsigned from = trace_running;
    unsigned next = src_of(to);
    if (next == from)
        return;
    trace_running = next;
#if PK_PROBE_PINS
    if (from != 0u && from - 1u < PK_PROBE_PART_PINS)
        bsp_probe_clear(from - 1u);
    if (next != 0u && next - 1u < PK_PROBE_PART_PINS)
        bsp_probe_set(next - 1u);
#endif
#if PK_TRACE_ENABLED
    trace_emit(&pk_trace_buf, TRACE_PART_SWITCH, next, from, 0u);
    for (unsigned i = 0; i < pk_system.n_partitions; i++) {
        bool w = pk_sched_state.part[i].warped;
        if (seen_warped[i] && !w)
            trace_emit(&pk_trace_buf, TRACE_UNWARP, i + 1u,
                       pk_parts[i].state == PK_STATE_READY ? 1u : 0u, 0u);
        seen_warped[i] = w;
    }
    poll_mask_input();
    /* Only a buffer that is filling up; the idle loop drains the rest
     * (pk_trace_idle). */
    drain_busy(to, NULL);
#endif
    poll_stop();
}

int32_t pk_trace_probe(struct pk_part *p, uint32_t pin, uint32_t level)
{
#if PK_PROBE_PINS
    if (pin < PK_PROBE_PART_PINS || pin >= BSP_PROBE_PINS)
        return PK_EINVAL;
    /* A pin belongs to one partition (probe_pins in the configuration):
     * no partition can fake another's signals on the analyzer. */
    if ((p->cfg->probe_pins >> pin & 1u) == 0u)
        return PK_EPERM;
    if (level != 0u)
        bsp_probe_set(pin);
    else
        bsp_probe_clear(pin);
#if PK_TRACE_ENABLED
    trace_emit(&pk_trace_buf, TRACE_PROBE, pin, level != 0u, 0u);
#endif
    return PK_OK;
#else
    (void)p;
    (void)pin;
    (void)level;
    return PK_ENOSYS;
#endif
}

#if PK_TRACE_ENABLED
void pk_trace_svc(const struct pk_part *p, uint32_t nr)
{
    /* Clock reads and pin changes are the trace's own machinery (a guest
     * stamps each record with PK_SVC_TIME_GET): recording them would make
     * every guest record cost a kernel record. A gate return is the
     * second half of every tick-core API call a task makes (the entry is a
     * prefetch abort), not a request of its own. */
    if (nr == PK_SVC_TIME_GET || nr == PK_SVC_PROBE ||
        nr == PK_SVC_GATE_RETURN)
        return;
    trace_emit(&pk_trace_buf, TRACE_SVC, src_of(p), trace_sat8(nr),
               p->ctx.r[0]);
}

void pk_trace_virq(const struct pk_part *p, uint32_t events)
{
    trace_emit(&pk_trace_buf, TRACE_VIRQ, src_of(p), trace_sat8(events), 0u);
    /* A partition that never yields the CPU still gets its buffers
     * drained: every PK_TRACE_DRAIN_EVERY deliveries, those more than
     * half full are (the kernel's own is checked every time). p was
     * interrupted with its virtual interrupts unmasked (that is why it got
     * this delivery), so it was not inside a hook. */
    if (++virq_count % PK_TRACE_DRAIN_EVERY == 0u ||
        trace_pending(&pk_trace_buf) > pk_trace_buf.capacity / 2u)
        drain_busy(p, p);
    /* The control channel, also for a partition that never yields. */
    if ((virq_count & 15u) == 0u)
        poll_mask_input();
    poll_stop();
}

void pk_trace_hm(const struct pk_part *p, unsigned kind, uint32_t addr)
{
    if (!trace_ready)
        trace_setup();
    trace_emit(&pk_trace_buf, TRACE_HM, src_of(p), kind, addr);
}

void pk_trace_vit_set(const struct pk_part *p, uint64_t t)
{
    trace_vit_set(&pk_trace_buf, src_of(p), t);
}

void pk_trace_vit_expire(int i)
{
    trace_emit(&pk_trace_buf, TRACE_VIT_EXPIRE, (unsigned)i + 1u, 0u, 0u);
}

void pk_trace_exit(void)
{
    pk_console_sync();
    if (!trace_ready)
        trace_setup();
    drain_all(true, true, NULL, SIZE_MAX, UINT64_MAX);
    pk_tp_report();
    pk_printf("PK trace end time_ns=%llu kernel_lost=%u\n",
              (unsigned long long)bsp_clock_ns(), pk_trace_buf.lost_total);
}

void pk_trace_warp(int i)
{
    trace_emit(&pk_trace_buf, TRACE_WARP, (unsigned)i + 1u, 0u, 0u);
    seen_warped[i] = true;
}
#endif

#endif /* PK_TRACE_HOOKS */
