/*
 * test_jpeg.c - host tests of the media building blocks: the clip reader
 * (apps/media/clip.h) and the JPEG decoder (apps/media/jpeg.c), built with
 * AddressSanitizer so that any read or write out of bounds fails the test.
 *
 * Data: apps/media/clip.bin (every frame is decoded and compared with the
 * source image that tools/mkclip.py draws, and with djpeg's decoding when
 * djpeg is installed), and the small vectors of tests/host/media/data/
 * (made by make_vectors.py with cjpeg, with djpeg's decodings committed
 * next to them). MEDIA_ROOT is the repository root, set by tests.mk.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "clip.h"
#include "jpeg.h"

#ifndef MEDIA_ROOT
#define MEDIA_ROOT "."
#endif
#define DATA_DIR MEDIA_ROOT "/tests/host/media/data/"

/* Thresholds, justified in docs/media.md ("Tests"):
 * - decoded clip frame vs. the source image: what the encoder throws away
 *   (quality 75 quantisation, 4:2:0 chroma on saturated edges) plus RGB565
 *   leaves 30.0 to 36.5 dB over the clip (libjpeg's own decoding scores
 *   the same); 28 dB keeps a margin, while a wrong IDCT, colour matrix,
 *   upsampling or MCU placement falls below 20 dB.
 * - vs. djpeg -nosmooth of the same file, both in RGB565 units: the two
 *   decoders differ only in IDCT and colour rounding, measured at most
 *   1 LSB on 1-2 % of the samples (mean 0.016 LSB at worst). */
#define MIN_PSNR_SOURCE_DB 28.0
#define MAX_DIFF_DJPEG_LSB 1
#define MAX_MEAN_DIFF_DJPEG_LSB 0.05

static struct jpeg_decoder dec;

/* ------------------------------------------------------------ helpers */

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Reads a binary PGM or PPM into RGB triplets (gray replicated). */
static uint8_t *read_pnm(const char *path, unsigned *w, unsigned *h)
{
    size_t len;
    uint8_t *raw = read_file(path, &len);
    if (!raw)
        return NULL;
    char magic[3] = {0};
    unsigned maxval;
    int consumed = 0;
    char *text = malloc(len + 1);
    memcpy(text, raw, len);
    text[len] = 0;
    if (sscanf(text, "%2s %u %u %u%n", magic, w, h, &maxval, &consumed) !=
            4 ||
        maxval != 255) {
        free(text);
        free(raw);
        return NULL;
    }
    free(text);
    unsigned ch = strcmp(magic, "P6") == 0 ? 3 : 1;
    size_t off = (size_t)consumed + 1;
    size_t n = (size_t)*w * *h;
    if (off + n * ch > len) {
        free(raw);
        return NULL;
    }
    uint8_t *rgb = malloc(n * 3);
    for (size_t i = 0; i < n; i++)
        for (unsigned c = 0; c < 3; c++)
            rgb[3 * i + c] = raw[off + i * ch + (ch == 3 ? c : 0)];
    free(raw);
    return rgb;
}

static void unpack565(uint16_t p, unsigned *r, unsigned *g, unsigned *b)
{
    *r = (p >> 11) & 31;
    *g = (p >> 5) & 63;
    *b = p & 31;
}

/* PSNR of the decoded RGB565 picture (widened to 8 bits) against RGB. */
static double psnr_vs_rgb(const uint16_t *fb, size_t stride,
                          const uint8_t *rgb, unsigned w, unsigned h)
{
    double se = 0;
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            unsigned r, g, b;
            unpack565(fb[y * stride + x], &r, &g, &b);
            const uint8_t *s = rgb + 3 * ((size_t)y * w + x);
            double dr = (double)((r << 3) | (r >> 2)) - s[0];
            double dg = (double)((g << 2) | (g >> 4)) - s[1];
            double db = (double)((b << 3) | (b >> 2)) - s[2];
            se += dr * dr + dg * dg + db * db;
        }
    double mse = se / (3.0 * w * h);
    return mse == 0 ? 99.0 : 10.0 * log10(255.0 * 255.0 / mse);
}

/* Compares with a reference RGB decoding truncated to RGB565; returns the
 * largest channel difference in LSBs and the mean in *mean. */
