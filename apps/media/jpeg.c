/*
 * jpeg.c - baseline JPEG decoder to RGB565 (see jpeg.h for the scope).
 *
 * Pipeline per MCU: Huffman decoding with a 9-bit lookahead table into a
 * block of dequantised coefficients, an integer AAN inverse DCT with a
 * shortcut for DC-only blocks into a per-component sample buffer, then
 * table-driven colour conversion straight into the framebuffer.
 *
 * Fixed point of the IDCT: the dequantisation table holds
 * q * s(u) * s(v) * 2^8, with s(0) = 1 and s(k) = sqrt(2) cos(k pi / 16)
 * (the AAN prescale), so that a coefficient times its entry, shifted right
 * by 6, is the AAN input with 2 fraction bits. The AAN flow graph then
 * gives 8 times the pixel value; the row pass removes 3 + 2 bits.
 *
 * Overflow: coefficients are clamped to +-2047 and the AAN inputs to the
 * int16 range, which bounds the column pass below 2^28; the row pass
 * multiplies in 64 bits because garbage input can still reach 2^22 there.
 * So no input, however malformed, makes signed arithmetic overflow.
 */
#include "jpeg.h"

#include <stdbool.h>

/* The decoder calls no library function at all, not even memset. */

/* Markers (T.81 Table B.1). */
#define M_SOF0 0xC0
#define M_SOF1 0xC1
#define M_DHT 0xC4
#define M_SOI 0xD8
#define M_EOI 0xD9
#define M_SOS 0xDA
#define M_DQT 0xDB
#define M_DRI 0xDD
#define M_RST0 0xD0

/* Zig-zag position -> natural (row-major) index. */
static const uint8_t zigzag[64] = {
    0,  1,  8,  16, 9,  2,  3,  10, 17, 24, 32, 25, 18, 11, 4,  5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6,  7,  14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
};

/* AAN prescale s(u) * s(v) * 2^14, natural order (computed offline from
 * s(0) = 1, s(k) = sqrt(2) cos(k pi / 16)). */
static const uint16_t aan_scale[64] = {
    16384, 22725, 21407, 19266, 16384, 12873, 8867,  4520,
    22725, 31521, 29692, 26722, 22725, 17855, 12299, 6270,
    21407, 29692, 27969, 25172, 21407, 16819, 11585, 5906,
    19266, 26722, 25172, 22654, 19266, 15137, 10426, 5315,
    16384, 22725, 21407, 19266, 16384, 12873, 8867,  4520,
    12873, 17855, 16819, 15137, 12873, 10114, 6967,  3552,
    8867,  12299, 11585, 10426, 8867,  6967,  4799,  2446,
    4520,  6270,  5906,  5315,  4520,  3552,  2446,  1247,
};

/* AAN multipliers, 8 fraction bits. */
#define C_1_414 362 /* sqrt(2) */
#define C_1_847 473 /* 2 cos(pi/8) */
#define C_1_082 277 /* 2 (cos(pi/8) - cos(3pi/8)) */
#define C_2_613 669 /* 2 (cos(pi/8) + cos(3pi/8)) */

/* Big-endian 16-bit read; the caller has checked two bytes are there. */
static unsigned be16(const uint8_t *p)
{
    return ((unsigned)p[0] << 8) | p[1];
}

static void fill_bytes(void *dst, unsigned char value, size_t n)
{
    unsigned char *p = dst;
    while (n--)
        *p++ = value;
}

/* ------------------------------------------------------------ tables */

void jpeg_init(struct jpeg_decoder *d)
{
    fill_bytes(d, 0, sizeof(*d));
    for (int i = 0; i < 768; i++) {
        int v = i - 256;
        v = v < 0 ? 0 : (v > 255 ? 255 : v);
        uint32_t u = (uint32_t)v;
        d->rgb565[i] = (u >> 3) << 11;
        d->rgb565[768 + i] = (u >> 2) << 5;
        d->rgb565[1536 + i] = u >> 3;
    }
    /* JFIF conversion constants in 16.16 fixed point, each term rounded
     * on its own (the green sum is then within one level of exact, far
     * below the RGB565 step). */
    for (int i = 0; i < 256; i++) {
        int32_t c = i - 128;
        d->cr_tab[i][0] = 256 + ((91881 * c + 32768) >> 16);      /* 1.402 */
        d->cr_tab[i][1] = 1024 + ((-46802 * c + 32768) >> 16);    /* .714 */
        d->cb_tab[i][0] = 1792 + ((116130 * c + 32768) >> 16);    /* 1.772 */
        d->cb_tab[i][1] = (-22554 * c + 32768) >> 16;             /* .344 */
    }
}

