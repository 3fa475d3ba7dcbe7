/*
 * os_config.h - tick core configuration for the host unit tests.
 *
 * 1 kHz tick, 8 priorities, round robin and stack checks on. The
 * ready trace hook records into test_util.c, so tests can check when and in
 * which order the core made tasks ready.
 */
#ifndef OS_CONFIG_H
#define OS_CONFIG_H

#define OS_CONFIG_MAX_PRIORITIES 8
#define OS_CONFIG_TICK_HZ 1000
#define OS_CONFIG_ROUND_ROBIN 1
#define OS_CONFIG_STACK_CHECK 1
#define OS_CONFIG_ASSERT 1
#define OS_CONFIG_TASK_NOTIFY_COUNT 3

/* Record every "task made ready" event with the tick count (test_util.c). */
struct os_task;
void test_trace_ready(struct os_task *t);
#define OS_TRACE_TASK_READY(t) test_trace_ready(t)

#endif /* OS_CONFIG_H */