static unsigned diff_vs_ref(const uint16_t *fb, size_t stride,
                            const uint8_t *rgb, unsigned w, unsigned h,
                            double *mean)
{
    unsigned max = 0;
    double sum = 0;
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            unsigned c[3];
            unpack565(fb[y * stride + x], &c[0], &c[1], &c[2]);
            const uint8_t *s = rgb + 3 * ((size_t)y * w + x);
            unsigned ref[3] = {s[0] >> 3u, s[1] >> 2u, s[2] >> 3u};
            for (int k = 0; k < 3; k++) {
                unsigned d = c[k] > ref[k] ? c[k] - ref[k] : ref[k] - c[k];
                if (d > max)
                    max = d;
                sum += d;
            }
        }
    *mean = sum / (3.0 * w * h);
    return max;
}

/* Decodes data into a freshly allocated w x h framebuffer of exactly that
 * size (so ASan sees any write past it). */
static int decode_new(const uint8_t *data, size_t len, unsigned w,
                      unsigned h, uint16_t **out)
{
    uint16_t *fb = calloc((size_t)w * h, sizeof(*fb));
    int err = jpeg_decode(&dec, data, len, fb, w, w, h);
    *out = fb;
    return err;
}

/* Offset of the EOI marker that ends the file (the last 0xFFD9). */
static size_t eoi_offset(const uint8_t *data, size_t len)
{
    for (size_t i = len - 1; i > 0; i--)
        if (data[i - 1] == 0xFF && data[i] == 0xD9)
            return i - 1;
    return len;
}

static const char *const vectors[] = {
    "v444", "v422",    "v440",  "v420",     "v420rst",
    "v444rst", "v422opt", "vgray", "vgrayrst", "vq100",
};

static uint8_t *load_vector(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof(path), DATA_DIR "%s.jpg", name);
    uint8_t *data = read_file(path, len);
    if (!data)
        fail_msg("cannot read %s", path);
    return data;
}

static uint8_t *load_clip(size_t *len)
{
    uint8_t *data = read_file(MEDIA_ROOT "/apps/media/clip.bin", len);
    if (!data)
        fail_msg("cannot read apps/media/clip.bin");
    return data;
}

/* ------------------------------------------------------------ clip.h */

static void test_clip_open_valid(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = load_clip(&len);
    struct clip_info clip;
    assert_int_equal(clip_open(&clip, data, len), 0);
    assert_int_equal(clip.width, 320);
    assert_int_equal(clip.height, 240);
    assert_int_equal(clip.fps, 20);
    assert_true(clip.frame_count >= 50);
    assert_true(len < 1536u * 1024u);
    for (uint32_t i = 0; i < clip.frame_count; i++) {
        const uint8_t *p;
        size_t n;
        clip_frame(&clip, i, &p, &n);
        assert_true(p >= data && p + n <= data + len);
        assert_int_equal(p[0], 0xFF);
        assert_int_equal(p[1], 0xD8);
        assert_int_equal(((uintptr_t)(p - data)) & 3, 0);
    }
    /* An index past the end wraps, for a looping player. */
    const uint8_t *a, *b;
    size_t na, nb;
    clip_frame(&clip, 1, &a, &na);
    clip_frame(&clip, clip.frame_count + 1, &b, &nb);
    assert_ptr_equal(a, b);
    free(data);
}

static void test_clip_open_rejects(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = load_clip(&len);
    struct clip_info clip;
    uint8_t *copy = malloc(len);

    memcpy(copy, data, len);
    copy[0] = 'X';
    assert_int_equal(clip_open(&clip, copy, len), -1);

    memcpy(copy, data, len);
    copy[12] = 0xFF; /* frame count far beyond the table */
    copy[13] = 0xFF;
    assert_int_equal(clip_open(&clip, copy, len), -1);

    memcpy(copy, data, len);
    copy[16 + 8 * 3 + 4] = 0xFF; /* frame 3 size past the end */
    copy[16 + 8 * 3 + 7] = 0x7F;
    assert_int_equal(clip_open(&clip, copy, len), -1);

    memcpy(copy, data, len);
    copy[16] = 4; /* frame 0 offset inside the table */
    copy[17] = copy[18] = copy[19] = 0;
    assert_int_equal(clip_open(&clip, copy, len), -1);

    memcpy(copy, data, len);
    copy[10] = copy[11] = 0; /* fps 0 */
    assert_int_equal(clip_open(&clip, copy, len), -1);

    /* Every truncation of the header and table is refused (exactly sized
     * buffers, so ASan checks the reader stays inside). */
    size_t table_end = 16 + 8 * (size_t)(data[12] | data[13] << 8);
    for (size_t n = 0; n < table_end + 4; n++) {
        uint8_t *t = malloc(n ? n : 1);
        memcpy(t, data, n);
        assert_int_equal(clip_open(&clip, t, n), -1);
        free(t);
    }
    free(copy);
    free(data);
}

