/*
 * part.c - partition memory: the domain plan of the translation table, the
 * partition loader (cold start from pristine images) and the partition
 * switch (DACR).
 *
 * Domain plan (docs/memory.md): D0 kernel RAM, D1 devices, both AP
 * privileged-only; partition p's guest-kernel range in D(2+2p) AP
 * privileged-only, its user range and the 4 KiB pages of its assigned
 * devices in D(3+2p) AP full (a bus master's pages: user read-only). One table, identity mapped, built once here; afterwards only the
 * DACR changes.
 */
#include <string.h>

#include "pk_kernel.h"
#include "pk_swlog.h"
#include "pk_tp.h"

#include "bsp.h"

/* [addr, addr+len) inside [base, base+size), without overflow. */
static bool range_inside(uint32_t addr, uint32_t len, uint32_t base,
                         uint32_t size)
{
    uint32_t off = addr - base;
    return off < size && len <= size - off;
}

bool pk_part_range_ok(const struct pk_part *p, uint32_t vmode, uint32_t addr,
                      uint32_t len)
{
    const struct pk_partition_config *c = p->cfg;
    if (len == 0u)
        len = 1u;
    if (range_inside(addr, len, c->user_base, c->user_size))
        return true;
    return vmode == PK_VMODE_GUEST_KERNEL &&
           range_inside(addr, len, c->kernel_base, c->kernel_size);
}

void pk_part_apply_vmode(struct pk_part *p)
{
    pk_arch_view_part(p);
}

void pk_part_switch_to(struct pk_part *p)
{
    PK_TRACE_PART_SWITCH(p);
    PK_SWLOG_SWITCH(p);
    pk_cur = p;
    pk_cur_ctx = &p->ctx;
    pk_part_apply_vmode(p);
    pk_arch_cpu_state_switch(p);
}

/*
 * Cold start: the pristine images are copied into place and the rest of
 * both ranges zeroed in steps of PK_LOAD_STEP_BYTES, so that restarting a
 * partition with the largest ranges never keeps the kernel from its
 * interrupts and deadlines for longer than one step; pk_kernel_exit_work()
 * runs the steps while the partition holds the CPU, in its own time.
 */

/* One cache line: copied and zeroed as a whole with block transfers
 * (ldm/stm). The library's memcpy/memset of newlib nano move one byte at
 * a time, four times the cost of a step. */
struct line {
    uint32_t w[8]; /* 32 bytes */
};
_Static_assert(sizeof(struct line) == 32u, "one cache line");
/* Zeroes are stored by copying this one (ldm/stm): a zero-filled
 * assignment becomes a memset call. */
static const struct line zero_line;

/* Step over [*off, *off + PK_LOAD_STEP_BYTES) of a range: the image's
 * bytes, then zeroes; the copied lines are cleaned to memory so that
 * instruction fetches see them. Ranges are 1 MiB aligned and images 8-byte
 * aligned (pk_images.S), so whole lines are aligned on both sides; the
 * image's last partial line is copied by bytes. Returns true at the end of
 * the range. */
static bool load_range_step(uint32_t base, uint32_t size, const uint8_t *img,
                            const uint8_t *img_end, uint32_t *off)
{
    uint32_t n = (uint32_t)(img_end - img);
    uint8_t *dst = (uint8_t *)(uintptr_t)base;
    uint32_t o = *off;
    uint32_t end = size - o > PK_LOAD_STEP_BYTES ? o + PK_LOAD_STEP_BYTES
                                                 : size;
    if (o < n) {
        uint32_t e = end < n ? end : n;
        for (; o + 32u <= e; o += 32u) {
            *(struct line *)(uintptr_t)(dst + o) =
                *(const struct line *)(uintptr_t)(img + o);
            pk_arch_clean_line(dst + o);
        }
        if (o < e) {
            uint32_t l = o;
            for (; o < e; o++)
                dst[o] = img[o];
            pk_arch_clean_line(dst + l);
        }
    }
    for (; o < end && (o & 31u) != 0u; o++)
        dst[o] = 0u;
    for (; o < end; o += 32u)
        *(struct line *)(uintptr_t)(dst + o) = zero_line;
    *off = o;
    return o == size;
}

#if PK_LOAD_VERIFY
/* Bytes checked per step: comparing costs more per byte than copying. */
#define PK_VERIFY_STEP_BYTES 1024u

