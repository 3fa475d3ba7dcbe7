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

#include "bsp.h"
#include "cpu.h"
#include "mmu.h"

/* Short-descriptor L1 entry fields used when retagging the board's map. */
#define L1_TYPE_MASK 0x3u
#define L1_TYPE_SECTION 0x2u
#define L1_SECTION_BASE_MASK 0xFFF00000u
#define L1_SECTION_CB 0xCu   /* cacheable/bufferable: normal memory */
#define L1_ENTRIES 4096u
#define L1_TABLE_MASK 0xFFFFC000u

/* Every domain "client". */
#define DACR_ALL_CLIENT 0x55555555u

uint32_t pk_dacr_kernel(void)
{
    return MMU_DACR(PK_DOMAIN_KERNEL, MMU_DOM_CLIENT) |
           MMU_DACR(PK_DOMAIN_IO, MMU_DOM_CLIENT);
}

uint32_t pk_dacr_all_client(void)
{
    return DACR_ALL_CLIENT;
}

/*
 * Retag every section the board mapped: RAM (cacheable) into D0, devices
 * into D1, both privileged-only, then map the partitions' ranges and
 * devices into their own domains. The board's table is identity mapped, so
 * its physical address (TTBR) is also where the kernel reads it.
 */
void pk_mem_init(void)
{
    const volatile uint32_t *l1 =
        (const volatile uint32_t *)(uintptr_t)(cpu_ttbr_read() & L1_TABLE_MASK);
    for (uint32_t i = 0; i < L1_ENTRIES; i++) {
        uint32_t d = l1[i];
        if ((d & L1_TYPE_MASK) != L1_TYPE_SECTION)
            continue;
        bool normal = (d & L1_SECTION_CB) != 0u;
        mmu_map(i << 20, d & L1_SECTION_BASE_MASK, MMU_SECTION_SIZE,
                MMU_AP_PRIV_ONLY, normal ? MMU_MEM_NORMAL : MMU_MEM_DEVICE,
                normal ? PK_DOMAIN_KERNEL : PK_DOMAIN_IO);
    }
    for (unsigned i = 0; i < pk_system.n_partitions; i++) {
        const struct pk_partition_config *c = &pk_system.partitions[i];
        mmu_map(c->kernel_base, c->kernel_base, c->kernel_size,
                MMU_AP_PRIV_ONLY, MMU_MEM_NORMAL, PK_DOMAIN_GUEST_KERNEL(i));
        mmu_map(c->user_base, c->user_base, c->user_size, MMU_AP_FULL,
                MMU_MEM_NORMAL, PK_DOMAIN_USER(i));
        /* Assigned devices: their 4 KiB pages only, in the user domain (the
         * kernel's own devices are reached through the board's alias and
         * are never in these pages: tools/pkconfig.py checks it). A bus
         * master's pages are read-only for the partition: it writes them
         * through PK_SVC_DEV_WRITE, which confines the DMA (dev.c). */
        for (unsigned d = 0; d < c->n_devices && d < PK_MAX_DEVICES; d++)
            if (mmu_map_pages(c->devices[d].base, c->devices[d].base,
                              c->devices[d].size,
                              c->devices[d].dma ? MMU_AP_USR_RO : MMU_AP_FULL,
                              MMU_MEM_DEVICE, PK_DOMAIN_USER(i)) != 0)
                pk_panic("device pages cannot be mapped", NULL, 0u, 0u);
    }
    mmu_tlb_flush();
    mmu_set_dacr(pk_dacr_kernel());
}

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
    mmu_set_dacr(p->vmode == PK_VMODE_TASK ? p->dacr_task : p->dacr_gk);
}

void pk_part_switch_to(struct pk_part *p)
{
    PK_TRACE_PART_SWITCH(p);
    PK_SWLOG_SWITCH(p);
    pk_cur = p;
    pk_cur_ctx = &p->ctx;
    pk_part_apply_vmode(p);
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
            cpu_dcache_clean_line(dst + o);
        }
        if (o < e) {
            uint32_t l = o;
            for (; o < e; o++)
                dst[o] = img[o];
            cpu_dcache_clean_line(dst + l);
        }
    }
    for (; o < end && (o & 31u) != 0u; o++)
        dst[o] = 0u;
    static const struct line zero_line;
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

