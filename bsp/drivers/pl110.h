/*
 * pl110.h - ARM PrimeCell PL110 colour LCD controller, as on the Versatile
 * boards (QEMU -M versatilepb: CLCD at 0x10120000, IRQ 16), driven as a
 * single-panel TFT with 16 bits per pixel, RGB565, from a framebuffer in
 * RAM that the controller reads by DMA.
 *
 * Pixel format in memory: one little-endian uint16_t per pixel, red in
 * bits 15..11, green 10..5, blue 4..0 (what apps/media/jpeg.c writes);
 * row y starts at fb + y * width. On the Versatile boards the panel wiring
 * is also selected by the system register SYS_CLCD, outside the CLCD
 * block; pl110_init() gives RGB565 both with SYS_CLCD at its reset value
 * and after pl110_versatile_select_rgb565() (see pl110.c).
 *
 * The PL111 (QEMU -M vexpress-a9: CLCD at 0x10020000) has the same
 * registers in the same places, but its LcdBpp code 0b100 is 16 bpp
 * 1:5:5:5; RGB565 is code 0b110. pl110_init() tells the two apart by the
 * peripheral ID (part number 0x110 or 0x111) and programs the code that
 * gives RGB565 on each. Its DMA extent, where codes 0b110 and 0b111 are
 * 16 bits, is pl111_dma_extent() (pl111.h).
 *
 * The functions need the CLCD's registers mapped (device memory) and run
 * in any mode that can reach them: the kernel, or a partition that owns
 * the "display" device. A partitioning kernel maps the CLCD read-only for its
 * partition (the controller reads memory by DMA, which bypasses the MMU):
 * the partition then gives the driver a register-write function that asks
 * the kernel to make each write (pl110_set_reg_write()).
 */
#ifndef PL110_H
#define PL110_H

#include <stdint.h>

#include "../include/bsp_dma.h" /* also found from a partition's build */

/* Register offsets. The Versatile's PL110 has the control and interrupt
 * mask registers in the PL111's order (control at 0x18), unlike the
 * PrimeCell PL110 TRM; QEMU's "pl110_versatile" model does the same. */
#define PL110_TIMING0 0x000u /* horizontal: HBP, HFP, HSW, pixels per line */
#define PL110_TIMING1 0x004u /* vertical: VBP, VFP, VSW, lines per panel */
#define PL110_TIMING2 0x008u /* clock and signal polarity */
#define PL110_TIMING3 0x00Cu /* line end control */
#define PL110_UPBASE 0x010u  /* upper panel frame base address */
#define PL110_LPBASE 0x014u  /* lower panel frame base (dual panels) */
#define PL110_CONTROL 0x018u /* control (Versatile placement) */
#define PL110_IMSC 0x01Cu    /* interrupt mask (Versatile placement) */
#define PL110_RIS 0x020u     /* raw interrupt status */
#define PL110_ICR 0x028u     /* interrupt clear */
#define PL110_PERIPH_ID0 0xFE0u /* part number bits 7..0 */
#define PL110_PERIPH_ID1 0xFE4u /* bits 3..0: part number bits 11..8 */
#define PL110_PERIPH_ID_MASK 0xFFu
#define PL110_PART_HI_MASK 0xFu
#define PL110_PART_HI_SHIFT 8u
#define PL110_PART_PL111 0x111u

/* LCDControl bits. */
#define PL110_CTRL_EN (1u << 0)       /* start timing and DMA */
#define PL110_CTRL_BPP_SHIFT 1u       /* LcdBpp, 3 bits: log2(bits per pixel) */
#define PL110_CTRL_BPP_MASK (7u << 1)
#define PL110_CTRL_BPP16 (4u << 1)    /* LcdBpp = 0b100: 16 bits per pixel */
#define PL110_CTRL_BPP32 (5u << 1)    /* LcdBpp = 0b101: 24 bits in 32 */
#define PL110_CTRL_BPP16_565 (6u << 1) /* PL111 only: 0b110, 16 bpp 5:6:5 */
#define PL110_CTRL_TFT (1u << 5)      /* TFT panel (no grayscaler) */
#define PL110_CTRL_DUAL (1u << 7)     /* dual panel: LPBASE feeds the lower */
#define PL110_CTRL_BGR (1u << 8)      /* swap red and blue */
#define PL110_CTRL_PWR (1u << 11)     /* panel power, after EN */

/* LCDTiming0/1 field positions. */
#define PL110_T0_PPL_SHIFT 2u  /* (pixels per line / 16) - 1, 6 bits */
#define PL110_T0_PPL_MASK 0x3Fu
#define PL110_T0_HSW_SHIFT 8u  /* horizontal sync width - 1 */
#define PL110_T0_HFP_SHIFT 16u /* horizontal front porch - 1 */
#define PL110_T0_HBP_SHIFT 24u /* horizontal back porch - 1 */
#define PL110_T1_LPP_SHIFT 0u  /* lines per panel - 1, 10 bits */
#define PL110_T1_LPP_MASK 0x3FFu
#define PL110_T1_VSW_SHIFT 10u /* vertical sync width - 1 */
#define PL110_T1_VFP_SHIFT 16u /* vertical front porch */
#define PL110_T1_VBP_SHIFT 24u /* vertical back porch */
#define PL110_T2_CPL_SHIFT 16u /* clocks per line - 1 */
#define PL110_T2_IVS (1u << 11) /* invert vertical sync */
#define PL110_T2_IHS (1u << 12) /* invert horizontal sync */
#define PL110_T2_BCD (1u << 26) /* bypass the pixel clock divider */

