/*
 * player_fb32.c - the player's display backend for a linear frame buffer of
 * 32 bits per pixel, pixel word 0x00BBGGRR (red in bits 7..0): the
 * Raspberry Pi's, which the board's start-up asks the VideoCore firmware
 * for (bsp/raspi0/raspi.c; board.toml's display, model "BCM2835-FB").
 *
 * The screen is FB32_WIDTH x FB32_HEIGHT with rows FB32_PITCH bytes apart,
 * at PK_DEVICE_DISPLAY_REGS, mapped into the partition's user range as
 * device memory (uncached, word stores only). It is a single buffer that
 * the display scans out continuously, so the decoded RGB565 frame is first
 * converted into a 32-bit back buffer in the partition's memory (prepare,
 * before the presentation time) and then copied word by word to the centre
 * of the screen (show): 240 rows of 1280 bytes, about a third of a
 * millisecond under QEMU's 4 ns per instruction, where the conversion
 * takes several.
 */
#include "player_display.h"

#ifdef PK_DEVICE_DISPLAY_MODEL_BCM2835_FB
#include <stddef.h>

/* The screen bsp/raspi0 sets up (BOARD_FB_WIDTH, BOARD_FB_HEIGHT). */
#ifndef FB32_WIDTH
#define FB32_WIDTH 640u
#define FB32_HEIGHT 480u
#endif
#define FB32_PITCH_WORDS FB32_WIDTH
/* The frame's place on the screen: centred. */
#define FB32_X0 ((FB32_WIDTH - PLAYER_W) / 2u)
#define FB32_Y0 ((FB32_HEIGHT - PLAYER_H) / 2u)

_Static_assert(PLAYER_W <= FB32_WIDTH && PLAYER_H <= FB32_HEIGHT,
               "the frame must fit the screen");

/* RGB565 fields and their widening to 8 bits (the top bits repeated in
 * the new low bits, so that full scale stays full scale). */
#define RGB565_R_SHIFT 11u
#define RGB565_G_SHIFT 5u
#define RGB565_R_MASK 0x1Fu
#define RGB565_G_MASK 0x3Fu
#define RGB565_B_MASK 0x1Fu
#define FB32_G_SHIFT 8u
#define FB32_B_SHIFT 16u

/* The prepared frame, in the screen's pixel format. */
static uint32_t fb32_back[PLAYER_H][PLAYER_W] __attribute__((aligned(8)));

static inline uint32_t widen5(uint32_t v)
{
    return (v << 3) | (v >> 2);
}

static inline uint32_t widen6(uint32_t v)
{
    return (v << 2) | (v >> 4);
}

static volatile uint32_t *fb32_screen(void)
{
    return (volatile uint32_t *)(uintptr_t)PK_DEVICE_DISPLAY_REGS;
}

int player_display_init(const uint16_t *fb)
{
    volatile uint32_t *screen = fb32_screen();
    for (size_t i = 0u; i < (size_t)FB32_PITCH_WORDS * FB32_HEIGHT; i++)
        screen[i] = 0u;
    player_display_prepare(fb);
    player_display_show(fb);
    return 0;
}

void player_display_prepare(const uint16_t *fb)
{
    for (unsigned y = 0u; y < PLAYER_H; y++) {
        const uint16_t *src = &fb[y * PLAYER_W];
        uint32_t *dst = fb32_back[y];
        for (unsigned x = 0u; x < PLAYER_W; x++) {
            uint32_t p = src[x];
            dst[x] = widen5((p >> RGB565_R_SHIFT) & RGB565_R_MASK) |
                     widen6((p >> RGB565_G_SHIFT) & RGB565_G_MASK)
                         << FB32_G_SHIFT |
                     widen5(p & RGB565_B_MASK) << FB32_B_SHIFT;
        }
    }
}

/* Copies one row of PLAYER_W words to the screen in groups of
 * FB32_COPY_WORDS, each a structure copy, which the compiler makes
 * load-multiple / store-multiple pairs (word aligned on both sides, as
 * device memory needs): about one instruction per word, where a volatile
 * word-by-word loop takes three. The stores need no volatile: the screen
 * is read by the display, never by this program, and every store reaches
 * memory before the function returns. */
#define FB32_COPY_WORDS 8u
_Static_assert(PLAYER_W % FB32_COPY_WORDS == 0u,
               "a row is a whole number of copy groups");

struct fb32_group {
    uint32_t w[FB32_COPY_WORDS]; /* consecutive pixels */
};

static void fb32_copy_row(struct fb32_group *dst, const struct fb32_group *src)
{
    for (unsigned i = 0u; i < PLAYER_W / FB32_COPY_WORDS; i++)
        dst[i] = src[i];
}

void player_display_show(const uint16_t *fb)
{
    (void)fb;
    uint32_t *screen = (uint32_t *)(uintptr_t)PK_DEVICE_DISPLAY_REGS;
    for (unsigned y = 0u; y < PLAYER_H; y++)
        fb32_copy_row(
            (struct fb32_group *)&screen[(FB32_Y0 + y) * FB32_PITCH_WORDS +
                                         FB32_X0],
            (const struct fb32_group *)fb32_back[y]);
}
#endif /* PK_DEVICE_DISPLAY_MODEL_BCM2835_FB */
