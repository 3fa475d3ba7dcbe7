/*
 * console.c - the kernel's console: partitions' output, labelled per line,
 * and the kernel's own messages.
 *
 * Each partition has a line buffer in the kernel; a line is printed in one
 * piece, prefixed "[name] ", when its newline arrives (or the buffer fills),
 * so lines of different partitions never interleave even though partitions
 * are preempted in the middle of their writes.
 */
#include <stdarg.h>

#include "pk_kernel.h"

#include "bsp.h"

/* True if the line is a test verdict ("RESULT <test> PASS|FAIL ...").
 * Test systems (PK_CONFIG_TEST_EXIT) print those unlabelled, at the start
 * of the line, where the test runner looks for them. */
static bool is_result_line(const struct pk_part *p)
{
#ifdef PK_CONFIG_TEST_EXIT
    static const char tag[] = "RESULT ";
    if (p->line_len < sizeof tag - 1u)
        return false;
    for (size_t i = 0; i < sizeof tag - 1u; i++)
        if (p->line[i] != tag[i])
            return false;
    return true;
#else
    (void)p;
    return false;
#endif
}

static void flush_line(struct pk_part *p)
{
    if (!is_result_line(p)) {
        bsp_console_putc('[');
        const char *n = p->cfg->name;
        size_t len = 0;
        while (n[len] != '\0')
            len++;
        bsp_console_write(n, len);
        bsp_console_write("] ", 2);
    }
    bsp_console_write(p->line, p->line_len);
    bsp_console_write("\n", 1);
    p->line_len = 0u;
}

void pk_console_put(struct pk_part *p, const char *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '\r')
            continue;
        if (c == '\n') {
            flush_line(p);
            continue;
        }
        p->line[p->line_len++] = c;
        if (p->line_len == PK_LINE_MAX)
            flush_line(p);
    }
}

void pk_console_reset(struct pk_part *p)
{
    p->line_len = 0u;
}

/* ---- A small printf for kernel messages ---- */

struct out {
    char buf[160]; /* one message */
    size_t len;    /* bytes used */
};

static void out_c(struct out *o, char c)
{
    if (o->len < sizeof o->buf)
        o->buf[o->len++] = c;
}

static void out_u64(struct out *o, uint64_t v, unsigned base, unsigned width)
{
    char tmp[24];
    unsigned n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        tmp[n++] = (char)(d < 10u ? '0' + d : 'a' + d - 10u);
        v /= base;
    } while (v != 0u && n < sizeof tmp);
    while (n < width && n < sizeof tmp)
        tmp[n++] = '0';
    while (n > 0u)
        out_c(o, tmp[--n]);
}

void pk_printf(const char *fmt, ...)
{
    struct out o;
    o.len = 0;
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f != '\0'; f++) {
        if (*f != '%') {
            out_c(&o, *f);
            continue;
        }
        f++;
        unsigned width = 0;
        while (*f >= '0' && *f <= '9')
            width = width * 10u + (unsigned)(*f++ - '0');
        unsigned longs = 0;
        while (*f == 'l') {
            longs++;
            f++;
        }
        switch (*f) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            while (s != NULL && *s != '\0')
                out_c(&o, *s++);
            break;
        }
        case 'c':
            out_c(&o, (char)va_arg(ap, int));
            break;
        case 'd': {
            int64_t v = longs >= 2u ? va_arg(ap, long long) : va_arg(ap, int);
            if (v < 0) {
                out_c(&o, '-');
                v = -v;
            }
            out_u64(&o, (uint64_t)v, 10u, width);
            break;
        }
        case 'u':
        case 'x': {
            uint64_t v = longs >= 2u ? va_arg(ap, unsigned long long)
                                     : va_arg(ap, unsigned);
            out_u64(&o, v, *f == 'u' ? 10u : 16u, width);
            break;
        }
        case '%':
            out_c(&o, '%');
            break;
        case '\0':
            f--;
            break;
        default:
            out_c(&o, '?');
            break;
        }
    }
    va_end(ap);
    bsp_console_write(o.buf, o.len);
}
