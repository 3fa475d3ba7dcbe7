/*
 * test_trace.c - host tests of the trace ring buffer and frame encoding:
 * record layout, wrap-around, overflow counting, masks and drain framing.
 * Built three times (tests.mk): with every category, with
 * TRACE_BUILD_MASK=0x20 (tasks only) and with 0 (none), so the build-time
 * mask is checked as well.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "trace.h"

#define BUILD_HAS(cat) ((TRACE_BUILD_MASK & TRACE_CAT_BIT(cat)) != 0u)

static uint64_t fake_now;
static unsigned irq_depth;
static unsigned irq_saves;

static uint64_t fake_clock(void)
{
    return fake_now;
}

static uint32_t fake_irq_save(void)
{
    irq_saves++;
    return irq_depth++;
}

static void fake_irq_restore(uint32_t state)
{
    irq_depth = state;
}

/* Captured drain output: the lines written, one write call each. */
#define MAX_LINES 64
static char lines[MAX_LINES][TRACE_FRAME_MAX + 1];
static unsigned n_lines;

static void capture(const char *s, size_t len)
{
    assert_true(n_lines < MAX_LINES);
    assert_true(len <= TRACE_FRAME_MAX);
    memcpy(lines[n_lines], s, len);
    lines[n_lines][len] = '\0';
    n_lines++;
}

static struct trace_record storage[8];
static struct trace_buf buf;

static int setup(void **state)
{
    (void)state;
    fake_now = 1000;
    irq_depth = 0;
    irq_saves = 0;
    n_lines = 0;
    memset(storage, 0xa5, sizeof storage);
    trace_init(&buf, storage, sizeof storage, 3);
    trace_set_hooks(&buf, fake_clock, fake_irq_save, fake_irq_restore);
    return 0;
}

/* Decoded view of one frame line; fails the test if it is malformed. */
struct frame {
    unsigned source;
    unsigned seq;
    unsigned nrec;
    uint8_t bytes[TRACE_FRAME_RECORDS * TRACE_RECORD_BYTES];
};

