/*
 * jpeg2ppm.c - host helper: decodes a JPEG with apps/media/jpeg.c and
 * writes the RGB565 result widened to 8 bits per channel as a binary PPM.
 * Used by the cross-checks in tests/tools/test_mkclip.py.
 *
 * Usage: jpeg2ppm in.jpg out.ppm   (exit status 2 + message on a decode
 * error, 1 on an I/O error)
 */
#include <stdio.h>
#include <stdlib.h>

#include "jpeg.h"

static struct jpeg_decoder dec;

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: jpeg2ppm in.jpg out.ppm\n");
        return 1;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    static uint8_t buf[1 << 22];
    size_t len = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    unsigned w, h;
    int err = jpeg_get_size(buf, len, &w, &h);
    if (err) {
        fprintf(stderr, "%s: %s\n", argv[1], jpeg_strerror(err));
        return 2;
    }
    uint16_t *fb = calloc((size_t)w * h, sizeof(*fb));
    if (!fb)
        return 1;
    jpeg_init(&dec);
    err = jpeg_decode(&dec, buf, len, fb, w, w, h);
    if (err) {
        fprintf(stderr, "%s: %s\n", argv[1], jpeg_strerror(err));
        free(fb);
        return 2;
    }
    FILE *o = fopen(argv[2], "wb");
    if (!o) {
        perror(argv[2]);
        free(fb);
        return 1;
    }
    fprintf(o, "P6\n%u %u\n255\n", w, h);
    for (size_t i = 0; i < (size_t)w * h; i++) {
        unsigned p = fb[i];
        unsigned r = (p >> 11) & 31, g = (p >> 5) & 63, b = p & 31;
        fputc((int)((r << 3) | (r >> 2)), o);
        fputc((int)((g << 2) | (g >> 4)), o);
        fputc((int)((b << 3) | (b >> 2)), o);
    }
    fclose(o);
    free(fb);
    return 0;
}
