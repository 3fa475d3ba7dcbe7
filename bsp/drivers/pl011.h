/*
 * pl011.h - ARM PrimeCell PL011 UART, polled use (console).
 */
#ifndef PL011_H
#define PL011_H

#include <stdbool.h>
#include <stdint.h>

/* Register offsets. */
#define PL011_DR 0x000u   /* data */
#define PL011_FR 0x018u   /* flags */
#define PL011_IBRD 0x024u /* integer baud divisor */
#define PL011_FBRD 0x028u /* fractional baud divisor */
#define PL011_LCRH 0x02Cu /* line control */
#define PL011_CR 0x030u   /* control */
#define PL011_IMSC 0x038u /* interrupt mask */
#define PL011_ICR 0x044u  /* interrupt clear */

#define PL011_FR_RXFE 0x10u /* receive FIFO empty */
#define PL011_FR_TXFF 0x20u /* transmit FIFO full */
#define PL011_LCRH_FEN 0x10u
#define PL011_LCRH_WLEN8 0x60u
#define PL011_CR_UARTEN 0x001u
#define PL011_CR_TXE 0x100u
#define PL011_CR_RXE 0x200u
#define PL011_FBRD_BITS 6u /* FBRD: sixty-fourths of the divisor */
#define PL011_FBRD_MASK 0x3Fu

/* 8N1 with FIFOs, transmitter and receiver on, interrupts masked. The baud
 * rate is left as the boot firmware (or QEMU) set it. */
void pl011_init(uintptr_t base);
/* As pl011_init, with the baud rate set first from the UART's reference
 * clock clock_hz: the divisor clock_hz / (16 baud) rounded to the nearest
 * 1/64 (IBRD integer part, FBRD sixty-fourths), which the line control
 * write that follows latches. */
void pl011_init_baud(uintptr_t base, uint32_t clock_hz, uint32_t baud);
/* Disabled, no interrupt enabled or pending (the state after reset): the
 * reset driver of an assigned PL011. */
void pl011_reset(uintptr_t regs);
/* Waits for room in the transmit FIFO, then sends c. */
void pl011_putc(uintptr_t base, char c);
/* Sends c if the transmit FIFO has room; false (nothing sent) if full. */
bool pl011_try_putc(uintptr_t base, char c);
/* Returns the next received byte or -1. */
int pl011_getc(uintptr_t base);

#endif /* PL011_H */
