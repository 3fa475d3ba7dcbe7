#!/usr/bin/python3
"""mkclip.py - make the media player's synthetic video clip.

Draws a moving test pattern (colour bars, a box that bounces across them, a
gray ramp and the frame number in big seven-segment digits), encodes every
frame as a baseline JPEG (sequential, Huffman, 8-bit, YCbCr 4:2:0, the
standard example Huffman tables of ITU-T T.81 Annex K, IJG-style quality
scaling of the Annex K quantisation tables) and packs the frames into the
clip container described in docs/media.md and apps/media/clip.h.

The output is deterministic: the same arguments always give the same bytes.

Usage:
  mkclip.py [-o apps/media/clip.bin] [--frames 100] [--fps 20] [--quality 75]
  mkclip.py --frame N --ppm out.ppm        source image of frame N
  mkclip.py --frame N --jpeg out.jpg       JPEG of frame N alone
  mkclip.py --dump-dir DIR                 source image of every frame,
                                           DIR/fNNN.ppm
  mkclip.py --check clip.bin               validate a clip container
  mkclip.py --verify clip.bin [--frame N]  decode with the built-in
                                           reference decoder, report PSNR
Options --restart N (restart interval in MCUs) and --width/--height apply to
every mode.
"""

import argparse
import math
import os
import struct
import sys

CLIP_MAGIC = b"MJCL"
CLIP_VERSION = 1
CLIP_HEADER = struct.Struct("<4sHHHHI")  # magic, version, w, h, fps, count
CLIP_ENTRY = struct.Struct("<II")          # offset from file start, size

# Zig-zag order: ZIGZAG[i] is the natural (row-major) index of the i-th
# coefficient in the entropy-coded order.
ZIGZAG = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]

