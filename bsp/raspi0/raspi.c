/*
 * raspi.c - the two things of the Raspberry Pi Zero / 1 that are not a
 * role over a shared driver: the frame buffer the VideoCore firmware
 * allocates at start-up, and the end of a run on the hardware, where there
 * is no semihosting host to report the status to.
 */
#include <stdint.h>

#include "board.h"
#include "bcm2835_mbox.h"
#include "bsp.h"
#include "cpu.h"

/* The property buffer: 16-byte aligned, in RAM at its physical address. */
static volatile uint32_t fb_buf[BCM2835_MBOX_FB_BUF_WORDS]
    __attribute__((aligned(BCM2835_MBOX_BUF_ALIGN)));

/* What the VideoCore granted (zero if the call failed). */
static struct bcm2835_fb fb_granted;

/* Nonzero once the start-up found the frame buffer where board.toml says
 * the display device is. */
int raspi_fb_ok;

/*
 * Called by bsp_init before the MMU is on: the mailbox at its physical
 * address, and the property buffer in memory the VideoCore reads directly
 * (no data cache is on yet, so nothing needs cleaning). The display device
 * that a partitioned system assigns (board.toml) is the page range of this
 * buffer; a firmware that puts it elsewhere is reported at the first
 * console line (raspi_fb_report) and the display is not usable.
 */
void raspi_fb_setup(void)
{
    if (bcm2835_mbox_fb_init(BOARD_MBOX_PHYS, fb_buf, BOARD_FB_WIDTH,
                             BOARD_FB_HEIGHT, &fb_granted) != 0)
        return;
    raspi_fb_ok = fb_granted.phys == BOARD_FB_PHYS &&
                  fb_granted.size <= BOARD_FB_SIZE &&
                  fb_granted.width == BOARD_FB_WIDTH &&
                  fb_granted.height == BOARD_FB_HEIGHT &&
                  fb_granted.pitch == BOARD_FB_WIDTH * BCM2835_MBOX_FB_BPP / 8u;
}

/* Called by bsp_init once the console works: a frame buffer that is not
 * the one board.toml describes is said once (the kernel would give a
 * partition pages that are not the screen). */
void raspi_fb_report(void)
{
    static const char msg[] = "raspi: frame buffer not at board.toml's display\n";
    if (!raspi_fb_ok)
        bsp_console_write(msg, sizeof msg - 1u);
}

#if defined(BOARD_HW) && BOARD_HW
/* The status as text, then the CPU halted with interrupts masked: WFI with
 * IRQ and FIQ masked still waits, and nothing is enabled to wake it. */
void raspi_halt(int status)
{
    static const char msg[] = "raspi: halted, exit status ";
    char digits[4];
    unsigned n = 0u;
    unsigned v = (unsigned)status;
    bsp_console_write(msg, sizeof msg - 1u);
    do {
        digits[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u && n < sizeof digits);
    while (n > 0u)
        bsp_console_putc(digits[--n]);
    bsp_console_write("\n", 1u);
    cpu_irq_disable();
    for (;;)
        cpu_wfi();
}
#endif
