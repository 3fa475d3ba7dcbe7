/*
 * rtgk.h - helpers of the red-team guest kernel (apps/rtgk): raw service
 * calls, the clock and a console line with decimal numbers, without newlib
 * (nothing here may pull library code into the user range).
 */
#ifndef RTGK_H
#define RTGK_H

#include <stdint.h>

#include "pk_abi.h"

/* One service call, arguments r0-r2, result r0 (r1 in *hi if not NULL). */
static inline uint32_t rtgk_svc(uint32_t nr, uint32_t a0, uint32_t a1,
                                uint32_t a2, uint32_t *hi)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r7 __asm__("r7") = nr;
    __asm__ volatile("svc #0" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r7)
                     : "memory");
    if (hi != 0)
        *hi = r1;
    return r0;
}

/* The global clock, ns (only differences are used: 32 bits suffice for
 * intervals under 4 s). */
static inline uint32_t rtgk_now32(void)
{
    return rtgk_svc(PK_SVC_TIME_GET, 0u, 0u, 0u, 0);
}

/* The global clock, ns, whole (for absolute deadlines). */
static inline uint64_t rtgk_now64(void)
{
    uint32_t hi;
    uint32_t lo = rtgk_svc(PK_SVC_TIME_GET, 0u, 0u, 0u, &hi);
    return ((uint64_t)hi << 32) | lo;
}

/* A console line builder: text and unsigned decimals. */
struct rtgk_line {
    char buf[120]; /* the line being built */
    uint32_t len;  /* bytes used */
};

static inline void rtgk_put(struct rtgk_line *l, const char *s)
{
    while (*s != '\0' && l->len < sizeof l->buf)
        l->buf[l->len++] = *s++;
}

static inline void rtgk_put_u(struct rtgk_line *l, uint32_t v)
{
    char tmp[10];
    uint32_t n = 0;
    do {
        /* Division by 10 by multiplication: no library call. */
        uint32_t q = (uint32_t)(((uint64_t)v * 0xCCCCCCCDu) >> 35);
        tmp[n++] = (char)('0' + (v - q * 10u));
        v = q;
    } while (v != 0u);
    while (n > 0u && l->len < sizeof l->buf)
        l->buf[l->len++] = tmp[--n];
}

static inline void rtgk_flush(struct rtgk_line *l)
{
    if (l->len < sizeof l->buf)
        l->buf[l->len++] = '\n';
    (void)rtgk_svc(PK_SVC_CONSOLE_WRITE, (uint32_t)(uintptr_t)l->buf, l->len,
                   0u, 0);
    l->len = 0u;
}

#endif /* RTGK_H */