/* Builds a decoding table from a DHT's counts and symbols. Returns false
 * when the counts describe more codes than fit (an invalid table). */
static bool build_huffman(struct jpeg_huffman *h, const uint8_t counts[16],
                          const uint8_t *symbols, unsigned nsym)
{
    uint32_t code = 0;
    unsigned k = 0;
    fill_bytes(h->fast, 0, sizeof(h->fast));
    for (unsigned i = 0; i < nsym; i++)
        h->symbols[i] = symbols[i];
    for (unsigned len = 1; len <= 16; len++) {
        unsigned n = counts[len - 1];
        h->delta[len] = (int32_t)k - (int32_t)code;
        if (code + n > (1u << len))
            return false;
        for (unsigned i = 0; i < n; i++, k++, code++) {
            if (len <= JPEG_HUFF_LOOKAHEAD) {
                /* Every lookahead window that starts with this code. */
                unsigned shift = JPEG_HUFF_LOOKAHEAD - len;
                unsigned first = code << shift;
                for (unsigned j = 0; j < (1u << shift); j++)
                    h->fast[first + j] = (uint16_t)((len << 8) | symbols[k]);
            }
        }
        h->maxcode[len] = code << (16 - len);
        code <<= 1;
    }
    h->maxcode[17] = 0xFFFFFFFFu;
    h->defined = 1;
    return true;
}

/* ------------------------------------------------------------ bit reader */

/* The hot bit-reader state, kept in registers while a block is decoded
 * (the structure fields could alias the coefficient stores). */
struct bit_state {
    uint32_t bits; /* bit buffer, next bit in bit 31 */
    int nbits;     /* valid bits in bits, 0..32 */
};

/* Tops the bit buffer up to at least 25 bits. Stuffed 0xFF00 pairs give
 * 0xFF; at a marker or at the end of input zero bits are fed instead and
 * counted in pad_bits, so the decoder never reads past the input and the
 * scan's end can tell whether it consumed any of them. */
static void refill(struct jpeg_decoder *d, struct bit_state *bs)
{
    uint32_t bits = bs->bits;
    int nbits = bs->nbits;
    if (!d->marker_hit) {
        const uint8_t *pos = d->pos, *end = d->end;
        while (nbits <= 24 && pos < end) {
            uint32_t b = *pos;
            if (b == 0xFF) {
                if (pos + 1 < end && pos[1] == 0x00) {
                    pos += 2;
                } else {
                    /* A marker (or a lone 0xFF at the end): stop here. */
                    d->marker_hit = 1;
                    break;
                }
            } else {
                pos++;
            }
            bits |= b << (24 - nbits);
            nbits += 8;
        }
        d->pos = pos;
    }
    /* Past the data: zero bits, counted. */
    while (nbits <= 24) {
        d->pad_bits += 8;
        nbits += 8;
    }
    bs->bits = bits;
    bs->nbits = nbits;
}

/* Decodes one Huffman symbol, or returns -1 for an invalid code. */
static inline int huff_decode(struct jpeg_decoder *d, struct bit_state *bs,
                              const struct jpeg_huffman *h)
{
    if (bs->nbits < 16)
        refill(d, bs);
    unsigned e = h->fast[bs->bits >> (32 - JPEG_HUFF_LOOKAHEAD)];
    if (e) {
        unsigned len = e >> 8;
        bs->bits <<= len;
        bs->nbits -= (int)len;
        return (int)(e & 0xFF);
    }
    uint32_t w = bs->bits >> 16;
    unsigned len = JPEG_HUFF_LOOKAHEAD + 1;
    while (w >= h->maxcode[len])
        len++;
    if (len > 16)
        return -1;
    int idx = (int)(w >> (16 - len)) + h->delta[len];
    if (idx < 0 || idx > 255)
        return -1;
    bs->bits <<= len;
    bs->nbits -= (int)len;
    return h->symbols[idx];
}

/* Reads an s-bit magnitude (1 <= s <= 11) and extends its sign (F.2.2.1). */
static inline int32_t receive_extend(struct jpeg_decoder *d,
                                     struct bit_state *bs, unsigned s)
{
    if (bs->nbits < (int)s)
        refill(d, bs);
    int32_t v = (int32_t)(bs->bits >> (32 - s));
    bs->bits <<= s;
    bs->nbits -= (int)s;
    if (v < (1 << (s - 1)))
        v -= (1 << s) - 1;
    return v;
}

