/*
 * test_pl110_dma.c - pl110_dma_extent(): which memory the PL110 reads by
 * DMA for a snapshot of its registers (what the partitioning kernel checks
 * before every write to them, docs/memory.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bsp_dma.h"
#include "pl110.h"

/* A snapshot of a 320 x 240, 16 bpp panel as pl110_init() programs it. */
static void snap_qvga(uint32_t *snap, uint32_t upbase, uint32_t ctrl)
{
    for (unsigned i = 0; i < BSP_DMA_SHADOW_WORDS; i++)
        snap[i] = 0u;
    snap[PL110_TIMING0 / 4u] = ((320u / 16u - 1u) << PL110_T0_PPL_SHIFT) |
                               (5u << PL110_T0_HSW_SHIFT) |
                               (5u << PL110_T0_HFP_SHIFT) |
                               (5u << PL110_T0_HBP_SHIFT);
    snap[PL110_TIMING1 / 4u] = (239u << PL110_T1_LPP_SHIFT) |
                               (5u << PL110_T1_VFP_SHIFT) |
                               (5u << PL110_T1_VBP_SHIFT);
    snap[PL110_UPBASE / 4u] = upbase;
    snap[PL110_CONTROL / 4u] = ctrl;
}

#define CTRL_ON (PL110_CTRL_EN | PL110_CTRL_PWR | PL110_CTRL_BPP16 | \
                 PL110_CTRL_TFT)

static void test_disabled_reads_nothing(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x0u, CTRL_ON & ~PL110_CTRL_EN);
    assert_int_equal(pl110_dma_extent(snap, r), 0);
    /* Power alone does not start the DMA, LcdEn alone does (QEMU waits
     * for both; the silicon does not). */
    snap_qvga(snap, 0x0u, PL110_CTRL_EN | PL110_CTRL_BPP16);
    assert_int_equal(pl110_dma_extent(snap, r), 1);
}

static void test_qvga_frame(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x01300000u, CTRL_ON);
    snap[PL110_LPBASE / 4u] = 0x0u; /* single panel: not read */
    assert_int_equal(pl110_dma_extent(snap, r), 1);
    assert_int_equal(r[0].base, 0x01300000u);
    assert_int_equal(r[0].size, 320u * 240u * 2u);
}

static void test_unaligned_base_covers_both_readings(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x01300005u, CTRL_ON);
    assert_int_equal(pl110_dma_extent(snap, r), 1);
    assert_int_equal(r[0].base, 0x01300000u);        /* silicon: & ~7 */
    assert_int_equal(r[0].size, 320u * 240u * 2u + 5u); /* QEMU: exact */
}

static void test_dual_panel_adds_lpbase(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x01300000u, CTRL_ON | PL110_CTRL_DUAL);
    snap[PL110_LPBASE / 4u] = 0x01380000u;
    assert_int_equal(pl110_dma_extent(snap, r), 2);
    assert_int_equal(r[1].base, 0x01380000u);
    assert_int_equal(r[1].size, 320u * 240u * 2u);
}

static void test_bits_per_pixel(void **state)
{
    (void)state;
    /* LcdBpp 0..7: 1, 2, 4, 8, 16, 24 (in 32) bits; 6 and 7 (reserved on
     * the PL110, 16 bits in QEMU) count as 32. */
    static const uint32_t bits[8] = {1, 2, 4, 8, 16, 32, 32, 32};
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    for (uint32_t code = 0; code < 8u; code++) {
        snap_qvga(snap, 0x01300000u,
                  PL110_CTRL_EN | (code << PL110_CTRL_BPP_SHIFT));
        assert_int_equal(pl110_dma_extent(snap, r), 1);
        assert_int_equal(r[0].size, 320u * bits[code] / 8u * 240u);
    }
}

static void test_largest_frame_and_field_masks(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0x01000000u, PL110_CTRL_EN | PL110_CTRL_BPP32);
    /* All bits set: PPL and LPP take only their fields (1024 x 1024). */
    snap[PL110_TIMING0 / 4u] = 0xFFFFFFFFu;
    snap[PL110_TIMING1 / 4u] = 0xFFFFFFFFu;
    assert_int_equal(pl110_dma_extent(snap, r), 1);
    assert_int_equal(r[0].size, 1024u * 4u * 1024u);
}

static void test_wrapping_base_is_reported_as_is(void **state)
{
    (void)state;
    uint32_t snap[BSP_DMA_SHADOW_WORDS];
    struct bsp_dma_range r[BSP_DMA_MAX_RANGES];
    snap_qvga(snap, 0xFFFFFFF8u, CTRL_ON);
    assert_int_equal(pl110_dma_extent(snap, r), 1);
    /* base + size passes 2^32: the caller's check must see the wrap. */
    assert_int_equal(r[0].base, 0xFFFFFFF8u);
    assert_int_equal(r[0].size, 320u * 240u * 2u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disabled_reads_nothing),
        cmocka_unit_test(test_qvga_frame),
        cmocka_unit_test(test_unaligned_base_covers_both_readings),
        cmocka_unit_test(test_dual_panel_adds_lpbase),
        cmocka_unit_test(test_bits_per_pixel),
        cmocka_unit_test(test_largest_frame_and_field_masks),
        cmocka_unit_test(test_wrapping_base_is_reported_as_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
