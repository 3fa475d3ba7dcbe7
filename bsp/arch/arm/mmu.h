/*
 * mmu.h - the translation tables of the system (short descriptors: 1 MiB
 * sections, and 4 KiB pages for devices), shared by the native start-up and
 * the partitioning kernel. One interface for ARMv5, ARMv6 and ARMv7; the
 * descriptor format of each is in bsp/arch/arm/v<N>/mmu_desc.h.
 *
 * Every section carries a domain (0..15) and access permissions. Table 0 is
 * the board's map (bsp_init) and the kernel's. Where the architecture has
 * address-space identifiers (ARMv6, ARMv7: CPU_HAS_ASID) and the board
 * builds with MMU_SPACES > 1, further tables ("spaces") start as copies of
 * table 0 and get their own non-global entries; switching spaces is a TTBR0
 * and ASID write that needs no TLB or cache maintenance, because non-global
 * TLB entries are tagged with their ASID (docs/memory.md). Without ASIDs
 * (ARMv5, whose caches are virtually tagged) there is one table and the
 * partitioning kernel separates partitions by domains alone.
 */
#ifndef ARM_MMU_H
#define ARM_MMU_H

#include <stdbool.h>
#include <stdint.h>

#define MMU_SECTION_SIZE 0x00100000u /* 1 MiB */
#define MMU_PAGE_SIZE 0x00001000u    /* 4 KiB small page */
/* Translation tables: 1 (table 0 only) unless the board asks for more. */
#ifndef MMU_SPACES
#define MMU_SPACES 1u
#endif
/* Sections that can be split into pages (each costs a 1 KiB coarse table):
 * a few for table 0, and one per further space. */
#define MMU_COARSE_TABLES (4u + (MMU_SPACES) - 1u)

/* Flags of a mapping in a space (mmu_space_map). */
#define MMU_NOT_GLOBAL 0x1u /* tagged with the space's ASID in the TLB */

/* Access permissions of a section (AP bits, with the S/R bits clear). */
enum mmu_ap {
    MMU_AP_PRIV_ONLY = 1, /* privileged RW, USR no access */
    MMU_AP_USR_RO = 2,    /* privileged RW, USR read-only */
    MMU_AP_FULL = 3,      /* privileged RW, USR RW */
};

/* Memory type of a section. */
enum mmu_mem {
    MMU_MEM_NORMAL,       /* RAM: write-back cacheable, bufferable */
    MMU_MEM_DEVICE,       /* peripherals: not cacheable; execute-never
                           * where the architecture has it (ARMv6, v7) */
};

/* What maps an address (mmu_lookup). */
enum mmu_kind {
    MMU_KIND_FAULT,   /* nothing: any access faults */
    MMU_KIND_SECTION, /* a 1 MiB section */
    MMU_KIND_PAGES,   /* a section split into 4 KiB pages */
};

struct mmu_mapping {
    enum mmu_kind kind; /* how the 1 MiB section is mapped */
    uint32_t pa;        /* physical address of va (0 for a fault) */
    enum mmu_ap ap;     /* permission of va's section or page */
    enum mmu_mem mem;   /* memory type of va's section or page */
    unsigned domain;    /* domain of va's section (all its pages share it) */
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

/* ---- Spaces (MMU_SPACES > 1; ARMv6 and ARMv7 only) ---- */

/* Make space s (1..MMU_SPACES-1) a copy of table 0 as it is now (call
 * after table 0 is complete). */
void mmu_space_init(unsigned s);
/* mmu_map / mmu_map_pages into space s with flags (MMU_NOT_GLOBAL). A
 * non-global entry must never be global in another space for the same
 * address (the TLB would share it): map every space's view of a range
 * non-global. */
void mmu_space_map(unsigned s, uint32_t va, uint32_t pa, uint32_t size,
                   enum mmu_ap ap, enum mmu_mem mem, unsigned domain,
                   unsigned flags);
int mmu_space_map_pages(unsigned s, uint32_t va, uint32_t pa, uint32_t size,
                        enum mmu_ap ap, enum mmu_mem mem, unsigned domain,
                        unsigned flags);
/* Switch this CPU to space s with address-space identifier asid (1..255;
 * 0 is reserved for the switch itself). No TLB or cache maintenance. */
void mmu_space_switch(unsigned s, unsigned asid);
/* The space this CPU runs in. */
unsigned mmu_space_current(void);

/* How va is mapped in table 0. */
void mmu_lookup(uint32_t va, struct mmu_mapping *m);

/* A checksum of table t (0..mmu_table_count()-1) and of the coarse tables
 * it points to; any change of one of its descriptors changes it (invariant
 * checks). Taken in steps so that no check runs long with interrupts
 * masked: *entry (start 0) is the next first-level entry, *h the sum so
 * far (start MMU_SUM_START). A step hashes first-level entries, each with
 * the coarse table it points to, until about `words` words are done (at
 * least one entry: a coarse table's 256 words are hashed whole). Returns
 * true when the table is done; *h is then its checksum. */
#define MMU_SUM_START 2166136261u
bool mmu_table_sum_step(unsigned t, uint32_t *entry, uint32_t *h,
                        uint32_t words);
/* Tables in use: table 0 and every space initialised. */
unsigned mmu_table_count(void);

/* Debug only (the invariant checks' self-test): flip a type bit of the
 * first-level entry of va without any TLB operation. */
void mmu_debug_damage(uint32_t va);

/* Turn on the MMU with the table and the caches, with the given DACR. */
void mmu_enable(uint32_t dacr);

/* Write DACR; takes effect for the next instruction (with the barrier
 * ARMv6 and ARMv7 need). */
void mmu_set_dacr(uint32_t dacr);
uint32_t mmu_get_dacr(void);

/* Invalidate the whole TLB (after changing descriptors). */
void mmu_tlb_flush(void);

#endif /* ARM_MMU_H */