/* ------------------------------------------------------------ IDCT */

/* Clamps an AAN input to the int16 range (see the overflow note above). */
static inline int32_t clamp16(int32_t v)
{
    if ((uint32_t)(v + 32768) > 65535u)
        v = v < 0 ? -32768 : 32767;
    return v;
}

static inline int32_t mul8(int32_t x, int32_t c)
{
    return (x * c) >> 8;
}

static inline int32_t mul8w(int32_t x, int32_t c)
{
    return (int32_t)(((int64_t)x * c) >> 8);
}

static inline uint8_t pixel(int32_t v)
{
    /* 3 bits for the AAN gain of 8, 2 fraction bits, rounding, +128. */
    v = ((v + 16) >> 5) + 128;
    if ((uint32_t)v > 255u)
        v = v < 0 ? 0 : 255;
    return (uint8_t)v;
}

/* Inverse DCT of blk (AAN inputs, natural order) into out[8 x 8] with the
 * given row stride. Zeroes nothing: the caller clears blk. */
static void idct_block(int32_t *blk, uint8_t *out, unsigned stride)
{
    int32_t ws[64];
    /* Column pass: blk columns -> ws, kept in the same scale. */
    for (int c = 0; c < 8; c++) {
        int32_t *in = blk + c;
        int32_t *o = ws + c;
        if ((in[8] | in[16] | in[24] | in[32] | in[40] | in[48] | in[56]) ==
            0) {
            int32_t dc = in[0];
            o[0] = o[8] = o[16] = o[24] = o[32] = o[40] = o[48] = o[56] = dc;
            continue;
        }
        int32_t t10 = in[0] + in[32], t11 = in[0] - in[32];
        int32_t t13 = in[16] + in[48];
        int32_t t12 = mul8(in[16] - in[48], C_1_414) - t13;
        int32_t t0 = t10 + t13, t3 = t10 - t13;
        int32_t t1 = t11 + t12, t2 = t11 - t12;
        int32_t z13 = in[40] + in[24], z10 = in[40] - in[24];
        int32_t z11 = in[8] + in[56], z12 = in[8] - in[56];
        int32_t t7 = z11 + z13;
        int32_t u11 = mul8(z11 - z13, C_1_414);
        int32_t z5 = mul8(z10 + z12, C_1_847);
        int32_t u10 = mul8(z12, C_1_082) - z5;
        int32_t u12 = z5 - mul8(z10, C_2_613);
        int32_t t6 = u12 - t7, t5 = u11 - t6, t4 = u10 + t5;
        o[0] = t0 + t7;
        o[56] = t0 - t7;
        o[8] = t1 + t6;
        o[48] = t1 - t6;
        o[16] = t2 + t5;
        o[40] = t2 - t5;
        o[32] = t3 + t4;
        o[24] = t3 - t4;
    }
    /* Row pass: ws rows -> pixels. */
    for (int r = 0; r < 8; r++, out += stride) {
        const int32_t *in = ws + r * 8;
        if ((in[1] | in[2] | in[3] | in[4] | in[5] | in[6] | in[7]) == 0) {
            uint8_t p = pixel(in[0]);
            out[0] = out[1] = out[2] = out[3] = p;
            out[4] = out[5] = out[6] = out[7] = p;
            continue;
        }
        int32_t t10 = in[0] + in[4], t11 = in[0] - in[4];
        int32_t t13 = in[2] + in[6];
        int32_t t12 = mul8w(in[2] - in[6], C_1_414) - t13;
        int32_t t0 = t10 + t13, t3 = t10 - t13;
        int32_t t1 = t11 + t12, t2 = t11 - t12;
        int32_t z13 = in[5] + in[3], z10 = in[5] - in[3];
        int32_t z11 = in[1] + in[7], z12 = in[1] - in[7];
        int32_t t7 = z11 + z13;
        int32_t u11 = mul8w(z11 - z13, C_1_414);
        int32_t z5 = mul8w(z10 + z12, C_1_847);
        int32_t u10 = mul8w(z12, C_1_082) - z5;
        int32_t u12 = z5 - mul8w(z10, C_2_613);
        int32_t t6 = u12 - t7, t5 = u11 - t6, t4 = u10 + t5;
        out[0] = pixel(t0 + t7);
        out[7] = pixel(t0 - t7);
        out[1] = pixel(t1 + t6);
        out[6] = pixel(t1 - t6);
        out[2] = pixel(t2 + t5);
        out[5] = pixel(t2 - t5);
        out[4] = pixel(t3 + t4);
        out[3] = pixel(t3 - t4);
    }
}

