/*
 * os_stdio.c - printf, vprintf, puts and putchar for tasks, natively and in
 * a partition.
 *
 * newlib nano is built without stdio locks, and its printf writes an
 * unbuffered stream piece by piece, so two tasks printing at once would mix
 * their lines. These replacements (the linker takes them instead of the
 * library's) format into a buffer on the caller's stack with the reentrant
 * vsnprintf and hand the whole text to one _write: the board's console write
 * natively, the kernel's console service call in a partition. Both are
 * atomic, so a printf is never interleaved with another task's.
 *
 * Output longer than OS_STDIO_STACK_BUF is formatted again into one static
 * buffer with the scheduler suspended (rare; keeps task stacks small).
 * Not for interrupt handlers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "os.h"

#define OS_STDIO_STACK_BUF 160
#define OS_STDIO_BIG_BUF 1024

/* newlib's output hook, provided by the board (native) or the para-virtual
 * port's user library (partition). */
int _write(int fd, const char *buf, int len);

int vprintf(const char *fmt, va_list ap)
{
    char buf[OS_STDIO_STACK_BUF];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n >= 0 && (size_t)n < sizeof buf) {
        (void)_write(1, buf, n);
    } else if (n >= 0) {
        static char big[OS_STDIO_BIG_BUF];
        os_scheduler_suspend();
        int m = vsnprintf(big, sizeof big, fmt, again);
        if (m > (int)sizeof big - 1) {
            m = (int)sizeof big - 1;
        }
        (void)_write(1, big, m);
        os_scheduler_resume();
    }
    va_end(again);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int puts(const char *s)
{
    return printf("%s\n", s) < 0 ? EOF : 1;
}

int putchar(int c)
{
    char ch = (char)c;
    (void)_write(1, &ch, 1);
    return (unsigned char)ch;
}
