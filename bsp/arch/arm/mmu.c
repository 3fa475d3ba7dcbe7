/*
 * mmu.c - the one first-level translation table of the system: 1 MiB
 * sections, and 4 KiB pages through a few coarse second-level tables for
 * devices that share a section. The same code for every architecture
 * version; the descriptor bits come from the version's mmu_desc.h
 * (bsp/arch/arm/v<N>/), the barriers and cache operations from its
 * cpu_arch.h.
 *
 * Field positions every version shares (and that the lookup below reads):
 *   first level:  1:0 type (00 fault, 01 coarse table, 10 section) |
 *                 8:5 domain | section: 31:20 base, 11:10 AP, 3 C |
 *                 coarse: 31:10 table base
 *   second level: 1 set for a small page, 31:12 base.
 */
#include "mmu.h"

#include <stddef.h>

#include "cpu.h"
#include "mmu_desc.h"

#define MMU_ENTRIES 4096u
#define MMU_COARSE_ENTRIES 256u
#define MMU_TYPE_MASK 0x3u
#define MMU_TYPE_COARSE 0x1u
#define MMU_TYPE_SECTION 0x2u
#define MMU_DOMAIN_SHIFT 5u
#define MMU_DOMAIN_MASK (0xFu << MMU_DOMAIN_SHIFT)
#define MMU_AP_SHIFT 10u
#define MMU_SECTION_BASE_MASK 0xFFF00000u
#define MMU_COARSE_BASE_MASK 0xFFFFFC00u
#define MMU_SECTION_C 0x8u

/* The translation table: 16 KiB, 16 KiB aligned (TTBR requirement). Entry i
 * translates virtual addresses [i MiB, i+1 MiB). A zero entry faults. */
static volatile uint32_t mmu_table[MMU_ENTRIES] __attribute__((aligned(16384)));

_Static_assert(sizeof(mmu_table) == 16384u, "first-level table is 16 KiB");

/* Second-level coarse tables (1 KiB, 1 KiB aligned), handed out in order by
 * mmu_map_pages and never freed: the map is built once at boot. */
static volatile uint32_t mmu_coarse[MMU_COARSE_TABLES][MMU_COARSE_ENTRIES]
    __attribute__((aligned(1024)));
static unsigned mmu_coarse_used;

/* Write one descriptor where the table walk will see it: the walk reads
 * memory, not the data cache, on the ARM926 and (without the walk's
 * cacheability attributes in TTBR) on the later cores too. */
static void desc_write(volatile uint32_t *slot, uint32_t d)
{
    *slot = d;
    cpu_dcache_clean_line(slot);
}

/* After descriptor writes: complete them, drop stale TLB entries (a
 * tightened permission would otherwise keep being used), and make later
 * instructions see the new map. */
static void table_changed(void)
{
    cpu_dsb();
    cpu_tlb_invalidate_all();
    cpu_dsb();
    cpu_isb();
}

void mmu_table_clear(void)
{
    for (size_t i = 0; i < MMU_ENTRIES; i++)
        desc_write(&mmu_table[i], 0u);
    table_changed();
}

void mmu_map(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
             enum mmu_mem mem, unsigned domain)
{
    uint32_t n = size / MMU_SECTION_SIZE;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx = (va / MMU_SECTION_SIZE) + i;
        desc_write(&mmu_table[idx],
                   mmu_desc_section(pa + i * MMU_SECTION_SIZE, ap, mem,
                                    domain));
    }
    table_changed();
}

