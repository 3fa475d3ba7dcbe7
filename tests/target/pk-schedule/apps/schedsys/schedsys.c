/*
 * pk-schedule, partition "sys" (schedule_control): CPU-bound in its
 * windows like the others; in its third window it asks for schedule 1
 * ("alt") and checks the return codes and the status (still the current
 * one until the frame ends); once "alt" is in effect it prints the time
 * the switch took effect (check.py compares it with the frame grid) and
 * ends the run after ALT_FRAMES frames of "alt".
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define MS 1000000ull
#define ALT_FRAMES 20u

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void check(const char *what, int32_t got, int32_t want)
{
    printf("sys: %s: %ld\n", what, (long)got);
    if (got != want) {
        printf("RESULT pk-schedule FAIL %s (want %ld)\n", what, (long)want);
        pv_test_exit(1);
    }
}

static struct pk_schedule_status status(void)
{
    static _Alignas(8) struct pk_schedule_status st;
    if (pv_schedule_status(&st) != PK_OK) {
        printf("RESULT pk-schedule FAIL schedule status\n");
        pv_test_exit(1);
    }
    return st;
}

/* Spins until the first instant at least gap_ns after the last one seen
 * (the partition lost the CPU in between: a new window). */
static uint64_t next_window(uint64_t *last)
{
    for (;;) {
        uint64_t t = pv_time_ns();
        bool gap = t - *last > 2u * MS;
        *last = t;
        if (gap)
            return t;
    }
}

static void run(void *arg)
{
    (void)arg;
    uint64_t last = pv_time_ns();
    struct pk_schedule_status st = status();
    check("current at start", (int32_t)st.current, 0);
    (void)next_window(&last); /* frame 1 */
    uint64_t t = next_window(&last); /* frame 2 */
    check("set schedule 5", pv_schedule_set(5u), PK_EINVAL);
    check("set schedule 0 (current)", pv_schedule_set(0u), PK_ENOACTION);
    check("set schedule 1", pv_schedule_set(1u), PK_OK);
    st = status();
    check("current after the request", (int32_t)st.current, 0);
    check("next after the request", (int32_t)st.next, 1);
    printf("sys: requested at %lu.%09lu s\n", (unsigned long)(t / 1000000000u),
           (unsigned long)(t % 1000000000u));
    /* The rest of this window still belongs to "nominal". */
    t = next_window(&last);
    st = status();
    check("current in the next window", (int32_t)st.current, 1);
    check("next in the next window", (int32_t)st.next, 1);
    check("set schedule 1 again", pv_schedule_set(1u), PK_ENOACTION);
    printf("sys: schedule switched at %lu.%09lu s, sys runs again at "
           "%lu.%09lu s\n",
           (unsigned long)(st.last_switch_ns / 1000000000u),
           (unsigned long)(st.last_switch_ns % 1000000000u),
           (unsigned long)(t / 1000000000u), (unsigned long)(t % 1000000000u));
    for (uint32_t i = 0; i < ALT_FRAMES; i++)
        (void)next_window(&last);
    printf("RESULT pk-schedule PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "sys", run, NULL, 1, stack, 512u);
    os_start();
}
