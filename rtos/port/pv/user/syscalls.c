/*
 * syscalls.c - the newlib (nano) hooks of a partition's application. Linked
 * into the user range (it runs in task mode): output goes to the kernel's
 * console service call, which labels each line with the partition's name;
 * the heap is a fixed arena at the end of the user range's bss.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "os.h"
#include "pv_svc.h"

void pv_user_init(void);
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

/* Arena bounds (linker/partition.ld). */
extern char pv_heap_start[];
extern char pv_heap_end[];
static char *heap_next;

/* Called by the guest kernel before main(): one printf is one _write. */
void pv_user_init(void)
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
    if (len <= 0)
        return 0;
    /* The kernel takes at most PK_CONSOLE_WRITE_MAX bytes a call: with the
     * scheduler suspended no other task of the partition writes between
     * the pieces, so one write (one printf, rtos/lib/os_stdio.c) stays one
     * whole line. */
    os_scheduler_suspend();
    int32_t r = pv_console_write(buf, (uint32_t)len);
    os_scheduler_resume();
    if (r < 0) {
        errno = EFAULT;
        return -1;
    }
    return (int)r;
}

int _read(int fd, char *buf, int len)
{
    (void)fd;
    (void)buf;
    (void)len;
    errno = ENOSYS;
    return -1;
}

void *_sbrk(ptrdiff_t incr)
{
    if (heap_next == NULL)
        heap_next = pv_heap_start;
    if (incr < 0 || incr > pv_heap_end - heap_next) {
        errno = ENOMEM;
        return (void *)-1;
    }
    char *p = heap_next;
    heap_next += incr;
    return p;
}

void _exit(int status)
{
    (void)pv_report_error(PK_GUEST_ERR_APP, (uint32_t)status);
    for (;;)
        (void)pv_svc(PK_SVC_YIELD, 0u, 0u, 0u);
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
    (void)fd;
    return 1;
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
