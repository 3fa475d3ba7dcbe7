/*
 * board.h - memory map, interrupt numbers and clocks of the Raspberry Pi
 * Zero (BCM2835, ARM1176JZF-S; QEMU -M raspi0, and the real board booted by
 * the VideoCore firmware). bsp/raspi1ap/board.h reuses it for the Pi 1 A+.
 *
 *   0xFFFFFFFF +----------------------------+
 *              |         (unused)           |
 *   0xF1000000 +----------------------------+
 *              | kernel alias of the device |  BOARD_DEV_KVA: the kernel's
 *              | window (privileged-only)   |  only view of the devices
 *   0xF0000000 +----------------------------+
 *              |         (unused)           |
 *   0x21000000 +----------------------------+
 *              | 0x20201000 PL011 UART0     |  GPU IRQ 57, header pins 8/10
 *              | 0x20200000 GPIO            |  probe pins (bcm2835_gpio.h)
 *              | 0x2000B880 mailbox         |  frame buffer set-up
 *              | 0x2000B200 interrupt ctrl  |
 *              | 0x20003000 system timer    |  1 MHz CLO; C1 system one-shot
 *              |                            |  (IRQ 1), C3 aux (IRQ 3);
 *              |                            |  C0, C2 are the VideoCore's
 *   0x20000000 +----------------------------+  devices (physical); unmapped
 *              | VideoCore memory (64 MiB): |  addresses abort on this SoC
 *              | 0x1C100000 frame buffer    |  the display device (board.toml)
 *   0x1C000000 +----------------------------+
 *              |  RAM for the ARM (448 MiB) |
 *   0x01000000 +- - - - - - - - - - - - - -+  end of the kernel's range
 *              |  image linked at 0x8000:   |
 *              |  vectors (VBAR), text,     |
 *              |  data, bss, mode stacks,   |
 *              |  newlib arena              |
 *   0x00008000 +- - - - - - - - - - - - - -+
 *              |  firmware's ATAGs / DTB    |
 *   0x00000000 +----------------------------+
 *
 * The ARM/VideoCore split is the firmware's default for a 512 MiB Pi Zero
 * (gpu_mem=64), and QEMU 7.2 puts its VideoCore memory at the same place.
 * Register offsets inside each block live in the driver headers
 * (bsp/drivers/<ip>.h); this file says only where the blocks are.
 */
#ifndef BOARD_RASPI0_H
#define BOARD_RASPI0_H

/* RAM the ARM owns (no suffix: the linker script uses it). */
#define BOARD_RAM_BASE 0x00000000
#define BOARD_RAM_SIZE 0x1C000000 /* 448 MiB */

/* The image is linked at 0x8000, where the firmware loads kernel.img (and
 * QEMU's ELF loader places it); the vectors are reached through VBAR. The
 * partitioning kernel's own range (board.toml kernel_base, kernel_size) is
 * the first 16 MiB, which includes the firmware's page below the image. */
#define BOARD_LINK_ADDR 0x00008000
#define BOARD_KERNEL_BASE 0x00000000
#define BOARD_KERNEL_SIZE 0x01000000

/* Peripheral window: physical addresses of the device blocks (bus
 * addresses 0x7E000000.. as the Broadcom documentation names them). */
#define BOARD_DEV_BASE 0x20000000u
#define BOARD_DEV_SIZE 0x01000000u

/*
 * The kernel (and a native system) reaches every device through an alias of
 * the peripheral window at BOARD_DEV_KVA, privileged-only. The identity
 * addresses are left unmapped, so that a partitioned system can be given
 * pages of its own (docs/memory.md).
 */
#define BOARD_DEV_KVA 0xF0000000u
#define BOARD_KVA(pa) ((pa) - BOARD_DEV_BASE + BOARD_DEV_KVA)

/* Physical addresses of the IP blocks. */
#define BOARD_ST_PHYS 0x20003000u    /* system timer */
#define BOARD_INTC_PHYS 0x2000B200u  /* ARM interrupt controller */
#define BOARD_MBOX_PHYS 0x2000B880u  /* VideoCore mailbox */
#define BOARD_GPIO_PHYS 0x20200000u  /* GPIO */
#define BOARD_UART0_PHYS 0x20201000u /* PL011 */

/* Kernel addresses of the IP blocks (valid once bsp_init has turned the
 * MMU on; the frame buffer is set up before, at the physical ones). */
