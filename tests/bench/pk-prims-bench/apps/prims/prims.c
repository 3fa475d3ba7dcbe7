/*
 * pk-prims-bench, partition "prims" (tools/bench_freertos.py): the newer
 * tick-core primitives in a partition, measured as tests/bench/native-bench
 * measures them natively. Tasks call the tick core through the gates and
 * read the clock with PK_SVC_TIME_GET:
 *   sem_give_take   a semaphore give in "prim" (priority 2) to the take
 *                   returning in "main" (3), for reference
 *   notify_take     a notification (increment) in prim to
 *                   os_task_notify_take returning in main
 *   event_wait      an event-group set in prim to os_event_group_wait
 *                   returning in main
 *   stream_receive  a stream-buffer send (4 bytes) in prim to the receive
 *                   returning in main
 *   timer_call      a timer command (a pended call) from main to the call
 *                   running in the timer service task (4)
 * Each sample: prim's clock read just before its call, main's just after
 * its wait returns (both reads inside the figure, as natively). One line
 * per figure, 2000 samples:
 *   BENCH <key> n=<count> total_ns=<sum> min_ns=<min> max_ns=<max>
 * then RESULT and the test exit.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define STACK_WORDS 512u
#define N 2000u

static OS_KOBJ struct os_task main_t, prim_t, service_t;
static _Alignas(8) port_stack_t stack_main[STACK_WORDS];
static _Alignas(8) port_stack_t stack_prim[STACK_WORDS];
static _Alignas(8) port_stack_t stack_timer[STACK_WORDS];

static OS_KOBJ struct os_sem sem_a, sem_b;
static OS_KOBJ struct os_event_group grp;
static OS_KOBJ struct os_stream sb;
static OS_KOBJ uint8_t sb_storage[32];
static OS_KOBJ struct os_timer_cmd timer_cmds[4];

enum prim_kind { PRIM_SEM, PRIM_NOTIFY, PRIM_EVENT, PRIM_STREAM };
static volatile unsigned prim_kind;
static volatile uint64_t stamp, call_stamp;
/* Task buffers: user memory (a task may not hand the core a guest-kernel
 * buffer). */
static uint8_t send_buf[4] = {'a', 'b', 'c', 'd'};
static uint8_t recv_buf[8];

struct series {
    uint32_t n;     /* samples */
    uint64_t total; /* sum, ns */
    uint32_t min;   /* smallest sample, ns */
    uint32_t max;   /* largest sample, ns */
};

static void series_init(struct series *s)
{
    s->n = 0;
    s->total = 0;
    s->min = UINT32_MAX;
    s->max = 0;
}

static void series_add(struct series *s, uint32_t v)
{
    s->n++;
    s->total += v;
    if (v < s->min)
        s->min = v;
    if (v > s->max)
        s->max = v;
}

static void report(const char *key, const struct series *s)
{
    printf("BENCH %s n=%lu total_ns=%lu min_ns=%lu max_ns=%lu\n", key, (unsigned long)s->n,
           (unsigned long)s->total, (unsigned long)s->min, (unsigned long)s->max);
}

/* Below main: woken by sem_b, stamps, then does what main waits for. */
static void prim_task(void *arg)
{
    (void)arg;
    for (;;) {
        (void)os_sem_take(&sem_b, OS_WAIT_FOREVER);
        stamp = pv_time_ns();
        if (prim_kind == PRIM_SEM)
            (void)os_sem_give(&sem_a);
        else if (prim_kind == PRIM_NOTIFY)
            (void)os_task_notify(&main_t, 0, 0, OS_NOTIFY_INCREMENT, NULL);
        else if (prim_kind == PRIM_EVENT)
            (void)os_event_group_set(&grp, 1, NULL);
        else
            (void)os_stream_send(&sb, send_buf, sizeof send_buf, OS_NO_WAIT);
    }
}

static void pended(void *a, uint32_t b)
{
    (void)a;
    (void)b;
    call_stamp = pv_time_ns();
}

static void main_task(void *arg)
{
    (void)arg;
    static const char *const keys[] = {"sem_give_take", "notify_take", "event_wait",
                                       "stream_receive"};
    for (unsigned k = PRIM_SEM; k <= PRIM_STREAM; k++) {
        struct series s;
        series_init(&s);
        prim_kind = k;
        for (uint32_t i = 0; i < N; i++) {
            (void)os_sem_give(&sem_b);
            if (k == PRIM_SEM)
                (void)os_sem_take(&sem_a, OS_WAIT_FOREVER);
            else if (k == PRIM_NOTIFY)
                (void)os_task_notify_take(0, true, OS_WAIT_FOREVER);
            else if (k == PRIM_EVENT)
                (void)os_event_group_wait(&grp, 1, OS_EVENT_CLEAR_ON_EXIT, NULL,
                                          OS_WAIT_FOREVER);
            else
                (void)os_stream_receive(&sb, recv_buf, sizeof recv_buf, OS_WAIT_FOREVER);
            uint64_t now = pv_time_ns();
            series_add(&s, (uint32_t)(now - stamp));
        }
        report(keys[k], &s);
    }
    /* The service (above main) takes the command at once and runs it. */
    struct series c;
    series_init(&c);
    for (uint32_t i = 0; i < N; i++) {
        uint64_t t = pv_time_ns();
        (void)os_timer_pend_call(pended, NULL, i, OS_NO_WAIT);
        series_add(&c, (uint32_t)(call_stamp - t));
    }
    report("timer_call", &c);
    printf("RESULT pk-prims-bench PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    if (os_sem_init(&sem_a, 0, 1) != OS_OK || os_sem_init(&sem_b, 0, 1) != OS_OK ||
        os_event_group_init(&grp) != OS_OK ||
        os_stream_init(&sb, sb_storage, sizeof sb_storage, 1) != OS_OK ||
        os_timer_service_start(&service_t, 4, stack_timer, STACK_WORDS, timer_cmds, 4) != OS_OK ||
        os_task_create(&main_t, "main", main_task, NULL, 3, stack_main, STACK_WORDS) != OS_OK ||
        os_task_create(&prim_t, "prim", prim_task, NULL, 2, stack_prim, STACK_WORDS) != OS_OK) {
        printf("RESULT pk-prims-bench FAIL setup\n");
        pv_test_exit(1);
    }
    os_start();
}
