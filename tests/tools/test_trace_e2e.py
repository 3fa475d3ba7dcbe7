"""End-to-end test of the trace and the probe pins on a running system.

`make trace SYSTEM=trace-periodic` builds tests/target/trace-periodic with
the trace on, runs it under QEMU (icount) with the emulated logic analyzer
(tools/qemu-plugin/gpio_vcd.c) and converts the console's trace frames. The
outputs are then checked by the viewers' own readers and against each
other:

- babeltrace2 reads the CTF without error and prints every event;
- the Chrome JSON passes the schema and nesting check of test_trace_tools;
- sigrok-cli finds the 10 ms release period in the trace's VCD;
- the analyzer's capture (pins seen from outside the firmware, instruction
  count x 4 ns) and the firmware's own trace (records stamped by the 24 MHz
  clock), once their time bases are aligned by one constant offset, agree
  on every edge within 1 us: partition pins 0/1 against the
  partition switches, task pins 3..5 against the kernel's probe records;
- the jitter tool gives the same period and jitter figures from the
  analyzer's capture as from the trace, and the task's own measurement;
- with rings too small for the load (trace-csw, TRACE_RECORDS=64,16) loss
  is counted by the firmware and reported, with the same count, by
  trace.py, and the run itself is unharmed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tools", "jitter"))

import jitter  # noqa: E402
import testproc  # noqa: E402
from test_trace_tools import check_chrome_json  # noqa: E402

PY = "/usr/bin/python3"
SYSTEM = "trace-periodic"
OUT = os.path.join(ROOT, "build", "versatilepb", SYSTEM, "trace")
JITTER = os.path.join(ROOT, "tools", "jitter", "jitter.py")
TRACE = os.path.join(ROOT, "tools", "trace", "trace.py")
JOBS = 60            # jobs of the rt task (apps/rt/rt.c)
PERIOD_NS = 10_000_000
EDGE_TOL_NS = 1000   # analyzer vs trace, per edge

HAVE_TOOLS = all(shutil.which(t) for t in
                 ("arm-none-eabi-gcc", "qemu-system-arm", "gcc"))


def vcd_changes(path):
    """{channel: [(time_ns, level)]} of a VCD file (jitter's reader)."""
    with open(path) as f:
        cap = jitter.parse_vcd(f.read(), path)
    return {ch: [(t // 1_000_000, lvl) for t, lvl in cap.changes[ch]]
            for ch in cap.order}


def jitter_json(path, channel):
    p = subprocess.run([PY, JITTER, path, "-c", channel, "--json"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)["channels"][channel]


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc, qemu-system-arm "
                     "and gcc")
class TraceEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        p = testproc.run(["make", "-s", "trace", "SYSTEM=" + SYSTEM],
                         cwd=ROOT, text=True, timeout=600)
        if p.returncode != 0:
            raise AssertionError("make trace failed:\n" + p.stdout[-3000:] +
                                 p.stderr[-3000:])
        cls.make_out = p.stdout
        with open(os.path.join(OUT, "console.log"), errors="replace") as f:
            cls.console = f.read()
        with open(os.path.join(OUT, "trace.txt")) as f:
            cls.summary = f.read()
        p = subprocess.run([PY, TRACE, "extract", "--json",
                            os.path.join(OUT, "console.log")],
                           capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        cls.records = [json.loads(ln) for ln in p.stdout.splitlines()]

    def test_outputs_exist_and_run_passed(self):
        for name in ("console.log", "ctf/metadata", "trace.json",
                     "trace.vcd", "analyzer.vcd", "jitter.txt",
                     "jitter.svg"):
            self.assertTrue(os.path.exists(os.path.join(OUT, name)), name)
        self.assertIn("RESULT trace-periodic PASS", self.console)
        # Every frame intact, nothing lost to a full buffer.
        self.assertNotIn("corrupt", self.summary)
        self.assertNotIn("missing", self.summary)
        self.assertNotIn("lost", self.summary)
        self.assertRegex(self.console, r"PK trace end time_ns=\d+ "
                         r"kernel_lost=0")
        # Kernel (0) and both guests (1, 2) drained.
        self.assertEqual({r["source"] for r in self.records}, {0, 1, 2})

    def test_expected_events_recorded(self):
        def count(typ, source=None):
            return sum(1 for r in self.records if r["type"] == typ and
                       (source is None or r["source"] == source))
        # rt's queue: one send and one receive per job.
        self.assertGreaterEqual(count("queue_send", 1), JOBS)
        self.assertGreaterEqual(count("queue_recv", 1), JOBS - 1)
        # Every job of the real-time task asks for a VIT wake-up, which
        # expires and warps the partition.
        self.assertGreaterEqual(count("vit_set"), JOBS)
        self.assertGreaterEqual(count("vit_expire"), JOBS - 1)
        self.assertGreaterEqual(count("warp"), JOBS - 2)
        # The pinned task's pins: release, job, run, up and down per job.
        for pin in (3, 4, 5):
            n = sum(1 for r in self.records if r["type"] == "probe" and
                    r["source"] == 0 and r["a0"] == pin)
            self.assertGreaterEqual(n, 2 * (JOBS - 1), pin)
        self.assertGreaterEqual(count("part_switch"), 2 * (JOBS - 1))
        self.assertGreaterEqual(count("virq", 0), JOBS)

    @unittest.skipIf(shutil.which("babeltrace2") is None,
                     "babeltrace2 not installed (Debian package babeltrace2)")
    def test_babeltrace_reads_every_event(self):
        n = int(re.search(r"\((\d+) CTF events\)", self.summary).group(1))
        p = subprocess.run(["babeltrace2", os.path.join(OUT, "ctf")],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr.strip(), "")
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), n)
        names = [re.search(r"\) \S+ (\w+):", ln).group(1) for ln in lines]
        self.assertEqual(names.count("pk_partition_switch"),
                         sum(1 for r in self.records
                             if r["type"] == "part_switch"))
        self.assertEqual(names.count("os_queue_send"),
                         sum(1 for r in self.records
                             if r["type"] == "queue_send"))

    def test_json_schema_and_nesting(self):
        with open(os.path.join(OUT, "trace.json")) as f:
            doc = json.load(f)
        check_chrome_json(doc)
        names = {e["args"]["name"] for e in doc["traceEvents"]
                 if e.get("ph") == "M" and e.get("name") == "thread_name"}
        self.assertTrue(any("rt" in n for n in names), names)

    @unittest.skipIf(shutil.which("sigrok-cli") is None,
                     "sigrok-cli not installed (Debian package sigrok-cli)")
    def test_sigrok_sees_the_period(self):
        p = subprocess.run(
            ["sigrok-cli", "-I", "vcd", "-i", os.path.join(OUT, "trace.vcd"),
             "-P", "timing:data=rt_probe4:edge=rising", "-A", "timing=time"],
            capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        periods = [1.0 / float(m.group(1)) for m in
                   re.finditer(r"\(([\d.]+) Hz\)", p.stdout)]
        self.assertGreaterEqual(len(periods), JOBS - 3)
        mean = sum(periods) / len(periods)
        self.assertAlmostEqual(mean, PERIOD_NS * 1e-9, delta=20e-6)
        self.assertTrue(all(abs(x - PERIOD_NS * 1e-9) < 1.5e-3
                            for x in periods), periods)

    def test_analyzer_and_trace_agree_on_every_edge(self):
        pins = vcd_changes(os.path.join(OUT, "analyzer.vcd"))
        trace = vcd_changes(os.path.join(OUT, "trace.vcd"))
        pairs = [("gpio0", "rt_run"), ("gpio1", "hog_run"),
                 ("gpio3", "kernel_probe3"), ("gpio4", "kernel_probe4"),
                 ("gpio5", "kernel_probe5")]
        # The two time bases differ by a constant: the analyzer counts
        # instructions from QEMU's reset, the board clock starts in
        # bsp_init(). One offset (the median over all edges) aligns them;
        # after it every single edge must agree.
        diffs = sorted(ta - tb for pin, sig in pairs
                       for (ta, _), (tb, _) in zip(pins[pin], trace[sig]))
        offset = diffs[len(diffs) // 2]
        self.assertLess(abs(offset), 5_000_000, offset)
        for pin, sig in pairs:
            a, b = pins[pin], trace[sig]
            self.assertGreaterEqual(len(a), 2 * (JOBS - 1), pin)
            self.assertEqual(len(a), len(b), (pin, sig))
            worst = 0
            for (ta, la), (tb, lb) in zip(a, b):
                self.assertEqual(la, lb, (pin, ta, tb))
                worst = max(worst, abs(ta - offset - tb))
            self.assertLessEqual(worst, EDGE_TOL_NS, (pin, sig, worst))

    def test_jitter_tool_reproduces_period_and_jitter(self):
        a = jitter_json(os.path.join(OUT, "analyzer.vcd"), "gpio3")
        t = jitter_json(os.path.join(OUT, "trace.vcd"), "kernel_probe3")
        for series in ("period", "jitter", "width"):
            for k in ("count", "min", "max", "mean"):
                self.assertAlmostEqual(a[series][k], t[series][k],
                                       delta=EDGE_TOL_NS,
                                       msg="%s %s" % (series, k))
        # The mean period is the nominal one within 0.5 %: the wake-ups of
        # this system drift by about 14 us a period and step back by one
        # virtual tick (1 ms) now and then, so the mean over 59 periods
        # depends on where the steps fall.
        self.assertAlmostEqual(a["period"]["mean"], PERIOD_NS,
                               delta=PERIOD_NS * 5e-3)
        # The task's own figures (clock read right after each wake-up,
        # periods 3..60) lie within the analyzer's range, give or take the
        # few microseconds between the job-start pin and that clock read.
        m = re.search(r"period_ns min=(\d+) max=(\d+)", self.console)
        lo, hi = int(m.group(1)), int(m.group(2))
        j = jitter_json(os.path.join(OUT, "analyzer.vcd"), "gpio4")
        self.assertAlmostEqual(lo, j["period"]["min"], delta=50_000)
        self.assertAlmostEqual(hi, j["period"]["max"], delta=50_000)


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc, qemu-system-arm "
                     "and gcc")
class TraceOverflow(unittest.TestCase):
    BUILD = os.path.join("build", "trace-test-overflow")

    def test_loss_is_counted_and_reported(self):
        build = os.path.join(ROOT, self.BUILD)
        shutil.rmtree(build, ignore_errors=True)  # flags are not tracked
        p = testproc.run(["make", "-s", "BUILD=" + self.BUILD,
                          "SYSTEM=trace-csw", "TRACE=1",
                          "TRACE_RECORDS=4,4"], cwd=ROOT, text=True,
                         timeout=600)
        self.assertEqual(p.returncode, 0, p.stderr[-3000:])
        cfg = os.path.join(build, "versatilepb", "trace-csw", "qemu.json")
        log = os.path.join(build, "run.log")
        p = testproc.run([PY, "tools/qemu_run.py", "--config", cfg,
                          "--log", log, "--quiet"], cwd=ROOT, text=True,
                         timeout=300)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(log, errors="replace") as f:
            console = f.read()
        self.assertIn("RESULT trace-csw PASS", console)
        lost = int(re.search(r"kernel_lost=(\d+)", console).group(1))
        self.assertGreater(lost, 0)
        p = subprocess.run([PY, TRACE, "extract", log], capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        m = re.search(r"source 0: (\d+) record\(s\) lost", p.stderr)
        self.assertIsNotNone(m, p.stderr)
        self.assertEqual(int(m.group(1)), lost)
        self.assertNotIn("corrupt", p.stderr)


if __name__ == "__main__":
    unittest.main()