# T.81 Annex K.1 example quantisation tables, natural order.
QT_LUMA = [
    16, 11, 10, 16, 24, 40, 51, 61,
    12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77,
    24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99,
]
QT_CHROMA = [99] * 64
for _i, _v in enumerate([17, 18, 24, 47, 18, 21, 26, 66, 24, 26, 56, 99,
                         47, 66, 99, 99]):
    QT_CHROMA[(_i // 4) * 8 + _i % 4] = _v


def _ac_values(head):
    """Annex K AC symbol lists: the listed head, then every other valid
    symbol (EOB, ZRL, run/size with size 1..10) in ascending order."""
    valid = [0x00, 0xF0] + [(r << 4) | s for r in range(16)
                            for s in range(1, 11)]
    rest = sorted(v for v in valid if v not in head)
    return head + rest


# T.81 Annex K.3 example Huffman tables: (BITS[1..16], HUFFVAL).
DC_LUMA = ([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], list(range(12)))
DC_CHROMA = ([0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], list(range(12)))
AC_LUMA = ([0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D], _ac_values([
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12,
    0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
    0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xA1, 0x08,
    0x23, 0x42, 0xB1, 0xC1, 0x15, 0x52, 0xD1, 0xF0,
    0x24, 0x33, 0x62, 0x72, 0x82]))
AC_CHROMA = ([0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77], _ac_values([
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21,
    0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
    0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91,
    0xA1, 0xB1, 0xC1, 0x09, 0x23, 0x33, 0x52, 0xF0,
    0x15, 0x62, 0x72, 0xD1, 0x0A, 0x16, 0x24, 0x34,
    0xE1, 0x25, 0xF1]))


# --verify fails below this PSNR (decoded frame vs. its source image): at
# quality 75 the clip's frames score 30 to 37 dB.
VERIFY_MIN_PSNR = 28.0


class ClipError(Exception):
    """A user-facing error: printed without a traceback."""


# ---------------------------------------------------------------- drawing

# Seven-segment layout: segment -> (x, y, w, h) in a 5 x 9 unit cell.
SEGMENTS = {
    "a": (1, 0, 3, 1), "b": (4, 1, 1, 3), "c": (4, 5, 1, 3),
    "d": (1, 8, 3, 1), "e": (0, 5, 1, 3), "f": (0, 1, 1, 3),
    "g": (1, 4, 3, 1),
}
DIGIT_SEGMENTS = ["abcdef", "bc", "abdeg", "abcdg", "bcfg", "acdfg",
                  "acdefg", "abc", "abcdefg", "abcdfg"]
BARS = [(235, 235, 235), (235, 235, 16), (16, 235, 235), (16, 235, 16),
        (235, 16, 235), (235, 16, 16), (16, 16, 235), (16, 16, 16)]


def draw_frame(n, width, height):
    """Returns frame n as a list of rows, each a list of (r, g, b)."""
    img = [[(0, 0, 0)] * width for _ in range(height)]

    def fill(x0, y0, w, h, rgb):
        x1, y1 = min(width, x0 + w), min(height, y0 + h)
        x0, y0 = max(0, x0), max(0, y0)
        for y in range(y0, y1):
            row = img[y]
            row[x0:x1] = [rgb] * (x1 - x0)

    bars_h = height * 5 // 8
    for i, rgb in enumerate(BARS):
        x0 = i * width // len(BARS)
        fill(x0, 0, (i + 1) * width // len(BARS) - x0, bars_h, rgb)
    # Gray ramp under the bars, in steps of 8 pixels.
    ramp_h = height // 12
    for x in range(0, width, 8):
        v = 16 + (x * 219) // max(1, width - 8)
        fill(x, bars_h, 8, ramp_h, (v, v, v))
    # The box bounces horizontally over the bars and drifts vertically.
    box = max(8, height // 6)
    span_x = max(1, width - box)
    span_y = max(1, bars_h - box)
    px = (n * 7) % (2 * span_x)
    py = (n * 3) % (2 * span_y)
    bx = px if px < span_x else 2 * span_x - px
    by = py if py < span_y else 2 * span_y - py
    fill(bx, by, box, box, (255, 128, 0))
    fill(bx + box // 4, by + box // 4, box // 2, box // 2, (0, 64, 160))
    # Frame number, three digits, seven segments of 6-pixel units.
    unit = max(1, height // 40)
    top = bars_h + ramp_h + unit * 2
    text = "%03d" % (n % 1000)
    for i, ch in enumerate(text):
        x0 = unit * 2 + i * unit * 7
        for seg in DIGIT_SEGMENTS[int(ch)]:
            sx, sy, sw, sh = SEGMENTS[seg]
            fill(x0 + sx * unit, top + sy * unit, sw * unit, sh * unit,
                 (255, 255, 255))
    return img


def write_ppm(path, img):
    height, width = len(img), len(img[0])
    data = bytearray(b"P6\n%d %d\n255\n" % (width, height))
    for row in img:
        for rgb in row:
            data += bytes(rgb)
    with open(path, "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- encoder

def scaled_qt(base, quality):
    """IJG quality scaling: 50 keeps the base table."""
    quality = max(1, min(100, quality))
    scale = 5000 // quality if quality < 50 else 200 - 2 * quality
    return [max(1, min(255, (q * scale + 50) // 100)) for q in base]


def huff_codes(spec):
    """Canonical code assignment (T.81 Annex C): symbol -> (code, length)."""
    bits, vals = spec
    codes = {}
    code, k = 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


# Forward DCT basis: C[u][x] = c(u)/2 * cos((2x+1) u pi / 16).
DCT = [[(math.sqrt(0.5) if u == 0 else 1.0) * 0.5 *
        math.cos((2 * x + 1) * u * math.pi / 16) for x in range(8)]
       for u in range(8)]


def fdct_quant(block, qt):
    """Returns the quantised coefficients of a level-shifted 8x8 block, in
    zig-zag order."""
    tmp = [[sum(DCT[u][x] * block[y * 8 + x] for x in range(8))
            for u in range(8)] for y in range(8)]
    out = [0] * 64
    for v in range(8):
        dv = DCT[v]
        for u in range(8):
            s = sum(dv[y] * tmp[y][u] for y in range(8))
            out[v * 8 + u] = s
    return [int(round(out[z] / qt[z])) for z in ZIGZAG]


def magnitude(v):
    """JPEG size category and the extra bits of a coefficient value."""
    a = -v if v < 0 else v
    size = a.bit_length()
    bits = v if v >= 0 else v + (1 << size) - 1
    return size, bits


class BitWriter:
    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def put(self, code, length):
        self.acc = (self.acc << length) | code
        self.n += length
        while self.n >= 8:
            self.n -= 8
            byte = (self.acc >> self.n) & 0xFF
            self.out.append(byte)
            if byte == 0xFF:
                self.out.append(0)
        self.acc &= (1 << self.n) - 1

    def flush(self):
        """Pads the last byte with one-bits (T.81 F.1.2.3)."""
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)


class Encoder:
    """Baseline JPEG encoder, 4:2:0 (or grayscale) with memoised blocks:
    the test pattern repeats most blocks from frame to frame, so the DCT of
    a block is computed once per distinct content."""

    def __init__(self, quality=75, restart=0):
        self.qt = [scaled_qt(QT_LUMA, quality), scaled_qt(QT_CHROMA, quality)]
        self.qt_natural_pos = self.qt  # natural order, used by the DCT
        self.dc = [huff_codes(DC_LUMA), huff_codes(DC_CHROMA)]
        self.ac = [huff_codes(AC_LUMA), huff_codes(AC_CHROMA)]
        self.restart = restart
        self.cache = {}

    def block_ac(self, samples, t):
        """Quantised DC value and the AC symbol stream of a block."""
        key = (t, samples)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        coef = fdct_quant([s - 128 for s in samples], self.qt[t])
        ac = self.ac[t]
        seq = []
        run = 0
        for v in coef[1:]:
            if v == 0:
                run += 1
                continue
            while run > 15:
                seq.append(ac[0xF0])
                run -= 16
            size, bits = magnitude(v)
            code, length = ac[(run << 4) | size]
            seq.append(((code << size) | bits, length + size))
            run = 0
        if run:
            seq.append(ac[0x00])
        hit = (coef[0], tuple(seq))
        self.cache[key] = hit
        return hit

    def encode(self, img):
        height, width = len(img), len(img[0])
        # Colour conversion (JFIF full range), then 2x2 chroma averaging.
        ys, cbs, crs = [], [], []
        for row in img:
            yr, cbr, crr = [], [], []
            for r, g, b in row:
                yr.append(0.299 * r + 0.587 * g + 0.114 * b)
                cbr.append(-0.168736 * r - 0.331264 * g + 0.5 * b + 128)
                crr.append(0.5 * r - 0.418688 * g - 0.081312 * b + 128)
            ys.append(yr)
            cbs.append(cbr)
            crs.append(crr)

        def plane(rows, w, h):
            return [[max(0, min(255, int(v + 0.5))) for v in r[:w]]
                    for r in rows[:h]]

        cw, ch = (width + 1) // 2, (height + 1) // 2

        def sub(p):
            out = []
            for y in range(ch):
                r0 = p[min(2 * y, height - 1)]
                r1 = p[min(2 * y + 1, height - 1)]
                out.append([(r0[min(2 * x, width - 1)] +
                             r0[min(2 * x + 1, width - 1)] +
                             r1[min(2 * x, width - 1)] +
                             r1[min(2 * x + 1, width - 1)]) / 4.0
                            for x in range(cw)])
            return out

        yp = plane(ys, width, height)
        cbp = plane(sub(cbs), cw, ch)
        crp = plane(sub(crs), cw, ch)

        def block(p, w, h, bx, by):
            # Edge blocks repeat the last row/column (T.81 A.2.4 padding).
            vals = []
            for y in range(8):
                row = p[min(by * 8 + y, h - 1)]
                for x in range(8):
                    vals.append(row[min(bx * 8 + x, w - 1)])
            return tuple(vals)

        bw = BitWriter()
        pred = [0, 0, 0]
        mcux, mcuy = (width + 15) // 16, (height + 15) // 16
        count = 0
        rst = 0
        for my in range(mcuy):
            for mx in range(mcux):
                if self.restart and count and count % self.restart == 0:
                    bw.flush()
                    bw.out += bytes([0xFF, 0xD0 + rst])
                    rst = (rst + 1) & 7
                    pred = [0, 0, 0]
                count += 1
                units = [(0, block(yp, width, height, mx * 2 + dx,
                                   my * 2 + dy))
                         for dy in range(2) for dx in range(2)]
                units.append((1, block(cbp, cw, ch, mx, my)))
                units.append((2, block(crp, cw, ch, mx, my)))
                for comp, samples in units:
                    t = 0 if comp == 0 else 1
                    dcv, seq = self.block_ac(samples, t)
                    diff = dcv - pred[comp]
                    pred[comp] = dcv
                    size, bits = magnitude(diff)
                    code, length = self.dc[t][size]
                    bw.put((code << size) | bits, length + size)
                    for code, length in seq:
                        bw.put(code, length)
        bw.flush()
        return self.headers(width, height) + bytes(bw.out) + b"\xFF\xD9"

    def headers(self, width, height):
        out = bytearray(b"\xFF\xD8")
        app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        out += b"\xFF\xE0" + struct.pack(">H", len(app0) + 2) + app0
        for t in range(2):
            body = bytes([t]) + bytes(self.qt[t][z] for z in ZIGZAG)
            out += b"\xFF\xDB" + struct.pack(">H", len(body) + 2) + body
        sof = struct.pack(">BHHB", 8, height, width, 3)
        sof += bytes([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
        out += b"\xFF\xC0" + struct.pack(">H", len(sof) + 2) + sof
        for cls, tid, spec in ((0, 0, DC_LUMA), (1, 0, AC_LUMA),
                               (0, 1, DC_CHROMA), (1, 1, AC_CHROMA)):
            body = bytes([(cls << 4) | tid]) + bytes(spec[0]) + bytes(spec[1])
            out += b"\xFF\xC4" + struct.pack(">H", len(body) + 2) + body
        if self.restart:
            out += b"\xFF\xDD\x00\x04" + struct.pack(">H", self.restart)
        sos = bytes([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0])
        out += b"\xFF\xDA" + struct.pack(">H", len(sos) + 2) + sos
        return bytes(out)


# ---------------------------------------------------------------- container

def build_clip(frames, width, height, fps):
    """Packs JPEG frames: header, frame table, then each frame 4-byte
    aligned so a reader may hand the data to DMA or word loads."""
    table_end = CLIP_HEADER.size + CLIP_ENTRY.size * len(frames)
    out = bytearray(CLIP_HEADER.pack(CLIP_MAGIC, CLIP_VERSION, width, height,
                                     fps, len(frames)))
    entries = bytearray()
    body = bytearray()
    pos = (table_end + 3) & ~3
    for f in frames:
        entries += CLIP_ENTRY.pack(pos + len(body), len(f))
        body += f
        body += b"\0" * (-len(body) % 4)
    out += entries
    out += b"\0" * (pos - len(out))
    return bytes(out + body)


def check_clip(data):
    """Validates a clip; returns (width, height, fps, [(offset, size)])."""
    if len(data) < CLIP_HEADER.size:
        raise ClipError("clip too short for its header (%d bytes)" % len(data))
    magic, version, width, height, fps, count = CLIP_HEADER.unpack_from(data)
    if magic != CLIP_MAGIC:
        raise ClipError("bad magic %r (expected %r)" % (magic, CLIP_MAGIC))
    if version != CLIP_VERSION:
        raise ClipError("unsupported clip version %d" % version)
    if not width or not height or not fps or not count:
        raise ClipError("zero width, height, fps or frame count")
    table_end = CLIP_HEADER.size + CLIP_ENTRY.size * count
    if table_end > len(data):
        raise ClipError("frame table (%d frames) runs past the end" % count)
    entries = []
    for i in range(count):
        off, size = CLIP_ENTRY.unpack_from(data, CLIP_HEADER.size +
                                           CLIP_ENTRY.size * i)
        if off < table_end or off + size > len(data) or size < 4:
            raise ClipError("frame %d: offset %d size %d out of bounds"
                            % (i, off, size))
        if data[off:off + 2] != b"\xFF\xD8":
            raise ClipError("frame %d does not start with SOI" % i)
        entries.append((off, size))
    return width, height, fps, entries


# ---------------------------------------------------------------- reference

def decode_reference(jpeg):
    """Straightforward baseline decoder (floating-point IDCT, chroma by
    replication) for frames this tool writes: one interleaved scan,
    Huffman, 8-bit, 1 or 3 components, restart markers. Independent of
    apps/media/jpeg.c; used by --verify. Returns rows of (r, g, b)."""
    def fail(msg):
        raise ClipError("reference decoder: " + msg)

    if jpeg[:2] != b"\xFF\xD8":
        fail("no SOI")
    qts, huff, comps, restart = {}, {}, [], 0
    pos = 2
    while True:
        if pos + 4 > len(jpeg) or jpeg[pos] != 0xFF:
            fail("bad marker at %d" % pos)
        marker = jpeg[pos + 1]
        length = struct.unpack(">H", jpeg[pos + 2:pos + 4])[0]
        body = jpeg[pos + 4:pos + 2 + length]
        pos += 2 + length
        if marker == 0xDB:
            i = 0
            while i < len(body):
                qts[body[i] & 15] = [0] * 64
                for k in range(64):
                    qts[body[i] & 15][ZIGZAG[k]] = body[i + 1 + k]
                i += 65
        elif marker == 0xC4:
            i = 0
            while i < len(body):
                bits = list(body[i + 1:i + 17])
                n = sum(bits)
                vals = list(body[i + 17:i + 17 + n])
                codes = huff_codes((bits, vals))
                huff[body[i] >> 4, body[i] & 15] = {
                    (length_, code): sym
                    for sym, (code, length_) in codes.items()}
                i += 17 + n
        elif marker == 0xC0:
            height, width = struct.unpack(">HH", body[1:5])
            for i in range(body[5]):
                cid, hv, tq = body[6 + 3 * i:9 + 3 * i]
                comps.append({"id": cid, "h": hv >> 4, "v": hv & 15,
                              "tq": tq})
        elif marker == 0xDD:
            restart = struct.unpack(">H", body[:2])[0]
        elif marker == 0xDA:
            for i in range(body[0]):
                comps[i]["td"] = body[2 + 2 * i] >> 4
                comps[i]["ta"] = body[2 + 2 * i] & 15
            break
        elif marker == 0xD9:
            fail("no scan")
    # Entropy-coded data with stuffing removed; RST markers split it.
    segs, cur, i = [], bytearray(), pos
    while i < len(jpeg):
        b = jpeg[i]
        if b == 0xFF and i + 1 < len(jpeg):
            nxt = jpeg[i + 1]
            if nxt == 0:
                cur.append(0xFF)
                i += 2
                continue
            if 0xD0 <= nxt <= 0xD7:
                segs.append(bytes(cur))
                cur = bytearray()
                i += 2
                continue
            break
        cur.append(b)
        i += 1
    segs.append(bytes(cur))

    hmax = max(c["h"] for c in comps)
    vmax = max(c["v"] for c in comps)
    if len(comps) == 1:
        comps[0]["h"] = comps[0]["v"] = hmax = vmax = 1
    mcux = (width + 8 * hmax - 1) // (8 * hmax)
    mcuy = (height + 8 * vmax - 1) // (8 * vmax)
    planes = [[[0] * (mcux * c["h"] * 8) for _ in range(mcuy * c["v"] * 8)]
              for c in comps]
    idct_cache = {}

    class Bits:
        def __init__(self, data):
            self.v = int.from_bytes(data, "big") if data else 0
            self.n = len(data) * 8
            self.p = 0

        def get(self, k):
            if self.p + k > self.n:
                fail("entropy data ends early")
            self.p += k
            return (self.v >> (self.n - self.p)) & ((1 << k) - 1)

        def sym(self, table):
            code = 0
            for length_ in range(1, 17):
                code = (code << 1) | self.get(1)
                s = table.get((length_, code))
                if s is not None:
                    return s
            fail("invalid Huffman code")

    def extend(v, s):
        return v - (1 << s) + 1 if s and v < (1 << (s - 1)) else v

    seg_index, bits = 0, Bits(segs[0])
    pred = [0] * len(comps)
    for m in range(mcux * mcuy):
        if restart and m and m % restart == 0:
            seg_index += 1
            if seg_index >= len(segs):
                fail("missing restart marker")
            bits = Bits(segs[seg_index])
            pred = [0] * len(comps)
        mx, my = m % mcux, m // mcux
        for ci, c in enumerate(comps):
            for by in range(c["v"]):
                for bx in range(c["h"]):
                    coef = [0] * 64
                    s = bits.sym(huff[0, c["td"]])
                    pred[ci] += extend(bits.get(s), s)
                    coef[0] = pred[ci]
                    k = 1
                    while k < 64:
                        rs = bits.sym(huff[1, c["ta"]])
                        if rs == 0:
                            break
                        k += rs >> 4
                        if k > 63:
                            fail("coefficient overrun")
                        s = rs & 15
                        coef[ZIGZAG[k]] = extend(bits.get(s), s)
                        k += 1
                    q = qts[c["tq"]]
                    key = tuple(coef[i] * q[i] for i in range(64))
                    out = idct_cache.get(key)
                    if out is None:
                        out = idct_float(key)
                        idct_cache[key] = out
                    plane = planes[ci]
                    y0 = (my * c["v"] + by) * 8
                    x0 = (mx * c["h"] + bx) * 8
                    for y in range(8):
                        plane[y0 + y][x0:x0 + 8] = out[8 * y:8 * y + 8]
    img = []
    for y in range(height):
        row = []
        for x in range(width):
            vals = [planes[i][y * c["v"] // vmax][x * c["h"] // hmax]
                    for i, c in enumerate(comps)]
            if len(vals) == 1:
                row.append((vals[0],) * 3)
                continue
            yv, cb, cr = vals[0], vals[1] - 128, vals[2] - 128
            rgb = (yv + 1.402 * cr, yv - 0.344136 * cb - 0.714136 * cr,
                   yv + 1.772 * cb)
            row.append(tuple(max(0, min(255, int(v + 0.5))) for v in rgb))
        img.append(row)
    return img


def idct_float(coef):
    """8x8 inverse DCT of dequantised coefficients; samples 0..255."""
    tmp = [[sum(DCT[v][y] * coef[v * 8 + u] for v in range(8))
            for u in range(8)] for y in range(8)]
    return [max(0, min(255, int(round(
        sum(DCT[u][x] * tmp[y][u] for u in range(8)) + 128))))
        for y in range(8) for x in range(8)]


def psnr(img_a, img_b):
    se, n = 0, 0
    for ra, rb in zip(img_a, img_b):
        for pa, pb in zip(ra, rb):
            for a, b in zip(pa, pb):
                se += (a - b) * (a - b)
                n += 1
    return 99.0 if se == 0 else 10 * math.log10(255.0 * 255.0 * n / se)


def main(argv=None):
    p = argparse.ArgumentParser(description="Make the synthetic media clip.")
    p.add_argument("-o", "--output", default="apps/media/clip.bin")
    p.add_argument("--frames", type=int, default=100)
    p.add_argument("--fps", type=int, default=20)
    p.add_argument("--quality", type=int, default=75)
    p.add_argument("--width", type=int, default=320)
    p.add_argument("--height", type=int, default=240)
    p.add_argument("--restart", type=int, default=0,
                   help="restart interval in MCUs (0: none)")
    p.add_argument("--frame", type=int, help="select one frame")
    p.add_argument("--ppm", help="write the source image of --frame")
    p.add_argument("--jpeg", help="write the JPEG of --frame")
    p.add_argument("--dump-dir",
                   help="write the source image of every frame as fNNN.ppm")
    p.add_argument("--check", metavar="CLIP", help="validate a clip file")
    p.add_argument("--verify", metavar="CLIP",
                   help="decode the clip's frames (or --frame N) with the "
                   "built-in reference decoder and compare them with the "
                   "source images (PSNR)")
    a = p.parse_args(argv)
    try:
        if not (16 <= a.width <= 4096 and 16 <= a.height <= 4096):
            raise ClipError("width and height must be 16..4096")
        if not 1 <= a.quality <= 100:
            raise ClipError("quality must be 1..100")
        if not 0 <= a.restart <= 65535:
            raise ClipError("restart interval must be 0..65535")
        if not 1 <= a.frames <= 100000 or not 1 <= a.fps <= 1000:
            raise ClipError("frames must be 1..100000 and fps 1..1000")
        if a.check:
            try:
                with open(a.check, "rb") as f:
                    data = f.read()
            except OSError as e:
                raise ClipError("cannot read %s: %s" % (a.check, e.strerror))
            w, h, fps, entries = check_clip(data)
            print("%s: %dx%d, %d fps, %d frames, %d bytes"
                  % (a.check, w, h, fps, len(entries), len(data)))
            return 0
        if a.verify:
            try:
                with open(a.verify, "rb") as f:
                    data = f.read()
            except OSError as e:
                raise ClipError("cannot read %s: %s" % (a.verify, e.strerror))
            w, h, fps, entries = check_clip(data)
            todo = range(len(entries)) if a.frame is None else [a.frame]
            worst = 99.0
            for n in todo:
                if not 0 <= n < len(entries):
                    raise ClipError("no frame %d in %s" % (n, a.verify))
                off, size = entries[n]
                img = decode_reference(data[off:off + size])
                if len(img) != h or len(img[0]) != w:
                    raise ClipError("frame %d is not %dx%d" % (n, w, h))
                worst = min(worst, psnr(img, draw_frame(n, w, h)))
            print("%s: %d frame(s) decoded, lowest PSNR vs source %.2f dB"
                  % (a.verify, len(todo), worst))
            if worst < VERIFY_MIN_PSNR:
                raise ClipError("PSNR below %.0f dB" % VERIFY_MIN_PSNR)
            return 0
        enc = Encoder(a.quality, a.restart)
        if a.ppm or a.jpeg:
            if a.frame is None or a.frame < 0:
                raise ClipError("--ppm/--jpeg need --frame N (N >= 0)")
            img = draw_frame(a.frame, a.width, a.height)
            if a.ppm:
                write_ppm(a.ppm, img)
            if a.jpeg:
                with open(a.jpeg, "wb") as f:
                    f.write(enc.encode(img))
            return 0
        if a.dump_dir:
            os.makedirs(a.dump_dir, exist_ok=True)
            for n in range(a.frames):
                write_ppm(os.path.join(a.dump_dir, "f%03d.ppm" % n),
                          draw_frame(n, a.width, a.height))
            return 0
        frames = [enc.encode(draw_frame(n, a.width, a.height))
                  for n in range(a.frames)]
        data = build_clip(frames, a.width, a.height, a.fps)
        with open(a.output, "wb") as f:
            f.write(data)
        print("%s: %d frames %dx%d @ %d fps, %d bytes (largest frame %d)"
              % (a.output, len(frames), a.width, a.height, a.fps, len(data),
                 max(len(f) for f in frames)))
        return 0
    except ClipError as e:
        print("mkclip: error: %s" % e, file=sys.stderr)
        return 1
    except OSError as e:
        print("mkclip: error: %s: %s" % (e.filename or "", e.strerror),
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
