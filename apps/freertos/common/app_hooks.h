/*
 * app_hooks.h - the hooks every example application defines the same way
 * (included once by each application's main.c): a failed configASSERT or
 * allocation fails the test.
 */
#ifndef APP_HOOKS_H
#define APP_HOOKS_H

#include "app_result.h"

void app_assert_failed(int line)
{
    app_fail_at(line, "configASSERT");
}

void vApplicationMallocFailedHook(void)
{
    app_result(0, "malloc failed");
}

#endif /* APP_HOOKS_H */
