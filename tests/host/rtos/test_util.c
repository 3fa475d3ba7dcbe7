/* test_util.c - shared helpers of the tick core's host tests. */
#include <stdio.h>
#include <string.h>

#include "test_util.h"

_Alignas(PORT_STACK_ALIGN) port_stack_t tstack[TEST_TASKS][TEST_STACK_WORDS];
/* OS_KOBJ: in the object region when the port has one (HOST_KOBJ_MAP). */
OS_KOBJ struct os_task tt[TEST_TASKS];

static char log_buf[4096];
static char ready_buf[4096];

static void append(char *buf, size_t cap, const char *word)
{
    size_t len = strlen(buf);
    snprintf(buf + len, cap - len, "%s%s", len > 0 ? " " : "", word);
}

void mk(int i, const char *name, void (*fn)(void *), void *arg, unsigned prio)
{
    assert_int_equal(os_task_create(&tt[i], name, fn, arg, prio, tstack[i], TEST_STACK_WORDS), OS_OK);
}

void ev(const char *fmt, ...)
{
    char word[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(word, sizeof word, fmt, ap);
    va_end(ap);
    append(log_buf, sizeof log_buf, word);
}

const char *evlog(void)
{
    return log_buf;
}

const char *readylog(void)
{
    return ready_buf;
}

void test_trace_ready(struct os_task *t)
{
    if (t == os_idle_task())
        return;
    char word[64];
    snprintf(word, sizeof word, "%s@%u", t->name, (unsigned)os_tick_count());
    append(ready_buf, sizeof ready_buf, word);
}

void readylog_clear(void)
{
    ready_buf[0] = '\0';
}

static void clear_logs(void)
{
    log_buf[0] = '\0';
    ready_buf[0] = '\0';
}

int setup_core(void **state)
{
    (void)state;
    host_reset();
    os_init();
    clear_logs();
    return 0;
}

int setup_core_wrap(void **state)
{
    (void)state;
    host_reset();
    os_init_at(TEST_WRAP_START);
    clear_logs();
    return 0;
}
