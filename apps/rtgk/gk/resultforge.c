/*
 * resultforge.c - red-team guest kernel: forge the victim's verdict.
 *
 * In a test kernel a line starting with "RESULT " is printed without its
 * partition's label and PK_SVC_TEST_EXIT ends the run; the test runner
 * takes the last "RESULT <name> ..." line and the exit status. Before the
 * system's test_judge, any partition could print the victim's PASS line and
 * end the run with status 0, hiding whatever it did to the victim. This
 * one prints "RESULT rt-victim PASS" after 1 s (the victim judges after 2)
 * and calls TEST_EXIT(0); both must come to nothing (test_attacks checks
 * the labelled line and the refusal in the log), and it then sleeps.
 */
#include "rtgk.h"

static const char verdict[] = "RESULT rt-victim PASS\n";

void rtgk_attack(void);
void rtgk_attack(void)
{
    uint32_t t0 = rtgk_now32();
    while (rtgk_now32() - t0 < 1000000000u) {
    }
    (void)rtgk_svc(PK_SVC_CONSOLE_WRITE, (uint32_t)(uintptr_t)verdict,
                   sizeof verdict - 1u, 0u, 0);
    uint32_t r = rtgk_svc(PK_SVC_TEST_EXIT, 0u, 0u, 0u, 0);
    struct rtgk_line l = {.len = 0u};
    rtgk_put(&l, "resultforge: test_exit=");
    rtgk_put_u(&l, r);
    rtgk_flush(&l);
    for (;;)
        (void)rtgk_svc(PK_SVC_YIELD, 0u, 0u, 0u, 0);
}
