"""Tests of tools/mkclip.py, the synthetic clip maker.

Run from the repository root:
  /usr/bin/python3 -m unittest tests.tools.test_mkclip -v
Cross-checks with libjpeg use djpeg (libjpeg-turbo-progs) and Pillow
(python3-pil) when installed, and are skipped otherwise.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = os.path.join(ROOT, "tools", "mkclip.py")
CLIP = os.path.join(ROOT, "apps", "media", "clip.bin")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import mkclip  # noqa: E402

try:
    from PIL import Image  # noqa: F401
    HAVE_PIL = True
except ImportError:
    HAVE_PIL = False


def run_tool(*args):
    return subprocess.run([sys.executable, TOOL] + list(args),
                          capture_output=True, text=True, timeout=300)


def segments(jpeg):
    """Marker segments before the scan: list of (marker, body)."""
    out = []
    i = 2
    while i + 4 <= len(jpeg):
        marker = jpeg[i + 1]
        length = struct.unpack(">H", jpeg[i + 2:i + 4])[0]
        out.append((marker, jpeg[i + 4:i + 2 + length]))
        if marker == 0xDA:
            break
        i += 2 + length
    return out


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    parts = data.split(b"\n", 3)
    w, h = (int(v) for v in parts[1].split())
    return w, h, parts[3]


def psnr(a, b):
    import math
    se = sum((x - y) * (x - y) for x, y in zip(a, b))
    return 99.0 if se == 0 else 10 * math.log10(255 * 255 * len(a) / se)


class ClipFileTest(unittest.TestCase):
    """The committed clip: size, layout and regeneration."""

    @classmethod
    def setUpClass(cls):
        with open(CLIP, "rb") as f:
            cls.data = f.read()

    def test_layout(self):
        w, h, fps, entries = mkclip.check_clip(self.data)
        self.assertEqual((w, h, fps), (320, 240, 20))
        self.assertEqual(len(entries), 100)
        self.assertLess(len(self.data), 1536 * 1024)
        for off, size in entries:
            self.assertEqual(off % 4, 0)
            frame = self.data[off:off + size]
            self.assertEqual(frame[:2], b"\xFF\xD8")
            self.assertEqual(frame[-2:], b"\xFF\xD9")
            sof = dict(segments(frame))[0xC0]
            # 8-bit, 240 x 320, Y 2x2 + Cb 1x1 + Cr 1x1 = 4:2:0.
            self.assertEqual(sof, bytes([8, 0, 240, 1, 64, 3, 1, 0x22, 0,
                                         2, 0x11, 1, 3, 0x11, 1]))

    def test_frames_differ(self):
        _, _, _, entries = mkclip.check_clip(self.data)
        frames = {self.data[o:o + s] for o, s in entries}
        self.assertEqual(len(frames), len(entries))

    def test_regenerates_identically(self):
        """Deterministic output: the tool rebuilds the committed clip
        byte for byte."""
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "clip.bin")
            r = run_tool("-o", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("%d bytes" % len(self.data), r.stdout)
            with open(out, "rb") as f:
                self.assertTrue(f.read() == self.data,
                                "apps/media/clip.bin is stale: run "
                                "tools/mkclip.py")


class EncoderTest(unittest.TestCase):
    def test_check_command(self):
        r = run_tool("--check", CLIP)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("320x240, 20 fps, 100 frames", r.stdout)

    def test_bad_input_is_reported_cleanly(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.bin")
            with open(bad, "wb") as f:
                f.write(b"NOPE" + bytes(40))
            for args, text in (
                    (["--check", bad], "bad magic"),
                    (["--check", os.path.join(tmp, "none.bin")],
                     "cannot read"),
                    (["--ppm", os.path.join(tmp, "x.ppm")], "--frame"),
                    (["--quality", "0"], "quality"),
                    (["--width", "8"], "width")):
                r = run_tool(*args)
                self.assertEqual(r.returncode, 1, args)
                self.assertIn(text, r.stderr)
                self.assertNotIn("Traceback", r.stderr)
            # A table that points past the end.
            data = bytearray(open(CLIP, "rb").read()[:64])
            with open(bad, "wb") as f:
                f.write(data)
            r = run_tool("--check", bad)
            self.assertEqual(r.returncode, 1)
            self.assertIn("frame", r.stderr)

    def test_ppm_reference(self):
        with tempfile.TemporaryDirectory() as tmp:
            ppm = os.path.join(tmp, "f.ppm")
            r = run_tool("--frame", "12", "--ppm", ppm)
            self.assertEqual(r.returncode, 0, r.stderr)
            w, h, pix = read_ppm(ppm)
            self.assertEqual((w, h, len(pix)), (320, 240, 320 * 240 * 3))
            # The first colour bar is light gray, the last one black.
            self.assertEqual(tuple(pix[0:3]), (235, 235, 235))
            self.assertEqual(tuple(pix[3 * 319:3 * 320]), (16, 16, 16))
            # Frame numbers are drawn: frames 12 and 13 differ in the
            # last digit's area even with the box out of the picture.
            img12 = mkclip.draw_frame(12, 320, 240)
            img13 = mkclip.draw_frame(13, 320, 240)
            digits12 = [row[:160] for row in img12[185:]]
            digits13 = [row[:160] for row in img13[185:]]
            self.assertTrue(digits12 != digits13, "digits not drawn")

    def test_restart_markers(self):
        enc = mkclip.Encoder(75, restart=4)
        jpeg = enc.encode(mkclip.draw_frame(3, 64, 48))
        self.assertIn(0xDD, dict(segments(jpeg)))
        # 4 x 3 MCUs, a marker after every 4: RST0, RST1.
        self.assertIn(b"\xFF\xD0", jpeg)
        self.assertIn(b"\xFF\xD1", jpeg)
        self.assertNotIn(b"\xFF\xD2", jpeg)

    def test_reference_decoder(self):
        """--verify decodes with the built-in reference decoder; restart
        markers and 4:2:0 round-trip close to the source."""
        r = run_tool("--verify", CLIP, "--frame", "13")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1 frame(s) decoded", r.stdout)
        # A small picture is mostly edges, which 4:2:0 blurs: 29.0 dB
        # measured; a decoding slip (restart, DC prediction) gives < 15.
        src = mkclip.draw_frame(9, 96, 64)
        jpeg = mkclip.Encoder(90, restart=2).encode(src)
        self.assertGreater(mkclip.psnr(mkclip.decode_reference(jpeg), src),
                           25.0)
        with self.assertRaises(mkclip.ClipError):
            mkclip.decode_reference(jpeg[:len(jpeg) // 2])

    @unittest.skipUnless(HAVE_PIL, "python3-pil not installed")
    def test_tables_are_libjpeg_standard(self):
        """DQT at quality 75 and the DHT tables equal what libjpeg writes
        (Annex K tables, IJG scaling), via Pillow."""
        import io
        from PIL import Image
        img = mkclip.draw_frame(5, 320, 240)
        pil = Image.new("RGB", (320, 240))
        pil.putdata([p for row in img for p in row])
        buf = io.BytesIO()
        pil.save(buf, "JPEG", quality=75)
        ours = mkclip.Encoder(75).encode(img)
        theirs = buf.getvalue()
        for marker in (0xDB, 0xC4):
            a = b"".join(b for m, b in segments(ours) if m == marker)
            b = b"".join(b for m, b in segments(theirs) if m == marker)
            self.assertEqual(a, b, "segment %02X differs" % marker)

    @unittest.skipUnless(shutil.which("djpeg"), "djpeg not installed")
    def test_libjpeg_decodes_frames(self):
        """libjpeg reads our frames without warnings, close to the source
        image (quality 75, 4:2:0)."""
        with open(CLIP, "rb") as f:
            data = f.read()
        _, _, _, entries = mkclip.check_clip(data)
        with tempfile.TemporaryDirectory() as tmp:
            for n in (0, 1, 49, 99):
                off, size = entries[n]
                jpg = os.path.join(tmp, "f.jpg")
                with open(jpg, "wb") as f:
                    f.write(data[off:off + size])
                r = subprocess.run(["djpeg", "-pnm", jpg],
                                   capture_output=True, timeout=60)
                self.assertEqual(r.returncode, 0)
                self.assertEqual(r.stderr, b"", "libjpeg warned")
                header, pix = r.stdout.split(b"\n255\n", 1)
                self.assertIn(b"320 240", header)
                src = bytes(c for row in mkclip.draw_frame(n, 320, 240)
                            for p in row for c in p)
                self.assertGreater(psnr(pix, src), 29.0, "frame %d" % n)


if __name__ == "__main__":
    unittest.main()
