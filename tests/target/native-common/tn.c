/* tn.c - result reporting for the native target tests. */
#include "tn.h"

#include <stdarg.h>
#include <stdio.h>

#include "bsp.h"

static const char *tn_name = "?";

void tn_begin(const char *name)
{
    tn_name = name;
    printf("TEST %s on %s\n", name, bsp_board_name);
}

void tn_pass(void)
{
    printf("RESULT %s PASS\n", tn_name);
    bsp_exit(0);
}

void tn_fail(const char *fmt, ...)
{
    char reason[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    printf("RESULT %s FAIL %s\n", tn_name, reason);
    bsp_exit(1);
}

char *tn_u64(char *buf, uint64_t v)
{
    char tmp[21];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    int i = 0;
    while (n > 0) {
        buf[i++] = tmp[--n];
    }
    buf[i] = '\0';
    return buf;
}
