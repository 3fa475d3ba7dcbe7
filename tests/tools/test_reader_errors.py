"""Malformed input to the host tools' readers: one clear line, never a
traceback or a hang.

Each case is a small file written here that a reader once accepted
silently, read wrongly or crashed on (VCD, Saleae CSV and sigrok readers
of tools/jitter/jitter.py, the trace decoder of tools/trace/, the
configuration checker tools/pkconfig.py). The tool must exit with its
bad-input status and print a message naming the file (and the line, where
there is one) and what is wrong.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools", "trace"))
from tracelib import records as R  # noqa: E402

PY = "/usr/bin/python3"
JITTER = os.path.join(ROOT, "tools", "jitter", "jitter.py")
TRACE = os.path.join(ROOT, "tools", "trace", "trace.py")
PKCONFIG = os.path.join(ROOT, "tools", "pkconfig.py")
DATA = os.path.join(ROOT, "tests", "tools", "data")
CONFIGS = os.path.join(ROOT, "tests", "tools", "configs")
BOARD = os.path.join(ROOT, "bsp", "versatilepb", "board.toml")
HAVE_SIGROK = shutil.which("sigrok-cli") is not None

# A header of one wire "a" (identifier !), 1 ns per unit.
H = "$timescale 1 ns $end\n$var wire 1 ! a $end\n$enddefinitions $end\n"

# (name, file text or bytes, expected message part); the line number in
# the message is part of the expected text where the input has one.
VCD_CASES = [
    ("backwards", H + "#10\n1!\n#5\n0!\n#20\n",
     ":6: time goes backwards: #5 after #10"),
    ("value_before_time", H + "1!\n#10\n",
     ":4: value change '1!' before the first time stamp"),
    ("no_end_time", H + "#0\n1!\n#10\n0!\n",
     ":7: value changes after the last time stamp #10"),
    ("last_line_cut", H + "#0\n1!\n#10",
     ":6: the last line is cut short"),
    ("unterminated_header", "$timescale 1 ns $end\n$var wire 1 ! a\n",
     ":2: unterminated $var section"),
    ("unterminated_dumpvars", H + "#0\n$dumpvars\n0!\n#10\n",
     ":5: unterminated $dumpvars section"),
    ("unterminated_comment", H + "#0\n$comment cut\n",
     ":5: unterminated $comment section"),
    ("no_enddefinitions", "$timescale 1 ns $end\n$var wire 1 ! a $end\n",
     "no $enddefinitions"),
    ("undeclared_id", H + "#0\n1?\n#10\n",
     ":5: value for undeclared identifier '?'"),
    ("no_identifier", H + "#0\n1\n#10\n", ":5: value '1' without an"),
    ("bad_vector", H + "#0\nb102 !\n#10\n", ":5: bad vector value"),
    ("bad_real", H + "#0\nr1.2.3 !\n#10\n", ":5: bad real value"),
    ("vector_without_id", H + "#0\nb1\n!\n#10\n",
     ":5: vector value 'b1' without its identifier"),
    ("bad_time", H + "#1x\n", ":4: bad time stamp '#1x'"),
    ("signed_time", H + "#+5\n", ":4: bad time stamp '#+5'"),
    ("huge_time", H + "#" + "9" * 30 + "\n", ":4: time stamp #"),
    ("5000_digit_time", H + "#" + "9" * 5000 + "\n", "above 2^64-1"),
    ("zero_timescale", H.replace("1 ns", "0 ns") + "#0\n",
     ":1: timescale 0 ns out of range"),
    ("huge_var_size", H.replace("wire 1", "wire " + "9" * 5000) + "#0\n",
     ":2: bad $var"),
    ("upscope_alone", "$upscope $end\n" + H + "#0\n",
     ":1: $upscope without an open $scope"),
    ("var_in_body", H + "#0\n$var wire 1 \" b $end\n#10\n",
     ":5: unexpected $var after $enddefinitions"),
    ("no_time_stamps", H, "VCD has no time stamps"),
    ("empty", "", "empty file"),
    ("blank", "\n\n  \n", "empty file"),
    ("garbage_text", "hello world\n", ":1: not a VCD header"),
    ("binary", bytes(range(128, 256)) * 4, "not a text file"),
]

CSV_CASES = [
    ("backwards", "Time [s],a\n0,0\n0.5,1\n0.1,0\n",
     ":4: time goes backwards"),
    ("line_numbers_count_blank_lines", "Time [s],a\n\n0,0\n0.1,2\n",
     ":4: levels must be 0 or 1"),
    ("plus_level", "Time [s],a\n0,+1\n", ":2: levels must be 0 or 1"),
    ("unicode_digit_level", "Time [s],a\n0,\uff11\n",
     ":2: levels must be 0 or 1"),
    ("inf_time", "Time [s],a\n0,0\ninf,1\n", ":3: bad time 'inf'"),
    ("nan_time", "Time [s],a\nnan,0\n", ":2: bad time 'nan'"),
    ("huge_time", "Time [s],a\n0,0\n1e999,1\n", ":3: time 1e999 out of "
                                                "range"),
    ("columns", "Time [s],a,b\n0,0\n", ":2: 2 columns, header has 3"),
    ("duplicate_channel", "Time [s],a,a\n0,0,0\n",
     ":1: a channel name appears twice"),
    ("unnamed_channel", "Time [s],,b\n0,0,0\n", ":1: a channel column has "
                                                "no name"),
    ("not_saleae", "when,a\n0,0\n", ":1: not a Saleae digital CSV"),
    ("last_line_cut", "Time [s],a\n0,0\n0.1,1", ":3: the last line is cut"),
    ("empty", "", "empty CSV"),
]


def write(path, content):
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(path, mode) as f:
        f.write(content)


def run(cmd, timeout=60):
    return subprocess.run([PY] + cmd, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


class JitterReaderTest(unittest.TestCase):
    def check(self, cases, ext, extra=()):
        with tempfile.TemporaryDirectory() as tmp:
            for name, content, expect in cases:
                path = os.path.join(tmp, name + ext)
                write(path, content)
                r = run([JITTER, path, *extra])
                with self.subTest(case=name):
                    self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                    self.assertNotIn("Traceback", r.stderr)
                    lines = r.stderr.strip().splitlines()
                    self.assertEqual(len(lines), 1, r.stderr)
                    self.assertTrue(lines[0].startswith(
                        "jitter.py: error: " + path), lines[0])
                    self.assertIn(expect, lines[0])

    def test_vcd(self):
        self.check(VCD_CASES, ".vcd")

    def test_saleae_csv(self):
        self.check(CSV_CASES, ".csv")

    def test_zero_period(self):
        r = run([JITTER, os.path.join(DATA, "la_capture.vcd"), "--period",
                 "0ms"])
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad period '0ms': it must be above zero", r.stderr)

    def test_edges_at_one_instant_do_not_divide_by_zero(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "z.vcd")
            write(path, H + "#0\n0!\n#5\n1!\n0!\n1!\n0!\n1!\n#10\n")
            r = run([JITTER, path, "--json"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('"count": 0', r.stdout)

    def test_the_trace_vcd_ends_with_a_time_stamp(self):
        # Even when the last change is at the end of the run: a VCD that
        # ends in value changes is taken as truncated.
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "t.log")
            rec = R.Record(1000, R.PROBE, 0, 3, 1, 0)
            write(log, R.frame_line(0, 0, [rec]) + "\n")
            vcd = os.path.join(tmp, "t.vcd")
            r = run([TRACE, "vcd", log, "-o", vcd])
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(vcd) as f:
                self.assertEqual(f.read().splitlines()[-1], "#1001")
            r = run([JITTER, vcd, "-c", "kernel_probe3", "--json"])
            self.assertEqual(r.returncode, 0, r.stderr)

    @unittest.skipUnless(HAVE_SIGROK, "sigrok-cli not installed")
    def test_sigrok_session(self):
        with tempfile.TemporaryDirectory() as tmp:
            sr = os.path.join(tmp, "good.sr")
            subprocess.run(["sigrok-cli", "-I", "vcd", "-i",
                            os.path.join(DATA, "la_capture.vcd"), "-o", sr],
                           check=True, timeout=120, capture_output=True)
            with open(sr, "rb") as f:
                data = f.read()
            cases = [("truncated", data[:len(data) // 2]),
                     ("garbage", b"PK\x03\x04" + bytes(range(256))),
                     ("empty", b"")]
            for name, content in cases:
                path = os.path.join(tmp, name + ".sr")
                write(path, content)
                r = run([JITTER, path], timeout=180)
                with self.subTest(case=name):
                    self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                    self.assertNotIn("Traceback", r.stderr)
                    self.assertTrue(r.stderr.startswith(
                        "jitter.py: error: " + path), r.stderr)
                    self.assertEqual(len(r.stderr.strip().splitlines()), 1,
                                     r.stderr)


def rec(type_, source=0, a0=0, a1=0, a2=0, time=1000):
    return R.Record(time, type_, source, a0, a1, a2)


def raw_frame(source, seq, payload_hex):
    """A frame with any payload and a correct checksum."""
    body = "%s %s %s" % (source, seq, payload_hex)
    return "@TRC %s %08x" % (body, zlib.crc32(body.encode("ascii")))


class TraceReaderTest(unittest.TestCase):
    GOOD = rec(R.TASK_READY, source=0, a0=1)

    def extract(self, lines, *extra):
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "c.log")
            write(log, "\n".join(lines) + "\n")
            return run([TRACE, "extract", log, *extra])

    def test_bad_frames_are_reported_with_their_line(self):
        one = R.encode_record(self.GOOD).hex()
        bad_type = R.encode_record(rec(0x7F)).hex()
        cases = [
            ("unknown type", raw_frame(0, 1, bad_type),
             "line 2: corrupt frame (unknown record type 0x7f)"),
            ("truncated record", raw_frame(0, 1, one + one[:24]),
             "line 2: corrupt frame (payload of 56 hex digits: a truncated "
             "record (12 bytes after 1 whole records))"),
            ("odd digits", raw_frame(0, 1, one + "a"),
             "line 2: corrupt frame (payload of 33 hex digits: an odd "
             "count)"),
            ("five records", raw_frame(0, 1, one * 5),
             "line 2: corrupt frame (payload of 5 records (1 to 4 in a "
             "frame))"),
            ("sequence above 32 bits", raw_frame(0, 4294967296, one),
             "line 2: corrupt frame (source 0 or sequence number "
             "4294967296 out of range)"),
            ("source above 255", raw_frame(300, 1, one),
             "line 2: corrupt frame (source 300 or sequence number 1 out "
             "of range)"),
        ]
        for name, frame, expect in cases:
            with self.subTest(case=name):
                good = R.frame_line(0, 0, [self.GOOD])
                r = self.extract([good, frame])
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("trace.py: warning: " + expect, r.stderr)
                self.assertNotIn("Traceback", r.stderr)
                r = self.extract([good, frame], "--strict")
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertNotIn("Traceback", r.stderr)

    def test_frames_a_partition_could_forge_are_refused(self):
        # A partition's console line carries its label, so a frame behind
        # one is its own text; a partition's buffer (frame source 1) may not
        # hold kernel-only records; a partition's record claims no other
        # source than its frame's.
        ok = R.frame_line(0, 0, [self.GOOD])
        switch = R.encode_record(rec(R.PART_SWITCH, source=0, a0=2)).hex()
        task = R.encode_record(rec(R.TASK_READY, source=2, a0=1)).hex()
        cases = [
            ("printed by a partition", "[matrix] " + ok,
             "line 2: corrupt frame (frame not at the start of a line)"),
            ("kernel-only record from a partition", raw_frame(1, 0, switch),
             "line 2: corrupt frame (kernel-only record part_switch from "
             "source 1)"),
        ]
        for name, frame, expect in cases:
            with self.subTest(case=name):
                r = self.extract([ok, frame])
                self.assertIn("trace.py: warning: " + expect, r.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "c.log")
            write(log, ok + "\n" + raw_frame(1, 0, task) + "\n")
            ex = R.extract(open(log).read())
        self.assertEqual([r.source for r in ex.records], [0, 1])

    def test_no_good_frame_is_an_error(self):
        r = self.extract([raw_frame(0, 0, R.encode_record(rec(0x7F)).hex())])
        self.assertEqual(r.returncode, 1)
        self.assertIn("no valid @TRC frame", r.stderr)
        self.assertNotIn("Traceback", r.stderr)

    def test_extremes_convert_without_a_traceback(self):
        # A VIT expiry beyond 2^64 (time near the limit plus a2) and a
        # non-ASCII source name.
        recs = [rec(R.PART_SWITCH, a0=2, time=5),
                rec(R.VIT_SET, a0=2, a2=0xFFFFFFFF, time=(1 << 64) - 2)]
        guest = [rec(R.TASK_READY, source=2, a0=1, time=7)]
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "c.log")
            write(log, R.frame_line(0, 0, recs) + "\n" +
                  R.frame_line(2, 0, guest) + "\n")
            r = run([TRACE, "all", log, "-o", os.path.join(tmp, "o"),
                     "--name", "2=m\u00e9dia"])
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(tmp, "o", "trace.vcd"), "rb") as f:
                self.assertIn(b"m_dia_run", f.read())


class PkconfigTest(unittest.TestCase):
    def check(self, system, board=BOARD):
        return run([PKCONFIG, "check", system, "--board", board,
                    "--apps-dir", os.path.join(CONFIGS, "apps")])

    def one_line(self, r, path, expect):
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertTrue(lines[0].startswith(path + ": "), lines[0])
        self.assertIn(expect, lines[0])

    def test_malformed_toml(self):
        cases = [
            ("long_integer", "[system]\nname = " + "9" * 5000 + "\n",
             "TOML value error: Exceeds the limit (4300 digits)"),
            ("deep_array", "[system]\nname = " + "[" * 5000 + "]" * 5000 +
             "\n", "TOML syntax error: arrays or tables nested too deep"),
            ("deep_table", "[system]\nname = " + "{a=" * 3000 + "1" +
             "}" * 3000 + "\n", "nested too deep"),
            ("binary", bytes(range(256)), "TOML syntax error"),
        ]
        with tempfile.TemporaryDirectory() as tmp:
            for name, content, expect in cases:
                path = os.path.join(tmp, name + ".toml")
                write(path, content)
                with self.subTest(case=name):
                    self.one_line(self.check(path), path, expect)

    def test_device_beyond_32_bits_is_refused_quickly(self):
        with open(BOARD) as f:
            text = f.read()
        old = "regs = 0x10120000\nbase = 0x10120000\nsize = 0x00001000"
        self.assertIn(old, text)
        text = text.replace(old, "regs = 0x1000000000000\nbase = "
                                 "0x1000000000000\nsize = 0x100000000000")
        with tempfile.TemporaryDirectory() as tmp:
            board = os.path.join(tmp, "board.toml")
            write(board, text)
            # Before, this walked 2^32 pages: the 60 s timeout would fire.
            r = self.check(os.path.join(CONFIGS, "good", "bvt2.toml"), board)
            self.one_line(r, board, 'device "display": pages 0x1000000000000+'
                                    '0x100000000000 do not fit in the '
                                    '32-bit address space')


if __name__ == "__main__":
    unittest.main()