/* Decodes one block of component c into out (stride 16). Returns 1 when
 * the block is flat (DC only: all 64 samples equal), 0 when not, or a
 * negative error code. */
static int decode_block(struct jpeg_decoder *d, struct jpeg_component *c,
                        int32_t *blk, uint8_t *out)
{
    const struct jpeg_huffman *dc = &d->dc[c->td];
    const struct jpeg_huffman *ac = &d->ac[c->ta];
    const int32_t *q = d->qt[c->tq];
    struct bit_state bs = {d->bits, d->nbits};
    int err = JPEG_OK;

    int s = huff_decode(d, &bs, dc);
    if (s < 0 || s > 11) {
        err = JPEG_ERR_HUFFMAN;
        goto out;
    }
    int32_t diff = s ? receive_extend(d, &bs, (unsigned)s) : 0;
    int32_t v = c->dc_pred + diff;
    /* Keep the predictor bounded so garbage cannot overflow it. */
    if (v > 2047)
        v = 2047;
    else if (v < -2048)
        v = -2048;
    c->dc_pred = v;
    blk[0] = clamp16((v * q[0]) >> 6);

    unsigned last = 0;
    for (unsigned k = 1; k < 64; k++) {
        int rs = huff_decode(d, &bs, ac);
        if (rs < 0) {
            err = JPEG_ERR_HUFFMAN;
            goto out;
        }
        unsigned run = (unsigned)rs >> 4, size = (unsigned)rs & 15;
        if (size == 0) {
            if (run != 15)
                break; /* end of block */
            k += 15;   /* sixteen zeros; the loop adds the last one */
            continue;
        }
        k += run;
        if (k > 63 || size > 10) {
            err = JPEG_ERR_HUFFMAN;
            goto out;
        }
        unsigned n = zigzag[k];
        blk[n] = clamp16((receive_extend(d, &bs, size) * q[n]) >> 6);
        last = k;
    }
    d->bits = bs.bits;
    d->nbits = bs.nbits;
    if (last == 0) {
        /* DC only: the IDCT output is flat. */
        uint8_t p = pixel(blk[0]);
        uint32_t w4 = p * 0x01010101u;
        for (int r = 0; r < 8; r++) {
            uint32_t *o = (uint32_t *)(void *)(out + r * 16);
            o[0] = w4;
            o[1] = w4;
        }
        blk[0] = 0;
        return 1;
    }
    idct_block(blk, out, 16);
    for (unsigned k = 0; k <= last; k++)
        blk[zigzag[k]] = 0;
    return JPEG_OK;
out:
    /* Leave blk all zero for the next call even after an error. */
    for (unsigned k = 0; k < 64; k++)
        blk[k] = 0;
    return err;
}

/* ------------------------------------------------------------ colour */

/* Converts one 8 x 8 luma block of a 4:2:0 MCU whose chroma is flat: a
 * single set of colour tables serves all 64 pixels. */
static void convert_y_block(const uint32_t *r, const uint32_t *g,
                            const uint32_t *b, const uint8_t *yp,
                            uint32_t *o, size_t wstride, bool flat)
{
    if (flat) {
        unsigned a = yp[0];
        uint32_t px = r[a] | g[a] | b[a];
        px |= px << 16;
        for (unsigned y = 0; y < 8; y++, o += wstride) {
            o[0] = px;
            o[1] = px;
            o[2] = px;
            o[3] = px;
        }
        return;
    }
    for (unsigned y = 0; y < 8; y++, o += wstride, yp += 16) {
        for (unsigned x = 0; x < 4; x++) {
            unsigned a = yp[2 * x], e = yp[2 * x + 1];
            o[x] = (r[a] | g[a] | b[a]) | ((r[e] | g[e] | b[e]) << 16);
        }
    }
}

/* Writes the MCU's w x h visible pixels to fb (its top-left pixel). flat
 * has bit n set when the MCU's n-th block is flat. */
