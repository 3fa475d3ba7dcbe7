/*
 * space_domains.c (ARM) - pk_arch.h's address spaces by domains alone: one
 * translation table for the whole system, each partition's ranges in its
 * own two domains, and a partition switch is a DACR write (no TTBR change,
 * no TLB or cache maintenance; docs/memory.md). The model of ARMv5, whose
 * virtually tagged caches would make a table switch cost a flush; ARM's
 * 16 domains bound it to 7 partitions (tools/pkconfig.py checks).
 */
#include "pk_kernel.h"

#include "cpu.h"
#include "mmu.h"

/* Every domain "client": the kernel reaches every range (AP allows
 * privileged access everywhere). */
#define DACR_ALL_CLIENT 0x55555555u

/* The kernel alone: D0 (its RAM) and D1 (devices) client. */
static uint32_t dacr_kernel(void)
{
    return MMU_DACR(PK_DOMAIN_KERNEL, MMU_DOM_CLIENT) |
           MMU_DACR(PK_DOMAIN_IO, MMU_DOM_CLIENT);
}

/*
 * Retag every section the board mapped: RAM (cacheable) into D0, devices
 * into D1, both privileged-only, then map the partitions' ranges and
 * devices into their own domains.
 */
void pk_arch_mem_init(void)
{
    for (uint32_t i = 0; i < 4096u; i++) {
        struct mmu_mapping m;
        uint32_t va = i * MMU_SECTION_SIZE;
        mmu_lookup(va, &m);
        if (m.kind != MMU_KIND_SECTION)
            continue;
        bool normal = m.mem == MMU_MEM_NORMAL;
        mmu_map(va, m.pa, MMU_SECTION_SIZE, MMU_AP_PRIV_ONLY, m.mem,
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
    mmu_set_dacr(dacr_kernel());
}

void pk_arch_part_init(struct pk_part *p)
{
    p->arch.dacr_gk = dacr_kernel() |
                      MMU_DACR(PK_DOMAIN_GUEST_KERNEL(p->index), MMU_DOM_MANAGER) |
                      MMU_DACR(PK_DOMAIN_USER(p->index), MMU_DOM_CLIENT);
    p->arch.dacr_task = dacr_kernel() |
                        MMU_DACR(PK_DOMAIN_GUEST_KERNEL(p->index), MMU_DOM_CLIENT) |
                        MMU_DACR(PK_DOMAIN_USER(p->index), MMU_DOM_CLIENT);
}

static uint32_t view_of(const struct pk_part *p)
{
    return p->vmode == PK_VMODE_TASK ? p->arch.dacr_task : p->arch.dacr_gk;
}

void pk_arch_view_part(const struct pk_part *p)
{
    mmu_set_dacr(view_of(p));
}

void pk_arch_view_kernel(void)
{
    mmu_set_dacr(dacr_kernel());
}

pk_arch_view_t pk_arch_view_open(void)
{
    uint32_t old = mmu_get_dacr();
    mmu_set_dacr(DACR_ALL_CLIENT);
    return old;
}

void pk_arch_view_restore(pk_arch_view_t saved)
{
    mmu_set_dacr(saved);
}

/* One table maps every partition's devices: the plain opened view. */
pk_arch_view_t pk_arch_view_open_part(const struct pk_part *p)
{
    (void)p;
    return pk_arch_view_open();
}

void pk_arch_view_restore_part(pk_arch_view_t saved)
{
    pk_arch_view_restore(saved);
}

bool pk_arch_view_is(const struct pk_part *p, uint32_t *have, uint32_t *want)
{
    *have = cpu_dacr_read();
    *want = view_of(p);
    return *have == *want;
}

void pk_arch_debug_damage(int what)
{
    if (what == 1)
        mmu_debug_damage(0x20000000u); /* an unused section (512 MiB) */
    else if (what == 2)
        mmu_set_dacr(cpu_dacr_read() ^ 0xC0000000u); /* D15 to manager */
}
