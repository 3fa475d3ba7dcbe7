/*
 * pl111.h - ARM PrimeCell PL111 colour LCD controller as a bus master
 * (QEMU -M vexpress-a9: CLCD at 0x10020000). Its registers are
 * the PL110's in the Versatile placement (CONTROL at 0x18), so pl110.h
 * programs it: pl110_init() recognises a PL111 and selects its RGB565
 * code. What differs is the DMA extent: on the PL111 LcdBpp 0b110 (5:6:5)
 * and 0b111 (4:4:4) are 16 bits per pixel, which the PL110's extent
 * counts as 32. A board with a PL111 names "pl111" as the CLCD's dma
 * driver.
 */
#ifndef PL111_H
#define PL111_H

#include <stdint.h>

#include "pl110.h"

/* pl110_dma_extent() with the PL111's pixel sizes: LcdBpp 0..7 give 1, 2,
 * 4, 8, 16, 24 (in 32), 16 and 16 bits per pixel. */
unsigned pl111_dma_extent(const uint32_t *snap, struct bsp_dma_range *out);

/* Stops the controller's DMA as pl110_dma_quiesce() does: panel power
 * off, then LcdEn clear. regs: the CLCD's registers, writable by the
 * caller. */
void pl111_dma_quiesce(uintptr_t regs);

#endif /* PL111_H */
