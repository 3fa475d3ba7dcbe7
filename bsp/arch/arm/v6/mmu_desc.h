/*
 * mmu_desc.h (ARMv6 with SCTLR.XP = 1, and ARMv7-A) - encoding of the short
 * translation-table descriptors in the ARMv6 format. Included by
 * bsp/arch/arm/mmu.c only (bsp/arch/arm/v7/mmu_desc.h includes this file).
 *
 *   section:    31:20 base | 17 nG | 16 S | 15 APX | 14:12 TEX | 11:10 AP |
 *               8:5 domain | 4 XN | 3 C | 2 B | 10
 *   coarse:     31:10 table base | 8:5 domain | 01 (bit 4 zero)
 *   small page: 31:12 base | 11 nG | 10 S | 9 APX | 8:6 TEX | 5:4 AP |
 *               3 C | 2 B | 1 = 1 | 0 XN
 * APX is zero: AP keeps its ARMv5 meaning (01 privileged only, 10 user
 * read-only, 11 full). Normal memory is TEX 001 C B = outer and inner
 * write-back, write-allocate; device memory is TEX 000 C 0 B 1 (shareable
 * device) and execute-never, so no instruction is ever fetched from a
 * device page, whoever owns it. nG is set by mmu.c for entries of a space
 * (MMU_NOT_GLOBAL).
 */
#ifndef ARM_MMU_DESC_H
#define ARM_MMU_DESC_H

#include <stdint.h>

#include "mmu.h"

#define MMU_DESC_XN 0x10u      /* section execute-never */
#define MMU_DESC_B 0x4u
#define MMU_DESC_C 0x8u
#define MMU_DESC_TEX1 0x1000u  /* section TEX = 001 */
#define MMU_PAGE_XN 0x1u       /* small page execute-never */
#define MMU_PAGE_TEX1 0x40u    /* small page TEX = 001 */
#define MMU_DESC_SECTION_NG 0x20000u /* section not global (bit 17) */
#define MMU_DESC_PAGE_NG 0x800u      /* small page not global (bit 11) */

static inline uint32_t mmu_desc_section(uint32_t pa, enum mmu_ap ap,
                                        enum mmu_mem mem, unsigned domain)
{
    uint32_t d = (pa & 0xFFF00000u) | ((uint32_t)ap << 10) |
                 ((uint32_t)(domain & 0xFu) << 5) | 0x2u;
    if (mem == MMU_MEM_NORMAL)
        d |= MMU_DESC_TEX1 | MMU_DESC_C | MMU_DESC_B;
    else
        d |= MMU_DESC_B | MMU_DESC_XN;
    return d;
}

static inline uint32_t mmu_desc_coarse(uint32_t table_pa, unsigned domain)
{
    return (table_pa & 0xFFFFFC00u) | ((uint32_t)(domain & 0xFu) << 5) | 0x1u;
}

static inline uint32_t mmu_desc_small(uint32_t pa, enum mmu_ap ap,
                                      enum mmu_mem mem)
{
    uint32_t d = (pa & 0xFFFFF000u) | ((uint32_t)ap << 4) | 0x2u;
    if (mem == MMU_MEM_NORMAL)
        d |= MMU_PAGE_TEX1 | MMU_DESC_C | MMU_DESC_B;
    else
        d |= MMU_DESC_B | MMU_PAGE_XN;
    return d;
}

static inline bool mmu_desc_small_normal(uint32_t d)
{
    return (d & MMU_DESC_C) != 0u;
}

#endif /* ARM_MMU_DESC_H */
