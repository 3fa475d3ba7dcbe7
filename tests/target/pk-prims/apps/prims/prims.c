/*
 * pk-prims, partition "prims": the newer tick-core objects in a partition.
 *
 * main() creates, before os_start(), in guest-kernel memory (OS_KOBJ): an
 * event group, a stream buffer, a message buffer, two queues in a queue
 * set, two software timers and the timer service (its TCB, its command
 * queue). The tasks then use them only through the gates:
 *  - notifications: "ctl" gives 5 times to "peer" (higher priority), which
 *    takes them one at a time, then sets bits in its slot 1 and waits;
 *  - event groups: a rendezvous of ctl and peer (sync), then a wait for all
 *    with clear-on-exit;
 *  - stream buffer (trigger 4) and message buffer between ctl and peer;
 *  - queue set: peer selects from two queues in arrival order;
 *  - timers: an auto-reload timer of 10 ticks has its nominal expiries at
 *    exactly T0 + 10 k (k = 1..5), a one-shot at T0 + 25, once; each
 *    callback runs at most a window (+1 tick) after its nominal expiry (no
 *    tick while the other partition runs), in the service task;
 *  - task state: the system snapshot lists every task by name;
 *  - the rules for tasks: a task may not make a new object in .kobj
 *    memory (OS_ERR_PARAM), nor hand the core a guest-kernel buffer (a
 *    stream send, a notification's previous-value pointer, a system
 *    snapshot array), nor ask for the service task's next job.
 * Prints RESULT and exits through the test-exit service call.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "os.h"
#include "pv_svc.h"

#define STACK_WORDS 512u

static OS_KOBJ struct os_task ctl_task, peer_task, svc_task;
static _Alignas(8) port_stack_t ctl_stack[STACK_WORDS];
static _Alignas(8) port_stack_t peer_stack[STACK_WORDS];
static _Alignas(8) port_stack_t svc_stack[STACK_WORDS];

static OS_KOBJ struct os_event_group grp;
static OS_KOBJ struct os_stream sb, mb;
static OS_KOBJ uint8_t sb_storage[32], mb_storage[48];
static OS_KOBJ struct os_queue qa, qb;
static OS_KOBJ uint32_t qa_storage[2], qb_storage[2];
static OS_KOBJ struct os_queue_set qset;
static OS_KOBJ void *qset_storage[4];
static OS_KOBJ struct os_timer t_auto, t_once;
static OS_KOBJ struct os_timer_cmd cmds[4];
/* Never initialised: a task may not turn it into an object. */
static OS_KOBJ struct os_event_group unmade;

static volatile unsigned auto_n, once_n, wrong_task, failures;
static volatile os_tick_t auto_tick[5], auto_next[5], once_tick, once_nominal;
static volatile unsigned peer_stage;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("check failed: %s\n", what);
        failures++;
    }
}
#define CHECK(x) check((x), #x)

static void auto_cb(struct os_timer *tm)
{
    if (os_task_self() != &svc_task)
        wrong_task++;
    if (auto_n < 5u) {
        auto_tick[auto_n] = os_tick_count();
        auto_next[auto_n] = os_timer_get_expiry(tm); /* reloaded: the next one */
    }
    if (++auto_n == 5u)
        (void)os_timer_stop(tm, OS_NO_WAIT);
}

static void once_cb(struct os_timer *tm)
{
    if (os_task_self() != &svc_task)
        wrong_task++;
    once_tick = os_tick_count();
    once_nominal = os_timer_get_expiry(tm);
    once_n++;
}

static void parked(void *arg)
{
    (void)arg;
    for (;;)
        os_delay(1000);
}

