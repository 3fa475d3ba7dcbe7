/* bcm2835_gpio.c - BCM2835 GPIO: function select, levels, probe pins. */
#include "bcm2835_gpio.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))
#define BIT(line) (1u << (line))
#define REG_BYTES 4u

#define STR(x) #x
#define XSTR(x) STR(x)

_Static_assert(BCM2835_GPIO_PROBE0 >= 0 && BCM2835_GPIO_PROBE0 < 32 &&
                   BCM2835_GPIO_PROBE1 >= 0 && BCM2835_GPIO_PROBE1 < 32 &&
                   BCM2835_GPIO_PROBE2 >= 0 && BCM2835_GPIO_PROBE2 < 32 &&
                   BCM2835_GPIO_PROBE3 >= 0 && BCM2835_GPIO_PROBE3 < 32 &&
                   BCM2835_GPIO_PROBE4 >= 0 && BCM2835_GPIO_PROBE4 < 32 &&
                   BCM2835_GPIO_PROBE5 >= 0 && BCM2835_GPIO_PROBE5 < 32 &&
                   BCM2835_GPIO_PROBE6 >= 0 && BCM2835_GPIO_PROBE6 < 32 &&
                   BCM2835_GPIO_PROBE7 >= 0 && BCM2835_GPIO_PROBE7 < 32,
               "probe lines must be GPIO 0..31 (GPSET0/GPCLR0)");
_Static_assert(__builtin_popcount(BCM2835_GPIO_PROBE_MASK) ==
                   BCM2835_GPIO_PROBE_PINS,
               "probe lines must be distinct");

/*
 * The probe stubs: probe_stubs(reg, pin) stores BIT(line of pin) to the
 * register at address reg (GPSET0 or GPCLR0) and returns. The entry jumps
 * into a table of one 16-byte entry per pin, each
 *     mov r1, #BIT(line); str r1, [r0]; bx lr; nop
 * so the store and the MOV of its constant start the same translation
 * block (the jump ends the previous one), which is what the emulated logic
 * analyzer needs to read the level from the code. 256-byte alignment keeps
 * the whole table (140 bytes) inside one 1 KiB block: QEMU translates no
 * block across such a boundary. The stubs are ARM code (the plugin decodes
 * ARM instructions only); `bx lr` returns to a caller in either state.
 */
#define PROBE_ENTRY(line)                                                  \
    "    mov r1, #(1 << " XSTR(line) ")\n"                                 \
    "    str r1, [r0]\n"                                                   \
    "    bx lr\n"                                                          \
    "    nop\n"

__asm__(".pushsection .text.bcm2835_gpio_probe_stubs, \"ax\", %progbits\n"
        "    .arm\n"
        "    .balign 256\n"
        "    .global bcm2835_gpio_probe_stubs\n"
        "    .type bcm2835_gpio_probe_stubs, %function\n"
        "bcm2835_gpio_probe_stubs:\n"
        "    and r1, r1, #7\n"
        "    add pc, pc, r1, lsl #4\n" /* pc reads as here + 8: entry 0 */
        "    nop\n"
        PROBE_ENTRY(BCM2835_GPIO_PROBE0)
        PROBE_ENTRY(BCM2835_GPIO_PROBE1)
        PROBE_ENTRY(BCM2835_GPIO_PROBE2)
        PROBE_ENTRY(BCM2835_GPIO_PROBE3)
        PROBE_ENTRY(BCM2835_GPIO_PROBE4)
        PROBE_ENTRY(BCM2835_GPIO_PROBE5)
        PROBE_ENTRY(BCM2835_GPIO_PROBE6)
        PROBE_ENTRY(BCM2835_GPIO_PROBE7)
        "    .size bcm2835_gpio_probe_stubs, . - bcm2835_gpio_probe_stubs\n"
        ".popsection\n");

/* Defined by the assembly above. */
void bcm2835_gpio_probe_stubs(uintptr_t reg, unsigned pin);

void bcm2835_gpio_set_function(uintptr_t base, unsigned line, unsigned fn)
{
    if (line >= BCM2835_GPIO_LINES) {
        return;
    }
    uint32_t off = BCM2835_GPIO_GPFSEL0 +
                   REG_BYTES * (line / BCM2835_GPIO_FSEL_LINES);
    unsigned shift = BCM2835_GPIO_FSEL_BITS * (line % BCM2835_GPIO_FSEL_LINES);
    uint32_t v = REG(base, off);
    v &= ~(BCM2835_GPIO_FSEL_FIELD << shift);
    v |= (fn & BCM2835_GPIO_FSEL_FIELD) << shift;
    REG(base, off) = v;
}

void bcm2835_gpio_make_outputs(uintptr_t base, uint32_t lines)
{
    for (unsigned line = 0u; lines != 0u; line++, lines >>= 1) {
        if ((lines & 1u) != 0u) {
            bcm2835_gpio_set_function(base, line, BCM2835_GPIO_FN_OUTPUT);
        }
    }
}

uint32_t bcm2835_gpio_levels(uintptr_t base)
{
    return REG(base, BCM2835_GPIO_GPLEV0);
}

void bcm2835_gpio_probe_init(uintptr_t base)
{
    /* Low through the stubs, one known store per pin, rather than one
     * store of the whole mask (a constant from a literal pool, which the
     * emulated logic analyzer cannot read and would show as unknown). */
    bcm2835_gpio_probe_write(base, 0u);
    bcm2835_gpio_make_outputs(base, BCM2835_GPIO_PROBE_MASK);
}

void bcm2835_gpio_probe_set(uintptr_t base, unsigned pin)
{
    bcm2835_gpio_probe_stubs(base + BCM2835_GPIO_GPSET0, pin);
}

void bcm2835_gpio_probe_clear(uintptr_t base, unsigned pin)
{
    bcm2835_gpio_probe_stubs(base + BCM2835_GPIO_GPCLR0, pin);
}

void bcm2835_gpio_probe_write(uintptr_t base, unsigned mask)
{
    for (unsigned pin = 0u; pin < BCM2835_GPIO_PROBE_PINS; pin++) {
        uint32_t reg = (mask & BIT(pin)) != 0u ? BCM2835_GPIO_GPSET0
                                                : BCM2835_GPIO_GPCLR0;
        bcm2835_gpio_probe_stubs(base + reg, pin);
    }
}
