/*
 * native-bench: timing of the native tick core, in virtual time under
 * icount (QEMU -icount shift=2: 4 ns per instruction), from the 64-bit clock
 * (24 MHz counter, 41.7 ns resolution: each figure loops many times).
 *
 * Each result is one line parsed by tools/bench_native.py:
 *   BENCH <key> n=<count> total_ns=<sum> min_ns=<min> max_ns=<max>
 * where the per-operation figure is total_ns / n.
 *
 * A counter as coarse as raspi0's (1 us steps, locked to the timer that
 * makes the event) cannot time one event directly. Two methods resolve it
 * on any board, and run on every board so that they can be checked
 * against the direct reading where the counter is fine:
 *  - vernier (irq_entry_v, irq_to_task_v): after the event, spin on the raw
 *    counter until it steps; the step's time is exact (a counter value) and
 *    the spin's iterations, of a calibrated length L, say how long before
 *    the step the event was (to within L / 2; L is a few instructions);
 *  - timed fixed work (tick_work): a loop of fixed work is timed once with
 *    interrupts masked and once with the tick running; the difference over
 *    the ticks that fell in it is the tick's cost.
 */
#include <stdio.h>

#include "board.h"
#include "bsp.h"
#include "os.h"
#include "tn.h"

#define STACK_WORDS 1024u
#define N_YIELD 20000u
#define N_SEM 2000u
#define N_IRQ 2000u
#define N_TICKS 1000u

