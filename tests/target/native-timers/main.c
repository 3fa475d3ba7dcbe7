/*
 * native-timers: the timer service task's timing, in virtual time.
 *
 * The service task (priority 3) runs every callback. Checked:
 *  - an auto-reload timer of 10 ticks started at tick T0 expires at exactly
 *    T0 + 10 k (k = 1..10; it stops itself from its 10th callback), its
 *    callbacks 10 ms apart on the board's clock (within 100 us), and a
 *    one-shot of 50 ticks started at T0 at exactly T0 + 50, once;
 *  - every callback runs in the service task;
 *  - a timer started from an interrupt handler (the auxiliary one-shot)
 *    expires 5 ticks after the tick at which the handler issued it;
 *  - a command's wait is a queue send's: with the service below the
 *    sender, a full command queue (4, plus the one handed to the waiting
 *    service) refuses a command without wait and
 *    takes one with a wait once the service has run;
 *  - changing the period restarts from the command's tick.
 * It also prints the time from a pended call's command to the call
 * running in the service task (the service preempts the sender).
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define STACK_WORDS 1024u
#define NCMDS 4u
#define ROUNDS 100u

static struct os_task svc_tcb, ctl;
static port_stack_t svc_stack[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t ctl_stack[STACK_WORDS] __attribute__((aligned(8)));
static struct os_timer_cmd cmds[NCMDS];
static struct os_timer t_auto, t_once, t_isr, t_chg;

static volatile unsigned auto_count, once_count, wrong_task;
static volatile os_tick_t auto_tick[10], once_tick, isr_issue_tick, isr_fire_tick, chg_tick;
static volatile uint64_t auto_ns[10];
static volatile uint64_t call_ns;

static void check_task(void)
{
    if (os_task_self() != &svc_tcb)
        wrong_task++;
}

static void auto_cb(struct os_timer *tm)
{
    check_task();
    unsigned k = auto_count;
    if (k < 10u) {
        auto_tick[k] = os_tick_count();
        auto_ns[k] = bsp_clock_ns();
    }
    auto_count = k + 1u;
    if (k + 1u == 10u)
        TN_CHECK(os_timer_stop(tm, OS_NO_WAIT) == OS_OK);
}

static void once_cb(struct os_timer *tm)
{
    (void)tm;
    check_task();
    once_tick = os_tick_count();
    once_count++;
}

static void isr_cb(struct os_timer *tm)
{
    (void)tm;
    check_task();
    isr_fire_tick = os_tick_count();
}

static void chg_cb(struct os_timer *tm)
{
    (void)tm;
    check_task();
    chg_tick = os_tick_count();
}

static void aux_irq(void *arg)
{
    (void)arg;
    bsp_aux_timer_clear();
    isr_issue_tick = os_tick_count();
    bool sw = false;
    TN_CHECK(os_timer_start_from_isr(&t_isr, &sw));
}

static void pended(void *a, uint32_t b)
{
    (void)a;
    (void)b;
    call_ns = bsp_clock_ns();
}

static void ctl_task(void *arg)
{
    (void)arg;
    char b1[24], b2[24];
    /* 1. Auto-reload and one-shot, from the start of a tick. */
    os_delay(1);
    os_tick_t t0 = os_tick_count();
    TN_CHECK(os_timer_start(&t_auto, OS_NO_WAIT) == OS_OK);
    TN_CHECK(os_timer_start(&t_once, OS_NO_WAIT) == OS_OK);
    os_delay(120);
    TN_CHECK(auto_count == 10u);
    for (unsigned k = 0; k < 10u; k++) {
        if (auto_tick[k] != t0 + 10u * (k + 1u))
            tn_fail("auto-reload expiry %u at tick %lu, want %lu", k, (unsigned long)auto_tick[k],
                    (unsigned long)(t0 + 10u * (k + 1u)));
        if (k > 0u) {
            uint64_t d = auto_ns[k] - auto_ns[k - 1u];
            if (d < 9900000u || d > 10100000u)
                tn_fail("callbacks %u and %u %s ns apart", k - 1u, k, tn_u64(b1, d));
        }
    }
    TN_CHECK(once_count == 1u && once_tick == t0 + 50u);
    TN_CHECK(!os_timer_is_active(&t_auto) && !os_timer_is_active(&t_once));
    printf("auto-reload: 10 expiries at T0+10k ticks, callbacks %s ns apart over 9 periods\n",
           tn_u64(b2, auto_ns[9] - auto_ns[0]));

    /* 2. Started from an interrupt handler. */
    if (bsp_aux_timer_attach(aux_irq, NULL) != 0)
        tn_fail("the board has no auxiliary timer (system.mk: SYSTEM_NEEDS)");
    bsp_aux_timer_start(2500u);
    os_delay(10);
    TN_CHECK(isr_issue_tick != 0u && isr_fire_tick == isr_issue_tick + 5u);
    printf("from ISR: issued at tick %lu, expired at %lu\n", (unsigned long)isr_issue_tick,
           (unsigned long)isr_fire_tick);

    /* 3. Command waits, the service below the sender. */
    TN_CHECK(os_task_set_priority(NULL, 4) == OS_OK);
    /* The first goes straight to the service, which waits on its queue
     * (a hand-over, as for every queue); the next NCMDS fill the queue. */
    for (unsigned i = 0; i < NCMDS + 1u; i++)
        TN_CHECK(os_timer_stop(&t_once, OS_NO_WAIT) == OS_OK);
    TN_CHECK(os_timer_stop(&t_once, OS_NO_WAIT) == OS_TIMEOUT);
    /* Waiting: the service cannot run until we block. */
    os_tick_t before = os_tick_count();
    TN_CHECK(os_timer_stop(&t_once, 5) == OS_OK);
    TN_CHECK(os_tick_count() - before <= 1u);
    TN_CHECK(os_task_set_priority(NULL, 2) == OS_OK);

    /* 4. Change period: from the command's tick. */
    os_delay(1);
    os_tick_t t1 = os_tick_count();
    TN_CHECK(os_timer_start(&t_chg, OS_NO_WAIT) == OS_OK); /* 100 ticks */
    os_delay(5);
    os_tick_t t2 = os_tick_count();
    TN_CHECK(os_timer_change_period(&t_chg, 7, OS_NO_WAIT) == OS_OK);
    os_delay(20);
    TN_CHECK(chg_tick == t2 + 7u && t2 == t1 + 5u);

    /* 5. Pended call: command to call. */
    uint64_t sum = 0, max = 0;
    for (unsigned i = 0; i < ROUNDS; i++) {
        call_ns = 0;
        uint64_t t = bsp_clock_ns();
        TN_CHECK(os_timer_pend_call(pended, NULL, i, OS_NO_WAIT) == OS_OK);
        TN_CHECK(call_ns != 0u); /* the service preempted us */
        uint64_t d = call_ns - t;
        sum += d;
        if (d > max)
            max = d;
    }
    printf("pended call -> call in the service task: mean %s ns, max %s ns (%u rounds)\n",
           tn_u64(b1, sum / ROUNDS), tn_u64(b2, max), ROUNDS);
    TN_CHECK(wrong_task == 0u);
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-timers");
    os_init();
    TN_CHECK(os_timer_init(&t_auto, "auto", 10, true, NULL, auto_cb) == OS_OK);
    TN_CHECK(os_timer_init(&t_once, "once", 50, false, NULL, once_cb) == OS_OK);
    TN_CHECK(os_timer_init(&t_isr, "isr", 5, false, NULL, isr_cb) == OS_OK);
    TN_CHECK(os_timer_init(&t_chg, "chg", 100, false, NULL, chg_cb) == OS_OK);
    TN_CHECK(os_timer_service_start(&svc_tcb, 3, svc_stack, STACK_WORDS, cmds, NCMDS) == OS_OK);
    TN_CHECK(os_task_create(&ctl, "ctl", ctl_task, NULL, 2, ctl_stack, STACK_WORDS) == OS_OK);
    os_start();
}
