/*
 * mmu_desc.h (ARMv5) - encoding of the short translation-table descriptors
 * as the ARM926EJ-S reads them. Included by bsp/arch/arm/mmu.c only; the v6
 * header (also used by v7) encodes the same entries in the ARMv6 format.
 *
 *   section:    31:20 base | 11:10 AP | 8:5 domain | 4 = 1 | 3 C | 2 B | 10
 *   coarse:     31:10 table base | 8:5 domain | 4 = 1 | 01
 *   small page: 31:12 base | 11:4 AP3..AP0 (one per 1 KiB) | 3 C | 2 B | 10
 * Bit 4 of first-level entries must be one on ARMv5. There is no
 * execute-never: device memory is protected by its AP and domain alone.
 */
#ifndef ARM_MMU_DESC_H
#define ARM_MMU_DESC_H

#include <stdint.h>

#include "mmu.h"

#define MMU_DESC_BIT4 0x10u
#define MMU_DESC_B 0x4u
#define MMU_DESC_C 0x8u
/* No ASIDs on ARMv5: every entry is global. */
#define MMU_DESC_SECTION_NG 0u
#define MMU_DESC_PAGE_NG 0u

static inline uint32_t mmu_desc_section(uint32_t pa, enum mmu_ap ap,
                                        enum mmu_mem mem, unsigned domain)
{
    uint32_t d = (pa & 0xFFF00000u) | ((uint32_t)ap << 10) |
                 ((uint32_t)(domain & 0xFu) << 5) | MMU_DESC_BIT4 | 0x2u;
    if (mem == MMU_MEM_NORMAL)
        d |= MMU_DESC_C | MMU_DESC_B;
    return d;
}

static inline uint32_t mmu_desc_coarse(uint32_t table_pa, unsigned domain)
{
    return (table_pa & 0xFFFFFC00u) | ((uint32_t)(domain & 0xFu) << 5) |
           MMU_DESC_BIT4 | 0x1u;
}

static inline uint32_t mmu_desc_small(uint32_t pa, enum mmu_ap ap,
                                      enum mmu_mem mem)
{
    uint32_t d = (pa & 0xFFFFF000u) | (((uint32_t)ap * 0x55u) << 4) | 0x2u;
    if (mem == MMU_MEM_NORMAL)
        d |= MMU_DESC_C | MMU_DESC_B;
    return d;
}

/* Whether a small-page descriptor (non-zero) maps normal memory. */
static inline bool mmu_desc_small_normal(uint32_t d)
{
    return (d & MMU_DESC_C) != 0u;
}

#endif /* ARM_MMU_DESC_H */
