/*
 * test_probe.c - PK_SVC_PROBE (partitions/trace.c) in a kernel built with
 * probe pins (PK_PROBE_PINS): a partition drives only the pins its
 * configuration gives it (probe_pins: alpha 3 and 4, beta 5); another's
 * pin is PK_EPERM and a health-monitor record, a pin that no partition
 * may drive (the partition pins 0..2, pins past the board's) PK_EINVAL.
 */
#include "bsp.h"
#include "pk_test_util.h"

#define GK PK_VMODE_GUEST_KERNEL
#define TASK PK_VMODE_TASK

static int32_t probe(unsigned part, uint32_t pin, uint32_t level)
{
    struct pk_part *p = env_current(part, GK);
    env_svc(p, PK_SVC_PROBE, pin, level, 0, 0);
    return (int32_t)p->ctx.r[0];
}

static void probe_own_pins(void **state)
{
    (void)state;
    env_console_clear();
    assert_int_equal(probe(0, 3u, 1u), PK_OK);
    assert_int_equal(fake_probe_level >> 3 & 7u, 1u);
    assert_int_equal(probe(0, 4u, 1u), PK_OK);
    assert_int_equal(fake_probe_level >> 3 & 7u, 3u);
    assert_int_equal(probe(0, 3u, 0u), PK_OK);
    assert_int_equal(fake_probe_level >> 3 & 7u, 2u);
    assert_int_equal(probe(1, 5u, 7u), PK_OK);
    assert_int_equal(fake_probe_level >> 3 & 7u, 6u);
    assert_int_equal(env_hm_lines(), 0);
}

static void probe_other_pins_refused(void **state)
{
    (void)state;
    /* Alpha: beta's pin 5 and the unowned 6, 7 (both sides of its own). */
    const uint32_t pins[] = {5u, 6u, 7u};
    for (unsigned i = 0; i < 3u; i++) {
        env_console_clear();
        uint32_t level = fake_probe_level;
        assert_int_equal(probe(0, pins[i], 1u), PK_EPERM);
        pkt_assert_hm_kind("bad_svc");
        assert_int_equal(pkt_hm_hex("addr"), pins[i]);
        assert_int_equal(pkt_hm_hex("status"), (uint32_t)PK_EPERM);
        assert_int_equal(fake_probe_level >> 3, level >> 3);
    }
    assert_int_equal(env_part(0)->faults, 3);
    /* Gamma owns no pin; beta not alpha's 4 nor 6 (next to its 5). The
     * refusal takes their actions (stop, restart: no result to read). */
    env_console_clear();
    (void)probe(2, 3u, 1u);
    pkt_assert_hm_kind("bad_svc");
    assert_int_equal(env_part(2)->state, PK_STATE_STOPPED);
    (void)probe(1, 4u, 1u);
    assert_int_equal(env_part(1)->restarts, 1);
    (void)probe(1, 6u, 1u);
    assert_int_equal(env_part(1)->restarts, 2);
    assert_int_equal(fake_probe_level >> 3, 0u);
}

static void probe_pins_out_of_range(void **state)
{
    (void)state;
    const uint32_t pins[] = {0u, 2u, BSP_PROBE_PINS, 0xFFFFFFFFu};
    for (unsigned i = 0; i < 4u; i++) {
        env_console_clear();
        assert_int_equal(probe(0, pins[i], 1u), PK_EINVAL);
        assert_int_equal(env_hm_lines(), 0);
    }
    /* A task may not drive pins at all (guest kernel only). */
    env_console_clear();
    struct pk_part *p = env_current(0, TASK);
    env_svc(p, PK_SVC_PROBE, 3u, 1u, 0, 0);
    assert_int_equal((int32_t)p->ctx.r[0], PK_EPERM);
    pkt_assert_hm_kind("bad_svc");
    assert_int_equal(fake_probe_level >> 3, 0u);
}

#define T(f) cmocka_unit_test_setup(f, pkt_setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(probe_own_pins),
        T(probe_other_pins_refused),
        T(probe_pins_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
