"""The jitter tool's definitions, checked against hand-computed values.

Each case is chosen so that a definition moved by one gives another
answer: a percentile one rank off or interpolated, a release counted with
floor instead of rounding, a latency edge taken strictly after instead of
at or after, a sample standard deviation instead of the population one.
The functions of tools/jitter/jitter.py are called directly, and once
through the command line on a capture written here.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools", "jitter"))
import jitter  # noqa: E402

PY = "/usr/bin/python3"
TOOL = os.path.join(ROOT, "tools", "jitter", "jitter.py")


class PercentileTest(unittest.TestCase):
    def ranks(self, n, p):
        """The nearest-rank percentile of 10, 20, ..., 10*n (shuffled, then
        sorted as stats() does) as a rank."""
        vals = [10 * i for i in range(1, n + 1)]
        random.Random(n).shuffle(vals)
        return jitter.percentile(sorted(vals), p) // 10

    def test_nearest_rank(self):
        # rank = ceil(p/100 * n); off by one rank or interpolated
        # ((n-1)*p/100 + 1, linear) gives another value in every case.
        cases = [
            (1000, 50, 500), (1000, 99, 990), (1000, 99.9, 999),
            (10, 50, 5), (10, 99, 10), (10, 99.9, 10),
            (200, 50, 100), (200, 99, 198), (200, 99.9, 200),
            (2000, 99.9, 1998), (10000, 99.9, 9990), (3, 50, 2),
            (1, 50, 1), (1, 99.9, 1), (7, 0, 1), (7, 100, 7),
        ]
        for n, p, rank in cases:
            self.assertEqual(self.ranks(n, p), rank, (n, p))

    def test_empty(self):
        self.assertIsNone(jitter.percentile([], 50))

    def test_stats_uses_it(self):
        st = jitter.stats([10 * i for i in range(1000, 0, -1)])
        self.assertEqual((st["p50"], st["p99"], st["p99.9"]),
                         (5000, 9900, 9990))
        self.assertEqual((st["min"], st["max"], st["count"]),
                         (10, 10000, 1000))

    def test_sigma_is_the_population_one(self):
        # Mean 5, squared deviations 32 over 8 values: sigma 2 exactly
        # (the sample deviation, over 7, would be 2.138).
        st = jitter.stats([2, 4, 4, 4, 5, 5, 7, 9])
        self.assertEqual(st["mean"], 5)
        self.assertAlmostEqual(st["sigma"], 2.0, places=12)


class SeriesTest(unittest.TestCase):
    def test_periods(self):
        self.assertEqual(jitter.periods([0, 10, 25, 45]), [10, 15, 20])
        self.assertEqual(jitter.periods([7]), [])

    def test_release_jitter_given_period(self):
        # k = round(t / P): 1998 is release 2 (-2), and the missed release
        # 3 does not shift release 4 (+1). With floor, 1998 would be
        # release 1 (+998).
        jit, p = jitter.release_jitter([0, 1002, 1998, 4001], 1000)
        self.assertEqual(jit, [0, 2, -2, 1])
        self.assertEqual(p, 1000)

    def test_release_jitter_estimated_period(self):
        # P = (3000 - 0) / 3 = 1000.
        jit, p = jitter.release_jitter([0, 1010, 1990, 3000], None)
        self.assertEqual(p, 1000)
        self.assertEqual(jit, [0, 10, -10, 0])

    def test_release_jitter_edges_at_one_instant(self):
        self.assertEqual(jitter.release_jitter([5, 5, 5], None), ([], None))

    def capture(self, changes):
        cap = jitter.Capture("t", 1, "test")
        for name, ch in changes.items():
            cap.add_channel(name)
            cap.record(name, 0, 0)
            for t, lvl in ch:
                cap.record(name, t, lvl)
        return cap

    def test_widths(self):
        cap = self.capture({"a": [(10, 1), (15, 0), (30, 1), (50, 0),
                                  (60, 1)]})
        self.assertEqual(jitter.widths(cap, "a"), [5, 20])

    def test_latency_at_or_after_and_before_the_next(self):
        cap = self.capture({
            "a": [(0, 1), (1, 0), (100, 1), (101, 0), (200, 1), (201, 0)],
            "b": [(0, 1), (2, 0), (130, 1), (131, 0), (250, 1), (251, 0)]})
        # At 0 the edge of b at the same instant counts (at or after).
        self.assertEqual(jitter.latency(cap, "a", "rising", "b", "rising"),
                         ([0, 30, 50], 0))
        cap = self.capture({
            "a": [(0, 1), (1, 0), (100, 1), (101, 0), (200, 1), (201, 0),
                  (300, 1), (301, 0)],
            "b": [(50, 1), (51, 0), (350, 1), (351, 0)]})
        # 100 and 200: b's next edge comes after a's next edge: unmatched.
        self.assertEqual(jitter.latency(cap, "a", "rising", "b", "rising"),
                         ([50, 50], 2))
        # Falling edges of b: 51 after 0, 351 after 300.
        self.assertEqual(jitter.latency(cap, "a", "rising", "b", "falling"),
                         ([51, 51], 2))
        # An edge of b at the very time of a's next edge belongs to that
        # next edge (strictly before the next edge of a).
        cap = self.capture({"a": [(0, 1), (1, 0), (100, 1), (101, 0)],
                            "b": [(100, 1), (102, 0)]})
        self.assertEqual(jitter.latency(cap, "a", "rising", "b", "rising"),
                         ([0], 1))

    def test_grid_latency(self):
        cap = self.capture({"b": [(400, 1), (401, 0), (500, 1), (501, 0),
                                  (1700, 1), (1701, 0), (2499, 1)]})
        # Ticks at 500 + k*1000: 400 precedes the origin (unmatched); 500
        # is on a tick (0); 1700 is 200 after 1500; 2499 is 999 after 1500.
        self.assertEqual(jitter.grid_latency(cap, "b", "rising", 1000, 500),
                         ([0, 200, 999], 1))

    def test_skip(self):
        cap = self.capture({"a": [(10, 1), (11, 0), (20, 1), (21, 0),
                                  (30, 1), (31, 0)]})
        cap.skip_edges(1)
        self.assertEqual(cap.edges("a", "rising"), [20, 30])


class CommandLineTest(unittest.TestCase):
    def test_percentiles_of_1000_periods(self):
        # 1001 rising edges whose periods are 1, 2, ..., 1000 us (in a
        # shuffled order): nearest rank gives p50 500, p99 990, p99.9
        # 999 us.
        order = list(range(1, 1001))
        random.Random(7).shuffle(order)
        # Each pulse is 100 ns wide, shorter than any period.
        lines = ["$timescale 1 ns $end", "$var wire 1 ! p $end",
                 "$enddefinitions $end", "#0", "0!"]
        t = 10000
        for per in [0] + order:
            t += per * 1000
            lines += ["#%d" % t, "1!", "#%d" % (t + 100), "0!"]
        lines.append("#%d" % (t + 1000))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "p.vcd")
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            r = subprocess.run([PY, TOOL, path, "--json"],
                               capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        per = json.loads(r.stdout)["channels"]["p"]["period"]
        self.assertEqual(per["count"], 1000)
        self.assertEqual((per["p50"], per["p99"], per["p99.9"],
                          per["max"]), (500000.0, 990000.0, 999000.0,
                                        1000000.0))


if __name__ == "__main__":
    unittest.main()