static struct os_task main_t, peer_t, low_t;
static port_stack_t stack_main[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_peer[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_low[STACK_WORDS] __attribute__((aligned(8)));

static struct os_sem sem_a, sem_b, sem_irq;
static volatile uint64_t stamp;     /* time stamped by the other side */
static volatile uint64_t irq_stamp; /* time at the first line of the handler */
static volatile bool peer_yield_mode;
static volatile uint32_t background;

/* Accumulates one measurement series. */
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
    if (v < s->min) s->min = v;
    if (v > s->max) s->max = v;
}

static void report(const char *key, const struct series *s)
{
    char total[24];
    printf("BENCH %s n=%lu total_ns=%s min_ns=%lu max_ns=%lu\n", key, (unsigned long)s->n,
           tn_u64(total, s->total), (unsigned long)s->min, (unsigned long)s->max);
}

/* Peer at the main task's priority (yield test) or below it (semaphore
 * test: it gives what the main task waits for). */
static void peer_task(void *arg)
{
    (void)arg;
    while (peer_yield_mode) {
        os_task_yield();
    }
    for (;;) {
        (void)os_sem_take(&sem_b, OS_WAIT_FOREVER);
        stamp = bsp_clock_ns();
        (void)os_sem_give(&sem_a);
    }
}

/* Keeps the CPU busy so that interrupts hit a running task, not idle. */
static void low_task(void *arg)
{
    (void)arg;
    for (;;) {
        background++;
    }
}

/* ---- Vernier ---- */

/* A vernier reading: the counter value just after a step and the spin's
 * iterations before it. */
struct vstamp {
    uint32_t count; /* counter value after the step */
    uint32_t n;     /* iterations of the spin (>= 1) */
};

/* Length of one spin iteration, ns * 2^16 (calibrated). */
static uint64_t vernier_l16;

/* Spin until the raw counter has moved k counts on from its value at the
 * call (the vernier: k = 1). With k = 1 the call came about n - 1/2 spin
 * iterations before the step. One function for both uses, so that the
 * calibration times the very loop the vernier runs. */
static struct vstamp __attribute__((noinline)) vernier_k(uint32_t k)
{
    uint32_t c0 = BOARD_COUNTER_READ();
    uint32_t c;
    uint32_t n = 0;
    do {
        c = BOARD_COUNTER_READ();
        n++;
    } while (c - c0 < k);
    struct vstamp v = {c, n};
    return v;
}

static struct vstamp vernier(void)
{
    return vernier_k(1u);
}

/* Counter counts to ns (count differences below 2^32 / NUM). */
static int64_t counts_ns(int32_t d)
{
    return (int64_t)d * BOARD_COUNTER_NS_NUM / BOARD_COUNTER_NS_DEN;
}

/* Time from the step that ended vernier a (its return, within L / 2) to
 * the call of vernier b, ns. */
static int64_t vernier_end_to_call(struct vstamp a, struct vstamp b)
{
    int64_t spins = ((int64_t)b.n * 2 - 1) * (int64_t)vernier_l16 / 2;
    return counts_ns((int32_t)(b.count - a.count)) - spins / 65536;
}

/* L: from a step, spin through about 2 ms of counter steps with interrupts
 * masked, and divide the time by the iterations. */
static void vernier_calibrate(void)
{
    uint32_t span = (uint32_t)(2000000ull * BOARD_COUNTER_NS_DEN / BOARD_COUNTER_NS_NUM);
    os_critical_enter();
    struct vstamp a = vernier();
    struct vstamp b = vernier_k(span);
    os_critical_exit();
    uint64_t ns16 = (uint64_t)counts_ns((int32_t)(b.count - a.count)) << 16;
    vernier_l16 = ns16 / b.n;
    printf("vernier: spin iteration %lu.%02lu ns (%lu iterations in %lu counts)\n",
           (unsigned long)(vernier_l16 >> 16),
           (unsigned long)(((vernier_l16 & 0xFFFFu) * 100u) >> 16), (unsigned long)b.n,
           (unsigned long)(b.count - a.count));
}

static struct vstamp irq_v; /* vernier on the handler's first line */
static volatile bool irq_vernier;

static void aux_irq(void *arg)
{
    (void)arg;
    if (irq_vernier) {
        irq_v = vernier();
    } else {
        irq_stamp = bsp_clock_ns();
    }
    bsp_aux_timer_clear();
    (void)os_sem_give_from_isr(&sem_irq);
}

static void bench_yield(void)
{
    /* Main and peer at priority 2 take turns: 2 switches per loop. */
    struct series s;
    series_init(&s);
    uint64_t t0 = bsp_clock_ns();
    for (uint32_t i = 0; i < N_YIELD; i++) {
        os_task_yield();
    }
    uint64_t t = bsp_clock_ns() - t0;
    s.n = 2u * N_YIELD;
    s.total = t;
    s.min = s.max = (uint32_t)(t / s.n);
    report("yield_switch", &s);
    peer_yield_mode = false;
}

static void bench_svc_self(void)
{
    /* port_yield() with nothing else ready at this priority: the SVC path
     * (save, os_task_switch, restore) back into the same task. */
    struct series s;
    series_init(&s);
    uint64_t t0 = bsp_clock_ns();
    for (uint32_t i = 0; i < N_YIELD; i++) {
        port_yield();
    }
    uint64_t t = bsp_clock_ns() - t0;
    s.n = N_YIELD;
    s.total = t;
    s.min = s.max = (uint32_t)(t / s.n);
    report("svc_self", &s);
}

static void bench_sem(void)
{
    /* Main (3) gives sem_b and waits on sem_a; peer (2) wakes, stamps,
     * gives sem_a. The sample is give-to-take across the two tasks:
     * peer's stamp before os_sem_give(&sem_a) to main's stamp after its
     * take returns. */
    struct series s;
    series_init(&s);
    for (uint32_t i = 0; i < N_SEM; i++) {
        (void)os_sem_give(&sem_b);
        (void)os_sem_take(&sem_a, OS_WAIT_FOREVER);
        uint64_t now = bsp_clock_ns();
        series_add(&s, (uint32_t)(now - stamp));
    }
    report("sem_give_take", &s);

    /* Uncontended give + take in one task. */
    struct series u;
    series_init(&u);
    struct os_sem local;
    (void)os_sem_init(&local, 0, 1);
    uint64_t t0 = bsp_clock_ns();
    for (uint32_t i = 0; i < N_SEM; i++) {
        (void)os_sem_give(&local);
        (void)os_sem_take(&local, OS_NO_WAIT);
    }
    uint64_t t = bsp_clock_ns() - t0;
    u.n = N_SEM;
    u.total = t;
    u.min = u.max = (uint32_t)(t / N_SEM);
    report("sem_pair_uncontended", &u);
}

/* ---- The newer primitives: action in a lower-priority task to the woken
 * higher-priority task running (as sem_give_take), and a timer command to
 * its call in the service task ---- */

enum prim_kind { PRIM_NOTIFY, PRIM_EVENT, PRIM_STREAM };
static struct os_task prim_t, service_t;
static port_stack_t stack_prim[STACK_WORDS] __attribute__((aligned(8)));
static port_stack_t stack_timer[STACK_WORDS] __attribute__((aligned(8)));
static struct os_timer_cmd timer_cmds[4];
static struct os_event_group prim_grp;
static struct os_stream prim_sb;
static uint8_t prim_sb_storage[32];
static volatile unsigned prim_kind;
static volatile uint64_t call_stamp;

/* Below main: woken by sem_b, stamps, then does what main waits for. */
static void prim_task(void *arg)
{
    (void)arg;
    for (;;) {
        (void)os_sem_take(&sem_b, OS_WAIT_FOREVER);
        stamp = bsp_clock_ns();
        if (prim_kind == PRIM_NOTIFY)
            (void)os_task_notify(&main_t, 0, 0, OS_NOTIFY_INCREMENT, NULL);
        else if (prim_kind == PRIM_EVENT)
            (void)os_event_group_set(&prim_grp, 1, NULL);
        else
            (void)os_stream_send(&prim_sb, "abcd", 4, OS_NO_WAIT);
    }
}

static void pended(void *a, uint32_t b)
{
    (void)a;
    (void)b;
    call_stamp = bsp_clock_ns();
}

static void bench_prims(void)
{
    static const char *const keys[] = {"notify_take", "event_wait", "stream_receive"};
    uint8_t buf[8];
    for (unsigned k = PRIM_NOTIFY; k <= PRIM_STREAM; k++) {
        struct series s;
        series_init(&s);
        prim_kind = k;
        for (uint32_t i = 0; i < N_SEM; i++) {
            (void)os_sem_give(&sem_b);
            if (k == PRIM_NOTIFY)
                (void)os_task_notify_take(0, true, OS_WAIT_FOREVER);
            else if (k == PRIM_EVENT)
                (void)os_event_group_wait(&prim_grp, 1, OS_EVENT_CLEAR_ON_EXIT, NULL,
                                          OS_WAIT_FOREVER);
            else
                (void)os_stream_receive(&prim_sb, buf, sizeof buf, OS_WAIT_FOREVER);
            uint64_t now = bsp_clock_ns();
            series_add(&s, (uint32_t)(now - stamp));
        }
        report(keys[k], &s);
    }
    /* The service (above main) takes the command at once and runs it. */
    struct series c;
    series_init(&c);
    for (uint32_t i = 0; i < N_SEM; i++) {
        uint64_t t = bsp_clock_ns();
        (void)os_timer_pend_call(pended, NULL, i, OS_NO_WAIT);
        series_add(&c, (uint32_t)(call_stamp - t));
    }
    report("timer_call", &c);
}

static void bench_irq(void)
{
    /* The aux SP804 is started right after a clock read; it expires at that
     * time + delay (the few instructions between the read and the start
     * make the entry figure a slight over-estimate). The handler stamps the
     * clock on its first line; the main task stamps when its take returns,
     * having preempted the busy low task. */
    struct series entry, wake;
    series_init(&entry);
    series_init(&wake);
    if (bsp_aux_timer_attach(aux_irq, NULL) != 0) {
        printf("irq: not measured, the board has no auxiliary timer\n");
        return;
    }
    for (uint32_t i = 0; i < N_IRQ; i++) {
        uint32_t us = 50u + (i * 7u) % 97u;
        uint64_t t_arm = bsp_clock_ns();
        bsp_aux_timer_start(us);
        (void)os_sem_take(&sem_irq, OS_WAIT_FOREVER);
        uint64_t now = bsp_clock_ns();
        int64_t e = (int64_t)(irq_stamp - (t_arm + (uint64_t)us * 1000u));
        series_add(&entry, e < 0 ? 0u : (uint32_t)e);
        series_add(&wake, (uint32_t)(now - irq_stamp));
    }
    report("irq_entry", &entry);
    report("irq_to_task", &wake);

    /* The same by vernier. Entry: the one-shot is started right after a
     * vernier step (so on raspi0, whose one-shot is a compare on the same
     * counter, it expires exactly on a step) and the handler's vernier
     * dates its first line. To the task: from the end of the handler's
     * vernier to the call of the woken task's. */
    series_init(&entry);
    series_init(&wake);
    irq_vernier = true;
    for (uint32_t i = 0; i < N_IRQ; i++) {
        uint32_t us = 50u + (i * 7u) % 97u;
        struct vstamp arm = vernier();
        bsp_aux_timer_start(us);
        (void)os_sem_take(&sem_irq, OS_WAIT_FOREVER);
        struct vstamp woke = vernier();
        struct vstamp hv = irq_v;
        /* arm's return is its step (+ L / 2): the start follows it. */
        int64_t e = vernier_end_to_call(arm, hv) - (int64_t)us * 1000;
        series_add(&entry, e < 0 ? 0u : (uint32_t)e);
        int64_t w = vernier_end_to_call(hv, woke);
        series_add(&wake, w < 0 ? 0u : (uint32_t)w);
    }
    irq_vernier = false;
    bsp_aux_timer_detach();
    report("irq_entry_v", &entry);
    report("irq_to_task_v", &wake);
}

static void bench_tick(void)
{
    /* The main task spins reading the clock; nothing else can run above it
     * and no task wakes. A gap well above the loop's own step (by more
     * than one more step and 100 ns: a tick costs more than that, and the
     * counter's quantisation less) is a tick interrupt: its length minus
     * the usual step is the tick's cost. */
    struct series s;
    series_init(&s);
    uint32_t step = UINT32_MAX;
    uint64_t prev = bsp_clock_ns();
    /* Learn the loop's own step first. */
    for (int i = 0; i < 1000; i++) {
        uint64_t now = bsp_clock_ns();
        uint32_t d = (uint32_t)(now - prev);
        if (d < step) step = d;
        prev = now;
    }
    os_tick_t start = os_tick_count();
    prev = bsp_clock_ns();
    while (os_tick_count() - start < N_TICKS) {
        uint64_t now = bsp_clock_ns();
        uint32_t d = (uint32_t)(now - prev);
        prev = now;
        if (d > 2u * step + 100u) {
            series_add(&s, d - step);
        }
    }
    report("tick", &s);
}

/* Fixed work: a loop of N_WORK steps touching memory only. */
#define N_WORK 200000u
static volatile uint32_t work_sink;
static void __attribute__((noinline)) work(void)
{
    for (uint32_t i = 0; i < N_WORK; i++)
        work_sink = i;
}

static void bench_tick_work(void)
{
    /* The work timed with interrupts masked (no tick), then with the tick
     * running; the extra time over the ticks that fell in it is the cost
     * of one tick. Repeated, each round starting at a different point of
     * the tick period (dithered by a delay of a varying length). */
    struct series s;
    series_init(&s);
    uint64_t extra = 0;
    uint32_t ticks = 0;
    for (uint32_t r = 0; r < 8u; r++) {
        os_delay(1);
        for (volatile uint32_t d = 0; d < r * 377u; d++) {
        }
        os_critical_enter();
        uint64_t t0 = bsp_clock_ns();
        work();
        uint64_t quiet = bsp_clock_ns() - t0;
        os_critical_exit();
        os_delay(1); /* the masked time's ticks are announced before */
        for (volatile uint32_t d = 0; d < r * 377u; d++) {
        }
        os_tick_t k0 = os_tick_count();
        t0 = bsp_clock_ns();
        work();
        uint64_t busy = bsp_clock_ns() - t0;
        os_tick_t k = os_tick_count() - k0;
        if (busy > quiet && k > 0u) {
            extra += busy - quiet;
            ticks += k;
        }
    }
    s.n = ticks;
    s.total = extra;
    s.min = s.max = ticks != 0u ? (uint32_t)(extra / ticks) : 0u;
    report("tick_work", &s);
}

static void main_task(void *arg)
{
    (void)arg;
    vernier_calibrate();
    bench_yield();
    bench_svc_self();
    /* Peer below main for the semaphore test. */
    (void)os_task_set_priority(&peer_t, 1);
    (void)os_task_set_priority(NULL, 3);
    bench_sem();
    /* The primitives' peer takes sem_b instead of the semaphore peer. */
    (void)os_task_suspend(&peer_t);
    (void)os_task_create(&prim_t, "prim", prim_task, NULL, 1, stack_prim, STACK_WORDS);
    bench_prims();
    (void)os_task_suspend(&prim_t);
    /* Busy background for the interrupt tests. */
    (void)os_task_create(&low_t, "low", low_task, NULL, 1, stack_low, STACK_WORDS);
    bench_irq();
    (void)os_task_suspend(&low_t);
    bench_tick();
    bench_tick_work();
    tn_pass();
}

int main(void)
{
    bsp_init();
    tn_begin("native-bench");
    os_init();
    peer_yield_mode = true;
    (void)os_sem_init(&sem_a, 0, 1);
    (void)os_sem_init(&sem_b, 0, 1);
    (void)os_sem_init(&sem_irq, 0, 1);
    (void)os_event_group_init(&prim_grp);
    (void)os_stream_init(&prim_sb, prim_sb_storage, sizeof prim_sb_storage, 1);
    /* The timer service above every benchmark task, blocked on its queue
     * (no timer runs) until bench_prims. */
    (void)os_timer_service_start(&service_t, 4, stack_timer, STACK_WORDS, timer_cmds, 4);
    (void)os_task_create(&main_t, "bench", main_task, NULL, 2, stack_main, STACK_WORDS);
    (void)os_task_create(&peer_t, "peer", peer_task, NULL, 2, stack_peer, STACK_WORDS);
    os_start();
}
