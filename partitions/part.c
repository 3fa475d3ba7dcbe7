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

/* Copies an image to the start of its range and zeroes the rest; cleans
 * the copied lines to memory so that instruction fetches see them. */
static void load_range(uint32_t base, uint32_t size, const uint8_t *img,
                       const uint8_t *img_end)
{
    uint32_t n = (uint32_t)(img_end - img);
    uint8_t *dst = (uint8_t *)(uintptr_t)base;
    if (n > size)
        pk_panic("partition image larger than its range", NULL, 0, 0);
    memcpy(dst, img, n);
    memset(dst + n, 0, size - n);
    for (uint32_t off = 0; off < n; off += 32u)
        cpu_dcache_clean_line(dst + off);
}

void pk_part_cold_start(struct pk_part *p, uint64_t now)
{
    const struct pk_partition_config *c = p->cfg;
    uint32_t old_dacr = mmu_get_dacr();

    pk_dev_reset(p); /* no DMA of the old run into the new images */
    /* Loading writes both ranges of the partition and its vCPU: make every
     * domain client for the duration (privileged access, AP allows it). */
    mmu_set_dacr(pk_dacr_all_client());
    load_range(c->kernel_base, c->kernel_size, c->kernel_image,
               c->kernel_image_end);
    load_range(c->user_base, c->user_size, c->user_image, c->user_image_end);
    cpu_drain_write_buffer();
    cpu_icache_invalidate_all();

    p->vcpu = (struct pk_vcpu *)(uintptr_t)(c->kernel_base + c->kernel_size -
                                            PK_VCPU_PAGE_SIZE);
    p->vcpu->vmask = 1u;
    p->vcpu->part_index = p->index;
    p->vcpu->restarts = p->restarts;
    p->vcpu->tick_hz = c->tick_hz;
    mmu_set_dacr(old_dacr);

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
    p->next_tick_ns = now + p->tick_period_ns;
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
