/*
 * media-screen, partition "media": apps/media's player, driven for the
 * test. Plays frames 0..HOLD_FRAME on time (BVT + VIT against the hog),
 * then prints "media-screen: frame N shown at T ns" and holds that frame
 * on the screen for HOLD_NS of virtual time, so that check.py (on the host)
 * can take a screen dump through the QEMU monitor. Then checks:
 *   - every frame decoded and none was shown late by more than 1 ms;
 *   - the intruder partition faulted on the CLCD and was stopped.
 */
#define PLAYER_NO_MAIN
#include "../../../../../apps/media/player.c"

#define HOLD_FRAME 40u
#define HOLD_NS 2000000000ull
#define INTRUDER 2

static void fail(const char *why)
{
    printf("RESULT media-screen FAIL %s\n", why);
    pv_test_exit(1);
}

static void test_main(void *arg)
{
    (void)arg;
    if (player_setup() != 0)
        fail("player set-up");
    player_start();
    uint32_t n;
    do {
        n = player_step();
    } while (n < HOLD_FRAME);
    uint64_t shown = os_time_ns();
    uint32_t late = pl.late, errors = pl.errors, frames = pl.shown;
    uint64_t max_late = pl.max_late_ns;
    printf("media-screen: frame %lu shown at %lu us (due %lu us)\n",
           (unsigned long)n, (unsigned long)(shown / 1000u),
           (unsigned long)((pl.start_ns + (uint64_t)n * pl.frame_ns) / 1000u));
    /* Hold the picture: real-time sleeps, the hog keeps the CPU busy. */
    while (os_time_ns() < shown + HOLD_NS)
        os_delay(100u);
    printf("media-screen: %lu frames, %lu late > 1 ms (worst %lu ns), %lu "
           "decode errors\n", (unsigned long)frames, (unsigned long)late,
           (unsigned long)max_late, (unsigned long)errors);
    struct pk_part_status st;
    if (pv_part_status(INTRUDER, &st) != PK_OK)
        fail("no status of the intruder partition");
    printf("media-screen: intruder state %lu, faults %lu\n",
           (unsigned long)st.state, (unsigned long)st.faults);
    if (errors != 0u)
        fail("a frame did not decode");
    if (late != 0u)
        fail("a frame was shown late by more than 1 ms");
    if (st.state != PK_PART_STOPPED || st.faults == 0u)
        fail("another partition could touch the CLCD");
    printf("RESULT media-screen PASS\n");
    pv_test_exit(0);
}

int main(void)
{
    os_init();
    os_task_create(&player_task, "player", test_main, NULL, 2, player_stack,
                   PLAYER_STACK_WORDS);
    os_start();
}
