"""Tests of tools/jitter/jitter.py.

tests/tools/data/la_capture.{vcd,csv} (written by make_la.py) hold the same
two-channel capture, as sigrok writes a VCD and as Saleae Logic 2 exports a
CSV: "release" rises every 1000 us plus the jitter pattern 0, 3, -2, 5, 1 us
and stays high 100 us; "start" rises 10, 12, 15, 11, 30 us after each
release and stays high 50 us. The figures are checked against these known
values, across the three input formats, and against sigrok-cli's timing
decoder on the same capture.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "tools", "data")
TOOL = os.path.join(ROOT, "tools", "jitter", "jitter.py")
TRACE = os.path.join(ROOT, "tools", "trace", "trace.py")
LA_VCD = os.path.join(DATA, "la_capture.vcd")
LA_CSV = os.path.join(DATA, "la_capture.csv")
PY = "/usr/bin/python3"
HAVE_SIGROK = shutil.which("sigrok-cli") is not None


def jitter(*args):
    p = subprocess.run([PY, TOOL] + list(args), capture_output=True,
                       text=True, timeout=300, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def figures(path, *extra):
    rc, out, err = jitter(path, "--json", *extra)
    assert rc == 0, err
    return json.loads(out)


TIME_UNIT = {"s": 1e9, "ms": 1e6, "\u03bcs": 1e3, "us": 1e3, "ns": 1.0,
             "ps": 1e-3}
FREQ_UNIT = {"Hz": 1.0, "kHz": 1e3, "MHz": 1e6, "GHz": 1e9}
LINE = re.compile(r"timing-1: ([\d.]+) (\S+) \(([\d.]+) (\S+)\)")


def sigrok_periods_ns(path, channel):
    """Time between rising edges as sigrok-cli's timing decoder prints it:
    for each period, the interval of values (ns) consistent with both its
    rounded time and its rounded frequency (3 decimals each)."""
    p = subprocess.run(["sigrok-cli", "-I", "vcd", "-i", path, "-P",
                        "timing:data=%s:edge=rising" % channel, "-A",
                        "timing=time"], capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr
    out = []
    for m in LINE.finditer(p.stdout):
        t, tu = float(m.group(1)), TIME_UNIT[m.group(2)]
        f, fu = float(m.group(3)), FREQ_UNIT[m.group(4)]
        lo = max((t - 0.0005) * tu, 1e9 / ((f + 0.0005) * fu))
        hi = min((t + 0.0005) * tu, 1e9 / ((f - 0.0005) * fu))
        out.append((lo, hi))
    return out


class KnownCaptureTest(unittest.TestCase):
    def check_la(self, rep):
        rel = rep["channels"]["release"]
        self.assertEqual(rel["period"]["count"], 49)
        self.assertAlmostEqual(rel["period"]["min"], 995000.0)
        self.assertAlmostEqual(rel["period"]["max"], 1007000.0)
        self.assertEqual(rel["ideal_period_ns"], 1000000.0)
        jit = rel["jitter"]
        self.assertEqual(jit["count"], 50)
        self.assertAlmostEqual(jit["min"], -2000.0)
        self.assertAlmostEqual(jit["max"], 5000.0)
        self.assertAlmostEqual(jit["mean"], 1400.0)
        self.assertAlmostEqual(jit["p50"], 1000.0)
        self.assertAlmostEqual(rel["width"]["mean"], 100000.0)
        self.assertAlmostEqual(rep["channels"]["start"]["width"]["max"],
                               50000.0)
        lat = rep["latency"]
        self.assertEqual((lat["count"], lat["unmatched"]), (50, 0))
        self.assertAlmostEqual(lat["min"], 10000.0)
        self.assertAlmostEqual(lat["p50"], 12000.0)
        self.assertAlmostEqual(lat["mean"], 15600.0)
        self.assertAlmostEqual(lat["p99"], 30000.0)
        self.assertAlmostEqual(lat["max"], 30000.0)

    def test_vcd(self):
        rep = figures(LA_VCD, "--period", "1ms", "--from", "release",
                      "--to", "start")
        self.check_la(rep)
        self.assertEqual(rep["resolution_ns"], 1000.0)

    def test_saleae_csv(self):
        rep = figures(LA_CSV, "--period", "1ms", "--from", "release",
                      "--to", "start")
        self.check_la(rep)
        self.assertIn("Saleae", rep["resolution_source"])

    @unittest.skipUnless(HAVE_SIGROK, "sigrok-cli not installed")
    def test_sigrok_session(self):
        with tempfile.TemporaryDirectory() as tmp:
            sr = os.path.join(tmp, "la.sr")
            subprocess.run(["sigrok-cli", "-I", "vcd", "-i", LA_VCD, "-o",
                            sr], check=True, timeout=120)
            rep = figures(sr, "--period", "1ms", "--from", "release",
                          "--to", "start")
        self.check_la(rep)

    def test_estimated_period_and_text_report(self):
        rep = figures(LA_VCD, "-c", "release")
        # (t_last - t_first) / (n - 1) = (49000 + 1 - 0) us / 49.
        self.assertAlmostEqual(rep["channels"]["release"]["ideal_period_ns"],
                               (49 * 1000000.0 + 1000.0) / 49, places=3)
        rc, out, err = jitter(LA_VCD, "-c", "release", "--period", "1ms",
                              "--bin", "1us")
        self.assertEqual(rc, 0, err)
        self.assertIn("resolution 1 us (VCD timescale)", out)
        hist = out.split("# Histogram: release release jitter")[1]
        rows = [ln.split() for ln in hist.splitlines()[1:] if ln.strip()]
        counts = {float(r[0]): int(r[1]) for r in rows}
        self.assertEqual(sum(counts.values()), 50)
        self.assertEqual(counts[-2.0], 10)
        self.assertEqual(counts[5.0], 10)

    def test_svg_plot(self):
        with tempfile.TemporaryDirectory() as tmp:
            svg = os.path.join(tmp, "j.svg")
            rc, _, err = jitter(LA_VCD, "--period", "1ms", "--from",
                                "release", "--to", "start", "--svg", svg,
                                "--no-hist")
            self.assertEqual(rc, 0, err)
            root = ET.parse(svg).getroot()
        self.assertTrue(root.tag.endswith("svg"))
        ns = "{http://www.w3.org/2000/svg}"
        titles = [t.text for t in root.iter(ns + "text")]
        self.assertTrue(any("latency release -> start" in t for t in titles))
        bars = [r for r in root.iter(ns + "rect") if r.find(ns + "title")
                is not None]
        self.assertEqual(sum(int(b.find(ns + "title").text.split(": ")[1])
                             for b in bars), 3 * 50)

    def test_bad_input(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad_vcd = os.path.join(tmp, "bad.vcd")
            with open(bad_vcd, "w") as f:
                f.write("$timescale 1 ns $end\n#10\n1!\n")
            bad_csv = os.path.join(tmp, "bad.csv")
            with open(bad_csv, "w") as f:
                f.write("when,ch0\n1,2\n")
            bad_csv2 = os.path.join(tmp, "bad2.csv")
            with open(bad_csv2, "w") as f:
                f.write("Time [s],Channel 0\n0.1,1\n0.05,0\n")
            binary = os.path.join(tmp, "bin.vcd")
            with open(binary, "wb") as f:
                f.write(bytes(range(256)))
            cases = [(bad_vcd,), (bad_csv,), (bad_csv2,), (binary,),
                     (os.path.join(tmp, "none.vcd"),),
                     (LA_VCD, "-c", "nosuch"),
                     (LA_VCD, "--period", "fast"),
                     (LA_VCD, "--from", "release"),
                     (os.path.join(tmp, "x.bin"),)]
            for args in cases:
                rc, _, err = jitter(*args)
                self.assertEqual(rc, 1, (args, err))
                self.assertIn("jitter.py: error:", err)
                self.assertNotIn("Traceback", err)


@unittest.skipUnless(HAVE_SIGROK, "sigrok-cli not installed (Debian "
                                  "package sigrok-cli)")
class AgreesWithSigrokTest(unittest.TestCase):
    def compare(self, path, channel):
        mine = figures(path, "-c", channel)["channels"][channel][
            "periods_ns"]
        theirs = sigrok_periods_ns(path, channel)
        self.assertEqual(len(mine), len(theirs))
        self.assertGreater(len(mine), 10)
        for a, (lo, hi) in zip(mine, theirs):
            self.assertLessEqual(lo, hi)
            self.assertTrue(lo - 1e-6 <= a <= hi + 1e-6, (a, lo, hi))

    def test_logic_analyzer_capture(self):
        self.compare(LA_VCD, "release")
        self.compare(LA_VCD, "start")

    def test_trace_vcd(self):
        with tempfile.TemporaryDirectory() as tmp:
            vcd = os.path.join(tmp, "t.vcd")
            subprocess.run([PY, TRACE, "vcd",
                            os.path.join(DATA, "sample_console.log"), "-o",
                            vcd, "--name", "2=media"], check=True,
                           capture_output=True, timeout=120)
            self.compare(vcd, "media_media_rel")
            self.compare(vcd, "media_probe2")


if __name__ == "__main__":
    unittest.main()
