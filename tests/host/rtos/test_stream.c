/*
 * test_stream.c - stream buffers (partial writes, waiting for room, trigger
 * level, timeouts returning what is there, wrap-around, from an ISR) and
 * message buffers (whole messages, too small a receive buffer, waiting for
 * room, next length), reset and delete.
 */
#include <string.h>

#include "test_util.h"

static struct os_stream sb;
static uint8_t store[10];

static int setup(void **state)
{
    int r = setup_core(state);
    assert_int_equal(os_stream_init(&sb, store, sizeof store, 4), OS_OK);
    return r;
}

static void test_stream_basics_and_wrap(void **state)
{
    (void)state;
    uint8_t out[16];
    assert_int_equal(os_stream_send(&sb, "abcdefgh", 8, OS_NO_WAIT), 8);
    assert_int_equal(os_stream_receive(&sb, out, 6, OS_NO_WAIT), 6);
    assert_memory_equal(out, "abcdef", 6);
    /* 2 left at index 6; 8 more wrap around the end of the storage. */
    assert_int_equal(os_stream_send(&sb, "12345678", 8, OS_NO_WAIT), 8);
    assert_int_equal(os_stream_spaces_available(&sb), 0);
    /* Full: a send writes nothing; a partial one writes what fits. */
    assert_int_equal(os_stream_send(&sb, "x", 1, OS_NO_WAIT), 0);
    assert_int_equal(os_stream_receive(&sb, out, 3, OS_NO_WAIT), 3);
    assert_int_equal(os_stream_send(&sb, "WXYZ", 4, OS_NO_WAIT), 3);
    assert_int_equal(os_stream_bytes_available(&sb), 10);
    assert_int_equal(os_stream_receive(&sb, out, sizeof out, OS_NO_WAIT), 10);
    assert_memory_equal(out, "2345678WXY", 10);
    assert_int_equal(os_stream_receive(&sb, out, sizeof out, OS_NO_WAIT), 0);
    /* Bad arguments. */
    assert_int_equal(os_stream_init(&sb, store, sizeof store, 11), OS_ERR_PARAM);
    assert_int_equal(os_stream_set_trigger(&sb, 11), OS_ERR_PARAM);
    assert_int_equal(os_stream_send(&sb, NULL, 1, OS_NO_WAIT), 0);
    assert_int_equal(os_stream_send(&sb, (void *)(uintptr_t)-4, 8, OS_NO_WAIT), 0); /* wraps */
    assert_int_equal(os_stream_bytes_available(&sb), 0);
}

static void reader(void *arg)
{
    os_tick_t timeout = (os_tick_t)(uintptr_t)arg;
    for (int i = 0; i < 2; i++) {
        char out[16] = {0};
        size_t n = os_stream_receive(&sb, out, sizeof out - 1, timeout);
        ev("R:%u:%s@%u", (unsigned)n, out, (unsigned)os_tick_count());
    }
}

static void test_trigger_level(void **state)
{
    (void)state;
    mk(0, "R", reader, (void *)10, 2);
    os_start();
    assert_int_equal(os_stream_send(&sb, "ab", 2, OS_NO_WAIT), 2);
    host_run_until_idle();
    assert_string_equal(evlog(), ""); /* below the trigger level (4) */
    host_tick(1);
    assert_int_equal(os_stream_send(&sb, "cd", 2, OS_NO_WAIT), 2);
    host_run_until_idle();
    assert_string_equal(evlog(), "R:4:abcd@1");
    /* Second receive: 1 byte arrives, then the timeout takes it. */
    assert_int_equal(os_stream_send(&sb, "e", 1, OS_NO_WAIT), 1);
    host_tick(9);
    assert_string_equal(evlog(), "R:4:abcd@1");
    host_tick(1);
    assert_string_equal(evlog(), "R:4:abcd@1 R:1:e@11");
}

static void test_nonempty_returns_at_once(void **state)
{
    (void)state;
    assert_int_equal(os_stream_send(&sb, "z", 1, OS_NO_WAIT), 1);
    mk(0, "R", reader, (void *)3, 2);
    os_start();
    host_tick(3);
    assert_string_equal(evlog(), "R:1:z@0 R:0:@3");
}

static void writer(void *arg)
{
    (void)arg;
    size_t n = os_stream_send(&sb, "0123456", 7, 5);
    ev("W:%u@%u", (unsigned)n, (unsigned)os_tick_count());
    n = os_stream_send(&sb, "789", 3, 2);
    ev("W:%u@%u", (unsigned)n, (unsigned)os_tick_count());
}

static void test_send_waits_for_room(void **state)
{
    (void)state;
    assert_int_equal(os_stream_send(&sb, "abcdef", 6, OS_NO_WAIT), 6);
    mk(0, "W", writer, NULL, 2);
    os_start();
    assert_string_equal(evlog(), ""); /* 4 free, 7 wanted: waits */
    host_tick(1);
    uint8_t out[10];
    assert_int_equal(os_stream_receive(&sb, out, 2, OS_NO_WAIT), 2);
    host_run_until_idle();
    assert_string_equal(evlog(), ""); /* 6 free: still waits */
    assert_int_equal(os_stream_receive(&sb, out, 1, OS_NO_WAIT), 1);
    host_run_until_idle();
    /* 7 free: all written; then 3 wanted, 0 free: the timeout (2) writes
     * nothing more. */
    assert_string_equal(evlog(), "W:7@1");
    host_tick(2);
    assert_string_equal(evlog(), "W:7@1 W:0@3");
    assert_int_equal(os_stream_bytes_available(&sb), 10);
}

