"""`make trace` on native systems (the tick core alone on the board).

`make trace SYSTEM=trace-native` builds tests/target/trace-native with the
trace on (the tick core's hooks into its ring, drained over the UART by the
idle task and at exit: rtos/port/arm/trace/trace_port.c) and the probe
pins of its "periodic" task, runs it under QEMU with icount and the
emulated logic analyzer, and converts the console. Checked:

- every output is there, the firmware's own test passed, no frame corrupt,
  missing or lost, and the idle task drained the frames while the run went
  on (they come before the test's verdict, not only at exit);
- babeltrace2 reads the CTF and prints every event, with the tasks' switches
  and the semaphore's operations;
- the 10 ms period comes out right from the analyzer's capture (jitter
  tool), from the trace's own VCD, and agrees with the firmware's own
  measured range of periods within one 24 MHz clock period (the firmware
  reads the clock right after its wake-up; both stamp the same job-start
  edge to within that clock's resolution, see below);
- the analyzer and the trace agree on every task-pin edge once their time
  bases are aligned by one constant;
- the idle task never halts in WFI in a trace build (the analyzer's time is
  exact only then): the periodic release is at its tick's time to within a
  microsecond.

`make trace SYSTEM=native-periodic` (a CPU-bound background task: nothing
idles, everything is drained at exit; stopped after TRACE_RUN_MS) is checked
for the same outputs and the period.
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
sys.path.insert(0, os.path.join(ROOT, "tools", "jitter"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jitter  # noqa: E402
import testproc  # noqa: E402

PY = "/usr/bin/python3"
JITTER = os.path.join(ROOT, "tools", "jitter", "jitter.py")
TRACE = os.path.join(ROOT, "tools", "trace", "trace.py")
PERIOD_NS = 10_000_000
JOBS = 50            # jobs of tests/target/trace-native
EDGE_TOL_NS = 1000   # analyzer vs trace, per edge
CLOCK_NS = 1e9 / 24e6  # one period of the board clock (24 MHz)

HAVE_TOOLS = all(shutil.which(t) for t in
                 ("arm-none-eabi-gcc", "qemu-system-arm", "gcc"))


def out_dir(system):
    return os.path.join(ROOT, "build", "versatilepb", system, "trace")


def make_trace(system, *extra):
    p = testproc.run(["make", "-s", "trace", "SYSTEM=" + system, *extra],
                     cwd=ROOT, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError("make trace SYSTEM=%s failed:\n%s%s" % (
            system, p.stdout[-3000:], p.stderr[-3000:]))
    out = out_dir(system)
    with open(os.path.join(out, "console.log"), errors="replace") as f:
        console = f.read()
    with open(os.path.join(out, "trace.txt")) as f:
        summary = f.read()
    p = subprocess.run([PY, TRACE, "extract", "--json",
                        os.path.join(out, "console.log")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    records = [json.loads(ln) for ln in p.stdout.splitlines()]
    return console, summary, records


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


class Checks:
    """Checks shared by both native systems (mixed into the test cases)."""

    SYSTEM = None

    def test_outputs_exist_nothing_lost(self):
        out = out_dir(self.SYSTEM)
        for name in ("console.log", "ctf/metadata", "trace.json",
                     "trace.vcd", "analyzer.vcd", "jitter.txt",
                     "jitter.svg"):
            self.assertTrue(os.path.exists(os.path.join(out, name)), name)
        self.assertNotIn("corrupt", self.summary)
        self.assertNotIn("missing", self.summary)
        self.assertNotIn("lost", self.summary)
        self.assertRegex(self.console, r"OS trace end time_ns=\d+ lost=0")
        # One source: the tick core's buffer (0).
        self.assertEqual({r["source"] for r in self.records}, {0})

    @unittest.skipIf(shutil.which("babeltrace2") is None,
                     "babeltrace2 not installed (Debian package babeltrace2)")
    def test_babeltrace_reads_every_event(self):
        n = int(re.search(r"\((\d+) CTF events\)", self.summary).group(1))
        p = subprocess.run(["babeltrace2",
                            os.path.join(out_dir(self.SYSTEM), "ctf")],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr.strip(), "")
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), n)
        names = [re.search(r"\) \S+ (\w+):", ln).group(1) for ln in lines]
        switches = sum(1 for r in self.records
                       if r["type"] == "task_switch")
        self.assertGreater(switches, 2 * 90 if self.SYSTEM ==
                           "native-periodic" else 2 * JOBS)
        self.assertEqual(names.count("sched_switch"), switches)
        self.assertIn('name = "periodic"', p.stdout)

    def test_period_from_analyzer_and_trace(self):
        out = out_dir(self.SYSTEM)
        a = jitter_json(os.path.join(out, "analyzer.vcd"), "gpio3")
        t = jitter_json(os.path.join(out, "trace.vcd"), "native_probe3")
        self.assertGreaterEqual(a["period"]["count"], JOBS - 1)
        # The release (tick interrupt) is on the 1 ms tick grid: every
        # period is 10 ms give or take the few instructions by which a
        # masked stretch (a frame being drained) delays the tick.
        self.assertAlmostEqual(a["period"]["mean"], PERIOD_NS, delta=50)
        self.assertAlmostEqual(a["period"]["min"], PERIOD_NS, delta=EDGE_TOL_NS)
        self.assertAlmostEqual(a["period"]["max"], PERIOD_NS, delta=EDGE_TOL_NS)
        for k in ("count", "min", "max", "mean"):
            self.assertAlmostEqual(a["period"][k], t["period"][k],
                                   delta=2 * CLOCK_NS, msg=k)

    def test_analyzer_and_trace_agree_on_every_edge(self):
        out = out_dir(self.SYSTEM)
        pins = vcd_changes(os.path.join(out, "analyzer.vcd"))
        trace = vcd_changes(os.path.join(out, "trace.vcd"))
        pairs = [("gpio3", "native_probe3"), ("gpio4", "native_probe4"),
                 ("gpio5", "native_probe5")]
        # One constant aligns the time bases (instructions since QEMU's
        # reset against the board clock started by bsp_init()).
        diffs = sorted(ta - tb for pin, sig in pairs
                       for (ta, _), (tb, _) in zip(pins[pin], trace[sig]))
        offset = diffs[len(diffs) // 2]
        self.assertLess(abs(offset), 5_000_000, offset)
        for pin, sig in pairs:
            a, b = pins[pin], trace[sig]
            self.assertEqual(len(a), len(b), (pin, sig))
            worst = max(abs(ta - offset - tb) for (ta, _), (tb, _)
                        in zip(a, b))
            self.assertLessEqual(worst, EDGE_TOL_NS, (pin, sig, worst))


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc, qemu-system-arm "
                     "and gcc")
class TraceNative(Checks, unittest.TestCase):
    SYSTEM = "trace-native"

    @classmethod
    def setUpClass(cls):
        cls.console, cls.summary, cls.records = make_trace(cls.SYSTEM)

    def test_run_passed_and_idle_drained(self):
        self.assertIn("RESULT trace-native PASS", self.console)
        lines = self.console.splitlines()
        verdict = next(i for i, ln in enumerate(lines)
                       if ln.startswith("RESULT "))
        frames = [i for i, ln in enumerate(lines) if "@TRC" in ln]
        # Drained by the idle task during the run: most frames precede the
        # verdict (only what the last period produced is left for exit).
        self.assertGreater(sum(1 for i in frames if i < verdict),
                           0.9 * len(frames))
        # The semaphore that hands each job to the worker is traced.
        gives = sum(1 for r in self.records if r["type"] == "sem_give")
        self.assertGreaterEqual(gives, JOBS)

    def test_firmware_periods_match_the_analyzer(self):
        # The firmware reads the clock right after each wake-up; the
        # analyzer sees the job-start pin a fixed number of instructions
        # before that read. Periods cancel the fixed part: what remains is
        # the clock's resolution (24 MHz, 41.7 ns) at each of the two reads.
        m = re.search(r"period_ns min=(\d+) max=(\d+)", self.console)
        lo, hi = int(m.group(1)), int(m.group(2))
        j = jitter_json(os.path.join(out_dir(self.SYSTEM), "analyzer.vcd"),
                        "gpio4")
        self.assertAlmostEqual(lo, j["period"]["min"], delta=2 * CLOCK_NS)
        self.assertAlmostEqual(hi, j["period"]["max"], delta=2 * CLOCK_NS)


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc, qemu-system-arm "
                     "and gcc")
class TraceNativePeriodic(Checks, unittest.TestCase):
    SYSTEM = "native-periodic"

    @classmethod
    def setUpClass(cls):
        cls.console, cls.summary, cls.records = make_trace(
            cls.SYSTEM, "TRACE_RUN_MS=1000")

    def test_stopped_after_the_run_time(self):
        # The run is longer than TRACE_RUN_MS: the tick hook stopped it and
        # the exit drained the whole ring (nothing idles in this system).
        self.assertIn("OS run end after 1000 ms", self.console)
        end = int(re.search(r"OS trace end time_ns=(\d+)",
                            self.console).group(1))
        self.assertGreaterEqual(end, 1_000_000_000)
        self.assertLess(end, 1_100_000_000)


if __name__ == "__main__":
    unittest.main()
