"""Tests of tools/bench_ports.py and tools/bench_freertos.py on made-up
console output: the figures they take from it, the goals they judge, and a
missing figure reported as a message naming it (not a traceback).

Run from the repository root: /usr/bin/python3 -m unittest tests.tools.test_bench_figures
"""

import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tools"))

import bench_freertos  # noqa: E402
import bench_ports  # noqa: E402
import benchdoc  # noqa: E402


def ports_console(send64_ns=850, urgent64_ns=14000, drop=None, api_ns=4000):
    """A pk-ports-bench console: every call 200 instructions (800 ns) but the
    64-byte queuing send, every latency 20 us but the urgent 64-byte queuing
    one; every guest call from a task api_ns; the line `drop` left out."""
    lines = []
    for name in [f"{c}_{z}" for c in bench_ports.CALLS for z in bench_ports.SIZES] \
            + list(bench_ports.EXTRA_CALLS):
        per = send64_ns if name == "queuing_send_64" else 800
        lines.append(f"[src] BENCH {name} n=32 total_ns={per * 32 + 625} empty_ns=625")
    for k in bench_ports.KINDS:
        for w in bench_ports.WAYS:
            for z in bench_ports.SIZES:
                mean = urgent64_ns if (k, w, z) == ("queuing", "urgent", 64) else 20000
                lines.append(f"[dst] LAT {k}_{w}_{z} n=20 mean_ns={mean} min_ns={mean - 100} "
                             f"max_ns={mean + 100}")
    lines.append("[src] CLOCK n=20 min_ns=400")
    for k in bench_ports.KINDS:
        for w in ("next",):
            for z in bench_ports.SIZES:
                lines.append(f"[src] SEND {k}_{w}_{z} n=20 mean_ns={api_ns + 400} min_ns=1 "
                             "max_ns=9")
    lines.append("[dst] STREAM size=64 received=20000 bytes=1280000 ns=200000000")
    lines.append("[dst] STREAM size=1024 received=10000 bytes=10240000 ns=200000000")
    return "\n".join(line for line in lines if drop is None or drop not in line) + "\n"


class Ports(unittest.TestCase):
    def setUp(self):
        self.info = benchdoc.board_info("versatilepb")

    def test_figures_and_goals(self):
        calls, lat, streams, api = bench_ports.parse(ports_console())
        text, figures, detail = bench_ports.make_section("versatilepb", self.info, calls, lat,
                                                         streams, api)
        self.assertEqual(detail["api_insns"]["queuing_next_64"], 1000)
        self.assertIn("| `pv_sampling_write` (plain destination: no event) | 1000 | 1000 | 1000 |",
                      text)
        self.assertIn("is 1000 instructions, which would not", text)
        self.assertAlmostEqual(figures["queuing_send_64"], 212.5)
        self.assertAlmostEqual(figures["queuing_urgent_64_us"], 14.0)
        self.assertEqual(figures["stream_msgs_s"], 100000)
        self.assertAlmostEqual(figures["stream1k_mb_s"], 51.2)
        self.assertIn("≤ 400 instructions: 212 (**met**)", text)
        self.assertIn("14.0 µs for a 64-byte queuing message (**not met**", text)
        self.assertIn("| queuing | at once (urgent) | 20.0 (19.9–20.1) | 14.0 (13.9–14.1) |",
                      text)
        self.assertIn("not measured by us", text)
        self.assertEqual(detail["published"]["seed003_bw_pipe_mb_s_oklinux"], 13.48)

    def test_goals_met(self):
        calls, lat, streams, api = bench_ports.parse(
            ports_console(send64_ns=1500, urgent64_ns=4000, api_ns=1200))
        text = bench_ports.make_section("versatilepb", self.info, calls, lat, streams, api)[0]
        self.assertIn("≤ 400 instructions: 375 (**met**)", text)
        self.assertIn("4.0 µs for a 64-byte queuing message (**met**", text)
        self.assertIn("is 300 instructions, which would also meet it", text)
        calls, lat, streams, api = bench_ports.parse(ports_console(send64_ns=1700))
        text = bench_ports.make_section("versatilepb", self.info, calls, lat, streams, api)[0]
        self.assertIn("≤ 400 instructions: 425 (**not met**)", text)

    def test_a_missing_figure_is_named(self):
        for drop, named in (("LAT sampling_next_1024", "LAT sampling_next_1024"),
                            ("STREAM size=1024", "STREAM size=1024"),
                            ("BENCH queuing_receive_8 ", "BENCH queuing_receive_8"),
                            ("SEND queuing_next_64", "SEND queuing_next_64"),
                            ("CLOCK", "CLOCK")):
            with self.assertRaises(bench_ports.BenchError) as cm:
                bench_ports.parse(ports_console(drop=drop))
            self.assertIn(named, str(cm.exception))

    def test_main_reports_a_missing_figure_as_a_message(self):
        err = io.StringIO()
        with mock.patch.object(benchdoc, "run_system",
                               return_value=(ports_console(drop="LAT queuing_same_8"), "log")), \
                mock.patch.object(sys, "argv", ["bench_ports.py", "--board", "versatilepb"]), \
                redirect_stderr(err), redirect_stdout(io.StringIO()):
            with self.assertRaises(SystemExit) as cm:
                bench_ports.main()
        self.assertEqual(cm.exception.code, 1)
        self.assertIn("bench_ports: the bench system's output lacks LAT queuing_same_8",
                      err.getvalue())


def prims_console(drop=None):
    keys = [k for k, _ in bench_freertos.PRIMS]
    return "".join(f"[prims] BENCH {k} n=2000 total_ns={(i + 5) * 2000 * 1000} min_ns=1 "
                   f"max_ns=9\n" for i, k in enumerate(keys) if k != drop)


