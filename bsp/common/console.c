/*
 * console.c - bsp.h's polled console over the board's console driver
 * (BOARD_CONSOLE_* in bsp/<board>/board.h).
 */
#include "board.h"
#include "bsp.h"

void bsp_console_putc(char c)
{
    BOARD_CONSOLE_PUTC(c);
}

void bsp_console_write(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            BOARD_CONSOLE_PUTC('\r');
        BOARD_CONSOLE_PUTC(s[i]);
    }
}

int bsp_console_getc(void)
{
    return BOARD_CONSOLE_GETC();
}