/* ------------------------------------------------------------ decoding */

static void test_vectors_match_djpeg(void **state)
{
    (void)state;
    for (size_t v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++) {
        size_t len;
        uint8_t *data = load_vector(vectors[v], &len);
        char path[512];
        snprintf(path, sizeof(path), DATA_DIR "%s.pnm", vectors[v]);
        unsigned w, h, jw, jh;
        uint8_t *ref = read_pnm(path, &w, &h);
        assert_non_null(ref);
        assert_int_equal(jpeg_get_size(data, len, &jw, &jh), JPEG_OK);
        assert_int_equal(jw, w);
        assert_int_equal(jh, h);
        uint16_t *fb;
        int err = decode_new(data, len, w, h, &fb);
        if (err)
            fail_msg("%s: %s", vectors[v], jpeg_strerror(err));
        double mean;
        unsigned max = diff_vs_ref(fb, w, ref, w, h, &mean);
        printf("  %-9s %ux%u  max diff %u LSB, mean %.3f\n", vectors[v], w,
               h, max, mean);
        assert_true(max <= MAX_DIFF_DJPEG_LSB);
        assert_true(mean <= MAX_MEAN_DIFF_DJPEG_LSB);
        free(fb);
        free(ref);
        free(data);
    }
}

static int have_tool(const char *name)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

static void test_clip_every_frame(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = load_clip(&len);
    struct clip_info clip;
    assert_int_equal(clip_open(&clip, data, len), 0);

    char dir[] = "/tmp/media_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[2048];
    snprintf(cmd, sizeof(cmd),
             "/usr/bin/python3 " MEDIA_ROOT "/tools/mkclip.py --dump-dir %s"
             " --frames %u --width %u --height %u",
             dir, (unsigned)clip.frame_count, clip.width, clip.height);
    assert_int_equal(system(cmd), 0);
    int djpeg = have_tool("djpeg");
    if (!djpeg)
        printf("  djpeg not installed: cross-check with djpeg skipped\n");

    double min_psnr = 99, worst_mean = 0;
    unsigned worst_max = 0;
    for (uint32_t i = 0; i < clip.frame_count; i++) {
        const uint8_t *p;
        size_t n;
        clip_frame(&clip, i, &p, &n);
        /* Exact-size copy: ASan then catches any read past the frame. */
        uint8_t *frame = malloc(n);
        memcpy(frame, p, n);
        uint16_t *fb;
        int err = decode_new(frame, n, clip.width, clip.height, &fb);
        if (err)
            fail_msg("frame %u: %s", (unsigned)i, jpeg_strerror(err));

        char path[600];
        unsigned w, h;
        snprintf(path, sizeof(path), "%s/f%03u.ppm", dir, (unsigned)i);
        uint8_t *src = read_pnm(path, &w, &h);
        assert_non_null(src);
        assert_int_equal(w, clip.width);
        assert_int_equal(h, clip.height);
        double psnr = psnr_vs_rgb(fb, w, src, w, h);
        if (psnr < min_psnr)
            min_psnr = psnr;
        if (psnr < MIN_PSNR_SOURCE_DB)
            fail_msg("frame %u: PSNR %.2f dB vs source", (unsigned)i, psnr);
        free(src);
        unlink(path);

        if (djpeg) {
            char jpg[64], ref[64];
            snprintf(jpg, sizeof(jpg), "%s/f.jpg", dir);
            snprintf(ref, sizeof(ref), "%s/f.pnm", dir);
            FILE *f = fopen(jpg, "wb");
            assert_non_null(f);
            assert_int_equal(fwrite(frame, 1, n, f), n);
            fclose(f);
            snprintf(cmd, sizeof(cmd), "djpeg -nosmooth -pnm %s > %s", jpg,
                     ref);
            assert_int_equal(system(cmd), 0);
            uint8_t *rgb = read_pnm(ref, &w, &h);
            assert_non_null(rgb);
            double mean;
            unsigned max = diff_vs_ref(fb, clip.width, rgb, w, h, &mean);
            if (max > worst_max)
                worst_max = max;
            if (mean > worst_mean)
                worst_mean = mean;
            if (max > MAX_DIFF_DJPEG_LSB || mean > MAX_MEAN_DIFF_DJPEG_LSB)
                fail_msg("frame %u: vs djpeg max %u LSB mean %.3f",
                         (unsigned)i, max, mean);
            free(rgb);
            unlink(jpg);
            unlink(ref);
        }
        free(fb);
        free(frame);
    }
    rmdir(dir);
    printf("  %u frames: min PSNR vs source %.2f dB", (unsigned)clip.frame_count,
           min_psnr);
    if (djpeg)
        printf(", vs djpeg max %u LSB, worst mean %.3f", worst_max,
               worst_mean);
    printf("\n");
    free(data);
}

