/*
 * bsp_dma.h - how an IP driver describes the memory its device reads or
 * writes by itself (a bus master: DMA bypasses the MMU).
 *
 * A driver of a bus-master IP block provides two functions, named
 * <driver>_dma_extent and <driver>_dma_quiesce, of the types below. The
 * board description (bsp/<board>/board.toml, "dma" of a device) names the
 * driver and the registers the extent depends on; the partitioning kernel
 * keeps a shadow of those registers for a device it assigned to a
 * partition and asks the extent function, before every write to one of
 * them, which memory the device would then transfer (docs/memory.md).
 *
 * Both functions are pure or touch only the device: they run in the
 * kernel and may also be linked into a partition.
 */
#ifndef BSP_DMA_H
#define BSP_DMA_H

#include <stdint.h>

/* Registers a snapshot covers: offsets 0x00 .. 4 * BSP_DMA_SHADOW_WORDS - 4
 * from the device's register block. */
#define BSP_DMA_SHADOW_WORDS 16u
/* Most transfer ranges an extent function reports. */
#define BSP_DMA_MAX_RANGES 4u

/* One range of memory the device may read or write: [base, base + size).
 * base + size may exceed 2^32 (a wrapping range): callers compare without
 * overflow. */
struct bsp_dma_range {
    uint32_t base; /* first byte */
    uint32_t size; /* bytes, > 0 */
};

/*
 * From a snapshot of the device's registers (snap[off / 4] = the value of
 * the register at offset off, BSP_DMA_SHADOW_WORDS words; registers the
 * description does not list read as 0), fills out[] with every range the
 * device transfers while so programmed and returns how many (0 when its
 * DMA is off). At most BSP_DMA_MAX_RANGES. A range must cover what any
 * implementation of the IP block may touch (the silicon and QEMU's model).
 */
typedef unsigned (*bsp_dma_extent_fn)(const uint32_t *snap,
                                      struct bsp_dma_range *out);

/* Stops the device's DMA; regs is the register block at an address the
 * caller can write. */
typedef void (*bsp_dma_quiesce_fn)(uintptr_t regs);

#endif /* BSP_DMA_H */