static void convert_mcu(struct jpeg_decoder *d, uint16_t *fb, size_t stride,
                        unsigned w, unsigned h, unsigned flat)
{
    const uint32_t *t = d->rgb565;
    const uint8_t *yp = d->mcu[0];
    if (d->ncomp == 1) {
        /* Gray: the red, green and blue entries of the same value. */
        for (unsigned y = 0; y < h; y++, fb += stride, yp += 16)
            for (unsigned x = 0; x < w; x++) {
                unsigned v = yp[x] + 256;
                fb[x] = (uint16_t)(t[v] | t[v + 768] | t[v + 1536]);
            }
        return;
    }
    const uint8_t *cbp = d->mcu[1], *crp = d->mcu[2];
    const int32_t(*cbt)[2] = d->cb_tab, (*crt)[2] = d->cr_tab;
    unsigned sx0 = d->comp[0].h < d->hmax, sy0 = d->comp[0].v < d->vmax;
    unsigned sx1 = d->comp[1].h < d->hmax, sy1 = d->comp[1].v < d->vmax;
    unsigned sx2 = d->comp[2].h < d->hmax, sy2 = d->comp[2].v < d->vmax;

    if (w == 16 && h == 16 && !sx0 && !sy0 && sx1 && sy1 && sx2 && sy2 &&
        ((uintptr_t)fb & 3) == 0 && (stride & 1) == 0) {
        /* 4:2:0 fast path: one chroma sample per 2 x 2 pixels, two pixels
         * per 32-bit store (little-endian: the left pixel is the low half). */
        size_t wstride = stride / 2;
        uint32_t *o = (uint32_t *)(void *)fb;
        if ((flat & 0x30) == 0x30) {
            /* Both chroma blocks flat: common in flat picture areas. */
            const int32_t *bt = cbt[cbp[0]], *rt = crt[crp[0]];
            const uint32_t *r = t + rt[0], *g = t + rt[1] + bt[1];
            const uint32_t *b = t + bt[0];
            convert_y_block(r, g, b, yp, o, wstride, flat & 1);
            convert_y_block(r, g, b, yp + 8, o + 4, wstride, flat & 2);
            convert_y_block(r, g, b, yp + 128, o + 8 * wstride, wstride,
                            flat & 4);
            convert_y_block(r, g, b, yp + 136, o + 8 * wstride + 4, wstride,
                            flat & 8);
            return;
        }
        for (unsigned cy = 0; cy < 8; cy++, o += 2 * wstride) {
            const uint8_t *y0 = yp + 32 * cy;
            const uint8_t *cb = cbp + 16 * cy, *cr = crp + 16 * cy;
            for (unsigned cx = 0; cx < 8; cx++) {
                const int32_t *bt = cbt[cb[cx]], *rt = crt[cr[cx]];
                const uint32_t *r = t + rt[0];
                const uint32_t *g = t + rt[1] + bt[1];
                const uint32_t *b = t + bt[0];
                unsigned a = y0[2 * cx], e = y0[2 * cx + 1];
                o[cx] = (r[a] | g[a] | b[a]) | ((r[e] | g[e] | b[e]) << 16);
                a = y0[16 + 2 * cx];
                e = y0[16 + 2 * cx + 1];
                o[wstride + cx] =
                    (r[a] | g[a] | b[a]) | ((r[e] | g[e] | b[e]) << 16);
            }
        }
        return;
    }
    /* General path: any mix of factors 1 and 2, clipped MCUs. */
    for (unsigned y = 0; y < h; y++, fb += stride) {
        const uint8_t *yr = yp + (y >> sy0) * 16;
        const uint8_t *cbr = cbp + (y >> sy1) * 16;
        const uint8_t *crr = crp + (y >> sy2) * 16;
        for (unsigned x = 0; x < w; x++) {
            int32_t yv = yr[x >> sx0];
            const int32_t *bt = cbt[cbr[x >> sx1]], *rt = crt[crr[x >> sx2]];
            fb[x] = (uint16_t)(t[yv + rt[0]] | t[yv + rt[1] + bt[1]] |
                               t[yv + bt[0]]);
        }
    }
}

/* ------------------------------------------------------------ segments */

static int parse_dqt(struct jpeg_decoder *d, const uint8_t *p, unsigned len)
{
    while (len > 0) {
        unsigned pq = p[0] >> 4, tq = p[0] & 15;
        if (pq != 0)
            return JPEG_ERR_UNSUPPORTED; /* 16-bit tables: 12-bit only */
        if (tq > 3)
            return JPEG_ERR_FORMAT;
        if (len < 65)
            return JPEG_ERR_FORMAT;
        for (unsigned k = 0; k < 64; k++) {
            unsigned n = zigzag[k];
            /* q * s(u) s(v) * 2^8 = q * aan_scale >> 6, rounded. */
            d->qt[tq][n] = (int32_t)((p[1 + k] * (uint32_t)aan_scale[n] +
                                      32) >> 6);
        }
        d->qt_defined[tq] = 1;
        p += 65;
        len -= 65;
    }
    return JPEG_OK;
}

