/*
 * test_pl111_dma.c - pl111_dma_extent(): which memory the PL111 reads by
 * DMA for a snapshot of its registers. The PL110's rules (pl110.h), with
 * the PL111's pixel sizes: LcdBpp 0b110 (5:6:5, what pl110_init() selects
 * on a PL111) and 0b111 (4:4:4) are 16 bits per pixel, where the PL110's
 * extent counts 32.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bsp_dma.h"
#include "pl111.h"

#define QVGA_W 320u
#define QVGA_H 240u

/* A snapshot of a 320 x 240 panel with the given control word. */
static void snap_qvga(uint32_t *snap, uint32_t upbase, uint32_t ctrl)
{
    for (unsigned i = 0; i < BSP_DMA_SHADOW_WORDS; i++)
        snap[i] = 0u;
    snap[PL110_TIMING0 / 4u] = (QVGA_W / 16u - 1u) << PL110_T0_PPL_SHIFT;
    snap[PL110_TIMING1 / 4u] = (QVGA_H - 1u) << PL110_T1_LPP_SHIFT;
    snap[PL110_UPBASE / 4u] = upbase;
    snap[PL110_CONTROL / 4u] = ctrl;
}

#define CTRL_ON (PL110_CTRL_EN | PL110_CTRL_PWR | PL110_CTRL_TFT)
#define BPP(code) ((uint32_t)(code) << PL110_CTRL_BPP_SHIFT)

static void test_disabled_reads_nothing(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x61300000u, PL110_CTRL_PWR | PL110_CTRL_BPP16_565);
    assert_int_equal(pl111_dma_extent(snap, r), 0);
}

static void test_rgb565_is_16_bits(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x61300000u, CTRL_ON | PL110_CTRL_BPP16_565);
    assert_int_equal(pl111_dma_extent(snap, r), 1);
    assert_int_equal(r[0].base, 0x61300000u);
    assert_int_equal(r[0].size, QVGA_W * QVGA_H * 2u);
    /* The PL110's extent counts the same code as 32 bits: a PL111 must
     * not be described with it only by accident of the larger size. */
    assert_int_equal(pl110_dma_extent(snap, r), 1);
    assert_int_equal(r[0].size, QVGA_W * QVGA_H * 4u);
}

static void test_every_code(void **state)
{
    (void)state;
    /* LcdBpp 0..7: 1, 2, 4, 8, 16, 24 (in 32), 16 and 16 bits. */
    static const uint32_t bits[8] = {1u, 2u, 4u, 8u, 16u, 32u, 16u, 16u};
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    for (unsigned code = 0; code < 8u; code++) {
        snap_qvga(snap, 0x61300000u, CTRL_ON | BPP(code));
        assert_int_equal(pl111_dma_extent(snap, r), 1);
        assert_int_equal(r[0].size, QVGA_W * QVGA_H * bits[code] / 8u);
    }
}

static void test_dual_panel_and_unaligned(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x61300004u,
              CTRL_ON | PL110_CTRL_BPP16_565 | PL110_CTRL_DUAL);
    snap[PL110_LPBASE / 4u] = 0x61340000u;
    assert_int_equal(pl111_dma_extent(snap, r), 2);
    /* From the base with bits 2:0 cleared to base + frame. */
    assert_int_equal(r[0].base, 0x61300000u);
    assert_int_equal(r[0].size, QVGA_W * QVGA_H * 2u + 4u);
    assert_int_equal(r[1].base, 0x61340000u);
    assert_int_equal(r[1].size, QVGA_W * QVGA_H * 2u);
}

static void test_largest_frame(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x60800000u, CTRL_ON | BPP(5u));
    snap[PL110_TIMING0 / 4u] = PL110_T0_PPL_MASK << PL110_T0_PPL_SHIFT;
    snap[PL110_TIMING1 / 4u] = PL110_T1_LPP_MASK << PL110_T1_LPP_SHIFT;
    assert_int_equal(pl111_dma_extent(snap, r), 1);
    assert_int_equal(r[0].size, PL110_MAX_WIDTH * PL110_MAX_HEIGHT * 4u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disabled_reads_nothing),
        cmocka_unit_test(test_rgb565_is_16_bits),
        cmocka_unit_test(test_every_code),
        cmocka_unit_test(test_dual_panel_and_unaligned),
        cmocka_unit_test(test_largest_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