/* The output rectangle clips the picture and nothing outside it is
 * written, in either direction. */
static void test_clipping(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = load_clip(&len);
    struct clip_info clip;
    assert_int_equal(clip_open(&clip, data, len), 0);
    const uint8_t *p;
    size_t n;
    clip_frame(&clip, 7, &p, &n);
    uint16_t *full;
    assert_int_equal(decode_new(p, n, 320, 240, &full), JPEG_OK);

    /* A 100 x 50 window with stride 128, inside a sentinel-filled area. */
    enum { STRIDE = 128, ROWS = 60 };
    uint16_t *buf = malloc(STRIDE * ROWS * sizeof(uint16_t));
    for (size_t i = 0; i < STRIDE * ROWS; i++)
        buf[i] = 0xA5A5;
    assert_int_equal(jpeg_decode(&dec, p, n, buf, STRIDE, 100, 50), JPEG_OK);
    for (unsigned y = 0; y < ROWS; y++)
        for (unsigned x = 0; x < STRIDE; x++) {
            uint16_t v = buf[y * STRIDE + x];
            if (x < 100 && y < 50)
                assert_int_equal(v, full[y * 320 + x]);
            else
                assert_int_equal(v, 0xA5A5);
        }
    free(buf);
    free(full);

    /* A picture smaller than the framebuffer leaves the rest alone. */
    size_t vlen;
    uint8_t *v = load_vector("v420", &vlen);
    buf = malloc(64 * 64 * sizeof(uint16_t));
    for (size_t i = 0; i < 64 * 64; i++)
        buf[i] = 0x5A5A;
    assert_int_equal(jpeg_decode(&dec, v, vlen, buf, 64, 64, 64), JPEG_OK);
    for (unsigned y = 0; y < 64; y++)
        for (unsigned x = 0; x < 64; x++)
            if (x >= 53 || y >= 37)
                assert_int_equal(buf[y * 64 + x], 0x5A5A);
    free(buf);
    free(v);
    free(data);
}

/* Tables from one picture never leak into the next. */
static void test_decoder_reuse(void **state)
{
    (void)state;
    size_t la, lb;
    uint8_t *a = load_vector("v420", &la);
    uint8_t *b = load_vector("vq100", &lb);
    uint16_t *f1, *f2, *f3;
    assert_int_equal(decode_new(a, la, 53, 37, &f1), JPEG_OK);
    assert_int_equal(decode_new(b, lb, 53, 37, &f2), JPEG_OK);
    assert_int_equal(decode_new(a, la, 53, 37, &f3), JPEG_OK);
    assert_memory_equal(f1, f3, 53 * 37 * sizeof(uint16_t));
    free(f1);
    free(f2);
    free(f3);
    free(a);
    free(b);
}

/* ------------------------------------------------------------ bad input */

