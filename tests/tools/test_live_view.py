"""The live trace's terminal view, as a user sees it.

`make trace LIVE=1` in a terminal (a pseudo-terminal here) runs the default
trace system (demo2: "pinger", whose tasks block and wake, and "counter",
which never idles) and redraws a view per partition (current task, record
and switch counts, last events) while the system runs. The view must show
what happens while it happens: records of both partitions, their current
task by name and their task switches appear frames before the run ends,
and the counts only grow. (A system that is never idle and records little
had its buffers drained only at the end of the run: the view stayed empty
until then.)
"""

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testproc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join("build", "live-view")
HAVE_TOOLS = all(shutil.which(t) for t in
                 ("arm-none-eabi-gcc", "qemu-system-arm"))
CLEAR = b"\x1b[H\x1b[2J"
ROW = re.compile(r"^(\w+)\s+task (\S+)\s+records (\d+)\s+switches (\d+)")


def run_in_terminal(cmd, timeout):
    """Run cmd with a pseudo-terminal as its stdout; its output and status."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=slave, stderr=slave,
                            start_new_session=True)
    os.close(slave)
    out = b""
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the terminal closed: the command ended
                    break
                if not data:
                    break
                out += data
            elif proc.poll() is not None:
                break
        else:
            raise AssertionError("timed out: " + out[-2000:].decode(
                errors="replace"))
        proc.wait(timeout=60)
    finally:
        testproc.kill_group(proc)
        os.close(master)
    return out.decode(errors="replace"), proc.returncode


def frames(text):
    """The views drawn while the run went on: per frame, partition ->
    (task, records, switches)."""
    views = []
    for chunk in text.split(CLEAR.decode())[1:]:
        rows = {}
        for line in chunk.splitlines():
            m = ROW.match(line)
            if m:
                rows[m.group(1)] = (m.group(2), int(m.group(3)),
                                    int(m.group(4)))
        if rows:
            views.append(rows)
    return views


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc and qemu-system-arm")
class LiveView(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(os.path.join(ROOT, BUILD), ignore_errors=True)
        cls.text, cls.status = run_in_terminal(
            ["make", "-s", "BUILD=" + BUILD, "trace", "LIVE=1",
             "TRACE_RUN_MS=3000", "LIVE_FLAGS=--refresh 0.1"], 600)
        cls.views = frames(cls.text)

    def test_run_ended_well(self):
        self.assertEqual(self.status, 0, self.text[-2000:])
        self.assertRegex(self.text, r"live\.py: \d+ records; files in ")

    def test_view_shows_the_run_while_it_runs(self):
        # The last redraw comes with the end of the run; look before it.
        during = self.views[:-1]
        self.assertGreaterEqual(len(during), 5, self.text[-2000:])
        for part, task in (("pinger", None), ("counter", "count")):
            seen = [v[part] for v in during if part in v]
            self.assertTrue(seen, part)
            named = [t for t, _, _ in seen if t != "-"]
            self.assertTrue(named, "%s: no current task while running" % part)
            if task is not None:
                self.assertIn(task, named)
            self.assertGreater(seen[-1][1], 0, part)
        # The pinger's tasks switch while it runs, not only at the end.
        self.assertTrue(any(v["pinger"][2] > 0 for v in during
                            if "pinger" in v), self.text[-2000:])

    def test_counts_only_grow(self):
        for part in ("pinger", "counter"):
            counts = [(v[part][1], v[part][2]) for v in self.views
                      if part in v]
            for a, b in zip(counts, counts[1:]):
                self.assertLessEqual(a[0], b[0], part)
                self.assertLessEqual(a[1], b[1], part)
            # And they grew during the run.
            self.assertLess(counts[1][0], counts[-2][0], part)


if __name__ == "__main__":
    unittest.main()
