/*
 * bcm2835_gpio.h - the BCM2835 GPIO block (Raspberry Pi Zero and Pi 1;
 * QEMU -M raspi0 and raspi1ap), ARM physical 0x20200000, bus 0x7E200000.
 *
 * 54 lines, GPIO 0..53. Each line's function (input, output or one of six
 * alternates) is a 3-bit field, ten lines per function-select register.
 * Output levels change by writing 1s to a set register (GPSET) or a clear
 * register (GPCLR): lines whose bit is 0 keep their level, so changing one
 * line is a single store with no read-modify-write. GPLEV reads the levels.
 *
 * Probe pins (for a logic analyzer): probe pin n (0..7) is GPIO line
 * BCM2835_GPIO_PROBEn below. The lines were chosen free on the 40-pin
 * header of the Pi Zero and Pi 1 A+/B+: none of them is the UART (14, 15),
 * I2C (0..3), SPI0 (7..11), SPI1 (16..21) or PWM/audio (12, 13, 18, 19)
 * pin. Their alternates are the general-purpose clocks GPCLK1/2 (5, 6),
 * the SD1 interface and the ARM JTAG (22..27, alternate 4): a system
 * debugged by JTAG on those pins moves the probes elsewhere. Ground pins
 * near them: physical 14, 20, 30, 34, 39. Each value is a plain integer
 * (also used in assembly) and may be overridden with -D; the lines must be
 * distinct and below 32 (GPSET0/GPCLR0).
 *
 *   probe  GPIO  header pin
 *     0      5      29
 *     1      6      31
 *     2     22      15
 *     3     23      16
 *     4     24      18
 *     5     25      22
 *     6     26      37
 *     7     27      13
 *
 * Each probe change is exactly one store of a constant that a MOV
 * immediate sets in the same 16-byte stub, and the stubs never cross a
 * 1 KiB boundary, so a QEMU TCG plugin that sees only store addresses can
 * still recover the level (tools/qemu-plugin/gpio_vcd.c, model=bcm2835).
 */
#ifndef BCM2835_GPIO_H
#define BCM2835_GPIO_H

#include <stdint.h>

/* Register offsets. */
#define BCM2835_GPIO_GPFSEL0 0x00u /* function select, lines 0..9; +4 per 10 */
#define BCM2835_GPIO_GPSET0 0x1Cu  /* write 1 to drive lines 0..31 high */
#define BCM2835_GPIO_GPSET1 0x20u  /* write 1 to drive lines 32..53 high */
#define BCM2835_GPIO_GPCLR0 0x28u  /* write 1 to drive lines 0..31 low */
#define BCM2835_GPIO_GPCLR1 0x2Cu  /* write 1 to drive lines 32..53 low */
#define BCM2835_GPIO_GPLEV0 0x34u  /* levels of lines 0..31 */
#define BCM2835_GPIO_GPLEV1 0x38u  /* levels of lines 32..53 */

#define BCM2835_GPIO_LINES 54u
#define BCM2835_GPIO_FSEL_LINES 10u /* lines per function-select register */
#define BCM2835_GPIO_FSEL_BITS 3u   /* bits per line */
#define BCM2835_GPIO_FSEL_FIELD 7u  /* mask of one line's field */

/* Function-select values. */
#define BCM2835_GPIO_FN_INPUT 0u
#define BCM2835_GPIO_FN_OUTPUT 1u
#define BCM2835_GPIO_FN_ALT0 4u
#define BCM2835_GPIO_FN_ALT1 5u
#define BCM2835_GPIO_FN_ALT2 6u
#define BCM2835_GPIO_FN_ALT3 7u
#define BCM2835_GPIO_FN_ALT4 3u
#define BCM2835_GPIO_FN_ALT5 2u

/* Probe pins: the GPIO line of each (see the table above). */
#define BCM2835_GPIO_PROBE_PINS 8u
#ifndef BCM2835_GPIO_PROBE0
#define BCM2835_GPIO_PROBE0 5
#define BCM2835_GPIO_PROBE1 6
#define BCM2835_GPIO_PROBE2 22
#define BCM2835_GPIO_PROBE3 23
#define BCM2835_GPIO_PROBE4 24
#define BCM2835_GPIO_PROBE5 25
#define BCM2835_GPIO_PROBE6 26
#define BCM2835_GPIO_PROBE7 27
#endif
/* The probe lines as a mask of lines 0..31. */
#define BCM2835_GPIO_PROBE_MASK                                        \
    ((1u << BCM2835_GPIO_PROBE0) | (1u << BCM2835_GPIO_PROBE1) |       \
     (1u << BCM2835_GPIO_PROBE2) | (1u << BCM2835_GPIO_PROBE3) |       \
     (1u << BCM2835_GPIO_PROBE4) | (1u << BCM2835_GPIO_PROBE5) |       \
     (1u << BCM2835_GPIO_PROBE6) | (1u << BCM2835_GPIO_PROBE7))

/* Set line's (< BCM2835_GPIO_LINES; others are ignored) function to fn
 * (BCM2835_GPIO_FN_*). A read-modify-write of the line's function-select
 * register: callers changing lines of one register must not race. */
void bcm2835_gpio_set_function(uintptr_t base, unsigned line, unsigned fn);

/* Make every line whose bit is set in lines (GPIO 0..31) an output; the
 * others keep their function. Levels are not changed. */
void bcm2835_gpio_make_outputs(uintptr_t base, uint32_t lines);

/* Levels of GPIO 0..31 (GPLEV0), bit n = line n. */
uint32_t bcm2835_gpio_levels(uintptr_t base);

/* The probe pins as outputs, driven low (the level is set low before the
 * function changes, so no pin glitches high). */
void bcm2835_gpio_probe_init(uintptr_t base);

/* Drive probe pin (0..7, taken modulo 8) high: one store to GPSET0. */
void bcm2835_gpio_probe_set(uintptr_t base, unsigned pin);

/* Drive probe pin (0..7, taken modulo 8) low: one store to GPCLR0. */
void bcm2835_gpio_probe_clear(uintptr_t base, unsigned pin);

/* Drive every probe pin to its bit of mask (bit n = pin n): eight stores,
 * pin 0 first, each as bcm2835_gpio_probe_set/clear (the pins do not
 * change at one instant). */
void bcm2835_gpio_probe_write(uintptr_t base, unsigned mask);

#endif /* BCM2835_GPIO_H */
