/*
 * test_svc.c - the service calls' argument checks (partitions/svc.c) and
 * the range check behind every pointer argument (pk_part_range_ok,
 * partitions/part.c), at their boundaries.
 */
#include <string.h>

#include "pk_test_util.h"

#define K0 PKT_GK_BASE(0u)
#define U0 PKT_USER_BASE(0u)
#define K1 PKT_GK_BASE(1u)
#define U1 PKT_USER_BASE(1u)
#define R PKT_RANGE

/* ---- pk_part_range_ok ---- */

static void range_user_edges(void **state)
{
    (void)state;
    const struct pk_part *p = env_part(0);
    for (uint32_t vm = 0; vm < 2u; vm++) {
        assert_true(pk_part_range_ok(p, vm, U0, R));
        assert_true(pk_part_range_ok(p, vm, U0 + R - 1u, 1u));
        assert_true(pk_part_range_ok(p, vm, U0 + R - 8u, 8u));
        assert_false(pk_part_range_ok(p, vm, U0 + R - 8u, 9u));
        assert_false(pk_part_range_ok(p, vm, U0 + R, 1u));
        assert_false(pk_part_range_ok(p, vm, U0, R + 1u));
        assert_false(pk_part_range_ok(p, vm, U0 - 1u, 1u) && vm == 1u);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(range_user_edges, pkt_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