static int parse_dht(struct jpeg_decoder *d, const uint8_t *p, unsigned len)
{
    while (len > 0) {
        if (len < 17)
            return JPEG_ERR_FORMAT;
        unsigned tc = p[0] >> 4, th = p[0] & 15;
        if (tc > 1 || th > 3)
            return JPEG_ERR_FORMAT;
        unsigned nsym = 0;
        for (unsigned i = 0; i < 16; i++)
            nsym += p[1 + i];
        if (nsym > 256 || len < 17 + nsym)
            return JPEG_ERR_FORMAT;
        struct jpeg_huffman *h = tc ? &d->ac[th] : &d->dc[th];
        if (!build_huffman(h, p + 1, p + 17, nsym))
            return JPEG_ERR_FORMAT;
        p += 17 + nsym;
        len -= 17 + nsym;
    }
    return JPEG_OK;
}

static int parse_sof(struct jpeg_decoder *d, const uint8_t *p, unsigned len)
{
    if (len < 6)
        return JPEG_ERR_FORMAT;
    if (p[0] != 8)
        return JPEG_ERR_UNSUPPORTED;
    d->height = be16(p + 1);
    d->width = be16(p + 3);
    d->ncomp = p[5];
    if (d->width == 0 || d->height == 0)
        return JPEG_ERR_UNSUPPORTED; /* DNL-defined height */
    if (d->ncomp != 1 && d->ncomp != 3)
        return JPEG_ERR_UNSUPPORTED;
    if (len < 6 + 3 * d->ncomp)
        return JPEG_ERR_FORMAT;
    d->hmax = d->vmax = 1;
    for (unsigned i = 0; i < d->ncomp; i++) {
        struct jpeg_component *c = &d->comp[i];
        c->id = p[6 + 3 * i];
        c->h = p[7 + 3 * i] >> 4;
        c->v = p[7 + 3 * i] & 15;
        c->tq = p[8 + 3 * i];
        if (c->h < 1 || c->h > 2 || c->v < 1 || c->v > 2)
            return JPEG_ERR_UNSUPPORTED;
        if (c->tq > 3)
            return JPEG_ERR_FORMAT;
        if (c->h > d->hmax)
            d->hmax = c->h;
        if (c->v > d->vmax)
            d->vmax = c->v;
    }
    if (d->ncomp == 1) {
        /* A single-component scan is one block per MCU whatever the
         * factors say (T.81 A.2.2). */
        d->comp[0].h = d->comp[0].v = 1;
        d->hmax = d->vmax = 1;
    }
    return JPEG_OK;
}

/* Reads the SOS header and checks the scan is the whole picture. */
static int parse_sos(struct jpeg_decoder *d, const uint8_t *p, unsigned len)
{
    if (len < 1)
        return JPEG_ERR_FORMAT;
    unsigned ns = p[0];
    if (len < 1 + 2 * ns + 3)
        return JPEG_ERR_FORMAT;
    if (ns != d->ncomp)
        return JPEG_ERR_UNSUPPORTED; /* non-interleaved multi-scan */
    for (unsigned i = 0; i < ns; i++) {
        struct jpeg_component *c = &d->comp[i];
        if (p[1 + 2 * i] != c->id)
            return JPEG_ERR_UNSUPPORTED; /* scan order differs from frame */
        c->td = p[2 + 2 * i] >> 4;
        c->ta = p[2 + 2 * i] & 15;
        if (c->td > 3 || c->ta > 3)
            return JPEG_ERR_FORMAT;
        if (!d->dc[c->td].defined || !d->ac[c->ta].defined ||
            !d->qt_defined[c->tq])
            return JPEG_ERR_TABLE;
    }
    const uint8_t *q = p + 1 + 2 * ns;
    if (q[0] != 0 || q[1] != 63 || q[2] != 0)
        return JPEG_ERR_UNSUPPORTED; /* spectral selection: progressive */
    return JPEG_OK;
}

/* After an interval: expects RSTn at the input and resets the decoder's
 * entropy state. */