static void parse_frame(const char *line, struct frame *f)
{
    char hex[2 * TRACE_FRAME_RECORDS * TRACE_RECORD_BYTES + 1];
    unsigned crc;
    int body_start = 0;
    int body_end = 0;
    size_t nhex;

    assert_int_equal(sscanf(line, "@TRC %n%u %u %128[0-9a-f]%n %8x\n",
                            &body_start, &f->source, &f->seq, hex, &body_end,
                            &crc),
                     4);
    nhex = strlen(hex);
    assert_int_equal(nhex % (2 * TRACE_RECORD_BYTES), 0);
    f->nrec = (unsigned)(nhex / (2 * TRACE_RECORD_BYTES));
    assert_true(f->nrec >= 1 && f->nrec <= TRACE_FRAME_RECORDS);
    for (size_t i = 0; i < nhex / 2; i++) {
        unsigned v;
        assert_int_equal(sscanf(&hex[2 * i], "%2x", &v), 1);
        f->bytes[i] = (uint8_t)v;
    }
    assert_int_equal(trace_crc32(0, &line[body_start],
                                 (size_t)(body_end - body_start)),
                     crc);
    assert_int_equal(line[strlen(line) - 1], '\n');
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static void test_crc32_matches_zlib(void **state)
{
    (void)state;
    /* The check value of CRC-32/ISO-HDLC, which Python's zlib.crc32 gives. */
    assert_int_equal(trace_crc32(0, "123456789", 9), 0xcbf43926u);
    assert_int_equal(trace_crc32(trace_crc32(0, "1234", 4), "56789", 5),
                     0xcbf43926u);
}

static void test_encode_layout(void **state)
{
    struct trace_record r = {
        .time_ns = 0x0102030405060708ull,
        .type = TRACE_HM,
        .source = 4,
        .a0 = 0x11,
        .a1 = 0x22,
        .a2 = 0xa1b2c3d4u,
    };
    const uint8_t want[16] = {0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
                              0x40, 0x04, 0x11, 0x22, 0xd4, 0xc3, 0xb2, 0xa1};
    uint8_t out[16];

    (void)state;
    trace_encode(&r, out);
    assert_memory_equal(out, want, 16);
}

static void test_capacity_power_of_two(void **state)
{
    struct trace_buf b;
    (void)state;
    trace_init(&b, storage, 7 * TRACE_RECORD_BYTES, 0);
    assert_int_equal(b.capacity, 4);
    trace_init(&b, storage, 8 * TRACE_RECORD_BYTES + 5, 0);
    assert_int_equal(b.capacity, 8);
    /* Too small: disabled, and emits are counted, not written. */
    trace_init(&b, storage, TRACE_RECORD_BYTES, 0);
    assert_int_equal(b.capacity, 0);
    trace_write(&b, TRACE_TASK_READY, 1, 0, 0);
    assert_int_equal(b.lost_total, 1);
    assert_int_equal(trace_pending(&b), 0);
}

static void test_emit_fields_and_irq_masking(void **state)
{
    (void)state;
    fake_now = 123456789012ull;
    trace_write(&buf, TRACE_TASK_SWITCH, 5, 7,
                2u | (TRACE_STATE_BLOCKED << 8));
    assert_int_equal(trace_pending(&buf), 1);
    assert_true(irq_saves >= 1);
    assert_int_equal(irq_depth, 0); /* every save was restored */
    assert_int_equal(storage[0].time_ns, 123456789012ull);
    assert_int_equal(storage[0].type, TRACE_TASK_SWITCH);
    assert_int_equal(storage[0].source, 3);
    assert_int_equal(storage[0].a0, 5);
    assert_int_equal(storage[0].a1, 7);
    assert_int_equal(storage[0].a2, 0x102);
}

static void test_drain_framing(void **state)
{
    struct frame f;
    size_t n;

    (void)state;
    for (unsigned i = 0; i < 6; i++) {
        fake_now = 1000 + i;
        trace_write(&buf, TRACE_TASK_READY, i, 0, 100 + i);
    }
    n = trace_drain(&buf, capture, 100);
    assert_int_equal(n, 6);
    assert_int_equal(n_lines, 2); /* 4 + 2 records */
    parse_frame(lines[0], &f);
    assert_int_equal(f.source, 3);
    assert_int_equal(f.seq, 0);
    assert_int_equal(f.nrec, 4);
    for (unsigned i = 0; i < 4; i++) {
        const uint8_t *p = &f.bytes[i * TRACE_RECORD_BYTES];
        assert_int_equal(le64(p), 1000 + i);
        assert_int_equal(p[8], TRACE_TASK_READY);
        assert_int_equal(p[10], i);
        assert_int_equal(le32(p + 12), 100 + i);
    }
    parse_frame(lines[1], &f);
    assert_int_equal(f.seq, 1);
    assert_int_equal(f.nrec, 2);
    assert_int_equal(le64(&f.bytes[16]), 1005);
    assert_int_equal(trace_pending(&buf), 0);

    /* Nothing left: no frame at all, and the sequence goes on. */
    assert_int_equal(trace_drain(&buf, capture, 100), 0);
    assert_int_equal(n_lines, 2);
    trace_write(&buf, TRACE_TASK_READY, 9, 0, 0);
    assert_int_equal(trace_drain(&buf, capture, 100), 1);
    parse_frame(lines[2], &f);
    assert_int_equal(f.seq, 2);
}

static void test_drain_max_records(void **state)
{
    (void)state;
    for (unsigned i = 0; i < 5; i++) {
        trace_write(&buf, TRACE_TASK_READY, i, 0, 0);
    }
    assert_int_equal(trace_drain(&buf, capture, 3), 3);
    assert_int_equal(trace_pending(&buf), 2);
    assert_int_equal(trace_drain(&buf, capture, 3), 2);
    assert_int_equal(n_lines, 2);
}

static void test_wrap_keeps_order(void **state)
{
    struct frame f;
    unsigned next = 0;

    (void)state;
    /* 8 slots; push 5 and drain 5 repeatedly so indices wrap many times. */
    for (unsigned round = 0; round < 7; round++) {
        for (unsigned i = 0; i < 5; i++) {
            trace_write(&buf, TRACE_TASK_READY, (round * 5 + i) & 0xff, 0,
                        round * 5 + i);
        }
        n_lines = 0;
        assert_int_equal(trace_drain(&buf, capture, 100), 5);
        for (unsigned l = 0; l < n_lines; l++) {
            parse_frame(lines[l], &f);
            for (unsigned k = 0; k < f.nrec; k++) {
                assert_int_equal(le32(&f.bytes[k * 16 + 12]), next);
                next++;
            }
        }
    }
    assert_int_equal(next, 35);
    assert_true(buf.head > buf.capacity * 4);
    assert_int_equal(buf.lost_total, 0);
}

static void test_overflow_counted_and_reported(void **state)
{
    struct frame f;
    uint32_t seen[32];
    unsigned nseen = 0;
    uint32_t lost_reported = 0;
    unsigned overflow_records = 0;

    (void)state;
    /* 8 slots, 13 writes: 5 lost. */
    for (unsigned i = 0; i < 13; i++) {
        trace_write(&buf, TRACE_TASK_READY, i, 0, i);
    }
    assert_int_equal(trace_pending(&buf), 8);
    assert_int_equal(buf.lost, 5);
    assert_int_equal(buf.lost_total, 5);

    /* Free three slots, then write: the overflow record goes first. */
    n_lines = 0;
    assert_int_equal(trace_drain(&buf, capture, 3), 3);
    trace_write(&buf, TRACE_TASK_READY, 100, 0, 100);
    assert_int_equal(buf.lost, 0);
    assert_int_equal(trace_pending(&buf), 7);

    /* Fill again and lose three more; those are reported at drain. */
    trace_write(&buf, TRACE_TASK_READY, 101, 0, 101); /* fills the ring */
    trace_write(&buf, TRACE_TASK_READY, 102, 0, 102); /* lost */
    trace_write(&buf, TRACE_TASK_READY, 103, 0, 103); /* lost */
    trace_write(&buf, TRACE_TASK_READY, 104, 0, 104); /* lost */
    assert_int_equal(buf.lost, 3);
    trace_drain(&buf, capture, 100);
    assert_int_equal(buf.lost, 0);
    assert_int_equal(trace_pending(&buf), 0);

    for (unsigned l = 0; l < n_lines; l++) {
        parse_frame(lines[l], &f);
        for (unsigned k = 0; k < f.nrec; k++) {
            const uint8_t *p = &f.bytes[k * 16];
            if (p[8] == TRACE_OVERFLOW) {
                overflow_records++;
                lost_reported += le32(p + 12);
                seen[nseen++] = 0xffffffffu;
            } else {
                seen[nseen++] = le32(p + 12);
            }
        }
    }
    assert_int_equal(overflow_records, 2);
    assert_int_equal(lost_reported, 8);
    /* Order: 0..7, marker (5 lost), 100, 101, marker (3 lost). */
    {
        const uint32_t want[] = {0, 1, 2, 3, 4, 5, 6, 7, 0xffffffffu,
                                 100, 101, 0xffffffffu};
        assert_int_equal(nseen, sizeof want / sizeof want[0]);
        assert_memory_equal(seen, want, sizeof want);
    }
}

static void test_runtime_mask(void **state)
{
    (void)state;
    trace_set_mask(&buf, TRACE_CAT_BIT(TRACE_CAT_TASK));
    trace_emit(&buf, TRACE_SEM_GIVE, 1, 1, 0x1000);   /* SYNC: off */
    trace_emit(&buf, TRACE_PART_SWITCH, 1, 0, 0);     /* PSCHED: off */
    trace_emit(&buf, TRACE_TASK_READY, 2, 0, 0);      /* TASK: on */
    assert_int_equal(trace_pending(&buf), BUILD_HAS(TRACE_CAT_TASK) ? 1 : 0);
    /* The meta category cannot be switched off. */
    trace_set_mask(&buf, 0);
    assert_int_equal(buf.mask, TRACE_CAT_BIT(TRACE_CAT_META));
    trace_emit(&buf, TRACE_TASK_READY, 3, 0, 0);
    assert_int_equal(trace_pending(&buf), BUILD_HAS(TRACE_CAT_TASK) ? 1 : 0);
    trace_emit(&buf, TRACE_OVERFLOW, 0, 0, 1);
    assert_int_equal(trace_pending(&buf), BUILD_HAS(TRACE_CAT_TASK) ? 2 : 1);
}

static void test_build_mask(void **state)
{
    (void)state;
    trace_emit(&buf, TRACE_QUEUE_SEND, 1, 3, 0x2000);
    trace_emit(&buf, TRACE_TASK_DELAY, 1, 0, 10);
    trace_emit(&buf, TRACE_PROBE, 2, 1, 0);
    assert_int_equal(trace_pending(&buf),
                     (BUILD_HAS(TRACE_CAT_SYNC) ? 1u : 0u) +
                         (BUILD_HAS(TRACE_CAT_TASK) ? 1u : 0u) +
                         (BUILD_HAS(TRACE_CAT_PROBE) ? 1u : 0u));
}

static void test_task_create_name_record(void **state)
{
    struct frame f;

    (void)state;
    fake_now = 42;
    trace_task_create(&buf, 6, 9, "producer_long_name");
    if (!BUILD_HAS(TRACE_CAT_TASK)) {
        assert_int_equal(trace_pending(&buf), 0);
        return;
    }
    assert_int_equal(trace_pending(&buf), 2);
    trace_drain(&buf, capture, 10);
    parse_frame(lines[0], &f);
    assert_int_equal(f.nrec, 2);
    assert_int_equal(f.bytes[8], TRACE_TASK_CREATE);
    assert_int_equal(le64(f.bytes), 42);
    assert_int_equal(f.bytes[10], 6);
    assert_int_equal(f.bytes[11], 9);
    assert_int_equal(f.bytes[16 + 8], TRACE_TASK_NAME);
    assert_int_equal(f.bytes[16 + 10], 6);
    assert_memory_equal(&f.bytes[16], "producer", 8);

    /* A short name is NUL padded. */
    n_lines = 0;
    trace_task_create(&buf, 1, 2, "idle");
    trace_drain(&buf, capture, 10);
    parse_frame(lines[0], &f);
    assert_memory_equal(&f.bytes[16], "idle\0\0\0\0", 8);
}

static void test_vit_set_relative_expiry(void **state)
{
    (void)state;
    fake_now = 5000;
    trace_vit_set(&buf, 2, 7500);
    trace_vit_set(&buf, 2, 100);               /* in the past: 0 */
    trace_vit_set(&buf, 2, 5000 + (1ull << 40)); /* saturated */
    if (!BUILD_HAS(TRACE_CAT_PSCHED)) {
        assert_int_equal(trace_pending(&buf), 0);
        return;
    }
    assert_int_equal(trace_pending(&buf), 3);
    assert_int_equal(storage[0].type, TRACE_VIT_SET);
    assert_int_equal(storage[0].a0, 2);
    assert_int_equal(storage[0].a2, 2500);
    assert_int_equal(storage[1].a2, 0);
    assert_int_equal(storage[2].a2, 0xffffffffu);
}

static void test_switch_out_in_folded(void **state)
{
    (void)state;
    /* The first switch has no previous task. */
    trace_task_switched_in(&buf, 4, 6);
    trace_task_switched_out(&buf, 4, TRACE_STATE_BLOCKED);
    trace_task_switched_in(&buf, 2, 1);
    if (!BUILD_HAS(TRACE_CAT_TASK)) {
        assert_int_equal(trace_pending(&buf), 0);
        return;
    }
    assert_int_equal(trace_pending(&buf), 2);
    assert_int_equal(storage[0].type, TRACE_TASK_SWITCH);
    assert_int_equal(storage[0].a0, 4);
    assert_int_equal(storage[0].a1, 6);
    assert_int_equal(storage[0].a2, TRACE_NO_TASK);
    assert_int_equal(storage[1].a0, 2);
    assert_int_equal(storage[1].a2, 4u | (TRACE_STATE_BLOCKED << 8));
}

static void test_sat8(void **state)
{
    (void)state;
    assert_int_equal(trace_sat8(17), 17);
    assert_int_equal(trace_sat8(255), 255);
    assert_int_equal(trace_sat8(70000), 255);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc32_matches_zlib),
        cmocka_unit_test(test_encode_layout),
        cmocka_unit_test(test_capacity_power_of_two),
        cmocka_unit_test_setup(test_emit_fields_and_irq_masking, setup),
        cmocka_unit_test_setup(test_drain_framing, setup),
        cmocka_unit_test_setup(test_drain_max_records, setup),
        cmocka_unit_test_setup(test_wrap_keeps_order, setup),
        cmocka_unit_test_setup(test_overflow_counted_and_reported, setup),
        cmocka_unit_test_setup(test_runtime_mask, setup),
        cmocka_unit_test_setup(test_build_mask, setup),
        cmocka_unit_test_setup(test_task_create_name_record, setup),
        cmocka_unit_test_setup(test_vit_set_relative_expiry, setup),
        cmocka_unit_test_setup(test_switch_out_in_folded, setup),
        cmocka_unit_test_setup(test_sat8, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
