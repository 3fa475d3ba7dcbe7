/*
 * mmu.c - the one first-level translation table of the system, 1 MiB
 * sections only (ARMv5 short-descriptor format as on the ARM926EJ-S).
 *
 * Section descriptor (ARMv5):
 *   31:20 section base | 11:10 AP | 8:5 domain | 4 = 1 | 3 C | 2 B | 1:0 = 10
 * Bit 4 must be 1 on ARMv5 (it is XN on ARMv7, where it must be 0 for code:
 * another board's mmu.c would differ here).
 */
#include "mmu.h"

#include <stddef.h>

#include "cpu.h"

#define MMU_ENTRIES 4096u
#define MMU_DESC_SECTION 0x2u
#define MMU_DESC_BIT4 0x10u
#define MMU_DESC_B 0x4u
#define MMU_DESC_C 0x8u
#define MMU_DESC_DOMAIN_SHIFT 5u
#define MMU_DESC_AP_SHIFT 10u

/* First-level coarse descriptor: 31:10 table base | 8:5 domain | 4 = 1 | 01.
 * Second-level small page: 31:12 page base | 11:4 AP3..AP0 | 3 C | 2 B | 10. */
#define MMU_DESC_COARSE 0x1u
#define MMU_DESC_TYPE_MASK 0x3u
#define MMU_DESC_COARSE_BASE_MASK 0xFFFFFC00u
#define MMU_DESC_DOMAIN_MASK (0xFu << MMU_DESC_DOMAIN_SHIFT)
#define MMU_PAGE_SMALL 0x2u
#define MMU_PAGE_AP_SHIFT 4u /* four 2-bit AP fields, one per 1 KiB subpage */
#define MMU_COARSE_ENTRIES 256u

/* The translation table: 16 KiB, 16 KiB aligned (TTBR requirement). Entry i
 * translates virtual addresses [i MiB, i+1 MiB). A zero entry faults. */
static volatile uint32_t mmu_table[MMU_ENTRIES] __attribute__((aligned(16384)));

_Static_assert(sizeof(mmu_table) == 16384u, "first-level table is 16 KiB");

/* Second-level coarse tables (1 KiB, 1 KiB aligned), handed out in order by
 * mmu_map_pages and never freed: the map is built once at boot. */
static volatile uint32_t mmu_coarse[MMU_COARSE_TABLES][MMU_COARSE_ENTRIES]
    __attribute__((aligned(1024)));
static unsigned mmu_coarse_used;

void mmu_table_clear(void)
{
    for (size_t i = 0; i < MMU_ENTRIES; i++) {
        mmu_table[i] = 0u;
        cpu_dcache_clean_line(&mmu_table[i]);
    }
    cpu_drain_write_buffer();
    cpu_tlb_invalidate_all();
}

void mmu_map(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
             enum mmu_mem mem, unsigned domain)
{
    uint32_t attr = MMU_DESC_SECTION | MMU_DESC_BIT4 |
                    ((uint32_t)(domain & 0xFu) << MMU_DESC_DOMAIN_SHIFT) |
                    ((uint32_t)ap << MMU_DESC_AP_SHIFT);
    if (mem == MMU_MEM_NORMAL) {
        attr |= MMU_DESC_C | MMU_DESC_B;
    }
    uint32_t n = size / MMU_SECTION_SIZE;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx = (va / MMU_SECTION_SIZE) + i;
        mmu_table[idx] = (pa + i * MMU_SECTION_SIZE) | attr;
        /* The ARM926 table walk reads memory, not the data cache. */
        cpu_dcache_clean_line(&mmu_table[idx]);
    }
    cpu_drain_write_buffer();
    /* Without this a tightened permission would keep using a stale entry. */
    cpu_tlb_invalidate_all();
}

int mmu_map_pages(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
                  enum mmu_mem mem, unsigned domain)
{
    uint32_t ap4 = (uint32_t)ap * 0x55u; /* same AP for all four subpages */
    uint32_t attr = MMU_PAGE_SMALL | (ap4 << MMU_PAGE_AP_SHIFT);
    if (mem == MMU_MEM_NORMAL) {
        attr |= MMU_DESC_C | MMU_DESC_B;
    }
    for (uint32_t off = 0; off < size; off += MMU_PAGE_SIZE) {
        uint32_t v = va + off;
        uint32_t idx = v / MMU_SECTION_SIZE;
        uint32_t l1 = mmu_table[idx];
        uint32_t want_dom = (uint32_t)(domain & 0xFu) << MMU_DESC_DOMAIN_SHIFT;
        volatile uint32_t *l2;
        if ((l1 & MMU_DESC_TYPE_MASK) == MMU_DESC_COARSE) {
            if ((l1 & MMU_DESC_DOMAIN_MASK) != want_dom) {
                return -1;
            }
            l2 = (volatile uint32_t *)(uintptr_t)(l1 & MMU_DESC_COARSE_BASE_MASK);
        } else if (l1 == 0u && mmu_coarse_used < MMU_COARSE_TABLES) {
            l2 = mmu_coarse[mmu_coarse_used++];
            for (size_t i = 0; i < MMU_COARSE_ENTRIES; i++) {
                l2[i] = 0u;
                cpu_dcache_clean_line(&l2[i]);
            }
            mmu_table[idx] = (uint32_t)(uintptr_t)l2 | want_dom |
                             MMU_DESC_BIT4 | MMU_DESC_COARSE;
            cpu_dcache_clean_line(&mmu_table[idx]);
        } else {
            return -1;
        }
        uint32_t slot = (v % MMU_SECTION_SIZE) / MMU_PAGE_SIZE;
        l2[slot] = ((pa + off) & ~(MMU_PAGE_SIZE - 1u)) | attr;
        cpu_dcache_clean_line(&l2[slot]);
    }
    cpu_drain_write_buffer();
    cpu_tlb_invalidate_all();
    return 0;
}

void mmu_enable(uint32_t dacr)
{
    cpu_cache_invalidate_all();
    cpu_tlb_invalidate_all();
    cpu_ttbr_write((uint32_t)(uintptr_t)mmu_table);
    cpu_dacr_write(dacr);
    uint32_t ctrl = cpu_ctrl_read();
    ctrl &= ~(CPU_CTRL_A | CPU_CTRL_V);
    ctrl |= CPU_CTRL_M | CPU_CTRL_C | CPU_CTRL_I;
    cpu_ctrl_write(ctrl);
}

void mmu_set_dacr(uint32_t dacr)
{
    cpu_dacr_write(dacr);
}

uint32_t mmu_get_dacr(void)
{
    return cpu_dacr_read();
}

void mmu_tlb_flush(void)
{
    cpu_tlb_invalidate_all();
}
