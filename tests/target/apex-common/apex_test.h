/*
 * apex_test.h - what the APEX conformance tests share (tests/target/apex-*):
 * one line per check ("ok <what>" or "FAIL <what>: ..."), a verdict line
 * "RESULT <test> PASS|FAIL" and the test exit. Every time is virtual (icount).
 */
#ifndef APEX_TEST_H
#define APEX_TEST_H

#include <stdio.h>

#include "apex.h"
#include "pv_svc.h"

void apex_partition_enter_normal(void) __attribute__((noreturn));

static unsigned apex_t_failed, apex_t_checks;

static const char *apex_rc_name(RETURN_CODE_TYPE rc)
{
    static const char *const n[] = {"NO_ERROR", "NO_ACTION", "NOT_AVAILABLE", "INVALID_PARAM",
                                    "INVALID_CONFIG", "INVALID_MODE", "TIMED_OUT"};
    return (unsigned)rc < 7u ? n[rc] : "?";
}

/* A return code check. */
#define RC(what, got, want)                                                                 \
    do {                                                                                    \
        RETURN_CODE_TYPE g_ = (got);                                                        \
        apex_t_checks++;                                                                    \
        if (g_ == (want)) {                                                                 \
            printf("ok %s: %s\n", (what), apex_rc_name(g_));                                \
        } else {                                                                            \
            apex_t_failed++;                                                                \
            printf("FAIL %s: %s, want %s\n", (what), apex_rc_name(g_), apex_rc_name(want)); \
        }                                                                                   \
    } while (0)

/* Any condition, with the values shown. */
#define CHECK(what, cond, fmt, ...)                                          \
    do {                                                                     \
        apex_t_checks++;                                                     \
        if (cond) {                                                          \
            printf("ok %s: " fmt "\n", (what), __VA_ARGS__);                 \
        } else {                                                             \
            apex_t_failed++;                                                 \
            printf("FAIL %s: " fmt "\n", (what), __VA_ARGS__);               \
        }                                                                    \
    } while (0)

static inline SYSTEM_TIME_TYPE now_ns(void)
{
    SYSTEM_TIME_TYPE t = 0;
    RETURN_CODE_TYPE rc;
    GET_TIME(&t, &rc);
    return t;
}

/* Spin for `ns` of virtual time (CPU work, no wait). */
static inline void spin_ns(SYSTEM_TIME_TYPE ns)
{
    SYSTEM_TIME_TYPE end = now_ns() + ns;
    while (now_ns() < end)
        ;
}

static inline PROCESS_STATE_TYPE state_of(PROCESS_ID_TYPE id)
{
    PROCESS_STATUS_TYPE st;
    RETURN_CODE_TYPE rc;
    GET_PROCESS_STATUS(id, &st, &rc);
    return rc == NO_ERROR ? st.PROCESS_STATE : (PROCESS_STATE_TYPE)-1;
}

static inline void set_name(NAME_TYPE n, const char *s)
{
    unsigned i = 0;
    for (; s[i] != '\0' && i < MAX_NAME_LENGTH; i++)
        n[i] = s[i];
    for (; i < MAX_NAME_LENGTH; i++)
        n[i] = '\0';
}

static inline PROCESS_ID_TYPE make_process(const char *name, void (*entry)(void), PRIORITY_TYPE prio,
                                           SYSTEM_TIME_TYPE period, SYSTEM_TIME_TYPE capacity,
                                           DEADLINE_TYPE dl)
{
    PROCESS_ATTRIBUTE_TYPE at = {period, capacity, (SYSTEM_ADDRESS_TYPE)entry, 4096, prio, dl, {0}};
    set_name(at.NAME, name);
    PROCESS_ID_TYPE id = 0;
    RETURN_CODE_TYPE rc;
    CREATE_PROCESS(&at, &id, &rc);
    if (rc != NO_ERROR)
        printf("FAIL create %s: %s\n", name, apex_rc_name(rc));
    return id;
}

/* The verdict, then the end of the run. */
static inline void apex_test_end(const char *test)
{
    printf("checks=%u failed=%u\n", apex_t_checks, apex_t_failed);
    if (apex_t_failed == 0u)
        printf("RESULT %s PASS\n", test);
    else
        printf("RESULT %s FAIL %u of %u checks\n", test, apex_t_failed, apex_t_checks);
    pv_test_exit(apex_t_failed == 0u ? 0 : 1);
}

#endif /* APEX_TEST_H */
