/*
 * tn.h - helpers shared by the native target tests: the result line and the
 * exit status that tools/qemu_run.py checks, and 64-bit printing (newlib
 * nano's printf has no %llu).
 */
#ifndef TN_H
#define TN_H

#include <stdint.h>

/* Prints the banner "TEST <name> on <board>". Call after bsp_init(). */
void tn_begin(const char *name);

/* Prints "RESULT <name> PASS" and exits with status 0. */
void tn_pass(void) __attribute__((noreturn));

/* Prints "RESULT <name> FAIL <reason>" and exits with status 1. */
void tn_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Checks a condition; on failure reports the expression and line. */
#define TN_CHECK(cond)                                                         \
    do {                                                                       \
        if (!(cond))                                                           \
            tn_fail("line %d: %s", __LINE__, #cond);                           \
    } while (0)

/* Formats v in decimal into buf (at least 21 bytes); returns buf. */
char *tn_u64(char *buf, uint64_t v);

#endif /* TN_H */
