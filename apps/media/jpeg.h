/*
 * jpeg.h - baseline JPEG decoder to RGB565, freestanding and allocation
 * free.
 *
 * Scope: ITU-T T.81 baseline sequential DCT (SOF0, and SOF1 with 8-bit
 * samples and Huffman coding), one or three components, sampling factors 1
 * or 2 (4:4:4, 4:2:2, 4:4:0, 4:2:0, grayscale), restart markers, DQT/DHT/DRI
 * anywhere before the scan they apply to, a single interleaved scan.
 * Progressive, arithmetic, 12-bit, lossless, CMYK and non-interleaved
 * multi-scan files are rejected with JPEG_ERR_UNSUPPORTED.
 *
 * Safety: every read is checked against the input length and every write
 * against the output rectangle, so malformed or truncated input yields an
 * error code, never an access out of bounds. On error the output may be
 * partly written.
 *
 * Use: the caller owns a struct jpeg_decoder (26 KiB, static or in a
 * partition's data), calls jpeg_init() once, then jpeg_decode() per
 * picture. jpeg_decode() needs about 1 KiB of stack (measured 744 bytes
 * with -O2 on ARM926). A decoder is not shared between threads; it keeps
 * no pointer to the input or output after jpeg_decode() returns.
 */
#ifndef MEDIA_JPEG_H
#define MEDIA_JPEG_H

#include <stddef.h>
#include <stdint.h>

/* Error codes (all negative; JPEG_OK is 0). */
#define JPEG_OK 0
#define JPEG_ERR_ARG (-1)         /* NULL pointer or zero-sized output */
#define JPEG_ERR_FORMAT (-2)      /* not a JPEG, bad marker or segment */
#define JPEG_ERR_TRUNCATED (-3)   /* input ends before the image does */
#define JPEG_ERR_UNSUPPORTED (-4) /* valid JPEG outside the scope above */
#define JPEG_ERR_HUFFMAN (-5)     /* invalid code or coefficient overrun */
#define JPEG_ERR_TABLE (-6)       /* scan uses an undefined table */

/* Internal limits, exposed only to size struct jpeg_decoder. */
#define JPEG_HUFF_LOOKAHEAD 9u /* bits decoded by one table lookup */
#define JPEG_MAX_COMPONENTS 3u

/* A Huffman table ready for decoding. */
struct jpeg_huffman {
    /* Lookahead on the next JPEG_HUFF_LOOKAHEAD bits: (code length << 8) |
     * symbol, or 0 when the code is longer than the lookahead. */
    uint16_t fast[1u << JPEG_HUFF_LOOKAHEAD];
    /* maxcode[l]: largest code of length l, left-aligned to 16 bits plus
     * one, so that a 16-bit window w has length > l when w >= maxcode[l];
     * maxcode[17] is a sentinel above every window. */
    uint32_t maxcode[18];
    /* delta[l]: add to a code of length l to get its index in symbols. */
    int32_t delta[17];
    uint8_t symbols[256]; /* symbols in order of increasing code */
    uint8_t defined;      /* 1 once a DHT has set this table */
};

/* A component of the frame being decoded. */
struct jpeg_component {
    uint8_t id;       /* component identifier from SOF */
    uint8_t h, v;     /* sampling factors (1 or 2) */
    uint8_t tq;       /* quantisation table index */
    uint8_t td, ta;   /* DC and AC Huffman table index of the scan */
    int32_t dc_pred;  /* DC predictor, reset at every restart */
};

/* Decoder state and work buffers. All fields are private. */
struct jpeg_decoder {
    /* Bit reader over the entropy-coded data. First in the structure so
     * that ARM reaches the hot fields with short immediate offsets. */
    const uint8_t *pos;     /* next byte to load */
    const uint8_t *end;     /* one past the input */
    uint32_t bits;          /* bit buffer, next bit in bit 31 */
    int nbits;              /* valid bits in bits, 0..32 */
    int marker_hit;         /* a marker stopped the byte loader */
    unsigned pad_bits;      /* zero bits fed after a marker or the end */
    struct jpeg_component comp[JPEG_MAX_COMPONENTS]; /* frame components */
    unsigned ncomp;         /* components in the frame, 1 or 3 */
    unsigned width, height; /* picture size from SOF */
    unsigned hmax, vmax;    /* largest sampling factors */
    unsigned restart;       /* restart interval in MCUs, 0 = none */
    uint8_t qt_defined[4];  /* 1 once a DQT has set that table */
    /* Dequantisation tables premultiplied by the IDCT's scale factors,
     * natural order, fixed point (see jpeg.c). */
    int32_t qt[4][64];
    /* One MCU of samples per component: up to 16x16 for each, row stride
     * 16. */
    uint8_t mcu[JPEG_MAX_COMPONENTS][16 * 16];
    /* Colour conversion. rgb565[c * 768 + i] holds the RGB565 bits of
     * channel c (0 red, 1 green, 2 blue) for the value i - 256 clamped to
     * 0..255; 32-bit entries so that ARM loads them with a scaled index. */
    uint32_t rgb565[3 * 768];
    /* Chroma terms as indexes into rgb565 (the channel's base and the
     * 256 bias included): cb_tab[cb] = { blue, green part from Cb },
     * cr_tab[cr] = { red, green part from Cr }. A pixel's entries are then
     * rgb565[Y + term] with no further arithmetic. */
    int32_t cb_tab[256][2];
    int32_t cr_tab[256][2];
    struct jpeg_huffman dc[4]; /* DC tables by index */
    struct jpeg_huffman ac[4]; /* AC tables by index */
};

/* Builds the constant tables. Call once per decoder before jpeg_decode(). */
void jpeg_init(struct jpeg_decoder *d);

/*
 * Decodes the JPEG data[0..len) into an RGB565 framebuffer. Pixel (x, y) of
 * the picture goes to fb[y * stride + x] for x < fb_width and y < fb_height;
 * the part of the picture outside that rectangle is decoded but not stored,
 * and framebuffer pixels outside the picture are left untouched.
 * Returns JPEG_OK or a negative JPEG_ERR_* code.
 */
int jpeg_decode(struct jpeg_decoder *d, const uint8_t *data, size_t len,
                uint16_t *fb, size_t stride, unsigned fb_width,
                unsigned fb_height);

/* Reads the picture size from the SOF segment without decoding.
 * Returns JPEG_OK or a negative JPEG_ERR_* code. */
int jpeg_get_size(const uint8_t *data, size_t len, unsigned *width,
                  unsigned *height);

/* A short English name of an error code, for logs. */
const char *jpeg_strerror(int err);

#endif /* MEDIA_JPEG_H */
