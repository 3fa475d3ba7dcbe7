/*
 * lcd_test.c - target check of the PL110 driver (bsp/drivers/pl110.c) with
 * the decoder: driven over UART0 by tests/tools/test_media_target.py,
 * which takes QEMU screen dumps through the monitor.
 *
 *   1. shows framebuffer A: eight colour bars over the top half, a ramp
 *      over the bottom half (red by x, green falling with x, blue by y),
 *      prints "lcd: A <24 MHz counter>" and waits for a byte;
 *   2. on 'n': decodes clip frame 0 into framebuffer B, sets SYS_CLCD's
 *      mux to RGB565, switches to B with pl110_set_framebuffer(), prints
 *      "lcd: B <counter>", waits;
 *   3. on 'q': exits with status 0 (semihosting). A decode error exits 1.
 * The picture stays still while the program waits, so each dump shows
 * exactly one of the two framebuffers whenever it is taken.
 */
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "clip.h"
#include "jpeg.h"
#include "pl011.h"
#include "pl110.h"
#include "semihost.h"

#define LCD_W 320u
#define LCD_H 240u

/* The MMU stays off here: devices at their physical addresses. */
#define UART0 BOARD_UART0_PHYS
#define CLCD BOARD_CLCD_PHYS
#define SYSREG BOARD_SYSREG_PHYS
#define SYS_24MHZ (SYSREG + (BOARD_SYS_24MHZ - BOARD_SYSREG_BASE))

extern const uint8_t clip_data[], clip_data_end[];

static uint16_t fb_a[LCD_W * LCD_H] __attribute__((aligned(8)));
static uint16_t fb_b[LCD_W * LCD_H] __attribute__((aligned(8)));
static struct jpeg_decoder dec;

/* The bar colours, left to right, in RGB565. */
static const uint16_t bars[8] = {0xF800, 0x07E0, 0x001F, 0xFFFF,
                                 0xFFE0, 0x07FF, 0xF81F, 0x0000};

static void put_str(const char *s)
{
    for (; *s; s++)
        pl011_putc(UART0, *s);
}

static void put_uint(uint32_t v)
{
    char buf[12];
    int i = 11;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put_str(buf + i);
}

static int wait_byte(void)
{
    int c;
    while ((c = pl011_getc(UART0)) < 0)
        ;
    return c;
}

static uint32_t counter(void)
{
    return *(volatile uint32_t *)SYS_24MHZ;
}

static void draw_pattern(uint16_t *fb)
{
    for (unsigned y = 0; y < LCD_H; y++)
        for (unsigned x = 0; x < LCD_W; x++) {
            uint16_t v;
            if (y < LCD_H / 2) {
                v = bars[x / (LCD_W / 8)];
            } else {
                unsigned r = x * 32 / LCD_W, g = 63 - x * 64 / LCD_W;
                unsigned b = (y - LCD_H / 2) * 32 / (LCD_H / 2);
                v = (uint16_t)((r << 11) | (g << 5) | b);
            }
            fb[y * LCD_W + x] = v;
        }
}

void target_main(void);

void target_main(void)
{
    pl011_init(UART0);
    draw_pattern(fb_a);
    /* SYS_CLCD stays at its reset value here, as in a partition that owns
     * only the CLCD. */
    if (pl110_init(CLCD, fb_a, LCD_W, LCD_H) != 0) {
        put_str("lcd: FAIL init\n");
        semihost_exit(1);
    }
    put_str("lcd: A ");
    put_uint(counter());
    put_str("\n");

    for (;;) {
        int c = wait_byte();
        if (c == 'q')
            semihost_exit(0);
        if (c != 'n')
            continue;
        struct clip_info clip;
        const uint8_t *p;
        size_t len;
        if (clip_open(&clip, clip_data,
                      (size_t)(clip_data_end - clip_data)) != 0) {
            put_str("lcd: FAIL clip\n");
            semihost_exit(1);
        }
        clip_frame(&clip, 0, &p, &len);
        jpeg_init(&dec);
        int err = jpeg_decode(&dec, p, len, fb_b, LCD_W, LCD_W, LCD_H);
        if (err) {
            put_str("lcd: FAIL decode ");
            put_str(jpeg_strerror(err));
            put_str("\n");
            semihost_exit(1);
        }
        /* The kernel's optional mux setting must keep the colours. */
        pl110_versatile_select_rgb565(SYSREG);
        pl110_set_framebuffer(fb_b);
        put_str("lcd: B ");
        put_uint(counter());
        put_str("\n");
    }
}
