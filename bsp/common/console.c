/*
 * console.c - bsp.h's polled console over the board's console driver
 * (BOARD_CONSOLE_* in bsp/<board>/board.h).
 */
#include <stdbool.h>

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

size_t bsp_console_write_some(const char *s, size_t len)
{
    /* The "\r" of a "\n" the FIFO had no room for after it. */
    static bool cr_sent;
    size_t i = 0;
    for (; i < len; i++) {
        if (s[i] == '\n' && !cr_sent) {
            if (!BOARD_CONSOLE_TRY_PUTC('\r'))
                break;
            cr_sent = true;
        }
        if (!BOARD_CONSOLE_TRY_PUTC(s[i]))
            break;
        cr_sent = false;
    }
    return i;
}

int bsp_console_getc(void)
{
    return BOARD_CONSOLE_GETC();
}
