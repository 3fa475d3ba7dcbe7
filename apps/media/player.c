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
 * With PLAYER_DECODE_TASK (the demo), step 1 runs in a second task that
 * is not real-time, while the previous frame is shown (player_main).
 * The display's index, registers and model come from the system's
 * configuration (PK_DEVICE_DISPLAY_*); the backend of its model
 * (player_display.h: player_pl110.c for the PL110 CLCD, player_fb32.c for
 * a linear 32-bit frame buffer) does the rest.
 *
 * Every PLAYER_REPORT_FRAMES frames it prints
 *   MEDIA frames=<n> fps_milli=<frames per 1000 s> late=<frames late > 1 ms>
 *         maxlate=<ns>                                        (one line)
 *   MEDIA-SLEEP n=<sleeps> req=<mean request ns> act=<mean actual ns>
 *   MEDIA-WAKE n=<sleeps> mean=<ns> max=<ns>
 * (request: from the sleep call to the wake-up tick's time; wake: from the
 * VIT deadline of a sleep to the player's first instruction after it).
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
    uint64_t wake_sum_ns;   /* their wake-ups after the VIT deadline */
    uint64_t wake_max_ns;   /* the latest of them */
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

/* The time of the guest's tick at or before now. Every VIT deadline the
 * guest kernel gives lies on its tick grid (a tick time plus whole
 * periods), so the last one is a reference for the grid's phase; before
 * the first, now itself. */
static uint64_t player_tick_floor(uint64_t now)
{
    uint64_t grid = pv_vit_last_deadline_ns;
    if (grid == 0u || now < grid)
        return now;
    return now - (now - grid) % OS_TICK_NS;
}

/* Sleeps until t (absolute), in real-time sleeps of at most
 * PLAYER_MAX_SLEEP_MS whole ticks; counts each sleep's request and actual
 * duration. A delay of k ticks ends k ticks after the current one, not k
 * periods after now: the ticks are counted from the current tick's time,
 * so that a time t on the tick grid is reached exactly, however far into
 * a tick the call is made. */
static void player_sleep_until(uint64_t t)
{
    for (;;) {
        uint64_t now = os_time_ns();
        if (now >= t)
            return;
        /* Whole ticks that end at or before t, so that the frame is never
         * shown early; under one tick left: shown at once. */
        uint64_t ticks = (t - player_tick_floor(now)) / OS_TICK_NS;
        if (ticks == 0u) {
            /* t is off the tick grid and less than a tick away: wait it
             * out here, so that no frame is shown early. Presentation
             * times lie on the grid (see player_start()), so this does
             * not happen in the player. */
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
        uint64_t wake = after > due ? after - due : 0u;
        pl.sleeps++;
        pl.sleep_req_ns += due > now ? due - now : 0u;
        pl.sleep_act_ns += after - now;
        pl.wake_sum_ns += wake;
        if (wake > pl.wake_max_ns)
            pl.wake_max_ns = wake;
    }
}

/* Decodes frame n into its framebuffer (the hidden one while frame n - 1
 * is shown) and prepares it for showing. */
static void player_decode(uint32_t n)
{
    uint16_t *fb = player_fb[n & 1u];
    const uint8_t *jpeg;
    size_t len;
    clip_frame(&pl.clip, n, &jpeg, &len);
    if (jpeg_decode(&player_dec, jpeg, len, fb, PLAYER_W, PLAYER_W,
                    PLAYER_H) != JPEG_OK)
        pl.errors++;
    player_display_prepare(fb);
}

/* Waits for frame n's presentation time, shows it (decoded already) and
 * notes how late it was. */
static void player_present(uint32_t n)
{
    uint64_t pts = pl.start_ns + (uint64_t)n * pl.frame_ns;
    player_sleep_until(pts);
    player_display_show(player_fb[n & 1u]);
    uint64_t shown = os_time_ns();
    uint64_t late = shown > pts ? shown - pts : 0u;
    pl.shown++;
    if (late > PLAYER_LATE_NS)
        pl.late++;
    if (late > pl.max_late_ns)
        pl.max_late_ns = late;
}

/* Decodes, waits for and shows the next frame, in the calling task (the
 * way the VIT paper's player works). Returns its index. */
PLAYER_API uint32_t player_step(void)
{
    uint32_t n = pl.next++;
    player_decode(n);
    player_present(n);
    return n;
}

/* Starts presentation: frame 0 is due one frame period from now. */
PLAYER_API void player_start(void)
{
    os_task_set_realtime(NULL, true);
    /* Wake on a tick, so that every presentation time (a whole number of
     * ticks later) falls on the tick grid. */
    os_delay(1u);
    /* The tick it woke on is the deadline the guest kernel gave for the
     * delay, not the time it got the CPU (which may come later, when the
     * partition was not yet warped): from os_time_ns() every presentation
     * would lie that much past the tick grid, and the player would poll
     * the clock up to a tick per frame in its real-time task. */
    pl.start_ns = pv_vit_last_deadline_ns + pl.frame_ns;
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
    printf("MEDIA-WAKE n=%lu mean=%lu max=%lu\n", (unsigned long)pl.sleeps,
           (unsigned long)(pl.sleeps ? pl.wake_sum_ns / pl.sleeps : 0u),
           (unsigned long)pl.wake_max_ns);
    pl.shown = pl.late = pl.sleeps = pl.errors = 0u;
    pl.max_late_ns = pl.sleep_req_ns = pl.sleep_act_ns = 0u;
    pl.wake_sum_ns = pl.wake_max_ns = 0u;
    pl.period_start = now;
}

static OS_KOBJ struct os_task player_task;
static _Alignas(8) port_stack_t player_stack[PLAYER_STACK_WORDS];

#ifdef PLAYER_DECODE_TASK
/*
 * PLAYER_DECODE_TASK: the real-time task only presents; a second task, not
 * real-time and of lower priority, decodes the next frame while the
 * current one is shown. The real-time work after each wake-up is then a
 * base-address write, and the partition's warp ends as soon as it is done
 * (the pv port sets vcpu warp_done when the player blocks and the decoder
 * runs): its decoding competes in the fair schedule and does not hold up
 * another partition's real-time wake-up (docs/vit.md, "Two real-time
 * partitions"). The experiment systems keep the paper's single task.
 */
#define PLAYER_DECODER_PRIORITY 1u
static OS_KOBJ struct os_task decoder_task;
static _Alignas(8) port_stack_t decoder_stack[PLAYER_STACK_WORDS];
static OS_KOBJ struct os_sem decode_go;   /* given: decode the next frame */
static OS_KOBJ struct os_sem decode_done; /* given: it is ready */
static uint32_t decode_next;              /* the frame the decoder does next */

static void decoder_main(void *arg)
{
    (void)arg;
    for (;;) {
        (void)os_sem_take(&decode_go, OS_WAIT_FOREVER);
        player_decode(decode_next++);
        (void)os_sem_give(&decode_done);
    }
}

/* Creates the decoder task (before os_start, below the player's
 * priority). 0 or -1. */
PLAYER_API int player_decoder_create(void)
{
    if (os_sem_init(&decode_go, 0u, 1u) != OS_OK ||
        os_sem_init(&decode_done, 0u, 1u) != OS_OK ||
        os_task_create(&decoder_task, "decoder", decoder_main, NULL,
                       PLAYER_DECODER_PRIORITY, decoder_stack,
                       PLAYER_STACK_WORDS) != OS_OK)
        return -1;
    return 0;
}

/* After player_start(): the decoder starts on the first frame. */
PLAYER_API void player_decoder_begin(void)
{
    decode_next = pl.next;
    (void)os_sem_give(&decode_go);
}

/* Shows the next frame once the decoder has it and its presentation time
 * has come, then lets the decoder go on to the one after. Returns its
 * index. */
PLAYER_API uint32_t player_play_next(void)
{
    uint32_t n = pl.next++;
    (void)os_sem_take(&decode_done, OS_WAIT_FOREVER); /* frame n */
    player_present(n);
    (void)os_sem_give(&decode_go); /* n + 1, into the hidden buffer */
    return n;
}
#define PLAYER_HOW ", decoded by a second task"
#else
/* Without the decoder task: each frame is decoded by player_step(). */
PLAYER_API int player_decoder_create(void)
{
    return 0;
}

PLAYER_API void player_decoder_begin(void)
{
}

PLAYER_API uint32_t player_play_next(void)
{
    return player_step();
}
#define PLAYER_HOW ""
#endif

#ifndef PLAYER_NO_MAIN
static void player_main(void *arg)
{
    (void)arg;
    if (player_setup() != 0)
        for (;;)
            os_delay(OS_WAIT_FOREVER - 1u);
    printf("media: %ux%u, %lu frames at %u fps, real-time sleeps%s\n",
           pl.clip.width, pl.clip.height, (unsigned long)pl.clip.frame_count,
           pl.clip.fps, PLAYER_HOW);
    player_start();
    player_decoder_begin();
    for (;;) {
        player_play_next();
        if (pl.shown == PLAYER_REPORT_FRAMES)
            player_report();
    }
}

int main(void)
{
    os_init();
    os_task_create(&player_task, "player", player_main, NULL, 2,
                   player_stack, PLAYER_STACK_WORDS);
    if (player_decoder_create() != 0)
        printf("media: decoder task refused\n");
    os_start();
}
#endif
