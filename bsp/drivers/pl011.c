/* pl011.c - ARM PrimeCell PL011 UART, polled. */
#include "pl011.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

void pl011_init(uintptr_t base)
{
    REG(base, PL011_CR) = 0u;
    REG(base, PL011_IMSC) = 0u;
    REG(base, PL011_LCRH) = PL011_LCRH_WLEN8 | PL011_LCRH_FEN;
    REG(base, PL011_CR) = PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE;
}

void pl011_init_baud(uintptr_t base, uint32_t clock_hz, uint32_t baud)
{
    /* 64 * clock / (16 * baud), rounded: (8 clock + baud) / (2 baud),
     * in 64 bits (8 clock overflows 32 bits above 536 MHz). */
    uint32_t div64 = (uint32_t)((8ull * clock_hz + baud) / (2ull * baud));
    REG(base, PL011_CR) = 0u;
    REG(base, PL011_IBRD) = div64 >> PL011_FBRD_BITS;
    REG(base, PL011_FBRD) = div64 & PL011_FBRD_MASK;
    pl011_init(base);
}

void pl011_reset(uintptr_t regs)
{
    REG(regs, PL011_CR) = 0u;
    REG(regs, PL011_IMSC) = 0u;
    REG(regs, PL011_ICR) = 0x7FFu;
}

void pl011_putc(uintptr_t base, char c)
{
    while ((REG(base, PL011_FR) & PL011_FR_TXFF) != 0u) {
    }
    REG(base, PL011_DR) = (uint8_t)c;
}

bool pl011_try_putc(uintptr_t base, char c)
{
    if ((REG(base, PL011_FR) & PL011_FR_TXFF) != 0u)
        return false;
    REG(base, PL011_DR) = (uint8_t)c;
    return true;
}

int pl011_getc(uintptr_t base)
{
    if ((REG(base, PL011_FR) & PL011_FR_RXFE) != 0u) {
        return -1;
    }
    return (int)(REG(base, PL011_DR) & 0xFFu);
}
