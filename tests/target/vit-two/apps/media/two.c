/*
 * vit-two, partition "media": apps/media's player as the demo builds it
 * (PLAYER_DECODE_TASK: the real-time task presents, a second task
 * decodes). After TWO_FRAMES frames it checks its own wake-ups: every
 * real-time sleep woke at most TWO_WAKE_MAX_NS after its VIT deadline (the
 * player has the larger warp, so no deadline of the matrix holds it up),
 * every frame decoded. It prints
 * "vit-two: media PASS ..." and plays on, or fails the run at once.
 */
#define PLAYER_NO_MAIN
#define PLAYER_DECODE_TASK
#define PLAYER_REPORT_FRAMES 0xFFFFFFFFu /* no report: the test prints */
#include "../../../../../apps/media/player.c"

#define TWO_FRAMES 100u
#define TWO_WAKE_MAX_NS 50000u
#define TWO_PRESENT_MAX_NS 500000u

static void test_main(void *arg)
{
    (void)arg;
    if (player_setup() != 0) {
        printf("RESULT vit-two FAIL media: player set-up\n");
        pv_test_exit(1);
    }
    player_start();
    player_decoder_begin();
    while (pl.shown < TWO_FRAMES)
        (void)player_play_next();
    /* Two lines: the console's line buffer is short. */
    printf("vit-two: media %lu frames, %lu decode errors, presentation max "
           "%lu ns\n", (unsigned long)pl.shown, (unsigned long)pl.errors,
           (unsigned long)pl.max_late_ns);
    printf("vit-two: media %lu wake-ups after the deadline mean %lu max "
           "%lu ns\n", (unsigned long)pl.sleeps,
           (unsigned long)(pl.sleeps ? pl.wake_sum_ns / pl.sleeps : 0u),
           (unsigned long)pl.wake_max_ns);
    const char *why = pl.errors != 0u                  ? "a frame did not decode"
                      : pl.max_late_ns > TWO_PRESENT_MAX_NS
                          ? "a presentation took too long"
                      : pl.sleeps == 0u                ? "no real-time sleep"
                      : pl.wake_max_ns > TWO_WAKE_MAX_NS ? "a wake-up was late"
                                                         : NULL;
    if (why != NULL) {
        printf("RESULT vit-two FAIL media: %s\n", why);
        pv_test_exit(1);
    }
    printf("vit-two: media PASS\n");
    for (;;)
        (void)player_play_next();
}

int main(void)
{
    os_init();
    os_task_create(&player_task, "player", test_main, NULL, 2, player_stack,
                   PLAYER_STACK_WORDS);
    if (player_decoder_create() != 0)
        printf("vit-two: decoder task refused\n");
    os_start();
}