static void expect_error_at_every_cut(const uint8_t *data, size_t len,
                                      unsigned w, unsigned h, const char *what)
{
    size_t eoi = eoi_offset(data, len);
    assert_true(eoi < len);
    for (size_t n = 0; n < eoi; n++) {
        uint8_t *cut = malloc(n ? n : 1);
        memcpy(cut, data, n);
        uint16_t *fb;
        int err = decode_new(cut, n, w, h, &fb);
        if (err == JPEG_OK)
            fail_msg("%s cut to %zu of %zu bytes decoded without error", what,
                     n, len);
        free(fb);
        free(cut);
    }
    /* Without only the EOI marker, the picture is complete. */
    uint16_t *fb;
    uint8_t *cut = malloc(eoi);
    memcpy(cut, data, eoi);
    assert_int_equal(decode_new(cut, eoi, w, h, &fb), JPEG_OK);
    free(fb);
    free(cut);
}

static void test_truncated(void **state)
{
    (void)state;
    for (size_t v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++) {
        size_t len;
        uint8_t *data = load_vector(vectors[v], &len);
        expect_error_at_every_cut(data, len, 53, 37, vectors[v]);
        free(data);
    }
    size_t len;
    uint8_t *data = load_clip(&len);
    struct clip_info clip;
    assert_int_equal(clip_open(&clip, data, len), 0);
    const uint8_t *p;
    size_t n;
    clip_frame(&clip, 42, &p, &n);
    expect_error_at_every_cut(p, n, 320, 240, "clip frame 42");
    free(data);
}

