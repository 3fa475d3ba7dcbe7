"""Target checks of the media building blocks under QEMU -M versatilepb.

- Decoder speed: tests/host/media/target/bench.c decodes every clip frame
  on the emulated ARM926 and reads the 24 MHz counter around each decode;
  with -icount shift=2 that is exact virtual time (4 ns per instruction).
- PL110 driver: tests/host/media/target/lcd_test.c shows a known pattern,
  then a decoded clip frame after pl110_set_framebuffer(); each is checked
  in a screen dump taken through the QEMU monitor.

Needs arm-none-eabi-gcc and qemu-system-arm (skipped otherwise). Run from
the repository root:
  /usr/bin/python3 -m unittest tests.tools.test_media_target -v
or with the others: /usr/bin/python3 -m unittest discover -s tests/tools
"""
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import mkclip  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testproc  # noqa: E402

TARGET = os.path.join(ROOT, "tests", "host", "media", "target")
CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-O2",
          "-mcpu=arm926ej-s", "-marm", "-ffreestanding", "-nostdlib",
          "-I" + os.path.join(ROOT, "apps", "media"),
          "-I" + os.path.join(ROOT, "bsp", "versatilepb"),
          "-I" + os.path.join(ROOT, "bsp", "drivers"),
          "-I" + os.path.join(ROOT, "bsp", "arch", "arm", "v5"),
          "-I" + os.path.join(ROOT, "bsp", "arch", "arm"),
          "-DCLIP_PATH=\"%s\"" % os.path.join(ROOT, "apps", "media",
                                               "clip.bin"),
          "-T", os.path.join(TARGET, "media.ld")]
QEMU = ["qemu-system-arm", "-M", "versatilepb", "-m", "128M",
        "-icount", "shift=2,align=off,sleep=off",
        "-semihosting-config", "enable=on,target=native",
        "-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0"]
TIMEOUT = 60  # seconds of wall-clock for any QEMU run: a hang fails

# Budget from docs/media.md: a 320x240 4:2:0 frame well under 10 ms at
# 250 MIPS. Measured 1.47 M instructions on average, 1.56 M at most.
MAX_INSNS_PER_FRAME = 2000000
BARS = [0xF800, 0x07E0, 0x001F, 0xFFFF, 0xFFE0, 0x07FF, 0xF81F, 0x0000]


def have_tools():
    return shutil.which("arm-none-eabi-gcc") and shutil.which(
        "qemu-system-arm")


def build(out, sources):
    cmd = ["arm-none-eabi-gcc"] + CFLAGS + [
        os.path.join(TARGET, "start.S")] + sources + ["-lgcc", "-o", out]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode:
        raise AssertionError("build failed:\n" + r.stderr)


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m:
        raise AssertionError("screen dump %s is not a binary PPM" % path)
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():m.end() + 3 * w * h]