def overhead_console(drop=None, ratio=1010):
    return "".join(f"OVERHEAD {p:<22} layer=1010 ns core=1000 ns ratio={ratio} permille\n"
                   for p in bench_freertos.OVERHEAD_PAIRS if p != drop)


def size_rows(qsets):
    rows = [("rtos/src/task.o", "core", 10000, 0, 700), ("rtos/src/queue.o", "core",
            3540 + (44 if qsets else 0), 0, 0), ("rtos/src/timer.o", "timers", 2846, 0, 100),
            ("rtos/src/event.o", "event groups", 1968, 0, 0),
            ("rtos/src/notify.o", "notifications", 2124, 0, 0),
            ("rtos/src/stream.o", "stream buffers", 3208, 0, 0),
            ("rtos/src/qset.o", "queue sets", 1340 if qsets else 40, 0, 0),
            ("rtos/freertos/src/fr_task.o", "FreeRTOS layer", 1626, 0, 500),
            ("rtos/freertos/src/fr_heap.o", "FreeRTOS heap", 1404, 0, 16400)]
    return rows


class FreeRTOS(unittest.TestCase):
    def setUp(self):
        self.info = benchdoc.board_info("versatilepb")
        self.tmp = tempfile.TemporaryDirectory()
        self.data = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def section(self, native, why=None):
        part = bench_freertos.parse_bench(prims_console(), "pk-prims-bench")
        overhead = {w: bench_freertos.parse_overhead(overhead_console(), s)
                    for w, s in bench_freertos.OVERHEAD_SYSTEMS}
        return bench_freertos.make_section("versatilepb", self.info, native, why, part,
                                           overhead, (size_rows(True), size_rows(False)))

    def test_native_figures_come_from_bench_natives_data(self):
        bench = {k: [2000, 2000 * 400 * (i + 1), 1, 9]
                 for i, (k, _) in enumerate(bench_freertos.PRIMS)}
        benchdoc.save_figures("versatilepb", "native", {}, detail={"bench": bench},
                              data_dir=self.data)
        native, why = bench_freertos.native_prims("versatilepb", self.data)
        self.assertIsNone(why)
        text, figures, notes, _detail = self.section(native)
        self.assertEqual(figures["timer_call_native"], 100.0)
        self.assertEqual(figures["timer_call_pk"], 1250.0)
        self.assertIn("| 1250 | 12.5 |", text)
        self.assertEqual(figures["overhead_max_native_pct"], 1.0)
        # Queue sets: qset.o and the hooks they add to the core's objects.
        self.assertIn("| queue sets | `qset.o` and 44 bytes of hooks in the core | 1384 |", text)
        self.assertEqual(figures["text_core_bytes"], 13540)
        self.assertEqual(figures["text_all_bytes"], 13584 + 2846 + 1968 + 2124 + 3208 + 1340
                         + 1626 + 1404)
        self.assertEqual(notes, {})

    def test_missing_native_figures_are_a_note_not_a_failure(self):
        native, why = bench_freertos.native_prims("versatilepb", self.data)
        self.assertIsNone(native)
        benchdoc.save_figures("versatilepb", "native", {}, detail={"bench": {}},
                              data_dir=self.data)
        native, why = bench_freertos.native_prims("versatilepb", self.data)
        self.assertIsNone(native)
        self.assertIn("run `tools/bench_native.py --board versatilepb` first", why)
        text, figures, notes, _detail = self.section(None, why)
        self.assertIsNone(figures["notify_take_native"])
        self.assertEqual(notes["notify_take_native"], why)
        self.assertIn("Native figures missing", text)

    def test_a_missing_line_is_named(self):
        with self.assertRaises(bench_freertos.BenchError) as cm:
            bench_freertos.parse_bench(prims_console(drop="event_wait"), "pk-prims-bench")
        self.assertIn("pk-prims-bench printed no BENCH line for event_wait", str(cm.exception))
        with self.assertRaises(bench_freertos.BenchError) as cm:
            bench_freertos.parse_overhead(overhead_console(drop="tick count"), "x")
        self.assertIn("no OVERHEAD line for tick count", str(cm.exception))

    def test_main_reports_a_failed_run_as_a_message(self):
        err = io.StringIO()
        with mock.patch.object(benchdoc, "run_system",
                               side_effect=benchdoc.RunError("pk-prims-bench did not run")), \
                mock.patch.object(sys, "argv", ["bench_freertos.py", "--board", "versatilepb",
                                                "--data", self.data]), \
                redirect_stderr(err), redirect_stdout(io.StringIO()):
            with self.assertRaises(SystemExit) as cm:
                bench_freertos.main()
        self.assertEqual(cm.exception.code, 1)
        self.assertIn("bench_freertos: pk-prims-bench did not run", err.getvalue())
        self.assertIn("native figures missing", err.getvalue())

    def test_side_by_side_has_the_new_rows(self):
        figures = {k: 1.0 for t, k, _l in benchdoc.SIDE_ROWS if t == "freertos" and k}
        benchdoc.save_figures("versatilepb", "freertos", figures, data_dir=self.data)
        table = benchdoc.side_by_side(benchdoc.load_figures(self.data))
        self.assertIn("| timer command to its call, in a partition | 1 |", table)
        self.assertIn("| the same, in a partition (%) | +1.0 |", table)
        with open(os.path.join(self.data, "versatilepb", "freertos.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["command"], "tools/bench_freertos.py")


if __name__ == "__main__":
    unittest.main()
