/*
 * pk_test_util.h - cmocka helpers shared by the kernel's host unit tests.
 */
#ifndef PK_TEST_UTIL_H
#define PK_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pk_env.h"

/* Per-test set-up: a freshly booted kernel; a scheduler invariant failure
 * fails the test. */
int pkt_setup(void **state);

/* The last health-monitor line has this kind ("bad_svc", ...), or there is
 * none when kind is NULL. */
void pkt_assert_hm_kind(const char *kind);
/* Value of a field of the last HM line as a number (addr, status, pc). */
uint32_t pkt_hm_hex(const char *key);

/* A saved context of partition p that resumes at pc in virtual mode vmode:
 * what a vCPU ctx or a gate would carry (USR, ARM). */
void pkt_ctx(struct pk_regs *r, uint32_t pc, uint32_t sp);

#endif /* PK_TEST_UTIL_H */
