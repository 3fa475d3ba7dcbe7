/*
 * syscalls.c - the system calls newlib (nano) needs, over the board
 * interface: console output and input, exit, and a small fixed heap.
 *
 * Kernel code never allocates; the arena exists only because newlib's stdio
 * may ask for memory. Output is atomic per _write (one critical section), and
 * stdout is unbuffered.
 *
 * printf and its family are replaced for tasks by rtos/lib/os_stdio.c, which
 * turns each printf into one _write.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "bsp.h"
#include "cpu.h"

/* Prototypes for the newlib hooks (newlib declares none of them). */
void arm_stdio_init(void);
int _write(int fd, const char *buf, int len);
int _read(int fd, char *buf, int len);
void *_sbrk(ptrdiff_t incr);
void _exit(int status) __attribute__((noreturn));
int _close(int fd);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
int _lseek(int fd, int off, int whence);
int _kill(int pid, int sig);
int _getpid(void);

/* Arena bounds from the linker script. */
extern char arm_heap_start[];
extern char arm_heap_end[];

/* Next free byte of the arena; only grows. */
static char *heap_next;

void arm_stdio_init(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    setvbuf(stderr, NULL, _IONBF, 0);
}

int _write(int fd, const char *buf, int len)
{
    if (fd != 1 && fd != 2) {
        errno = EBADF;
        return -1;
    }
    if (len <= 0) {
        return 0;
    }
    /* Polled output with interrupts masked: long lines delay interrupts
     * (about 87 us per character on real 115200 baud hardware, nothing
     * under QEMU), the price of never interleaving. */
    uint32_t psr = cpu_irq_save();
    bsp_console_write(buf, (size_t)len);
    cpu_irq_restore(psr);
    return len;
}

int _read(int fd, char *buf, int len)
{
    if (fd != 0) {
        errno = EBADF;
        return -1;
    }
    int n = 0;
    while (n < len) {
        int c = bsp_console_getc();
        if (c < 0) {
            if (n > 0) {
                break;
            }
            continue; /* block until the first byte */
        }
        buf[n++] = (char)c;
        if (c == '\r' || c == '\n') {
            break;
        }
    }
    return n;
}

void *_sbrk(ptrdiff_t incr)
{
    uint32_t psr = cpu_irq_save();
    if (heap_next == NULL) {
        heap_next = arm_heap_start;
    }
    char *prev = heap_next;
    if (incr < 0 || arm_heap_end - heap_next < incr) {
        cpu_irq_restore(psr);
        errno = ENOMEM;
        return (void *)-1;
    }
    heap_next += incr;
    cpu_irq_restore(psr);
    return prev;
}

void _exit(int status)
{
    bsp_exit(status);
}

int _close(int fd)
{
    (void)fd;
    return -1;
}

int _fstat(int fd, struct stat *st)
{
    (void)fd;
    st->st_mode = S_IFCHR;
    return 0;
}

int _isatty(int fd)
{
    return fd >= 0 && fd <= 2;
}

int _lseek(int fd, int off, int whence)
{
    (void)fd;
    (void)off;
    (void)whence;
    return 0;
}

int _kill(int pid, int sig)
{
    (void)pid;
    (void)sig;
    errno = EINVAL;
    return -1;
}

int _getpid(void)
{
    return 1;
}
