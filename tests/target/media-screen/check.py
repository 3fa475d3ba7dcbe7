#!/usr/bin/python3
"""media-screen host check: the player's frames really reach the display.

Run by tools/qemu_run.py after the test's own run passed (SYSTEM_CHECK),
with that run's log. It runs the same firmware once more under QEMU (icount,
so the run is the same), with the monitor on a Unix socket and a display
surface, waits for "media-screen: frame N shown at T us" on the console
(N and T: the frame and the virtual time at which the player put it on the
screen; the player then holds it for 2 s of virtual time), takes a screen
dump through the monitor and compares it with the clip's source image of
frame N from tools/mkclip.py --frame N --ppm:
  - PSNR against frame N above 28 dB (the JPEG round trip alone gives
    about 33 dB);
  - frame N matches better than frames N-1 and N+1 by 3 dB or more, so the
    dump shows the expected frame, not a neighbour.
Exit status 0 when both hold, 1 otherwise, with a one-line reason.

QEMU runs in a process group of its own, killed as a whole on every way out
(and by a watchdog after TIMEOUT seconds), and the temporary folder (monitor
socket, dumps) is removed: nothing this check starts outlives it.
"""

import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
TIMEOUT = 120.0
MIN_PSNR = 28.0
MARGIN_DB = 3.0
# The clip's frame size (apps/media/player_display.h PLAYER_W, PLAYER_H).
FRAME_W, FRAME_H = 320, 240


def fail(msg):
    print(f"media-screen check: FAIL {msg}")
    sys.exit(1)


def read_ppm(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        fail(f"cannot read {path}: {e.strerror}")
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m:
        fail(f"{path} is not a binary PPM")
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():m.end() + 3 * w * h]


def crop(pix, w, x0, y0):
    """The FRAME_W x FRAME_H RGB pixels at (x0, y0) of a w pixels wide
    screen."""
    rows = [pix[3 * ((y0 + y) * w + x0):3 * ((y0 + y) * w + x0 + FRAME_W)]
            for y in range(FRAME_H)]
    return b"".join(rows)


def psnr(a, b):
    if len(a) != len(b) or not a:
        return 0.0
    se = sum((x - y) * (x - y) for x, y in zip(a, b))
    return 99.0 if se == 0 else 10 * math.log10(255 * 255 * len(a) / se)


def reference(tmp, n):
    path = os.path.join(tmp, f"ref{n}.ppm")
    try:
        r = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "mkclip.py"),
                            "--frame", str(n), "--ppm", path], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        fail(f"mkclip.py --frame {n} took over {TIMEOUT:g} s")
    if r.returncode != 0:
        fail(f"mkclip.py --frame {n} failed: {r.stdout.decode(errors='replace').strip()}")
    return read_ppm(path)[2]


def monitor(sock, command):
    sock.sendall(command.encode() + b"\n")
    buf = b""
    deadline = time.monotonic() + 10
    while not buf.rstrip().endswith(b"(qemu)"):
        if time.monotonic() > deadline:
            fail(f"the QEMU monitor did not answer '{command}'")
        chunk = sock.recv(4096)
        if not chunk:
            break
        buf += chunk


def kill_group(proc):
    """Kill QEMU's whole process group (it may have forked helpers)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main():
    if len(sys.argv) != 2:
        print("usage: check.py RUN_LOG", file=sys.stderr)
        return 2
    cfg_path = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), "qemu.json")
    try:
        with open(cfg_path, encoding="utf-8") as f:
            cfg = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"cannot read {cfg_path}: {e}")
    with tempfile.TemporaryDirectory(prefix="media_screen_") as tmp:
        return check(cfg, tmp)


def check(cfg, tmp):
    """Run QEMU, dump the screen at the reported frame, judge it."""
    sock_path = os.path.join(tmp, "mon.sock")
    cmd = [cfg["qemu"], "-M", cfg["machine"],
           *cfg["flags"].split(), "-display", "none", "-serial", "stdio",
           "-monitor", f"unix:{sock_path},server=on,wait=off",
           "-semihosting-config", "enable=on,target=native",
           "-icount", "shift=2,align=off,sleep=off",
           "-kernel", os.path.join(ROOT, cfg["elf"])]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    # The wall-clock bound: the watchdog kills the group, which ends the
    # console read below, so a hung QEMU cannot hang the check.
    watchdog = threading.Timer(TIMEOUT, kill_group, (proc,))
    watchdog.daemon = True
    watchdog.start()
    try:
        frame = None
        for raw in proc.stdout:
            line = raw.decode(errors="replace").strip()
            m = re.search(r"media-screen: frame (\d+) shown at (\d+) us", line)
            if m:
                frame, at_us = int(m.group(1)), int(m.group(2))
                break
        if frame is None:
            fail("the player never reported the frame to check")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(10)
        for _ in range(100):
            try:
                sock.connect(sock_path)
                break
            except OSError:
                time.sleep(0.05)
        else:
            fail("cannot reach the QEMU monitor")
        monitor(sock, "")
        # Freeze the virtual machine first: the frame then stays on the
        # screen however slowly this host gets to the dump.
        monitor(sock, "stop")
        dump = os.path.join(tmp, "screen.ppm")
        monitor(sock, f"screendump {dump}")
        for _ in range(100):
            if os.path.exists(dump) and os.path.getsize(dump) > 0:
                break
            time.sleep(0.05)
        sock.close()
        w, h, pix = read_ppm(dump)
        if w < FRAME_W or h < FRAME_H:
            fail(f"screen is {w}x{h}, expected {FRAME_W}x{FRAME_H} or more "
                 "(display not set up?)")
        # A larger screen (the Pi's 640 x 480) shows the frame centred.
        pix = crop(pix, w, (w - FRAME_W) // 2, (h - FRAME_H) // 2)
        scores = {n: psnr(pix, reference(tmp, n)) for n in (frame - 1, frame, frame + 1)}
        print(f"media-screen check: frame {frame} (shown at {at_us} us virtual): PSNR "
              + ", ".join(f"frame {n} {s:.2f} dB" for n, s in sorted(scores.items())))
        if scores[frame] < MIN_PSNR:
            fail(f"the screen does not show frame {frame} ({scores[frame]:.2f} dB)")
        if scores[frame] < max(scores[frame - 1], scores[frame + 1]) + MARGIN_DB:
            fail(f"the screen does not show frame {frame} rather than a neighbour")
        print("media-screen check: PASS")
        return 0
    finally:
        watchdog.cancel()
        kill_group(proc)
        proc.wait()
        proc.stdout.close()


if __name__ == "__main__":
    sys.exit(main())