/* Versatile system register SYS_CLCD (at sysreg base + 0x50): bits 1..0
 * select how the 16-bit PL110 output is wired to the panel; 0b11 gives
 * RGB565 with red in the top bits. */
#define PL110_SYS_CLCD_OFFSET 0x50u
#define PL110_SYS_CLCD_MUX_MASK 0x3u
#define PL110_SYS_CLCD_MUX_565 0x3u

/* Largest panel the driver programs (fields of Timing0/1). */
#define PL110_MAX_WIDTH 1024u
#define PL110_MAX_HEIGHT 1024u

/*
 * Programs the controller at base (a PL110 or a PL111) for a width x
 * height TFT panel, 16 bpp RGB565, showing the framebuffer fb (physical
 * address, 8-byte aligned, width * height * 2 bytes), and enables it.
 * width must be a multiple of 16 (the PL110 counts pixels per line in
 * 16s), both at most 1024.
 * Interrupts stay masked. The driver remembers base for the calls below
 * (one CLCD per board). Returns 0, or -1 for unsupported arguments
 * (nothing is written then).
 */
int pl110_init(uintptr_t base, const void *fb, unsigned width,
               unsigned height);

/* Shows another framebuffer (same size and format) on the controller set
 * up by pl110_init(), e.g. for double buffering: the controller picks the
 * new address up at the start of the next frame. */
void pl110_set_framebuffer(const void *fb);

/* Turns the panel and the controller's DMA off (after pl110_init()). */
void pl110_disable(void);

/* Writes value to the register at offset off of the CLCD. */
typedef void (*pl110_reg_write_fn)(uint32_t off, uint32_t value);

/* Makes every later register write of the functions above go through fn
 * instead of a store to the register (NULL: stores again). Reads stay
 * loads. A partition that owns the CLCD passes a function making the
 * PK_SVC_DEV_WRITE service call. */
void pl110_set_reg_write(pl110_reg_write_fn fn);

/*
 * The CLCD as a bus master (bsp_dma.h): from a snapshot of TIMING0,
 * TIMING1, UPBASE, LPBASE and CONTROL, the frame buffers the controller
 * reads while so programmed. Nothing while LcdEn is clear (the silicon's
 * DMA runs from LcdEn; QEMU's model also waits for LcdPwr). Otherwise the
 * upper panel's frame at UPBASE and, in dual-panel mode, the lower panel's
 * at LPBASE, each (pixels per line from TIMING0) x (lines per panel from
 * TIMING1) x (bits per pixel from CONTROL's LcdBpp; the reserved codes 6
 * and 7, 16 bits on a PL111 and in QEMU, count as 32; for a PL111 use
 * pl111_dma_extent()) / 8 bytes. A range starts at the base with bits 2:0
 * cleared (the silicon fetches doublewords) and ends at base + frame size
 * (QEMU reads from the exact base), so it covers both.
 */
unsigned pl110_dma_extent(const uint32_t *snap, struct bsp_dma_range *out);

/*
 * The common part of pl110_dma_extent() and pl111_dma_extent(): the same,
 * with bits[code] bits per pixel for LcdBpp = code (8 entries). Inline, so
 * that either driver links without the other.
 */
static inline unsigned pl110_dma_extent_bpp(const uint32_t *snap,
                                            struct bsp_dma_range *out,
                                            const uint8_t *bits)
{
    uint32_t ctrl = snap[PL110_CONTROL / 4u];
    if ((ctrl & PL110_CTRL_EN) == 0u)
        return 0u;
    uint32_t ppl = (((snap[PL110_TIMING0 / 4u] >> PL110_T0_PPL_SHIFT) &
                     PL110_T0_PPL_MASK) + 1u) * 16u;
    uint32_t lines = ((snap[PL110_TIMING1 / 4u] >> PL110_T1_LPP_SHIFT) &
                      PL110_T1_LPP_MASK) + 1u;
    uint32_t bpp = bits[(ctrl & PL110_CTRL_BPP_MASK) >> PL110_CTRL_BPP_SHIFT];
    /* At most 1024 x 1024 x 4 bytes: no overflow. */
    uint32_t frame = ppl * bpp / 8u * lines;
    /* Each frame widened to cover both readings of its base's low bits:
     * from the base with bits 2:0 cleared to base + frame. */
    uint32_t up = snap[PL110_UPBASE / 4u];
    unsigned n = 0u;
    out[n].base = up & ~7u;
    out[n].size = frame + (up & 7u);
    n++;
    if ((ctrl & PL110_CTRL_DUAL) != 0u) {
        uint32_t lp = snap[PL110_LPBASE / 4u];
        out[n].base = lp & ~7u;
        out[n].size = frame + (lp & 7u);
        n++;
    }
    return n;
}

/* Stops the controller's DMA: panel power off, then LcdEn clear (the
 * TRM's power-down order). regs: the CLCD's registers, writable by the
 * caller. */
void pl110_dma_quiesce(uintptr_t regs);

/* Versatile boards only, optional: sets SYS_CLCD's mux to RGB565 (red in
 * bits 15..11), the documented setting for a 5:6:5 panel. sysreg_base is
 * the system register block (0x10000000 on versatilepb). Kept apart from
 * pl110_init() because the system registers are the kernel's, not part of
 * the CLCD device a partition may own. */
void pl110_versatile_select_rgb565(uintptr_t sysreg_base);

#endif /* PL110_H */
