/*
 * native-isrfeed: a stream buffer fed from an interrupt handler, and
 * notifications and an event group set from one.
 *
 * The auxiliary one-shot fires every 80 us (restarted by its handler) until
 * it has written 300 bytes, 3 at a time, into a stream buffer of 64 bytes
 * with a trigger level of 8. Every 10th interrupt also gives a notification
 * (slot 0, increment) to a waiter task and sets a bit in its slot 1; the
 * last one sets ISR_DONE in an event group. Checked: the reader gets every
 * byte once and in order, each receive it was woken for holds at least the
 * trigger level (only the last, at a timeout, may hold less); the waiter
 * takes the 30 gives one at a time and finds the bits; the control task's
 * wait for all three done bits succeeds.
 *
 * Then, at task level, it prints the time from an action to the woken
 * higher-priority task running: notify (give), event-group set, stream
 * send, and a semaphore give measured the same way for comparison.
 */
#include <stdio.h>

#include "bsp.h"
#include "os.h"
#include "tn.h"

#define STACK_WORDS 1024u
#define TOTAL 300u
#define CHUNK 3u
#define TRIGGER 8u
#define GIVES (TOTAL / CHUNK / 10u)
#define ROUNDS 100u

#define ISR_DONE 0x1u
#define READER_DONE 0x2u
#define WAITER_DONE 0x4u