static int restart(struct jpeg_decoder *d, unsigned n)
{
    /* Bytes already in the buffer were loaded whole; whatever is left of
     * the current byte is padding, so the marker is at pos. */
    const uint8_t *p = d->pos;
    while (p < d->end && *p == 0xFF && p + 1 < d->end && p[1] == 0xFF)
        p++; /* fill bytes before a marker */
    if (p + 2 > d->end)
        return JPEG_ERR_TRUNCATED;
    if (p[0] != 0xFF || p[1] != M_RST0 + (n & 7))
        return JPEG_ERR_FORMAT;
    d->pos = p + 2;
    d->bits = 0;
    d->nbits = 0;
    d->marker_hit = 0;
    d->pad_bits = 0;
    for (unsigned i = 0; i < d->ncomp; i++)
        d->comp[i].dc_pred = 0;
    return JPEG_OK;
}

static int decode_scan(struct jpeg_decoder *d, uint16_t *fb, size_t stride,
                       unsigned fb_w, unsigned fb_h)
{
    int32_t blk[64];
    fill_bytes(blk, 0, sizeof(blk));
    unsigned mw = 8 * d->hmax, mh = 8 * d->vmax;
    unsigned mcux = (d->width + mw - 1) / mw;
    unsigned mcuy = (d->height + mh - 1) / mh;
    unsigned vis_w = d->width < fb_w ? d->width : fb_w;
    unsigned vis_h = d->height < fb_h ? d->height : fb_h;
    unsigned todo = d->restart, rst = 0;

    d->bits = 0;
    d->nbits = 0;
    d->marker_hit = 0;
    d->pad_bits = 0;
    for (unsigned i = 0; i < d->ncomp; i++)
        d->comp[i].dc_pred = 0;

    for (unsigned my = 0; my < mcuy; my++) {
        for (unsigned mx = 0; mx < mcux; mx++) {
            if (d->restart) {
                if (todo == 0) {
                    int err = restart(d, rst++);
                    if (err)
                        return err;
                    todo = d->restart;
                }
                todo--;
            }
            /* Bit n of flat: the MCU's n-th block (in decoding order) is
             * flat. */
            unsigned flat = 0, n = 0;
            for (unsigned i = 0; i < d->ncomp; i++) {
                struct jpeg_component *c = &d->comp[i];
                for (unsigned by = 0; by < c->v; by++)
                    for (unsigned bx = 0; bx < c->h; bx++, n++) {
                        int r = decode_block(
                            d, c, blk, d->mcu[i] + by * 8 * 16 + bx * 8);
                        if (r < 0)
                            return r;
                        flat |= (unsigned)r << n;
                    }
            }
            /* Give up early on data that ran out long ago. */
            if (d->pad_bits > (unsigned)d->nbits + 64)
                break;
            unsigned x0 = mx * mw, y0 = my * mh;
            if (x0 < vis_w && y0 < vis_h) {
                unsigned w = vis_w - x0 < mw ? vis_w - x0 : mw;
                unsigned h = vis_h - y0 < mh ? vis_h - y0 : mh;
                convert_mcu(d, fb + (size_t)y0 * stride + x0, stride, w, h,
                            flat);
            }
        }
        if (d->pad_bits > (unsigned)d->nbits + 64)
            break;
    }
    /* Consuming any of the zero bits fed after the data means the scan
     * was cut short (end of input) or its codes are corrupt (marker). */
    if (d->pad_bits > (unsigned)d->nbits)
        return d->marker_hit ? JPEG_ERR_HUFFMAN : JPEG_ERR_TRUNCATED;
    return JPEG_OK;
}

/* ------------------------------------------------------------ driver */

