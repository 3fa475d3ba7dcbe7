/* result_pk.c - app_result() in a partition: the test exit service call
 * (kernels built with PK_CONFIG_TEST_EXIT end the system with it). */
#include <stdio.h>

#include "app_result.h"
#include "os.h"
#include "pv_svc.h"

void app_result(int ok, const char *why)
{
    if (ok)
        printf("RESULT %s PASS\n", APP_TEST_NAME);
    else
        printf("RESULT %s FAIL %s\n", APP_TEST_NAME, why);
    pv_test_exit(ok ? 0 : 1);
    for (;;)
        os_task_yield();
}

void app_fail_at(int line, const char *what)
{
    char why[160];
    snprintf(why, sizeof why, "line %d: %s", line, what);
    app_result(0, why);
}