static void test_send_timeout_writes_what_fits(void **state)
{
    (void)state;
    assert_int_equal(os_stream_send(&sb, "abcdef", 6, OS_NO_WAIT), 6);
    mk(0, "W", writer, NULL, 2);
    os_start();
    host_tick(5);
    assert_string_equal(evlog(), "W:4@5");
}

static bool isr_sw;
static size_t isr_n;

static void isr_send(void *arg)
{
    isr_n = os_stream_send_from_isr(&sb, arg, strlen(arg), &isr_sw);
}

static void test_isr_feeds_reader(void **state)
{
    (void)state;
    mk(0, "R", reader, (void *)OS_WAIT_FOREVER, 2);
    os_start();
    host_isr(isr_send, "xyz");
    assert_int_equal(isr_n, 3);
    assert_false(isr_sw);
    host_isr(isr_send, "w");
    assert_int_equal(isr_n, 1);
    assert_true(isr_sw);
    host_run_until_idle();
    assert_string_equal(evlog(), "R:4:xyzw@0");
    uint8_t out[4];
    assert_int_equal(os_stream_receive_from_isr(&sb, out, 4, NULL), 0);
}

static struct os_stream mb;
static uint8_t mstore[2 * sizeof(size_t) + 8];

static void test_message_buffer(void **state)
{
    (void)state;
    assert_int_equal(os_stream_init_message(&mb, mstore, sizeof mstore), OS_OK);
    assert_int_equal(os_stream_send(&mb, "hello", 5, OS_NO_WAIT), 5);
    assert_int_equal(os_stream_next_message_length(&mb), 5);
    /* 11 bytes free: 4 bytes and their header do not fit. */
    assert_int_equal(os_stream_send(&mb, "abcd", 4, OS_NO_WAIT), 0);
    /* 8 + 2 * header bytes: "abc" fits, then nothing (not even 1 byte). */
    assert_int_equal(os_stream_send(&mb, "abc", 3, OS_NO_WAIT), 3);
    assert_int_equal(os_stream_send(&mb, "q", 1, OS_NO_WAIT), 0);
    assert_int_equal(os_stream_send(&mb, mstore, sizeof mstore, OS_NO_WAIT), 0); /* never fits */
    char out[8] = {0};
    assert_int_equal(os_stream_receive(&mb, out, 4, OS_NO_WAIT), 0); /* too small: stays */
    assert_int_equal(os_stream_next_message_length(&mb), 5);
    assert_int_equal(os_stream_receive(&mb, out, sizeof out, OS_NO_WAIT), 5);
    assert_string_equal(out, "hello");
    memset(out, 0, sizeof out);
    assert_int_equal(os_stream_receive(&mb, out, sizeof out, OS_NO_WAIT), 3);
    assert_string_equal(out, "abc");
    assert_int_equal(os_stream_bytes_available(&mb), 0);
    assert_int_equal(os_stream_set_trigger(&mb, 2), OS_ERR_PARAM);
}

static void mreader(void *arg)
{
    (void)arg;
    char out[9] = {0};
    size_t n = os_stream_receive(&mb, out, 8, OS_WAIT_FOREVER);
    ev("M:%u:%s", (unsigned)n, out);
}

static void test_message_wakes_reader_whatever_trigger(void **state)
{
    (void)state;
    assert_int_equal(os_stream_init_message(&mb, mstore, sizeof mstore), OS_OK);
    mk(0, "M", mreader, NULL, 2);
    os_start();
    assert_int_equal(os_stream_reset(&mb), OS_ERR_STATE); /* a task waits */
    assert_int_equal(os_stream_send(&mb, "k", 1, OS_NO_WAIT), 1);
    host_run_until_idle();
    assert_string_equal(evlog(), "M:1:k");
    assert_int_equal(os_stream_send(&mb, "kk", 2, OS_NO_WAIT), 2);
    assert_int_equal(os_stream_reset(&mb), OS_OK);
    assert_int_equal(os_stream_bytes_available(&mb), 0);
    assert_int_equal(os_stream_delete(&mb), OS_OK);
    assert_int_equal(os_stream_send(&mb, "k", 1, OS_NO_WAIT), 0);
}

static void test_forged_message_length_dropped(void **state)
{
    (void)state;
    assert_int_equal(os_stream_init_message(&mb, mstore, sizeof mstore), OS_OK);
    assert_int_equal(os_stream_send(&mb, "hi", 2, OS_NO_WAIT), 2);
    /* The storage rewritten behind the core's back: a length beyond what
     * is stored. */
    size_t big = 1000;
    memcpy(mstore, &big, sizeof big);
    assert_int_equal(os_stream_next_message_length(&mb), 0);
    char out[2000];
    assert_int_equal(os_stream_receive(&mb, out, sizeof out, OS_NO_WAIT), 0);
    assert_int_equal(os_stream_bytes_available(&mb), 0);
    assert_int_equal(os_stream_send(&mb, "ok", 2, OS_NO_WAIT), 2);
    assert_int_equal(os_stream_receive(&mb, out, sizeof out, OS_NO_WAIT), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_stream_basics_and_wrap, setup),
        cmocka_unit_test_setup(test_trigger_level, setup),
        cmocka_unit_test_setup(test_nonempty_returns_at_once, setup),
        cmocka_unit_test_setup(test_send_waits_for_room, setup),
        cmocka_unit_test_setup(test_send_timeout_writes_what_fits, setup),
        cmocka_unit_test_setup(test_isr_feeds_reader, setup),
        cmocka_unit_test_setup(test_message_buffer, setup),
        cmocka_unit_test_setup(test_message_wakes_reader_whatever_trigger, setup),
        cmocka_unit_test_setup(test_forged_message_length_dropped, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
