/*
 * pk-window, partition "judge": wakes every 7 ms for 1 s (a period that
 * does not divide the 20 ms frame, so many wake-ups fall due outside its
 * window), checks that each time it runs the frame offset is inside its
 * window [0, 5) ms, then that "busy" got half of the CPU (its 10 ms of
 * every 20 ms) within 2 %.
 */
#include <stdint.h>
#include <stdio.h>

#include "os.h"
#include "pv_svc.h"

#define BUSY 1
#define FRAME_NS 20000000ull
#define WINDOW_NS 5000000ull

static OS_KOBJ struct os_task task;
static _Alignas(8) port_stack_t stack[512];

static void fail(const char *why)
{
    printf("RESULT pk-window FAIL %s\n", why);
    pv_test_exit(1);
}

static void judge(void *arg)
{
    (void)arg;
    struct pk_part_status b0, b1;
    /* Frames repeat from the schedule's origin, which the kernel reports
     * (GET_MODULE_SCHEDULE_STATUS: the time the schedule took effect). */
    static struct pk_schedule_status st;
    if (pv_schedule_status(&st) != PK_OK)
        fail("schedule status refused");
    uint64_t origin = st.last_switch_ns;
    pv_part_status(BUSY, &b0);
    uint64_t t0 = os_time_ns();
    uint32_t outside = 0, runs = 0;
    uint64_t min_off = UINT64_MAX, max_off = 0;
    while (os_time_ns() - t0 < 1000000000ull) {
        os_delay(7u);
        uint64_t off = (os_time_ns() - origin) % FRAME_NS;
        runs++;
        if (off < min_off)
            min_off = off;
        if (off > max_off)
            max_off = off;
        if (off >= WINDOW_NS)
            outside++;
    }
    pv_part_status(BUSY, &b1);
    uint64_t elapsed = os_time_ns() - t0;
    uint64_t busy = b1.run_ns - b0.run_ns;
    uint32_t permille = (uint32_t)(busy * 1000u / elapsed);
    printf("runs=%lu frame offsets %lu..%lu us outside_window=%lu "
           "busy_share=%lu/1000\n",
           (unsigned long)runs, (unsigned long)(min_off / 1000u),
           (unsigned long)(max_off / 1000u), (unsigned long)outside,
           (unsigned long)permille);
    if (outside != 0u)
        fail("judge ran outside its window");
    if (permille < 480u || permille > 520u)
        fail("busy's share is not its window's");
    printf("RESULT pk-window PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&task, "judge", judge, NULL, 1, stack, 512u);
    os_start();
}
