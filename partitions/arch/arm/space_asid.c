/*
 * space_asid.c (ARM) - pk_arch.h's address spaces by translation table and
 * address-space identifier: partition i runs in its own table (space i+1,
 * ASID i+1), a copy of the kernel's map with every partition's ranges as
 * non-global entries. A partition switch writes TTBR0 and CONTEXTIDR: the
 * TLB keeps every partition's entries apart by ASID, so the switch needs no
 * TLB or cache maintenance (ARMv6 and ARMv7 caches are physically tagged),
 * and its cost does not depend on the number of partitions. The count is no
 * longer bounded by ARM's 16 domains (PK_MAX_PARTITIONS).
 *
 * Domains keep the split inside a partition and the kernel's own rule that
 * it reaches partition memory only through an opened view:
 *   D0 kernel RAM, D1 devices (privileged-only, global entries);
 *   D2 the running partition's guest-kernel range (privileged-only AP,
 *      "manager" while its guest kernel runs, so USR mode reaches it),
 *   D3 its user range and device pages (full AP);
 *   D4 every other partition's ranges (privileged-only, reached by the
 *      kernel in the opened view only).
 * Every entry of a partition range is non-global in every table, so no TLB
 * entry made in one space can match in another.
 */
#include "pk_kernel.h"

#include "cpu.h"
#include "mmu.h"

_Static_assert(MMU_SPACES >= PK_MAX_PARTITIONS + 1u,
               "one translation table per partition (MMU_SPACES)");

#define DACR_ALL_CLIENT 0x55555555u

static uint32_t dacr_kernel(void)
{
    return MMU_DACR(PK_DOMAIN_KERNEL, MMU_DOM_CLIENT) |
           MMU_DACR(PK_DOMAIN_IO, MMU_DOM_CLIENT);
}

/* Partition j's ranges as space s sees them: its own (j == owner) in D2/D3
 * with the owner's permissions, anyone else's in D4, privileged-only. */
static void map_partition(unsigned s, unsigned owner, unsigned j)
{
    const struct pk_partition_config *c = &pk_system.partitions[j];
    bool own = j == owner;
    mmu_space_map(s, c->kernel_base, c->kernel_base, c->kernel_size,
                  MMU_AP_PRIV_ONLY, MMU_MEM_NORMAL,
                  own ? PK_DOMAIN_GUEST_KERNEL(j) : PK_DOMAIN_OTHERS,
                  MMU_NOT_GLOBAL);
    mmu_space_map(s, c->user_base, c->user_base, c->user_size,
                  own ? MMU_AP_FULL : MMU_AP_PRIV_ONLY, MMU_MEM_NORMAL,
                  own ? PK_DOMAIN_USER(j) : PK_DOMAIN_OTHERS, MMU_NOT_GLOBAL);
    if (!own)
        return;
    /* Assigned devices: their 4 KiB pages only, in the owner's space (the
     * kernel's own devices are reached through the board's alias and are
     * never in these pages: tools/pkconfig.py checks it). A bus master's
     * pages are read-only for the partition: it writes them through
     * PK_SVC_DEV_WRITE, which confines the DMA (dev.c). */
    for (unsigned d = 0; d < c->n_devices && d < PK_MAX_DEVICES; d++)
        if (mmu_space_map_pages(s, c->devices[d].base, c->devices[d].base,
                                c->devices[d].size,
                                c->devices[d].dma ? MMU_AP_USR_RO : MMU_AP_FULL,
                                MMU_MEM_DEVICE, PK_DOMAIN_USER(j),
                                MMU_NOT_GLOBAL) != 0)
            pk_panic("device pages cannot be mapped", NULL, 0u, 0u);
}

/*
 * Table 0 (the board's map) gets the kernel's domains: RAM into D0, devices
 * into D1, privileged-only, global. Each partition's table starts as a copy
 * and gets every partition's ranges, non-global. Table 0 then gets them
 * too, as everyone else's (D4, non-global, tagged with the reserved ASID
 * 0 it runs with): the kernel loads the partitions from it at boot, and no
 * global entry of a partition range may ever reach the TLB.
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
        unsigned s = i + 1u;
        mmu_space_init(s);
        for (unsigned j = 0; j < pk_system.n_partitions; j++)
            map_partition(s, i, j);
    }
    for (unsigned j = 0; j < pk_system.n_partitions; j++)
        map_partition(0u, PK_MAX_PARTITIONS, j);
    mmu_tlb_flush();
    mmu_set_dacr(dacr_kernel());
}

void pk_arch_part_init(struct pk_part *p)
{
    p->arch.space = p->index + 1u;
    p->arch.asid = p->index + 1u;
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
    /* The table first, under the kernel's DACR (D2/D3 no access), then the
     * partition's view: no instruction runs with a new table and an old
     * partition's rights. mmu_space_switch does nothing when p's table is
     * already the current one (a virtual-mode change). */
    mmu_space_switch(p->arch.space, p->arch.asid);
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

/* The space the kernel left for pk_arch_view_open_part, per CPU (the
 * kernel never nests these). A space's ASID is its index (table 0, the
 * kernel's, runs with the reserved ASID 0). */
static unsigned view_saved_space[CPU_MAX_CPUS];

pk_arch_view_t pk_arch_view_open_part(const struct pk_part *p)
{
    /* The kernel's DACR first (no partition rights), then p's table. */
    pk_arch_view_t saved = pk_arch_view_open();
    view_saved_space[cpu_id()] = mmu_space_current();
    mmu_space_switch(p->arch.space, p->arch.asid);
    return saved;
}

void pk_arch_view_restore_part(pk_arch_view_t saved)
{
    unsigned s = view_saved_space[cpu_id()];
    mmu_space_switch(s, s);
    mmu_set_dacr(saved);
}

bool pk_arch_view_is(const struct pk_part *p, uint32_t *have, uint32_t *want)
{
    *have = cpu_dacr_read();
    *want = view_of(p);
    return *have == *want && mmu_space_current() == p->arch.space;
}

void pk_arch_debug_damage(int what)
{
    if (what == 1)
        mmu_debug_damage(0x20000000u); /* an entry of table 0 */
    else if (what == 2)
        mmu_set_dacr(cpu_dacr_read() ^ 0xC0000000u); /* D15 to manager */
}