static struct os_task reader, waiter, ctl, fig;
static port_stack_t reader_stack[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t waiter_stack[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t ctl_stack[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t fig_stack[STACK_WORDS] __attribute__((aligned(8)));
static struct os_stream sb;
static uint8_t sb_storage[64];
static struct os_event_group grp;

static volatile unsigned irq_count, bytes_sent, dropped;
static volatile uint64_t notify_isr_ns;
static volatile uint64_t isr_latency_sum, isr_latency_max;
static volatile unsigned isr_latency_n;

static void aux_irq(void *arg)
{
    (void)arg;
    bsp_aux_timer_clear();
    unsigned k = irq_count++;
    uint8_t chunk[CHUNK];
    for (unsigned i = 0; i < CHUNK; i++)
        chunk[i] = (uint8_t)(bytes_sent + i);
    size_t n = os_stream_send_from_isr(&sb, chunk, CHUNK, NULL);
    bytes_sent += (unsigned)n;
    if (n != CHUNK)
        dropped += CHUNK - (unsigned)n;
    if (k % 10u == 9u) {
        notify_isr_ns = bsp_clock_ns();
        TN_CHECK(os_task_notify_from_isr(&waiter, 0, 0, OS_NOTIFY_INCREMENT, NULL, NULL));
        TN_CHECK(os_task_notify_from_isr(&waiter, 1, 1u << (k / 10u % 8u), OS_NOTIFY_SET_BITS,
                                         NULL, NULL));
    }
    if (bytes_sent + dropped < TOTAL)
        bsp_aux_timer_start(80u);
    else
        TN_CHECK(os_event_group_set_from_isr(&grp, ISR_DONE, NULL));
}

static void reader_task(void *arg)
{
    (void)arg;
    unsigned total = 0, receives = 0, short_ones = 0;
    uint8_t buf[32];
    while (total < TOTAL - dropped) {
        size_t n = os_stream_receive(&sb, buf, sizeof buf, 20);
        if (n == 0u)
            tn_fail("reader: nothing in 20 ticks at %u bytes", total);
        for (size_t i = 0; i < n; i++) {
            if (buf[i] != (uint8_t)(total + i))
                tn_fail("reader: byte %u is %u", (unsigned)(total + i), buf[i]);
        }
        if (n < TRIGGER)
            short_ones++;
        total += (unsigned)n;
        receives++;
    }
    /* Only the tail (300 = 37 * 8 + 4) may come below the trigger level. */
    if (short_ones > 1u)
        tn_fail("reader: %u receives below the trigger level", short_ones);
    printf("stream from ISR: %u bytes in %u receives, %u dropped\n", total, receives, dropped);
    TN_CHECK(dropped == 0u);
    TN_CHECK(os_event_group_set(&grp, READER_DONE, NULL) == OS_OK);
    for (;;)
        os_delay(OS_WAIT_FOREVER - 1u);
}

static void waiter_task(void *arg)
{
    (void)arg;
    unsigned takes = 0;
    while (takes < GIVES) {
        uint32_t v = os_task_notify_take(0, false, 100);
        uint64_t now = bsp_clock_ns();
        if (v == 0u)
            tn_fail("waiter: no give in 100 ticks after %u", takes);
        if (v == 1u) {
            uint64_t d = now - notify_isr_ns;
            isr_latency_sum += d;
            if (d > isr_latency_max)
                isr_latency_max = d;
            isr_latency_n++;
        }
        takes++;
    }
    uint32_t bits = 0;
    TN_CHECK(os_task_notify_wait(1, 0, ~0u, &bits, OS_NO_WAIT) == OS_OK);
    TN_CHECK(bits == 0xFFu);
    TN_CHECK(os_event_group_set(&grp, WAITER_DONE, NULL) == OS_OK);
    for (;;)
        os_delay(OS_WAIT_FOREVER - 1u);
}

/* Figures: the woken task's side. */
enum { FIG_NOTIFY, FIG_EVENT, FIG_STREAM, FIG_SEM };
static struct os_sem fig_sem;
static volatile unsigned fig_mode;
static volatile uint64_t fig_woken_ns;
static struct os_event_group fig_grp;
static struct os_stream fig_sb;
static uint8_t fig_storage[32];

static void fig_task(void *arg)
{
    (void)arg;
    uint8_t buf[8];
    for (;;) {
        switch (fig_mode) {
        case FIG_NOTIFY:
            (void)os_task_notify_take(0, true, OS_WAIT_FOREVER);
            break;
        case FIG_EVENT:
            (void)os_event_group_wait(&fig_grp, 1, OS_EVENT_CLEAR_ON_EXIT, NULL, OS_WAIT_FOREVER);
            break;
        case FIG_SEM:
            (void)os_sem_take(&fig_sem, OS_WAIT_FOREVER);
            break;
        default:
            (void)os_stream_receive(&fig_sb, buf, sizeof buf, OS_WAIT_FOREVER);
            break;
        }
        fig_woken_ns = bsp_clock_ns();
    }
}

/* The action that wakes fig in `mode`. */
static void act(unsigned mode)
{
    if (mode == FIG_NOTIFY)
        TN_CHECK(os_task_notify(&fig, 0, 0, OS_NOTIFY_INCREMENT, NULL) == OS_OK);
    else if (mode == FIG_EVENT)
        TN_CHECK(os_event_group_set(&fig_grp, 1, NULL) == OS_OK);
    else if (mode == FIG_SEM)
        TN_CHECK(os_sem_give(&fig_sem) == OS_OK);
    else
        TN_CHECK(os_stream_send(&fig_sb, "abcd", 4, OS_NO_WAIT) == 4u);
}

static void figure(const char *what, unsigned mode)
{
    char b1[24], b2[24], b3[24];
    uint64_t sum = 0, max = 0;
    unsigned old = fig_mode;
    fig_mode = mode;
    if (old != mode)
        act(old); /* fig wakes in the old mode and blocks in the new one */
    for (unsigned i = 0; i < ROUNDS; i++) {
        fig_woken_ns = 0;
        uint64_t t = bsp_clock_ns();
        act(mode);
        TN_CHECK(fig_woken_ns != 0u); /* preempted at once */
        uint64_t d = fig_woken_ns - t;
        sum += d;
        if (d > max)
            max = d;
    }
    printf("FIGURE %s: mean %s ns (%s instructions at 4 ns), max %s ns, %u rounds\n", what,
           tn_u64(b1, sum / ROUNDS), tn_u64(b2, sum / ROUNDS / 4u), tn_u64(b3, max), ROUNDS);
}

static void ctl_task(void *arg)
{
    (void)arg;
    char b1[24], b2[24];
    if (bsp_aux_timer_attach(aux_irq, NULL) != 0)
        tn_fail("the board has no auxiliary timer (system.mk: SYSTEM_NEEDS)");
    bsp_aux_timer_start(80u);
    uint32_t bits = 0;
    enum os_status st = os_event_group_wait(&grp, ISR_DONE | READER_DONE | WAITER_DONE,
                                            OS_EVENT_WAIT_ALL | OS_EVENT_CLEAR_ON_EXIT, &bits, 1000);
    if (st != OS_OK)
        tn_fail("done bits %lx after 1000 ticks", (unsigned long)bits);
    TN_CHECK(os_event_group_get(&grp) == 0u);
    TN_CHECK(isr_latency_n > 0u);
    printf("notify from ISR -> woken task: mean %s ns, max %s ns (%u wake-ups)\n",
           tn_u64(b1, isr_latency_sum / isr_latency_n), tn_u64(b2, isr_latency_max),
           isr_latency_n);
    figure("notify -> woken task", FIG_NOTIFY);
    figure("event-group set -> woken task", FIG_EVENT);
    figure("stream send -> receive", FIG_STREAM);
    figure("semaphore give -> take (the same harness, for comparison)", FIG_SEM);
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-isrfeed");
    os_init();
    TN_CHECK(os_stream_init(&sb, sb_storage, sizeof sb_storage, TRIGGER) == OS_OK);
    TN_CHECK(os_event_group_init(&grp) == OS_OK);
    TN_CHECK(os_event_group_init(&fig_grp) == OS_OK);
    TN_CHECK(os_stream_init(&fig_sb, fig_storage, sizeof fig_storage, 1) == OS_OK);
    TN_CHECK(os_sem_init(&fig_sem, 0, 1) == OS_OK);
    TN_CHECK(os_task_create(&reader, "reader", reader_task, NULL, 3, reader_stack, STACK_WORDS) ==
             OS_OK);
    TN_CHECK(os_task_create(&waiter, "waiter", waiter_task, NULL, 4, waiter_stack, STACK_WORDS) ==
             OS_OK);
    TN_CHECK(os_task_create(&fig, "fig", fig_task, NULL, 5, fig_stack, STACK_WORDS) == OS_OK);
    TN_CHECK(os_task_create(&ctl, "ctl", ctl_task, NULL, 2, ctl_stack, STACK_WORDS) == OS_OK);
    os_start();
}