/* Assertion of test kernels: [*off, *off + step) of a loaded range holds
 * exactly the image and zeroes. A cold start that left .data or .bss
 * dirty panics here, at once, instead of letting the guest misbehave. */
static bool verify_range_step(uint32_t base, uint32_t size, const uint8_t *img,
                              const uint8_t *img_end, uint32_t *off)
{
    uint32_t n = (uint32_t)(img_end - img);
    const uint8_t *dst = (const uint8_t *)(uintptr_t)base;
    uint32_t o = *off;
    uint32_t end = size - o > PK_VERIFY_STEP_BYTES ? o + PK_VERIFY_STEP_BYTES
                                                 : size;
    uint32_t e = end < n ? end : n;
    for (; o + 4u <= e; o += 4u)
        if (*(const uint32_t *)(uintptr_t)(dst + o) !=
            *(const uint32_t *)(uintptr_t)(img + o))
            pk_panic("cold start: range differs from its image", NULL,
                     base + o, 0u);
    for (; o < e; o++)
        if (dst[o] != img[o])
            pk_panic("cold start: range differs from its image", NULL,
                     base + o, 0u);
    for (; o < end && (o & 3u) != 0u; o++)
        if (dst[o] != 0u)
            pk_panic("cold start: bss not zero", NULL, base + o, 0u);
    for (; o < end; o += 4u)
        if (*(const uint32_t *)(uintptr_t)(dst + o) != 0u)
            pk_panic("cold start: bss not zero", NULL, base + o, 0u);
    *off = o;
    return o == size;
}
#endif

/* Empty the gate hash (every start: no gate of the old run may match).
 * By lines, in block stores: a word loop costs about 770 instructions
 * for its 256 slots, all of them with interrupts masked, on the health
 * monitor's restart path. */
static void gate_hash_clear(struct pk_part *p)
{
    const uint32_t lines = PK_GATE_HASH * 4u / (uint32_t)sizeof(struct line);
    _Static_assert(PK_GATE_HASH * 4u % sizeof(struct line) == 0u,
                   "the gate hash is whole lines");
    struct line *l = (struct line *)(void *)p->gate_hash;
    for (uint32_t i = 0; i < lines; i++)
        l[i] = zero_line;
}

void pk_part_restart(struct pk_part *p)
{
    const struct pk_partition_config *c = p->cfg;
    if ((uint32_t)(c->kernel_image_end - c->kernel_image) > c->kernel_size ||
        (uint32_t)(c->user_image_end - c->user_image) > c->user_size)
        pk_panic("partition image larger than its range", NULL, 0, 0);
    pk_arch_part_init(p); /* its views: the device reset needs them */
    pk_arch_cpu_state_reset(p); /* nothing of the old run's CPU state */
    pk_dev_reset(p); /* no DMA of the old run into the new images */
    /* A cold restart does not reset the partition's devices (a timer may
     * still run): their interrupt sources stay masked until the new start
     * has set them up and enables them with PK_SVC_IRQ_DONE, so the old
     * run's device state cannot interrupt the new one. */
    if (p->load_phase == PK_LOAD_DONE && p->vcpu != NULL)
        for (unsigned d = 0; d < c->n_devices && d < PK_MAX_DEVICES; d++)
            if (c->devices[d].irq >= 0)
                bsp_irq_disable((unsigned)c->devices[d].irq);
    p->load_phase = PK_LOAD_KERNEL;
    p->load_off = 0u;
    p->vcpu = NULL; /* no vCPU until the guest-kernel range is loaded */
    memset(&p->ctx, 0, sizeof p->ctx);
    p->ctx.r[15] = c->entry;
    p->ctx.cpsr = PK_CPSR_START;
    p->state = PK_STATE_READY;
    p->vmode = PK_VMODE_GUEST_KERNEL;
    p->pending = 0u;
    p->ticks_pending = 0u;
    p->tick_skip = 0u;
    p->irqs_pending = 0u;
    pk_port_reset(p);
    p->next_tick_ns = PK_TIME_NEVER; /* no ticks while loading */
    p->ticks_total = 0u;
    p->wake_ns = PK_TIME_NEVER;
    p->timer_ns = PK_TIME_NEVER;
    p->n_gates = 0u;
    gate_hash_clear(p);
    p->gate_trampoline = 0u;
    p->warm = false;
    p->mode = PK_MODE_COLD_START;
    pk_console_reset(p);
    pk_vit_cancel(&pk_vit_state, (int)p->index);
    pk_time_deadlines_changed();
    if (p == pk_cur)
        pk_part_apply_vmode(p);
}