static void peer(void *arg)
{
    (void)arg;
    /* Notifications: five gives, taken one at a time. */
    unsigned takes = 0;
    while (takes < 5u) {
        if (os_task_notify_take(0, false, 100) == 0u)
            break;
        takes++;
    }
    CHECK(takes == 5u);
    uint32_t bits = 0;
    CHECK(os_task_notify_wait(1, 0, ~0u, &bits, 100) == OS_OK && bits == 0x5u);
    /* Rendezvous with ctl. */
    CHECK(os_event_group_sync(&grp, 0x1, 0x3, NULL, 100) == OS_OK);
    /* Stream: woken at the trigger level (4). */
    char buf[16] = {0};
    size_t n = os_stream_receive(&sb, buf, sizeof buf - 1u, 100);
    CHECK(n == 4u && memcmp(buf, "abcd", 4) == 0);
    /* Message buffer: whole messages. */
    memset(buf, 0, sizeof buf);
    CHECK(os_stream_receive(&mb, buf, sizeof buf, 100) == 5u && strcmp(buf, "hello") == 0);
    /* Queue set: in arrival order. */
    for (unsigned i = 0; i < 3u; i++) {
        void *m = NULL;
        uint32_t v = 0;
        CHECK(os_queue_set_select(&qset, &m, 100) == OS_OK);
        CHECK(m == &qa || m == &qb);
        CHECK(os_queue_receive(m, &v, OS_NO_WAIT) == OS_OK);
        CHECK(v == (i == 1u ? 20u : 10u + i));
        CHECK((i == 1u) == (m == &qb));
    }
    peer_stage = 1;
    CHECK(os_event_group_set(&grp, 0x4, NULL) == OS_OK);
    for (;;)
        os_delay(1000);
}

