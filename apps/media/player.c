/*
 * player.c - the media partition: a video player (docs/vit.md, docs/media.md).
 *
 * It plays apps/media/clip.bin (320 x 240, 20 fps, baseline JPEG frames) in
 * a loop on the board's display, which its system assigns to this
 * partition alone. Frame n's presentation time is start + n / fps. For each frame the
 * player task
 *   1. decodes the frame into the hidden one of two framebuffers,
 *   2. sleeps until the presentation time (the last fraction of a tick,
 *      a few microseconds, by polling the clock), in sleeps of at most
 *      PLAYER_MAX_SLEEP_MS - the way a player that keeps video in sync with
 *      audio wakes every few milliseconds to feed and check the audio
 *      clock - so the requests are a few ms each, about 9 ms on average,
 *      like the paper's MPlayer,
 *   3. shows the frame (player_display_show) and notes how late it was.
 * The task is marked real-time, so each sleep's wake-up goes through VIT.
 * The display's index, registers and model come from the system's
 * configuration (PK_DEVICE_DISPLAY_*); the backend of its model
 * (player_display.h: player_pl110.c for the PL110 CLCD, player_fb32.c for
 * a linear 32-bit frame buffer) does the rest.
 *
 * Every PLAYER_REPORT_FRAMES frames it prints
 *   MEDIA frames=<n> fps_milli=<frames per 1000 s> late=<frames late > 1 ms>
 *         maxlate=<ns>                                        (one line)
 *   MEDIA-SLEEP n=<sleeps> req=<mean request ns> act=<mean actual ns>
 * (request: from the sleep call to the wake-up tick's time).
 *
 * PLAYER_NO_MAIN: the test systems include this file and drive it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "clip.h"
#include "jpeg.h"
#include "os.h"
#include "pv_svc.h"
#include "pv_vit_stat.h"

#include "player_display.h"

#if !defined(PK_DEVICE_DISPLAY_INDEX) || !defined(PK_DEVICE_DISPLAY_REGS)
#error "the player needs the display device: devices = [\"display\"] in system.toml"
#endif
#if !defined(PK_DEVICE_DISPLAY_MODEL_PL110) && \
    !defined(PK_DEVICE_DISPLAY_MODEL_PL111) && \
    !defined(PK_DEVICE_DISPLAY_MODEL_BCM2835_FB)
#error "no display backend for the board's display model (player_display.h)"
#endif
#ifndef PLAYER_MAX_SLEEP_MS
#define PLAYER_MAX_SLEEP_MS 10u
#endif
#ifndef PLAYER_REPORT_FRAMES
#define PLAYER_REPORT_FRAMES 100u
#endif
#define PLAYER_LATE_NS 1000000u
#define PLAYER_STACK_WORDS 1024u
#define PLAYER_API static __attribute__((unused))

extern const uint8_t clip_data[], clip_data_end[];

/* Player state and statistics of the current report period. */
struct player {
    struct clip_info clip;  /* the validated clip */
    uint64_t start_ns;      /* presentation time of frame 0 */
    uint64_t frame_ns;      /* frame period, 1 s / fps */
    uint32_t next;          /* next frame to present (running count) */
    uint32_t shown;         /* frames shown in this period */
    uint32_t late;          /* of which later than PLAYER_LATE_NS */
    uint64_t max_late_ns;   /* worst lateness in this period */
    uint64_t period_start;  /* when this period began */
    uint32_t sleeps;        /* sleeps in this period */
    uint64_t sleep_req_ns;  /* their requested durations, summed */
    uint64_t sleep_act_ns;  /* their actual durations, summed */
    uint32_t errors;        /* frames that failed to decode */
};

static struct jpeg_decoder player_dec;
static uint16_t player_fb[2][PLAYER_W * PLAYER_H] __attribute__((aligned(8)));
static struct player pl;

/* Opens the clip and the display, showing a black frame. 0 or -1. */
PLAYER_API int player_setup(void)
{
    if (clip_open(&pl.clip, clip_data, (size_t)(clip_data_end - clip_data)) != 0) {
        printf("media: bad clip\n");
        return -1;
    }
    jpeg_init(&player_dec);
    if (player_display_init(player_fb[0]) != 0) {
        printf("media: display set-up refused\n");
        return -1;
    }
    pl.frame_ns = 1000000000ull / pl.clip.fps;
    return 0;
}

/* Sleeps until t (absolute), in real-time sleeps of at most
 * PLAYER_MAX_SLEEP_MS whole ticks; counts each sleep's request and actual
 * duration. */