/* Deterministic pseudo-random numbers for the corruption tests. */
static uint32_t rng_state = 12345u;
static uint32_t rng(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

/* Random corruption never makes the decoder misbehave: ASan and UBSan
 * watch every access and every signed operation. */
static void test_corrupted(void **state)
{
    (void)state;
    size_t len;
    uint8_t *clipdata = load_clip(&len);
    struct clip_info clip;
    assert_int_equal(clip_open(&clip, clipdata, len), 0);
    const uint8_t *frame;
    size_t flen;
    clip_frame(&clip, 11, &frame, &flen);

    unsigned errors = 0, runs = 0;
    for (size_t v = 0; v <= sizeof(vectors) / sizeof(vectors[0]); v++) {
        size_t n;
        uint8_t *orig;
        unsigned w = 53, h = 37;
        if (v < sizeof(vectors) / sizeof(vectors[0])) {
            orig = load_vector(vectors[v], &n);
        } else {
            n = flen;
            orig = malloc(n);
            memcpy(orig, frame, n);
            w = 320;
            h = 240;
        }
        for (int iter = 0; iter < 300; iter++) {
            uint8_t *bad = malloc(n);
            memcpy(bad, orig, n);
            unsigned flips = 1 + rng() % 4;
            for (unsigned f = 0; f < flips; f++) {
                size_t at = rng() % n;
                if (iter & 1)
                    bad[at] ^= (uint8_t)(1u << (rng() % 8));
                else
                    bad[at] = (uint8_t)rng();
            }
            uint16_t *fb;
            int err = decode_new(bad, n, w, h, &fb);
            assert_true(err <= 0 && err >= JPEG_ERR_TABLE);
            errors += err != 0;
            runs++;
            free(fb);
            free(bad);
        }
        free(orig);
    }
    /* Random garbage after a valid SOI. */
    for (int iter = 0; iter < 200; iter++) {
        size_t n = 2 + rng() % 300;
        uint8_t *bad = malloc(n);
        bad[0] = 0xFF;
        bad[1] = 0xD8;
        for (size_t i = 2; i < n; i++)
            bad[i] = (uint8_t)rng();
        uint16_t *fb;
        assert_int_not_equal(decode_new(bad, n, 32, 32, &fb), JPEG_OK);
        free(fb);
        free(bad);
    }
    printf("  %u corrupted files decoded safely, %u reported errors\n", runs,
           errors);
    free(clipdata);
}

/* Finds the first marker m in data; returns its offset or -1. */
static long find_marker(const uint8_t *data, size_t len, uint8_t m)
{
    for (size_t i = 0; i + 1 < len; i++)
        if (data[i] == 0xFF && data[i + 1] == m)
            return (long)i;
    return -1;
}

static int decode_modified(const char *name, long (*modify)(uint8_t *, size_t))
{
    size_t len;
    uint8_t *data = load_vector(name, &len);
    assert_true(modify(data, len) >= 0);
    uint16_t *fb;
    int err = decode_new(data, len, 53, 37, &fb);
    free(fb);
    free(data);
    return err;
}

static long bad_dht_counts(uint8_t *d, size_t len)
{
    long at = find_marker(d, len, 0xC4);
    if (at >= 0)
        d[at + 5] = 3; /* three codes of length 1 cannot exist */
    return at;
}

static long undefined_table(uint8_t *d, size_t len)
{
    long at = find_marker(d, len, 0xDA);
    if (at >= 0)
        d[at + 6] = 0x33; /* component 1 uses DC/AC table 3 */
    return at;
}

static long twelve_bit(uint8_t *d, size_t len)
{
    long at = find_marker(d, len, 0xC0);
    if (at >= 0)
        d[at + 4] = 12;
    return at;
}

static long sampling_3(uint8_t *d, size_t len)
{
    long at = find_marker(d, len, 0xC0);
    if (at >= 0)
        d[at + 11] = 0x31;
    return at;
}

static long wrong_rst(uint8_t *d, size_t len)
{
    long at = find_marker(d, len, 0xD0);
    if (at >= 0)
        d[at + 1] = 0xD3;
    return at;
}

static long not_jpeg(uint8_t *d, size_t len)
{
    (void)len;
    d[1] = 0xD9;
    return 0;
}

static long zero_width(uint8_t *d, size_t len)
{
    long at = find_marker(d, len, 0xC0);
    if (at >= 0)
        d[at + 7] = d[at + 8] = 0;
    return at;
}

static void test_specific_errors(void **state)
{
    (void)state;
    assert_int_equal(decode_modified("v420", bad_dht_counts), JPEG_ERR_FORMAT);
    assert_int_equal(decode_modified("v420", undefined_table), JPEG_ERR_TABLE);
    assert_int_equal(decode_modified("v420", twelve_bit),
                     JPEG_ERR_UNSUPPORTED);
    assert_int_equal(decode_modified("v420", sampling_3),
                     JPEG_ERR_UNSUPPORTED);
    assert_int_equal(decode_modified("v420rst", wrong_rst), JPEG_ERR_FORMAT);
    assert_int_equal(decode_modified("v420", not_jpeg), JPEG_ERR_FORMAT);
    assert_int_equal(decode_modified("v420", zero_width),
                     JPEG_ERR_UNSUPPORTED);

    size_t len;
    uint8_t *prog = load_vector("vprog", &len);
    uint16_t *fb;
    assert_int_equal(decode_new(prog, len, 53, 37, &fb),
                     JPEG_ERR_UNSUPPORTED);
    free(fb);
    unsigned w, h;
    assert_int_equal(jpeg_get_size(prog, len, &w, &h), JPEG_ERR_UNSUPPORTED);
    free(prog);

    uint8_t *v = load_vector("v420", &len);
    uint16_t one;
    assert_int_equal(jpeg_decode(&dec, NULL, len, &one, 1, 1, 1),
                     JPEG_ERR_ARG);
    assert_int_equal(jpeg_decode(&dec, v, len, NULL, 1, 1, 1), JPEG_ERR_ARG);
    assert_int_equal(jpeg_decode(&dec, v, len, &one, 0, 1, 1), JPEG_ERR_ARG);
    assert_int_equal(jpeg_decode(&dec, v, len, &one, 1, 0, 1), JPEG_ERR_ARG);
    assert_int_equal(jpeg_get_size(v, len, &w, &h), JPEG_OK);
    assert_int_equal(w, 53);
    assert_int_equal(h, 37);
    for (size_t n = 0; n < 24; n++)
        assert_int_not_equal(jpeg_get_size(v, n, &w, &h), JPEG_OK);
    assert_string_equal(jpeg_strerror(JPEG_ERR_TRUNCATED), "truncated JPEG");
    free(v);
}

static int setup(void **state)
{
    (void)state;
    jpeg_init(&dec);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clip_open_valid),
        cmocka_unit_test(test_clip_open_rejects),
        cmocka_unit_test(test_vectors_match_djpeg),
        cmocka_unit_test(test_clip_every_frame),
        cmocka_unit_test(test_clipping),
        cmocka_unit_test(test_decoder_reuse),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_corrupted),
        cmocka_unit_test(test_specific_errors),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
