/*
 * mmu.h - the one translation table of the system (ARMv5/v6 short
 * descriptors, 1 MiB sections only), shared by the native start-up and the
 * partitioning kernel.
 *
 * Every section carries a domain (0..15) and access permissions. The
 * partitioning kernel tags each partition's ranges with that partition's own
 * domains, so switching partitions is a DACR write: no TTBR change, no TLB or
 * cache maintenance (see docs/memory.md).
 */
#ifndef ARM_MMU_H
#define ARM_MMU_H

#include <stdint.h>

#define MMU_SECTION_SIZE 0x00100000u /* 1 MiB */
#define MMU_PAGE_SIZE 0x00001000u    /* 4 KiB small page */
/* Sections that can be split into pages (each costs a 1 KiB coarse table). */
#define MMU_COARSE_TABLES 4u

/* Access permissions of a section (AP bits, with the S/R bits clear). */
enum mmu_ap {
    MMU_AP_PRIV_ONLY = 1, /* privileged RW, USR no access */
    MMU_AP_USR_RO = 2,    /* privileged RW, USR read-only */
    MMU_AP_FULL = 3,      /* privileged RW, USR RW */
};

/* Memory type of a section. */
enum mmu_mem {
    MMU_MEM_NORMAL,       /* RAM: write-back cacheable, bufferable */
    MMU_MEM_DEVICE,       /* peripherals: not cacheable, not bufferable */
};

/* DACR field values for one domain. */
enum mmu_dom_access {
    MMU_DOM_NO_ACCESS = 0, /* any access faults (domain fault) */
    MMU_DOM_CLIENT = 1,    /* accesses checked against AP */
    MMU_DOM_MANAGER = 3,   /* AP ignored */
};

/* DACR value with domain d set to access a. */
#define MMU_DACR(d, a) ((uint32_t)(a) << (2u * (d)))

/* Clear the table (everything faults). Call before mapping. */
void mmu_table_clear(void);

/* Map [va, va+size) to [pa, pa+size), size a multiple of 1 MiB, with the
 * given permission, memory type and domain. Overwrites earlier entries. Safe
 * with the MMU on: invalidates the TLB afterwards. */
void mmu_map(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
             enum mmu_mem mem, unsigned domain);

/* Map [va, va+size) to [pa, pa+size) in 4 KiB pages, size a multiple of
 * 4 KiB, for a device that shares its 1 MiB section with others. The section
 * becomes a coarse table whose domain (given here) applies to all its pages;
 * pages not mapped this way fault. Returns 0, or -1 when the section is
 * already a 1 MiB mapping or a coarse table of another domain, or when no
 * coarse table is left (MMU_COARSE_TABLES). */
int mmu_map_pages(uint32_t va, uint32_t pa, uint32_t size, enum mmu_ap ap,
                  enum mmu_mem mem, unsigned domain);

/* Turn on the MMU with the table and the caches, with the given DACR. */
void mmu_enable(uint32_t dacr);

/* Write DACR; takes effect on the next instruction. */
void mmu_set_dacr(uint32_t dacr);
uint32_t mmu_get_dacr(void);

/* Invalidate the whole TLB (after changing descriptors). */
void mmu_tlb_flush(void);

#endif /* ARM_MMU_H */