#define BOARD_ST_BASE BOARD_KVA(BOARD_ST_PHYS)
#define BOARD_INTC_BASE BOARD_KVA(BOARD_INTC_PHYS)
#define BOARD_GPIO_BASE BOARD_KVA(BOARD_GPIO_PHYS)
#define BOARD_UART0_BASE BOARD_KVA(BOARD_UART0_PHYS)

/* Clocks. The UART clock is the one the firmware gives the PL011 (its
 * init_uart_clock default of 48 MHz); QEMU ignores the divisors. */
#define BOARD_COUNTER_HZ 1000000u /* system timer CLO */
#define BOARD_UART_CLOCK_HZ 48000000u
#define BOARD_CONSOLE_BAUD 115200u
/* UART0's lines: TXD0 on GPIO 14 (header pin 8), RXD0 on GPIO 15 (pin 10),
 * both alternate function 0. */
#define BOARD_UART0_TXD_LINE 14u
#define BOARD_UART0_RXD_LINE 15u

/* Interrupt sources (bcm2835_intc.h numbering). */
#define BOARD_IRQ_ST_C1 1u
#define BOARD_IRQ_ST_C3 3u
#define BOARD_IRQ_UART0 57u

/* The frame buffer the board's start-up asks the VideoCore for (the
 * display device of board.toml, which must match its address and size). */
#define BOARD_FB_WIDTH 640u
#define BOARD_FB_HEIGHT 480u
#define BOARD_FB_PHYS 0x1C100000u
#define BOARD_FB_SIZE 0x0012C000u /* 640 x 480 x 4 bytes */

/* Stack sizes of the exception modes, in bytes (linker script). */
#define BOARD_STACK_SVC 0x2000
#define BOARD_STACK_IRQ 0x1000
#define BOARD_STACK_ABT 0x800
#define BOARD_STACK_UND 0x800
#define BOARD_STACK_FIQ 0x400
#define BOARD_STACK_SYS 0x1000
/* Heap handed to newlib through _sbrk (not used by kernel code). */
#define BOARD_NEWLIB_ARENA 0x4000

/* ---- Roles: which shared driver does what (bsp/common) ----
 * Not for the linker script, which includes this file for the stack sizes
 * (it is preprocessed with BOARD_LDS defined). */
#ifndef BOARD_LDS
#include "bcm2835_gpio.h"
#include "bcm2835_intc.h"
#include "bcm2835_st.h"
#include "pl011.h"
#include "semihost.h"

#ifndef BOARD_NAME
#define BOARD_NAME "raspi0"
#endif

/* Device windows mapped for the kernel: { physical, size, kernel alias }. */
#define BOARD_DEV_WINDOWS {{BOARD_DEV_BASE, BOARD_DEV_SIZE, BOARD_DEV_KVA}}

/* Before the MMU is on (caches off, so the VideoCore and the ARM see the
 * same memory): the frame buffer, through the mailbox at its physical
 * address (bsp/raspi0/board.c). */
void raspi_fb_setup(void);
void raspi_fb_report(void);
#define BOARD_EARLY_INIT() raspi_fb_setup()
/* After the console is up: a frame buffer that is not where board.toml's
 * display device is gets one line on the console. */
#define BOARD_LATE_INIT() raspi_fb_report()

/* Console: UART0 on header pins 8 and 10, 115200 8N1. With enable_uart=1
 * the firmware has set all this up already; the kernel does it again so
 * that it does not depend on config.txt. */
#define BOARD_CONSOLE_INIT()                                               \
    do {                                                                   \
        bcm2835_gpio_set_function(BOARD_GPIO_BASE, BOARD_UART0_TXD_LINE,   \
                                  BCM2835_GPIO_FN_ALT0);                   \
        bcm2835_gpio_set_function(BOARD_GPIO_BASE, BOARD_UART0_RXD_LINE,   \
                                  BCM2835_GPIO_FN_ALT0);                   \
        pl011_init_baud(BOARD_UART0_BASE, BOARD_UART_CLOCK_HZ,             \
                        BOARD_CONSOLE_BAUD);                               \
    } while (0)
#define BOARD_CONSOLE_PUTC(c) pl011_putc(BOARD_UART0_BASE, (c))
#define BOARD_CONSOLE_TRY_PUTC(c) pl011_try_putc(BOARD_UART0_BASE, (c))
#define BOARD_CONSOLE_GETC() pl011_getc(BOARD_UART0_BASE)

