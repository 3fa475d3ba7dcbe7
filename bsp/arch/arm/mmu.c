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

/* The translation tables: 16 KiB each, 16 KiB aligned (TTBR requirement).
 * Entry i translates virtual addresses [i MiB, i+1 MiB). A zero entry
 * faults. Table 0 is the board's and the kernel's map. */
static volatile uint32_t mmu_tables[MMU_SPACES][MMU_ENTRIES]
    __attribute__((aligned(16384)));
#define mmu_table (mmu_tables[0])

_Static_assert(sizeof(mmu_tables[0]) == 16384u, "first-level table is 16 KiB");
_Static_assert(MMU_SPACES == 1u || CPU_HAS_ASID,
               "more than one translation table needs ASIDs");

/* The space each CPU runs in (mmu_space_switch). */
static unsigned mmu_cur_space[CPU_MAX_CPUS];
/* Tables in use: 1 + the highest space initialised. */
static unsigned mmu_tables_used = 1u;

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

static void map_sections(volatile uint32_t *table, uint32_t va, uint32_t pa,
                         uint32_t size, enum mmu_ap ap, enum mmu_mem mem,
                         unsigned domain, unsigned flags)
{
    uint32_t ng = (flags & MMU_NOT_GLOBAL) != 0u ? MMU_DESC_SECTION_NG : 0u;
    uint32_t n = size / MMU_SECTION_SIZE;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx = (va / MMU_SECTION_SIZE) + i;
        desc_write(&table[idx],
                   mmu_desc_section(pa + i * MMU_SECTION_SIZE, ap, mem,
                                    domain) | ng);
    }
    table_changed();
}

void mmu_map(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
             enum mmu_mem mem, unsigned domain)
{
    map_sections(mmu_table, va, pa, size, ap, mem, domain, 0u);
}

static int map_pages(volatile uint32_t *table, uint32_t va, uint32_t pa,
                     uint32_t size, enum mmu_ap ap, enum mmu_mem mem,
                     unsigned domain, unsigned flags)
{
    uint32_t ng = (flags & MMU_NOT_GLOBAL) != 0u ? MMU_DESC_PAGE_NG : 0u;
    for (uint32_t off = 0; off < size; off += MMU_PAGE_SIZE) {
        uint32_t v = va + off;
        uint32_t idx = v / MMU_SECTION_SIZE;
        uint32_t l1 = table[idx];
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
            desc_write(&table[idx],
                       mmu_desc_coarse((uint32_t)(uintptr_t)l2, domain));
        } else {
            return -1;
        }
        uint32_t slot = (v % MMU_SECTION_SIZE) / MMU_PAGE_SIZE;
        desc_write(&l2[slot], mmu_desc_small(pa + off, ap, mem) | ng);
    }
    table_changed();
    return 0;
}

int mmu_map_pages(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
                  enum mmu_mem mem, unsigned domain)
{
    return map_pages(mmu_table, va, pa, size, ap, mem, domain, 0u);
}

/* ---- Spaces ---- */

void mmu_space_init(unsigned s)
{
    if (s == 0u || s >= MMU_SPACES)
        return;
    for (size_t i = 0; i < MMU_ENTRIES; i++)
        desc_write(&mmu_tables[s][i], mmu_table[i]);
    if (s + 1u > mmu_tables_used)
        mmu_tables_used = s + 1u;
    table_changed();
}

void mmu_space_map(unsigned s, uint32_t va, uint32_t pa, uint32_t size,
                   enum mmu_ap ap, enum mmu_mem mem, unsigned domain,
                   unsigned flags)
{
    if (s < MMU_SPACES)
        map_sections(mmu_tables[s], va, pa, size, ap, mem, domain, flags);
}

int mmu_space_map_pages(unsigned s, uint32_t va, uint32_t pa, uint32_t size,
                        enum mmu_ap ap, enum mmu_mem mem, unsigned domain,
                        unsigned flags)
{
    if (s >= MMU_SPACES)
        return -1;
    return map_pages(mmu_tables[s], va, pa, size, ap, mem, domain, flags);
}

void mmu_space_switch(unsigned s, unsigned asid)
{
    if (s >= MMU_SPACES)
        return;
    unsigned cpu = cpu_id();
    if (mmu_cur_space[cpu] == s)
        return;
    mmu_cur_space[cpu] = s;
#if CPU_HAS_ASID
    /* ASID 0 is never used by a space's non-global entries, so nothing is
     * fetched with a mismatched pair of ASID and table in between (the
     * ARMv7 sequence for a CONTEXTIDR and TTBR0 change). */
    cpu_dsb();
    cpu_contextidr_write(0u);
    cpu_isb();
    cpu_ttbr_write((uint32_t)(uintptr_t)mmu_tables[s]);
    cpu_isb();
    cpu_contextidr_write(asid & 0xFFu);
    cpu_isb();
#else
    (void)asid;
#endif
}

unsigned mmu_space_current(void)
{
    return mmu_cur_space[cpu_id()];
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

bool mmu_table_sum_step(unsigned t, uint32_t *entry, uint32_t *h,
                        uint32_t words)
{
    if (t >= mmu_tables_used) {
        *h = 0u;
        return true;
    }
    const volatile uint32_t *l1 = mmu_tables[t];
    uint32_t i = *entry, sum = *h, done = 0;
    for (; i < MMU_ENTRIES && done < words; i++, done++) {
        sum = sum_words(sum, &l1[i], 1u);
        if ((l1[i] & MMU_TYPE_MASK) == MMU_TYPE_COARSE) {
            sum = sum_words(sum, (const volatile uint32_t *)(uintptr_t)(
                                     l1[i] & MMU_COARSE_BASE_MASK),
                            MMU_COARSE_ENTRIES);
            done += MMU_COARSE_ENTRIES;
        }
    }
    *entry = i;
    *h = sum;
    return i == MMU_ENTRIES;
}

unsigned mmu_table_count(void)
{
    return mmu_tables_used;
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
#if CPU_HAS_ASID
    cpu_contextidr_write(0u);
#endif
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
