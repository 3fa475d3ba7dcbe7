/*
 * bench.c - measures the decoder on the target: decodes every clip frame
 * into a 320 x 240 RGB565 buffer and reads the 24 MHz counter around each
 * decode. Under QEMU with -icount shift=2 one instruction is 4 ns, so the
 * counter gives instructions per frame exactly (1 tick = 41.67 ns = 10.4
 * instructions). Prints one result line over semihosting and exits with
 * status 0, or 1 if a frame failed to decode or the clip is invalid.
 */
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "clip.h"
#include "jpeg.h"
#include "semihost.h"

/* The MMU stays off here: physical addresses. */
#define SYS_COUNTER_24MHZ                                                    \
    ((volatile uint32_t *)(BOARD_SYSREG_PHYS +                               \
                           (BOARD_SYS_24MHZ - BOARD_SYSREG_BASE)))

extern const uint8_t clip_data[], clip_data_end[];

static struct jpeg_decoder dec;
static uint16_t fb[320 * 240];

/* Semihosting call (ARM state, svc 0x123456). */
static uint32_t semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static void put_str(const char *s)
{
    semihost(0x04, s); /* SYS_WRITE0 */
}

static void put_uint(uint32_t v)
{
    char buf[12];
    int i = 11;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put_str(buf + i);
}

static void bench_exit(uint32_t status)
{
    static uint32_t block[2];
    block[0] = SEMIHOST_ADP_STOPPED_APPLICATION_EXIT;
    block[1] = status;
    semihost(SEMIHOST_SYS_EXIT_EXTENDED, block);
    for (;;)
        ;
}

void target_main(void);

void target_main(void)
{
    struct clip_info clip;
    if (clip_open(&clip, clip_data, (size_t)(clip_data_end - clip_data))) {
        put_str("media-bench: FAIL bad clip\n");
        bench_exit(1);
    }
    jpeg_init(&dec);
    uint32_t min = 0xFFFFFFFFu, max = 0, total = 0;
    for (uint32_t i = 0; i < clip.frame_count; i++) {
        const uint8_t *p;
        size_t len;
        clip_frame(&clip, i, &p, &len);
        uint32_t t0 = *SYS_COUNTER_24MHZ;
        int err = jpeg_decode(&dec, p, len, fb, 320, 320, 240);
        uint32_t dt = *SYS_COUNTER_24MHZ - t0;
        if (err) {
            put_str("media-bench: FAIL frame ");
            put_uint(i);
            put_str("\n");
            bench_exit(1);
        }
        total += dt;
        if (dt < min)
            min = dt;
        if (dt > max)
            max = dt;
    }
    /* Ticks of 1/24 us -> us (x 1/24) and instructions (x 125/12). */
    uint32_t avg = total / clip.frame_count;
    put_str("media-bench: frames=");
    put_uint(clip.frame_count);
    put_str(" avg_us=");
    put_uint(avg / 24);
    put_str(" max_us=");
    put_uint(max / 24);
    put_str(" min_us=");
    put_uint(min / 24);
    put_str(" avg_insns=");
    put_uint(avg * 125 / 12);
    put_str(" max_insns=");
    put_uint(max * 125 / 12);
    put_str(" checksum=");
    uint32_t sum = 0;
    for (size_t k = 0; k < 320 * 240; k++)
        sum = sum * 31 + fb[k];
    put_uint(sum);
    put_str("\n");
    bench_exit(0);
}
