/*
 * pl110.c - PL110 colour LCD controller: one TFT panel, 16 bpp RGB565.
 * See pl110.h for the pixel format and the Versatile specifics.
 */
#include "pl110.h"

#include <stddef.h>

/* The controller set up by pl110_init(); 0 before. */
static uintptr_t pl110_base;
/* Who writes the registers: NULL for plain stores (pl110_set_reg_write). */
static pl110_reg_write_fn pl110_writer;

static inline void mmio_write(uintptr_t base, uint32_t off, uint32_t value)
{
    *(volatile uint32_t *)(base + off) = value;
}

static inline void reg_write(uintptr_t base, uint32_t off, uint32_t value)
{
    if (pl110_writer != NULL)
        pl110_writer(off, value);
    else
        mmio_write(base, off, value);
}

static inline uint32_t reg_read(uintptr_t base, uint32_t off)
{
    return *(volatile uint32_t *)(base + off);
}

int pl110_init(uintptr_t base, const void *fb, unsigned width,
               unsigned height)
{
    uintptr_t addr = (uintptr_t)fb;
    if (width < 16 || width > PL110_MAX_WIDTH || (width & 15) != 0 ||
        height < 1 || height > PL110_MAX_HEIGHT || (addr & 7) != 0)
        return -1;

    /* Disable before reprogramming: the timing registers must not change
     * while the controller scans out. Power goes off before enable
     * (the TRM's power-down order). */
    uint32_t ctrl = reg_read(base, PL110_CONTROL);
    reg_write(base, PL110_CONTROL, ctrl & ~PL110_CTRL_PWR);
    reg_write(base, PL110_CONTROL, ctrl & ~(PL110_CTRL_PWR | PL110_CTRL_EN));

    /* QVGA TFT timing: sync widths and porches of a typical 320 x 240
     * panel (QEMU uses only the size fields). */
    const uint32_t hsw = 6, hfp = 6, hbp = 6, vsw = 1, vfp = 5, vbp = 5;
    reg_write(base, PL110_TIMING0,
              ((width / 16 - 1) << PL110_T0_PPL_SHIFT) |
                  ((hsw - 1) << PL110_T0_HSW_SHIFT) |
                  ((hfp - 1) << PL110_T0_HFP_SHIFT) |
                  ((hbp - 1) << PL110_T0_HBP_SHIFT));
    reg_write(base, PL110_TIMING1,
              ((height - 1) << PL110_T1_LPP_SHIFT) |
                  ((vsw - 1) << PL110_T1_VSW_SHIFT) |
                  (vfp << PL110_T1_VFP_SHIFT) | (vbp << PL110_T1_VBP_SHIFT));
    /* One pixel per clock on a TFT: CPL = width - 1, pixel clock
     * undivided, active-low syncs. */
    reg_write(base, PL110_TIMING2,
              ((width - 1) << PL110_T2_CPL_SHIFT) | PL110_T2_BCD |
                  PL110_T2_IVS | PL110_T2_IHS);
    reg_write(base, PL110_TIMING3, 0);

    reg_write(base, PL110_UPBASE, (uint32_t)addr);
    reg_write(base, PL110_LPBASE, 0);
    reg_write(base, PL110_IMSC, 0);

    /* A PL111 reads LcdBpp 0b100 as 1:5:5:5; its RGB565 is 0b110 (a
     * reserved code on the PL110). */
    uint32_t part = (reg_read(base, PL110_PERIPH_ID0) & PL110_PERIPH_ID_MASK) |
                    ((reg_read(base, PL110_PERIPH_ID1) & PL110_PART_HI_MASK)
                     << PL110_PART_HI_SHIFT);
    uint32_t bpp = part == PL110_PART_PL111 ? PL110_CTRL_BPP16_565
                                             : PL110_CTRL_BPP16;

    /* Enable first, then power the panel (TRM power-up sequence). BGR:
     * with SYS_CLCD's mux at its reset value the Versatile wires the
     * 16-bit output as B-G-R 5:6:5, and the BGR bit turns that into
     * memory RGB565 with red high; with the mux at 0b11
     * (pl110_versatile_select_rgb565()) the bit is ignored. Either way
     * RGB565 shows right (checked under QEMU 7.2 by screen dumps), so a
     * partition that owns only the CLCD needs no system register. The
     * PL111 (no mux) also needs BGR for red in the top bits (checked the
     * same way on vexpress-a9). */
    ctrl = bpp | PL110_CTRL_TFT | PL110_CTRL_BGR | PL110_CTRL_EN;
    reg_write(base, PL110_CONTROL, ctrl);
    reg_write(base, PL110_CONTROL, ctrl | PL110_CTRL_PWR);
    pl110_base = base;
    return 0;
}

void pl110_set_framebuffer(const void *fb)
{
    if (pl110_base)
        reg_write(pl110_base, PL110_UPBASE, (uint32_t)(uintptr_t)fb);
}

void pl110_disable(void)
{
    if (!pl110_base)
        return;
    uint32_t ctrl = reg_read(pl110_base, PL110_CONTROL);
    reg_write(pl110_base, PL110_CONTROL, ctrl & ~PL110_CTRL_PWR);
    reg_write(pl110_base, PL110_CONTROL,
              ctrl & ~(PL110_CTRL_PWR | PL110_CTRL_EN));
}

void pl110_set_reg_write(pl110_reg_write_fn fn)
{
    pl110_writer = fn;
}

unsigned pl110_dma_extent(const uint32_t *snap, struct bsp_dma_range *out)
{
    /* Bits per pixel for each LcdBpp code; 6 and 7 are reserved on the
     * PL110 and count as the widest. */
    static const uint8_t bits[8] = {1u, 2u, 4u, 8u, 16u, 32u, 32u, 32u};
    return pl110_dma_extent_bpp(snap, out, bits);
}

void pl110_dma_quiesce(uintptr_t regs)
{
    uint32_t ctrl = reg_read(regs, PL110_CONTROL);
    mmio_write(regs, PL110_CONTROL, ctrl & ~PL110_CTRL_PWR);
    mmio_write(regs, PL110_CONTROL, ctrl & ~(PL110_CTRL_PWR | PL110_CTRL_EN));
}

void pl110_versatile_select_rgb565(uintptr_t sysreg_base)
{
    uint32_t v = reg_read(sysreg_base, PL110_SYS_CLCD_OFFSET);
    v = (v & ~PL110_SYS_CLCD_MUX_MASK) | PL110_SYS_CLCD_MUX_565;
    mmio_write(sysreg_base, PL110_SYS_CLCD_OFFSET, v);
}