static void player_sleep_until(uint64_t t)
{
    for (;;) {
        uint64_t now = os_time_ns();
        if (now >= t)
            return;
        uint64_t left = t - now;
        /* Whole ticks that end at or before t, so that the frame is never
         * shown early; under one tick left: shown at once. */
        uint64_t ticks = left / OS_TICK_NS;
        if (ticks == 0u) {
            /* Less than a tick: wait it out here, so that no frame is
             * shown early. Presentation times lie on the tick grid (see
             * player_start()), so this is a few microseconds. */
            while (os_time_ns() < t) {
            }
            return;
        }
        if (ticks > PLAYER_MAX_SLEEP_MS * OS_CONFIG_TICK_HZ / 1000u)
            ticks = PLAYER_MAX_SLEEP_MS * OS_CONFIG_TICK_HZ / 1000u;
        os_delay((os_tick_t)ticks);
        uint64_t after = os_time_ns();
        /* The request is the time from the call to the wake-up tick: the
         * deadline the guest kernel gave the kernel (the delay counts
         * whole ticks from the current one, so it is shorter than
         * ticks * tick period by the tick's phase). */
        uint64_t due = pv_vit_last_deadline_ns;
        pl.sleeps++;
        pl.sleep_req_ns += due > now ? due - now : 0u;
        pl.sleep_act_ns += after - now;
    }
}

/* Decodes, waits for and shows the next frame. Returns its index. */
PLAYER_API uint32_t player_step(void)
{
    uint32_t n = pl.next++;
    uint16_t *fb = player_fb[n & 1u];
    const uint8_t *jpeg;
    size_t len;
    clip_frame(&pl.clip, n, &jpeg, &len);
    if (jpeg_decode(&player_dec, jpeg, len, fb, PLAYER_W, PLAYER_W,
                    PLAYER_H) != JPEG_OK)
        pl.errors++;
    player_display_prepare(fb);
    uint64_t pts = pl.start_ns + (uint64_t)n * pl.frame_ns;
    player_sleep_until(pts);
    player_display_show(fb);
    uint64_t shown = os_time_ns();
    uint64_t late = shown > pts ? shown - pts : 0u;
    pl.shown++;
    if (late > PLAYER_LATE_NS)
        pl.late++;
    if (late > pl.max_late_ns)
        pl.max_late_ns = late;
    return n;
}

/* Starts presentation: frame 0 is due one frame period from now. */
PLAYER_API void player_start(void)
{
    os_task_set_realtime(NULL, true);
    /* Wake on a tick, so that every presentation time (a whole number of
     * ticks later) falls on the tick grid. */
    os_delay(1u);
    pl.start_ns = os_time_ns() + pl.frame_ns;
    pl.period_start = pl.start_ns - pl.frame_ns;
}

/* Prints the period's MEDIA lines and starts a new period. */
PLAYER_API void player_report(void)
{
    uint64_t now = os_time_ns();
    uint64_t span = now - pl.period_start;
    uint32_t fps_milli = span ? (uint32_t)((uint64_t)pl.shown * 1000000000000ull / span) : 0u;
    printf("MEDIA frames=%lu fps_milli=%lu late=%lu maxlate=%lu err=%lu\n",
           (unsigned long)pl.shown, (unsigned long)fps_milli,
           (unsigned long)pl.late, (unsigned long)pl.max_late_ns,
           (unsigned long)pl.errors);
    printf("MEDIA-SLEEP n=%lu req=%lu act=%lu\n", (unsigned long)pl.sleeps,
           (unsigned long)(pl.sleeps ? pl.sleep_req_ns / pl.sleeps : 0u),
           (unsigned long)(pl.sleeps ? pl.sleep_act_ns / pl.sleeps : 0u));
    pl.shown = pl.late = pl.sleeps = pl.errors = 0u;
    pl.max_late_ns = pl.sleep_req_ns = pl.sleep_act_ns = 0u;
    pl.period_start = now;
}

static OS_KOBJ struct os_task player_task;
static _Alignas(8) port_stack_t player_stack[PLAYER_STACK_WORDS];

#ifndef PLAYER_NO_MAIN
static void player_main(void *arg)
{
    (void)arg;
    if (player_setup() != 0)
        for (;;)
            os_delay(OS_WAIT_FOREVER - 1u);
    printf("media: %ux%u, %lu frames at %u fps, real-time sleeps\n",
           pl.clip.width, pl.clip.height, (unsigned long)pl.clip.frame_count,
           pl.clip.fps);
    player_start();
    for (;;) {
        player_step();
        if (pl.shown == PLAYER_REPORT_FRAMES)
            player_report();
    }
}

int main(void)
{
    os_init();
    os_task_create(&player_task, "player", player_main, NULL, 2,
                   player_stack, PLAYER_STACK_WORDS);
    os_start();
}
#endif
