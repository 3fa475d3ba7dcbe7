/* result_native.c - app_result() natively: the board's exit status. */
#include <stdio.h>

#include "app_result.h"
#include "bsp.h"

void app_result(int ok, const char *why)
{
    if (ok)
        printf("RESULT %s PASS\n", APP_TEST_NAME);
    else
        printf("RESULT %s FAIL %s\n", APP_TEST_NAME, why);
    bsp_exit(ok ? 0 : 1);
}

void app_fail_at(int line, const char *what)
{
    char why[160];
    snprintf(why, sizeof why, "line %d: %s", line, what);
    app_result(0, why);
}
