"""A short seeded run of tools/fuzz_readers.py over every reader, and checks
of the fuzzer itself: it finds a planted crash and a planted hang, writes
the failing inputs, replays them, follows coverage, and is reproducible.

The long run is `make fuzz` (mk/fuzz.mk); its figures are in
docs/benchmarks.md.
"""

import os
import random
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "tools", "fuzz_readers.py")
PY = "/usr/bin/python3"
sys.path.insert(0, os.path.join(ROOT, "tools"))
import fuzz_readers as F  # noqa: E402

LINE = re.compile(r"^(\S+)\s+(\d+) inputs\s+[\d.]+/s\s+(\d+) new-coverage "
                  r"inputs\s+(\d+) of\s+(\d+) lines\s+(\d+) failures", re.M)
READERS = {"jitter-vcd", "jitter-csv", "trace", "pkconfig", "pkconfig-board"}


def fuzz(*args, timeout=600):
    return subprocess.run([PY, TOOL, *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


class ShortRunTest(unittest.TestCase):
    def test_every_reader_survives_a_short_seeded_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = fuzz("--seed", "1", "--iterations", "30", "--crash-dir",
                     tmp)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(os.listdir(tmp), [])
        rows = {m.group(1): m for m in LINE.finditer(r.stdout)}
        self.assertTrue(READERS <= set(rows), r.stdout)
        for name, m in rows.items():
            inputs, new, lines, total, failures = (int(g) for g in
                                                   m.groups()[1:])
            self.assertGreaterEqual(inputs, 30, name)
            self.assertEqual(failures, 0, name)
            # The seeds alone reach a good part of each reader.
            self.assertGreater(lines, total // 3, name)
        # Mutations reach lines the seeds did not.
        self.assertGreater(int(rows["jitter-vcd"].group(3)), 0, r.stdout)

    def test_same_seed_same_run(self):
        runs = []
        for _ in range(2):
            r = fuzz("--reader", "jitter-csv", "--seed", "5",
                     "--iterations", "40")
            self.assertEqual(r.returncode, 0, r.stderr)
            m = LINE.search(r.stdout)
            runs.append(m.group(2, 3, 4))
        self.assertEqual(runs[0], runs[1])

    def test_bad_usage(self):
        r = fuzz("--reader", "nosuch")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown reader 'nosuch'", r.stderr)
        self.assertNotIn("Traceback", r.stderr)


def toy_reader(run, seeds=(b"line one\nline two\n",)):
    return F.Reader("toy", ".txt", list(seeds),
                    [os.path.abspath(__file__)], run)


def crash_without_newline(path, _):
    with open(path, "rb") as f:
        data = f.read()
    if not data.endswith(b"\n"):
        raise ZeroDivisionError("planted crash")


def hang_when_short(path, _):
    with open(path, "rb") as f:
        data = f.read()
    while len(data) < 8:
        pass


def nested(path, _):
    with open(path, "rb") as f:
        data = f.read()
    # Each condition is a new line once the one before holds: coverage
    # feedback keeps the input that gets one step further, and mutates it.
    if b"#" in data:
        if b"$" in data:
            if b"@" in data:
                return


class EngineTest(unittest.TestCase):
    def run_fuzz(self, reader, tmp, iterations=300, limit=5.0):
        msgs = []
        st = F.fuzz(reader, random.Random(3), tmp, iterations, None, limit,
                    os.path.join(tmp, "crashes"), log=msgs.append)
        return st, msgs

    def test_finds_a_crash_and_writes_it(self):
        with tempfile.TemporaryDirectory() as tmp:
            st, msgs = self.run_fuzz(toy_reader(crash_without_newline), tmp)
            self.assertEqual(st["failures"], 1)
            self.assertIn("ZeroDivisionError: planted crash", msgs[0])
            crashes = os.listdir(os.path.join(tmp, "crashes"))
            self.assertEqual(len(crashes), 1)
            with open(os.path.join(tmp, "crashes", crashes[0]), "rb") as f:
                data = f.read()
            self.assertFalse(data.endswith(b"\n"))
            failure, _, _ = F.run_one(toy_reader(crash_without_newline),
                                      data, tmp, 5.0)
            self.assertIn("planted crash", failure)

    def test_finds_a_hang(self):
        with tempfile.TemporaryDirectory() as tmp:
            st, msgs = self.run_fuzz(toy_reader(hang_when_short), tmp,
                                     iterations=60, limit=0.2)
            self.assertEqual(st["failures"], 1)
            self.assertIn("hang: the input ran longer than 0.2 s", msgs[0])

    def test_keeps_inputs_that_reach_new_lines(self):
        with tempfile.TemporaryDirectory() as tmp:
            st, _ = self.run_fuzz(toy_reader(nested), tmp, iterations=400)
        self.assertEqual(st["failures"], 0)
        self.assertGreaterEqual(st["new_coverage"], 2)

    def test_clean_input_passes(self):
        with tempfile.TemporaryDirectory() as tmp:
            failure, hit, _ = F.run_one(toy_reader(crash_without_newline),
                                        b"fine\n", tmp, 5.0,
                                        F.Coverage([__file__]))
        self.assertIsNone(failure)
        self.assertTrue(hit)


if __name__ == "__main__":
    unittest.main()
