/*
 * board.h (host test) - a board whose console is a fake UART with a
 * transmit FIFO of a set room, for bsp/common/console.c
 * (tests/host/drivers/test_console.c).
 */
#ifndef BOARD_H
#define BOARD_H

#include <stdbool.h>
#include <stddef.h>

void fake_uart_putc(char c);
bool fake_uart_try_putc(char c);

#define BOARD_CONSOLE_PUTC(c) fake_uart_putc(c)
#define BOARD_CONSOLE_TRY_PUTC(c) fake_uart_try_putc(c)
#define BOARD_CONSOLE_GETC() (-1)

#endif /* BOARD_H */