@unittest.skipUnless(have_tools(), "arm-none-eabi-gcc/qemu-system-arm missing")
class MediaTargetTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="media_target_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_decoder_speed(self):
        elf = os.path.join(self.tmp, "bench.elf")
        build(elf, [os.path.join(TARGET, "bench.c"),
                    os.path.join(ROOT, "apps", "media", "jpeg.c")])
        try:
            r = testproc.run(QEMU + [
                "-nographic", "-monitor", "none", "-serial", "none",
                "-kernel", elf], text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail("QEMU hung (no exit within %d s)" % TIMEOUT)
        # Semihosting output goes to QEMU's stdout or stderr by version.
        out = r.stdout + r.stderr
        m = re.search(r"media-bench: frames=(\d+) .*avg_insns=(\d+) "
                      r"max_insns=(\d+)", out)
        self.assertIsNotNone(m, "no result line:\n" + out)
        self.assertEqual(r.returncode, 0, out)
        frames, avg, worst = (int(g) for g in m.groups())
        print("\n  decoder on ARM926 (QEMU icount): %d frames, avg %d, max %d"
              " instructions per frame (%.2f / %.2f ms at 250 MIPS)"
              % (frames, avg, worst, avg * 4e-6, worst * 4e-6))
        self.assertGreaterEqual(frames, 50)
        self.assertLessEqual(worst, MAX_INSNS_PER_FRAME)
        # A counter that does not move (wrong address, no icount) would
        # pass the bound above: a decode cannot take under 0.2 M.
        self.assertGreater(avg, 200000)

    def _monitor(self, sock, command):
        """Sends a monitor command and waits for the next prompt."""
        sock.sendall(command.encode() + b"\n")
        buf = b""
        deadline = time.monotonic() + TIMEOUT
        while not buf.rstrip().endswith(b"(qemu)"):
            if time.monotonic() > deadline:
                raise AssertionError("monitor did not answer " + command)
            chunk = sock.recv(4096)
            if not chunk:
                break
            buf += chunk
        return buf

    def _wait_line(self, proc, prefix):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError("QEMU output ended before " + prefix)
            line = line.decode(errors="replace").strip()
            if line.startswith("lcd: FAIL"):
                raise AssertionError(line)
            if line.startswith(prefix):
                return line
        raise AssertionError("timed out waiting for " + prefix)

    def _dump(self, sock, name):
        path = os.path.join(self.tmp, name)
        self._monitor(sock, "screendump " + path)
        for _ in range(100):
            if os.path.exists(path) and os.path.getsize(path) > 0:
                break
            time.sleep(0.05)
        return read_ppm(path)

    def test_pl110_screendump(self):
        elf = os.path.join(self.tmp, "lcd.elf")
        build(elf, [os.path.join(TARGET, "lcd_test.c"),
                    os.path.join(ROOT, "apps", "media", "jpeg.c"),
                    os.path.join(ROOT, "bsp", "drivers", "pl110.c"),
                    os.path.join(ROOT, "bsp", "drivers", "pl011.c"),
                    os.path.join(ROOT, "bsp", "drivers", "semihost.c")])
        sock_path = os.path.join(self.tmp, "mon.sock")
        # QEMU in a process group of its own, killed as a whole below;
        # the watchdog bounds the whole test, a blocked read included.
        proc = subprocess.Popen(
            QEMU + [
                "-display", "none", "-serial", "stdio",
                "-monitor", "unix:%s,server=on,wait=off" % sock_path,
                "-kernel", elf],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, start_new_session=True)
        watchdog = threading.Timer(TIMEOUT, testproc.kill_group, (proc,))
        watchdog.daemon = True
        watchdog.start()
        try:
            line_a = self._wait_line(proc, "lcd: A")
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            for _ in range(100):
                try:
                    sock.connect(sock_path)
                    break
                except OSError:
                    time.sleep(0.05)
            sock.settimeout(TIMEOUT)
            self._monitor(sock, "")
            w, h, pix = self._dump(sock, "a.ppm")
            self.assertEqual((w, h), (320, 240))
            self._check_pattern(pix, w, h)

            proc.stdin.write(b"n")
            proc.stdin.flush()
            line_b = self._wait_line(proc, "lcd: B")
            w, h, pix = self._dump(sock, "b.ppm")
            self.assertEqual((w, h), (320, 240))
            src = mkclip.draw_frame(0, 320, 240)
            psnr = self._psnr(pix, src)
            print("\n  PL110 dumps: pattern exact (%s); clip frame 0 shown "
                  "after pl110_set_framebuffer: PSNR %.2f dB vs source (%s)"
                  % (line_a, psnr, line_b))
            self.assertGreater(psnr, 28.0)

            proc.stdin.write(b"q")
            proc.stdin.flush()
            rc = proc.wait(TIMEOUT)
            sock.close()
            self.assertEqual(rc, 0, "firmware exit status")
        finally:
            watchdog.cancel()
            testproc.kill_group(proc)
            proc.wait()
            proc.stdin.close()
            proc.stdout.close()

    def _check_pattern(self, pix, w, h):
        """Every pixel of the dump, reduced to RGB565, equals the drawn
        value: QEMU widens each channel by appending low bits, so the top
        5/6 bits of a dumped channel are the framebuffer's."""
        bad = 0
        for y in range(h):
            for x in range(w):
                if y < h // 2:
                    v = BARS[x // (w // 8)]
                else:
                    r, g = x * 32 // w, 63 - x * 64 // w
                    b = (y - h // 2) * 32 // (h // 2)
                    v = (r << 11) | (g << 5) | b
                i = 3 * (y * w + x)
                got = ((pix[i] >> 3) << 11) | ((pix[i + 1] >> 2) << 5) | (
                    pix[i + 2] >> 3)
                if got != v:
                    bad += 1
                    if bad < 5:
                        print("pixel (%d,%d): got %04x want %04x"
                              % (x, y, got, v))
        self.assertEqual(bad, 0, "%d pixels differ from the pattern" % bad)

    @staticmethod
    def _psnr(pix, src):
        se = 0
        n = 0
        for y, row in enumerate(src):
            for x, rgb in enumerate(row):
                i = 3 * (y * len(row) + x)
                for c in range(3):
                    d = pix[i + c] - rgb[c]
                    se += d * d
                    n += 1
        mse = se / n
        return 99.0 if mse == 0 else 10 * math.log10(255 * 255 / mse)


if __name__ == "__main__":
    unittest.main()