void pk_part_restart(struct pk_part *p)
{
    const struct pk_partition_config *c = p->cfg;
    if ((uint32_t)(c->kernel_image_end - c->kernel_image) > c->kernel_size ||
        (uint32_t)(c->user_image_end - c->user_image) > c->user_size)
        pk_panic("partition image larger than its range", NULL, 0, 0);
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
    p->ctx.cpsr = CPU_MODE_USR;
    p->state = PK_STATE_READY;
    p->vmode = PK_VMODE_GUEST_KERNEL;
    p->dacr_gk = pk_dacr_kernel() |
                 MMU_DACR(PK_DOMAIN_GUEST_KERNEL(p->index), MMU_DOM_MANAGER) |
                 MMU_DACR(PK_DOMAIN_USER(p->index), MMU_DOM_CLIENT);
    p->dacr_task = pk_dacr_kernel() |
                   MMU_DACR(PK_DOMAIN_GUEST_KERNEL(p->index), MMU_DOM_CLIENT) |
                   MMU_DACR(PK_DOMAIN_USER(p->index), MMU_DOM_CLIENT);
    p->pending = 0u;
    p->ticks_pending = 0u;
    p->irqs_pending = 0u;
    p->tick_period_ns = 1000000000ull / (c->tick_hz ? c->tick_hz : 1u);
    p->next_tick_ns = PK_TIME_NEVER; /* no ticks while loading */
    p->ticks_total = 0u;
    p->wake_ns = PK_TIME_NEVER;
    p->timer_ns = PK_TIME_NEVER;
    p->n_gates = 0u;
    p->gate_trampoline = 0u;
    pk_console_reset(p);
    pk_vit_cancel(&pk_vit_state, (int)p->index);
    pk_time_deadlines_changed();
    if (p == pk_cur)
        pk_part_apply_vmode(p);
}

bool pk_part_load_step(struct pk_part *p, uint64_t now)
{
    const struct pk_partition_config *c = p->cfg;
    if (p->load_phase == PK_LOAD_KERNEL) {
        if (load_range_step(c->kernel_base, c->kernel_size, c->kernel_image,
                            c->kernel_image_end, &p->load_off)) {
            p->load_phase = PK_LOAD_USER;
            p->load_off = 0u;
        }
        return false;
    }
    if (p->load_phase == PK_LOAD_USER) {
        if (!load_range_step(c->user_base, c->user_size, c->user_image,
                             c->user_image_end, &p->load_off))
            return false;
#if PK_LOAD_VERIFY
        p->load_phase = PK_LOAD_VERIFY_KERNEL;
        p->load_off = 0u;
        return false;
    }
    if (p->load_phase == PK_LOAD_VERIFY_KERNEL) {
        if (verify_range_step(c->kernel_base, c->kernel_size, c->kernel_image,
                              c->kernel_image_end, &p->load_off)) {
            p->load_phase = PK_LOAD_VERIFY_USER;
            p->load_off = 0u;
        }
        return false;
    }
    if (p->load_phase == PK_LOAD_VERIFY_USER) {
        if (!verify_range_step(c->user_base, c->user_size, c->user_image,
                               c->user_image_end, &p->load_off))
            return false;
#endif
    }
    /* Both ranges are in place: make them visible to instruction fetches,
     * then set up the vCPU and start the virtual ticks from now. */
    cpu_dsb();
    cpu_icache_invalidate_all();
    p->load_phase = PK_LOAD_DONE;
    p->vcpu = (struct pk_vcpu *)(uintptr_t)(c->kernel_base + c->kernel_size -
                                            PK_VCPU_PAGE_SIZE);
    p->vcpu->vmask = 1u;
    p->vcpu->part_index = p->index;
    p->vcpu->restarts = p->restarts;
    p->vcpu->tick_hz = c->tick_hz;
    p->next_tick_ns = now + p->tick_period_ns;
    if (p->restarts != 0u)
        pk_printf("PK restart partition=%s count=%u\n", c->name,
                  p->restarts);
    return true;
}

void pk_part_cold_start(struct pk_part *p, uint64_t now)
{
    uint32_t old_dacr = mmu_get_dacr();
    /* Loading writes both ranges of the partition and its vCPU: make every
     * domain client for the duration (privileged access, AP allows it). */
    mmu_set_dacr(pk_dacr_all_client());
    pk_part_restart(p);
    while (!pk_part_load_step(p, now))
        ;
    mmu_set_dacr(old_dacr);
}
