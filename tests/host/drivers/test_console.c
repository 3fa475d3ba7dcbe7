/*
 * test_console.c - bsp/common/console.c over a fake UART: the waiting
 * write sends "\n" as "\r\n"; the write that never waits sends only what
 * the transmit FIFO takes, counts a "\n" once its "\r\n" is out, and never
 * sends a "\r" twice when the FIFO filled between the two.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bsp.h"

static char wire[256];
static size_t wire_len;
static size_t room;

void fake_uart_putc(char c)
{
    wire[wire_len++] = c;
}

bool fake_uart_try_putc(char c)
{
    if (room == 0u)
        return false;
    room--;
    wire[wire_len++] = c;
    return true;
}

static void reset(size_t r)
{
    memset(wire, 0, sizeof wire);
    wire_len = 0u;
    room = r;
}

static void write_waits_and_adds_cr(void **state)
{
    (void)state;
    reset(0u);
    bsp_console_write("a\nb", 3u);
    assert_string_equal(wire, "a\r\nb");
}

static void write_some_takes_what_fits(void **state)
{
    (void)state;
    reset(3u);
    assert_int_equal(bsp_console_write_some("abcdef", 6u), 3u);
    assert_string_equal(wire, "abc");
    assert_int_equal(bsp_console_write_some("def", 3u), 0u); /* full */
    room = 10u;
    assert_int_equal(bsp_console_write_some("def", 3u), 3u);
    assert_string_equal(wire, "abcdef");
}

static void write_some_newline_split(void **state)
{
    (void)state;
    /* Room for "a" and the "\r" only: the "\n" is not taken... */
    reset(2u);
    assert_int_equal(bsp_console_write_some("a\nb", 3u), 1u);
    assert_string_equal(wire, "a\r");
    /* ...and its "\r" is not sent again. */
    room = 8u;
    assert_int_equal(bsp_console_write_some("\nb", 2u), 2u);
    assert_string_equal(wire, "a\r\nb");
    /* Room for exactly "\r\n": the newline counts. */
    reset(2u);
    assert_int_equal(bsp_console_write_some("\nx", 2u), 1u);
    assert_string_equal(wire, "\r\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(write_waits_and_adds_cr),
        cmocka_unit_test(write_some_takes_what_fits),
        cmocka_unit_test(write_some_newline_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
