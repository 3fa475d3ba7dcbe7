/* pl111.c - PL111 colour LCD controller: DMA extent and quiesce. */
#include "pl111.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

unsigned pl111_dma_extent(const uint32_t *snap, struct bsp_dma_range *out)
{
    /* Bits per pixel for each LcdBpp code (PL111 TRM: 0b100 1:5:5:5,
     * 0b110 5:6:5, 0b111 4:4:4, each in 16 bits). */
    static const uint8_t bits[8] = {1u, 2u, 4u, 8u, 16u, 32u, 16u, 16u};
    return pl110_dma_extent_bpp(snap, out, bits);
}

void pl111_dma_quiesce(uintptr_t regs)
{
    uint32_t ctrl = REG(regs, PL110_CONTROL);
    REG(regs, PL110_CONTROL) = ctrl & ~PL110_CTRL_PWR;
    REG(regs, PL110_CONTROL) = ctrl & ~(PL110_CTRL_PWR | PL110_CTRL_EN);
}