/* Clock: the system timer's CLO, 1 MHz, 1000 ns per count. */
#define BOARD_COUNTER_NS_NUM 1000u
#define BOARD_COUNTER_NS_DEN 1u
#define BOARD_COUNTER_READ() bcm2835_st_count(BOARD_ST_BASE)

/* System one-shot: compare C1, the ARM's on the hardware. */
#define BOARD_ONESHOT_HZ BCM2835_ST_HZ
#define BOARD_ONESHOT_NS_NUM 1000u
#define BOARD_ONESHOT_NS_DEN 1u
#define BOARD_ONESHOT_IRQ BOARD_IRQ_ST_C1
#define BOARD_ONESHOT_START(t) \
    bcm2835_st_oneshot(BOARD_ST_BASE, BCM2835_ST_CH_ARM, (t))
#define BOARD_ONESHOT_CLEAR() bcm2835_st_clear(BOARD_ST_BASE, BCM2835_ST_CH_ARM)
#define BOARD_ONESHOT_STOP() bcm2835_st_stop(BOARD_ST_BASE, BCM2835_ST_CH_ARM)

/* Auxiliary one-shot (tests, benchmarks): compare C3, microseconds. */
#define BOARD_AUX_IRQ BOARD_IRQ_ST_C3
#define BOARD_AUX_START(us) \
    bcm2835_st_oneshot(BOARD_ST_BASE, BCM2835_ST_CH_FREE, (us))
#define BOARD_AUX_CLEAR() bcm2835_st_clear(BOARD_ST_BASE, BCM2835_ST_CH_FREE)
#define BOARD_AUX_STOP() bcm2835_st_stop(BOARD_ST_BASE, BCM2835_ST_CH_FREE)

/* Interrupt controller: the BCM2835's ARM controller. */
#define BOARD_IRQ_COUNT BCM2835_INTC_SOURCES
#define BOARD_INTC_INIT() bcm2835_intc_init(BOARD_INTC_BASE)
#define BOARD_INTC_ENABLE(s) bcm2835_intc_enable(BOARD_INTC_BASE, (s))
#define BOARD_INTC_DISABLE(s) bcm2835_intc_disable(BOARD_INTC_BASE, (s))
#define BOARD_INTC_CLAIM() bcm2835_intc_claim(BOARD_INTC_BASE)
#define BOARD_INTC_COMPLETE(s) bcm2835_intc_complete(BOARD_INTC_BASE, (s))
#define BOARD_INTC_PEEK() bcm2835_intc_peek(BOARD_INTC_BASE)
#define BOARD_INTC_PEEK_IS(w, s) bcm2835_intc_peek_is((w), (s))
#define BOARD_INTC_CLAIM_PEEKED(w) bcm2835_intc_claim_peeked(BOARD_INTC_BASE, (w))

/* Probe pins: one store to GPSET0 or GPCLR0 per change, from the driver's
 * stubs (bcm2835_gpio.h). */
#define BOARD_PROBE_INIT() bcm2835_gpio_probe_init(BOARD_GPIO_BASE)
#define BOARD_PROBE_SET(pin) bcm2835_gpio_probe_set(BOARD_GPIO_BASE, (pin))
#define BOARD_PROBE_CLEAR(pin) bcm2835_gpio_probe_clear(BOARD_GPIO_BASE, (pin))
#define BOARD_PROBE_WRITE(mask) bcm2835_gpio_probe_write(BOARD_GPIO_BASE, (mask))

/* Start-up: the ARM's two compares stopped (a warm reboot may leave one
 * armed); C0 and C2 are the VideoCore's and are not touched. */
#define BOARD_QUIESCE()                                                    \
    do {                                                                   \
        bcm2835_st_stop(BOARD_ST_BASE, BCM2835_ST_CH_ARM);                 \
        bcm2835_st_stop(BOARD_ST_BASE, BCM2835_ST_CH_FREE);                \
    } while (0)

/* Leaving the system: semihosting SYS_EXIT_EXTENDED under QEMU. On the
 * hardware (HW=1) a semihosting call would trap as an SVC: the status is
 * printed and the CPU halts (bsp/raspi0/board.c). */
#if defined(BOARD_HW) && BOARD_HW
void raspi_halt(int status) __attribute__((noreturn));
#define BOARD_EXIT(status) raspi_halt(status)
#else
#define BOARD_EXIT(status) semihost_exit(status)
#endif
#endif /* BOARD_LDS */

#endif /* BOARD_RASPI0_H */