static void ctl(void *arg)
{
    (void)arg;
    /* Notifications. */
    for (unsigned i = 0; i < 5u; i++)
        CHECK(os_task_notify(&peer_task, 0, 0, OS_NOTIFY_INCREMENT, NULL) == OS_OK);
    uint32_t prev = 7;
    CHECK(os_task_notify(&peer_task, 1, 0x5, OS_NOTIFY_SET_BITS, &prev) == OS_OK && prev == 0u);
    /* Rendezvous. */
    uint32_t got = 0;
    CHECK(os_event_group_sync(&grp, 0x2, 0x3, &got, 100) == OS_OK && got == 0x3u);
    /* Stream (trigger 4): 2 + 2 bytes. */
    CHECK(os_stream_send(&sb, "ab", 2, OS_NO_WAIT) == 2u);
    CHECK(os_stream_send(&sb, "cd", 2, OS_NO_WAIT) == 2u);
    CHECK(os_stream_send(&mb, "hello", 5, OS_NO_WAIT) == 5u);
    /* Queue set. */
    uint32_t v = 10;
    CHECK(os_queue_send(&qa, &v, OS_NO_WAIT) == OS_OK);
    v = 20;
    CHECK(os_queue_send(&qb, &v, OS_NO_WAIT) == OS_OK);
    v = 12;
    CHECK(os_queue_send(&qa, &v, OS_NO_WAIT) == OS_OK);
    CHECK(os_event_group_wait(&grp, 0x4, OS_EVENT_WAIT_ALL | OS_EVENT_CLEAR_ON_EXIT, NULL, 200) ==
          OS_OK);
    CHECK(peer_stage == 1u);

    /* Timers, in virtual ticks. */
    os_delay(1);
    os_tick_t t0 = os_tick_count();
    CHECK(os_timer_start(&t_auto, 10) == OS_OK);
    CHECK(os_timer_start(&t_once, 10) == OS_OK);
    os_delay(80);
    printf("t0=%lu auto at %lu %lu %lu %lu %lu, once at %lu\n", (unsigned long)t0,
           (unsigned long)auto_tick[0], (unsigned long)auto_tick[1], (unsigned long)auto_tick[2],
           (unsigned long)auto_tick[3], (unsigned long)auto_tick[4], (unsigned long)once_tick);
    /* While the other partition runs (10 ms windows) this one takes no
     * tick: its ticks are announced at once when it runs again, so a
     * callback may come up to a window (+1 tick) after its nominal expiry;
     * the nominal expiries themselves do not drift. */
    CHECK(auto_n == 5u && once_n == 1u);
    CHECK(once_nominal == t0 + 25u && once_tick >= t0 + 25u && once_tick <= t0 + 36u);
    for (unsigned k = 0; k < 5u; k++) {
        os_tick_t nominal = t0 + 10u * (k + 1u);
        CHECK(auto_next[k] == nominal + 10u);
        CHECK(auto_tick[k] >= nominal && auto_tick[k] <= nominal + 11u);
    }
    CHECK(wrong_task == 0u);
    CHECK(!os_timer_is_active(&t_auto));

    /* Task state. */
    struct os_task_status st[8];
    size_t nt = os_task_get_system_state(st, 8, NULL);
    CHECK(nt == 4u);
    unsigned named = 0;
    for (size_t i = 0; i < nt; i++) {
        named += strcmp(st[i].name, "ctl") == 0 || strcmp(st[i].name, "peer") == 0 ||
                 strcmp(st[i].name, "timers") == 0 || strcmp(st[i].name, "idle") == 0;
        if (st[i].task == &ctl_task)
            CHECK(st[i].state == OS_TASK_RUNNING && st[i].stack_high_water > 0u);
    }
    CHECK(named == 4u);
    CHECK(os_task_get_state(&peer_task) == OS_TASK_BLOCKED);

    /* The rules for tasks. */
    CHECK(os_event_group_init(&unmade) == OS_ERR_PARAM);   /* no new object */
    CHECK(os_event_group_init(&grp) == OS_OK);             /* re-init: allowed */
    CHECK(os_stream_send(&sb, (const void *)&grp, 4, OS_NO_WAIT) == 0u); /* gk buffer */
    CHECK(os_stream_bytes_available(&sb) == 0u);
    CHECK(os_task_notify(&peer_task, 0, 1, OS_NOTIFY_SET_VALUE, (uint32_t *)(void *)&grp.bits) ==
          OS_ERR_PARAM);
    CHECK(os_task_get_system_state((struct os_task_status *)(void *)&sb, 1, NULL) == 0u);
    struct os_timer_job job;
    CHECK(os_timer_service_next(&job) == OS_ERR_STATE); /* not the service */
    CHECK(os_queue_set_add(&qset, &grp) == OS_ERR_PARAM); /* no member type */

    /* A task named by a pointer into guest-kernel memory: the snapshot
     * copies none of those bytes (no leak to a task). */
    CHECK(os_task_delete(&peer_task) == OS_OK);
    CHECK(os_task_create(&peer_task, (const char *)(void *)&sb, parked, NULL, 3, peer_stack,
                         STACK_WORDS) == OS_OK);
    nt = os_task_get_system_state(st, 8, NULL);
    CHECK(nt == 4u);
    for (size_t i = 0; i < nt; i++) {
        if (st[i].task == &peer_task)
            CHECK(st[i].name[0] == '\0');
        if (strcmp(st[i].name, "idle") == 0)
            named++;
    }
    CHECK(named == 5u);

    if (failures != 0u) {
        printf("RESULT pk-prims FAIL %u checks\n", failures);
        pv_test_exit(1);
    }
    printf("timers: 5 expiries at T0+10k, one-shot at T0+25; %u tasks in the snapshot\n",
           (unsigned)nt);
    printf("RESULT pk-prims PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    CHECK(os_event_group_init(&grp) == OS_OK);
    CHECK(os_stream_init(&sb, sb_storage, sizeof sb_storage, 4) == OS_OK);
    CHECK(os_stream_init_message(&mb, mb_storage, sizeof mb_storage) == OS_OK);
    CHECK(os_queue_init(&qa, qa_storage, sizeof qa_storage[0], 2) == OS_OK);
    CHECK(os_queue_init(&qb, qb_storage, sizeof qb_storage[0], 2) == OS_OK);
    CHECK(os_queue_set_init(&qset, qset_storage, 4) == OS_OK);
    CHECK(os_queue_set_add(&qset, &qa) == OS_OK);
    CHECK(os_queue_set_add(&qset, &qb) == OS_OK);
    CHECK(os_timer_init(&t_auto, "auto", 10, true, NULL, auto_cb) == OS_OK);
    CHECK(os_timer_init(&t_once, "once", 25, false, NULL, once_cb) == OS_OK);
    CHECK(os_timer_service_start(&svc_task, 5, svc_stack, STACK_WORDS, cmds, 4) == OS_OK);
    CHECK(os_task_create(&peer_task, "peer", peer, NULL, 3, peer_stack, STACK_WORDS) == OS_OK);
    CHECK(os_task_create(&ctl_task, "ctl", ctl, NULL, 2, ctl_stack, STACK_WORDS) == OS_OK);
    printf("prims up (%u setup failures)\n", failures);
    os_start();
}
