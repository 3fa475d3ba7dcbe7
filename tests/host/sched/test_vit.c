/*
 * test_vit.c - host tests of the VIT bookkeeping (vit.c): ordering by
 * expiry then request order, replacement, cancel, past deadlines, counters.
 */
#include "sim.h"

static struct pk_vit v;

static void test_vit_empty(void **state)
{
    (void)state;
    pk_vit_init(&v, 3);
    assert_true(pk_vit_next_expiry(&v) == PK_VIT_NONE);
    assert_int_equal(pk_vit_pop_expired(&v, UINT64_MAX - 1), -1);
    assert_false(pk_vit_cancel(&v, 1));
}

/* Earliest expiry first, whatever the request order. */
static void test_vit_earliest_first(void **state)
{
    (void)state;
    pk_vit_init(&v, 3);
    pk_vit_request(&v, 0, 300, 0);
    pk_vit_request(&v, 1, 100, 0);
    pk_vit_request(&v, 2, 200, 0);
    assert_int_equal(pk_vit_next_expiry(&v), 100);
    assert_int_equal(pk_vit_pop_expired(&v, 99), -1); /* not yet */
    assert_int_equal(pk_vit_pop_expired(&v, 250), 1);
    assert_int_equal(pk_vit_pop_expired(&v, 250), 2);
    assert_int_equal(pk_vit_pop_expired(&v, 250), -1);
    assert_int_equal(pk_vit_next_expiry(&v), 300);
    assert_int_equal(pk_vit_pop_expired(&v, 300), 0); /* at the deadline */
    assert_true(pk_vit_next_expiry(&v) == PK_VIT_NONE);
    assert_int_equal(v.part[1].expiries, 1);
}

/* Equal expiries come out in request order (FIFO), not index order. */
static void test_vit_fifo_ties(void **state)
{
    (void)state;
    pk_vit_init(&v, 4);
    pk_vit_request(&v, 3, 500, 0);
    pk_vit_request(&v, 1, 500, 10);
    pk_vit_request(&v, 2, 500, 20);
    pk_vit_request(&v, 0, 500, 30);
    assert_int_equal(pk_vit_pop_expired(&v, 500), 3);
    assert_int_equal(pk_vit_pop_expired(&v, 500), 1);
    assert_int_equal(pk_vit_pop_expired(&v, 500), 2);
    assert_int_equal(pk_vit_pop_expired(&v, 500), 0);
    assert_int_equal(pk_vit_pop_expired(&v, 500), -1);
}

/* A new request replaces the pending one (and goes to the back of ties). */
static void test_vit_replace_cancel(void **state)
{
    (void)state;
    pk_vit_init(&v, 2);
    pk_vit_request(&v, 0, 100, 0);
    pk_vit_request(&v, 1, 400, 0);
    pk_vit_request(&v, 0, 400, 5); /* replaces 100 */
    assert_int_equal(v.part[0].replaced, 1);
    assert_int_equal(pk_vit_next_expiry(&v), 400);
    assert_int_equal(pk_vit_pop_expired(&v, 399), -1);
    uint64_t e = 0;
    assert_true(pk_vit_pending(&v, 0, &e));
    assert_int_equal(e, 400);
    /* Tie at 400: partition 1 asked first. */
    assert_int_equal(pk_vit_pop_expired(&v, 400), 1);
    assert_int_equal(pk_vit_pop_expired(&v, 400), 0);

    pk_vit_request(&v, 1, 1000, 500);
    assert_true(pk_vit_cancel(&v, 1));
    assert_false(pk_vit_cancel(&v, 1));
    assert_false(pk_vit_pending(&v, 1, NULL));
    assert_true(pk_vit_next_expiry(&v) == PK_VIT_NONE);
    assert_int_equal(pk_vit_pop_expired(&v, 2000), -1);
    assert_int_equal(v.part[1].cancels, 1);
    assert_int_equal(v.part[1].requests, 2);
}

/* A deadline already past is accepted and expires at once. */
static void test_vit_past(void **state)
{
    (void)state;
    pk_vit_init(&v, 2);
    pk_vit_request(&v, 1, 50, 1000);
    assert_int_equal(v.part[1].past_requests, 1);
    assert_int_equal(pk_vit_next_expiry(&v), 50);
    assert_int_equal(pk_vit_pop_expired(&v, 1000), 1);
    /* Past requests still order by expiry before FIFO. */
    pk_vit_request(&v, 0, 900, 1000);
    pk_vit_request(&v, 1, 800, 1000);
    assert_int_equal(pk_vit_pop_expired(&v, 1000), 1);
    assert_int_equal(pk_vit_pop_expired(&v, 1000), 0);
    pk_vit_note_refused_warp(&v, 0);
    assert_int_equal(v.part[0].refused_warps, 1);
}

/* Bad partition numbers are invariant failures, not memory corruption. */
static void test_vit_bad_part(void **state)
{
    (void)state;
    pk_vit_init(&v, 2);
    sim_expect_assert = 1;
    sim_assert_count = 0;
    pk_vit_request(&v, 2, 5, 0);
    assert_false(pk_vit_cancel(&v, -1));
    sim_expect_assert = 0;
    assert_int_equal(sim_assert_count, 2);
    assert_true(pk_vit_next_expiry(&v) == PK_VIT_NONE);
}

/* Random requests, replacements, cancels and pops over 32 partitions: the
 * kept first request is always the one a scan finds, and the pops come out
 * in (expiry, request) order. */
static void test_vit_random(void **state)
{
    (void)state;
    pk_vit_init(&v, 32);
    uint32_t x = 12345u;
    uint64_t now = 0u, last_expiry = 0u, last_seq = 0u;
    for (int step = 0; step < 20000; step++) {
        x = x * 1103515245u + 12345u;
        int i = (int)((x >> 8) % 32u);
        switch ((x >> 16) % 4u) {
        case 0:
        case 1:
            pk_vit_request(&v, i, now + (x >> 20) % 64u, now);
            break;
        case 2:
            (void)pk_vit_cancel(&v, i);
            break;
        default: {
            now += (x >> 20) % 8u;
            last_expiry = 0u;
            last_seq = 0u;
            int k;
            while ((k = pk_vit_pop_expired(&v, now)) >= 0) {
                uint64_t e = v.part[k].expiry_ns, q = v.part[k].seq;
                assert_true(e <= now);
                assert_true(e > last_expiry || (e == last_expiry && q >= last_seq));
                last_expiry = e;
                last_seq = q;
            }
            break;
        }
        }
        int best = -1;
        for (int k = 0; k < 32; k++) {
            const struct pk_vit_part *p = &v.part[k];
            if (!p->pending)
                continue;
            if (best < 0 || p->expiry_ns < v.part[best].expiry_ns ||
                (p->expiry_ns == v.part[best].expiry_ns && p->seq < v.part[best].seq))
                best = k;
        }
        assert_int_equal(v.first, best);
        assert_int_equal(pk_vit_next_expiry(&v),
                         best < 0 ? PK_VIT_NONE : v.part[best].expiry_ns);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vit_empty),
        cmocka_unit_test(test_vit_earliest_first),
        cmocka_unit_test(test_vit_fifo_ties),
        cmocka_unit_test(test_vit_replace_cancel),
        cmocka_unit_test(test_vit_past),
        cmocka_unit_test(test_vit_bad_part),
        cmocka_unit_test(test_vit_random),
    };
    return cmocka_run_group_tests_name("vit", tests, NULL, NULL);
}