int mmu_map_pages(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
                  enum mmu_mem mem, unsigned domain)
{
    for (uint32_t off = 0; off < size; off += MMU_PAGE_SIZE) {
        uint32_t v = va + off;
        uint32_t idx = v / MMU_SECTION_SIZE;
        uint32_t l1 = mmu_table[idx];
        uint32_t want_dom = (uint32_t)(domain & 0xFu) << MMU_DOMAIN_SHIFT;
        volatile uint32_t *l2;
        if ((l1 & MMU_TYPE_MASK) == MMU_TYPE_COARSE) {
            if ((l1 & MMU_DOMAIN_MASK) != want_dom)
                return -1;
            l2 = (volatile uint32_t *)(uintptr_t)(l1 & MMU_COARSE_BASE_MASK);
        } else if (l1 == 0u && mmu_coarse_used < MMU_COARSE_TABLES) {
            l2 = mmu_coarse[mmu_coarse_used++];
            for (size_t i = 0; i < MMU_COARSE_ENTRIES; i++)
                desc_write(&l2[i], 0u);
            desc_write(&mmu_table[idx],
                       mmu_desc_coarse((uint32_t)(uintptr_t)l2, domain));
        } else {
            return -1;
        }
        uint32_t slot = (v % MMU_SECTION_SIZE) / MMU_PAGE_SIZE;
        desc_write(&l2[slot], mmu_desc_small(pa + off, ap, mem));
    }
    table_changed();
    return 0;
}

void mmu_lookup(uint32_t va, struct mmu_mapping *m)
{
    uint32_t d = mmu_table[va / MMU_SECTION_SIZE];
    m->domain = (d & MMU_DOMAIN_MASK) >> MMU_DOMAIN_SHIFT;
    switch (d & MMU_TYPE_MASK) {
    case MMU_TYPE_SECTION:
        m->kind = MMU_KIND_SECTION;
        m->pa = (d & MMU_SECTION_BASE_MASK) | (va & ~MMU_SECTION_BASE_MASK);
        m->ap = (enum mmu_ap)((d >> MMU_AP_SHIFT) & 3u);
        m->mem = (d & MMU_SECTION_C) != 0u ? MMU_MEM_NORMAL : MMU_MEM_DEVICE;
        return;
    case MMU_TYPE_COARSE: {
        const volatile uint32_t *l2 =
            (const volatile uint32_t *)(uintptr_t)(d & MMU_COARSE_BASE_MASK);
        uint32_t p = l2[(va % MMU_SECTION_SIZE) / MMU_PAGE_SIZE];
        m->kind = MMU_KIND_PAGES;
        m->pa = (p & ~(MMU_PAGE_SIZE - 1u)) | (va & (MMU_PAGE_SIZE - 1u));
        m->ap = (enum mmu_ap)((p >> 4) & 3u);
        m->mem = mmu_desc_small_normal(p) ? MMU_MEM_NORMAL : MMU_MEM_DEVICE;
        if (p == 0u)
            m->pa = 0u;
        return;
    }
    default:
        m->kind = MMU_KIND_FAULT;
        m->pa = 0u;
        m->ap = (enum mmu_ap)0;
        m->mem = MMU_MEM_DEVICE;
        return;
    }
}

/* FNV-1a over 32-bit words. */
static uint32_t sum_words(uint32_t h, const volatile uint32_t *w, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        h ^= w[i];
        h *= 16777619u;
    }
    return h;
}

uint32_t mmu_table_sum(void)
{
    uint32_t h = sum_words(2166136261u, mmu_table, MMU_ENTRIES);
    for (unsigned i = 0; i < mmu_coarse_used; i++)
        h = sum_words(h, mmu_coarse[i], MMU_COARSE_ENTRIES);
    return h;
}

void mmu_debug_damage(uint32_t va)
{
    mmu_table[va / MMU_SECTION_SIZE] ^= MMU_TYPE_SECTION;
}

void mmu_enable(uint32_t dacr)
{
    cpu_cache_invalidate_all();
    cpu_tlb_invalidate_all();
    cpu_ttbr_write((uint32_t)(uintptr_t)mmu_table);
    cpu_dacr_write(dacr);
    cpu_isb();
    uint32_t ctrl = cpu_ctrl_read();
    ctrl &= ~(CPU_CTRL_A | CPU_CTRL_V);
    ctrl |= CPU_CTRL_M | CPU_CTRL_C | CPU_CTRL_I | CPU_CTRL_ARCH_SET;
    cpu_ctrl_write(ctrl);
    cpu_isb();
}

void mmu_set_dacr(uint32_t dacr)
{
    cpu_dacr_write(dacr);
    cpu_isb();
}

uint32_t mmu_get_dacr(void)
{
    return cpu_dacr_read();
}

void mmu_tlb_flush(void)
{
    table_changed();
}