/* Walks the marker segments up to the first scan and decodes it. */
static int run(struct jpeg_decoder *d, const uint8_t *data, size_t len,
               uint16_t *fb, size_t stride, unsigned fb_w, unsigned fb_h)
{
    bool have_sof = false;
    if (len < 4 || data[0] != 0xFF || data[1] != M_SOI)
        return JPEG_ERR_FORMAT;
    const uint8_t *p = data + 2, *end = data + len;
    for (;;) {
        /* Skip fill bytes; anything else between segments is an error. */
        if (end - p < 2)
            return JPEG_ERR_TRUNCATED;
        if (p[0] != 0xFF)
            return JPEG_ERR_FORMAT;
        while (p + 1 < end && p[1] == 0xFF)
            p++;
        if (end - p < 2)
            return JPEG_ERR_TRUNCATED;
        unsigned m = p[1];
        p += 2;
        if (m == M_EOI)
            return JPEG_ERR_FORMAT; /* no scan */
        if (m == 0x01 || (m >= M_RST0 && m <= M_RST0 + 7))
            continue; /* parameterless markers */
        if (end - p < 2)
            return JPEG_ERR_TRUNCATED;
        unsigned seglen = be16(p);
        if (seglen < 2)
            return JPEG_ERR_FORMAT;
        if ((size_t)(end - p) < seglen)
            return JPEG_ERR_TRUNCATED;
        const uint8_t *body = p + 2;
        unsigned blen = seglen - 2;
        p += seglen;
        int err = JPEG_OK;
        switch (m) {
        case M_SOF0:
        case M_SOF1:
            if (have_sof)
                return JPEG_ERR_FORMAT;
            err = parse_sof(d, body, blen);
            have_sof = true;
            break;
        case M_DHT:
            err = parse_dht(d, body, blen);
            break;
        case M_DQT:
            err = parse_dqt(d, body, blen);
            break;
        case M_DRI:
            if (blen < 2)
                return JPEG_ERR_FORMAT;
            d->restart = be16(body);
            break;
        case M_SOS:
            if (!have_sof)
                return JPEG_ERR_FORMAT;
            err = parse_sos(d, body, blen);
            if (err)
                return err;
            d->pos = p;
            d->end = end;
            return decode_scan(d, fb, stride, fb_w, fb_h);
        default:
            /* Other SOFn (progressive, lossless, arithmetic) and DAC:
             * processes this decoder does not implement. 0xC8 is
             * reserved and skipped like APPn, COM and DNL. */
            if (m >= 0xC2 && m <= 0xCF && m != 0xC8)
                return JPEG_ERR_UNSUPPORTED;
            break;
        }
        if (err)
            return err;
    }
}

int jpeg_decode(struct jpeg_decoder *d, const uint8_t *data, size_t len,
                uint16_t *fb, size_t stride, unsigned fb_width,
                unsigned fb_height)
{
    if (!d || !data || !fb || fb_width == 0 || fb_height == 0 ||
        stride < fb_width)
        return JPEG_ERR_ARG;
    /* Tables from a previous picture must not leak into this one. */
    for (unsigned i = 0; i < 4; i++) {
        d->dc[i].defined = 0;
        d->ac[i].defined = 0;
        d->qt_defined[i] = 0;
    }
    d->restart = 0;
    return run(d, data, len, fb, stride, fb_width, fb_height);
}

int jpeg_get_size(const uint8_t *data, size_t len, unsigned *width,
                  unsigned *height)
{
    /* A separate walk, so that no decoder (26 KiB) is needed. */
    if (!data || !width || !height)
        return JPEG_ERR_ARG;
    if (len < 4 || data[0] != 0xFF || data[1] != M_SOI)
        return JPEG_ERR_FORMAT;
    size_t i = 2;
    while (i + 4 <= len) {
        if (data[i] != 0xFF)
            return JPEG_ERR_FORMAT;
        unsigned m = data[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0x01 || (m >= M_RST0 && m <= M_RST0 + 7)) {
            i += 2;
            continue;
        }
        if (m == M_SOS || m == M_EOI)
            return JPEG_ERR_FORMAT;
        if (m >= 0xC2 && m <= 0xCF && m != M_DHT && m != 0xC8)
            return JPEG_ERR_UNSUPPORTED;
        unsigned seglen = be16(data + i + 2);
        if (seglen < 2 || i + 2 + seglen > len)
            return JPEG_ERR_TRUNCATED;
        if (m == M_SOF0 || m == M_SOF1) {
            if (seglen < 8)
                return JPEG_ERR_FORMAT;
            *height = be16(data + i + 5);
            *width = be16(data + i + 7);
            return JPEG_OK;
        }
        i += 2 + seglen;
    }
    return JPEG_ERR_TRUNCATED;
}

const char *jpeg_strerror(int err)
{
    switch (err) {
    case JPEG_OK:
        return "ok";
    case JPEG_ERR_ARG:
        return "bad argument";
    case JPEG_ERR_FORMAT:
        return "malformed JPEG";
    case JPEG_ERR_TRUNCATED:
        return "truncated JPEG";
    case JPEG_ERR_UNSUPPORTED:
        return "unsupported JPEG feature";
    case JPEG_ERR_HUFFMAN:
        return "corrupt entropy-coded data";
    case JPEG_ERR_TABLE:
        return "undefined table";
    default:
        return "unknown error";
    }
}