bool pk_part_load_step(struct pk_part *p, uint64_t now)
{
    const struct pk_partition_config *c = p->cfg;
    /* Every start reloads the guest-kernel range, then the user range (then,
     * in test kernels, checks both). A warm start keeps the top of the user
     * range, its persistent region (OS_PERSIST data), and reloads the rest:
     * the user range's code and data are the image's again before the
     * guest kernel runs main() and newlib's set-up in guest-kernel mode, so
     * nothing a task wrote there runs, or is trusted, with its privilege. */
    uint32_t user_size = c->user_size - (p->warm ? c->user_persist_size : 0u);
    if (p->load_phase == PK_LOAD_KERNEL) {
        if (!load_range_step(c->kernel_base, c->kernel_size, c->kernel_image,
                             c->kernel_image_end, &p->load_off))
            return false;
        p->load_off = 0u;
        p->load_phase = PK_LOAD_USER;
        return false;
    } else if (p->load_phase == PK_LOAD_USER) {
        if (!load_range_step(c->user_base, user_size, c->user_image,
                             c->user_image_end, &p->load_off))
            return false;
#if PK_LOAD_VERIFY
        p->load_phase = PK_LOAD_VERIFY_KERNEL;
        p->load_off = 0u;
        return false;
    } else if (p->load_phase == PK_LOAD_VERIFY_KERNEL) {
        if (!verify_range_step(c->kernel_base, c->kernel_size, c->kernel_image,
                               c->kernel_image_end, &p->load_off))
            return false;
        p->load_off = 0u;
        p->load_phase = PK_LOAD_VERIFY_USER;
        return false;
    } else if (p->load_phase == PK_LOAD_VERIFY_USER) {
        if (!verify_range_step(c->user_base, user_size, c->user_image,
                               c->user_image_end, &p->load_off))
            return false;
#endif
    }
    /* Both ranges are in place: make them visible to instruction fetches,
     * then set up the vCPU and start the virtual ticks from now. The
     * tracepoints of p go back over the fresh code first. */
    PK_TP_REPLANT(p);
    pk_arch_code_sync();
    p->load_phase = PK_LOAD_DONE;
    p->vcpu = (struct pk_vcpu *)(uintptr_t)(c->kernel_base + c->kernel_size -
                                            PK_VCPU_PAGE_SIZE);
    p->vcpu->vmask = 1u;
    p->vcpu->warp_done = 0u;
    p->vcpu->part_index = p->index;
    p->vcpu->restarts = p->restarts;
    p->vcpu->tick_hz = c->tick_hz;
    p->vcpu->mode = p->mode;
    p->vcpu->start_cond = p->start_cond;
    p->vcpu->hm_handler = 0u;
    p->vcpu->hm_seq = 0u;
    p->next_tick_ns = now + p->tick_period_ns;
    if (p->restarts != 0u)
        pk_printf_part(p, "PK restart partition=%s count=%u%s\n", c->name,
                  p->restarts, p->warm ? " warm" : "");
    return true;
}

void pk_part_restart_mode(struct pk_part *p, uint32_t mode, uint32_t cond)
{
    uint64_t now = bsp_clock_ns();
    bool warm = mode == PK_MODE_WARM_START;
    p->restarts++;
    if (warm)
        p->warm_restarts++;
    pk_part_restart(p);
    p->warm = warm;
    p->mode = warm ? PK_MODE_WARM_START : PK_MODE_COLD_START;
    p->start_cond = cond;
    pk_sched_restarted(p, now);
}

void pk_part_idle(struct pk_part *p)
{
    pk_stop(p);
    p->mode = PK_MODE_IDLE;
    pk_dev_reset(p); /* a stopped partition's DMA stops too */
}

void pk_part_cold_start(struct pk_part *p, uint64_t now)
{
    /* Loading writes both ranges of the partition and its vCPU: the kernel
     * reaches every partition for the duration. */
    pk_arch_view_t saved = pk_arch_view_open();
    pk_part_restart(p);
    while (!pk_part_load_step(p, now))
        ;
    pk_arch_view_restore(saved);
}
