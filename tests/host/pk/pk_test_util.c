/*
 * pk_test_util.c - see pk_test_util.h.
 */
#include <stdlib.h>
#include <string.h>

#include "pk_test_util.h"

static void assert_hook(const char *expr, const char *file, int line)
{
    fail_msg("scheduler invariant failed: %s (%s:%d)", expr, file, line);
}

int pkt_setup(void **state)
{
    (void)state;
    if (!env_boot()) {
        print_error("kernel boot failed:\n%s\n", env_console_text());
        return -1;
    }
    fake_assert_hook = assert_hook;
    return 0;
}

void pkt_assert_hm_kind(const char *kind)
{
    char buf[32];
    env_hm_field("kind", buf, sizeof buf);
    if (kind == NULL)
        assert_string_equal(buf, "");
    else
        assert_string_equal(buf, kind);
}

uint32_t pkt_hm_hex(const char *key)
{
    char buf[32];
    env_hm_field(key, buf, sizeof buf);
    assert_true(buf[0] != '\0');
    return (uint32_t)strtoul(buf, NULL, 16);
}

void pkt_ctx(struct pk_regs *r, uint32_t pc, uint32_t sp)
{
    memset(r, 0, sizeof *r);
    for (unsigned i = 0; i < 13u; i++)
        r->r[i] = 0x1000u + i;
    r->r[13] = sp;
    r->r[14] = 0u;
    r->r[15] = pc;
    r->cpsr = CPU_MODE_USR;
}
