/*
 * app_result.h - how the FreeRTOS example applications end: print the
 * result line the test runner looks for ("RESULT <test> PASS" or
 * "RESULT <test> FAIL <why>", the test's name from -DAPP_TEST_NAME) and
 * exit with status 0 or 1. One implementation per environment:
 * result_native.c (the board's exit), result_pk.c (a partition's test
 * exit service call). The applications themselves use only the FreeRTOS
 * headers and the C library.
 */
#ifndef APP_RESULT_H
#define APP_RESULT_H

#ifndef APP_TEST_NAME
#define APP_TEST_NAME "freertos-app"
#endif

/* ok != 0: PASS; else FAIL with why. Does not return. */
void app_result(int ok, const char *why) __attribute__((noreturn));

/* Fail with the expression and line when cond is false. */
#define APP_CHECK(cond)                                                                            \
    do {                                                                                           \
        if (!(cond))                                                                               \
            app_fail_at(__LINE__, #cond);                                                          \
    } while (0)

void app_fail_at(int line, const char *what) __attribute__((noreturn));

#endif /* APP_RESULT_H */
