"""Tests of tools/trace/trace.py on captures made by the real ring buffer.

The sample logs in tests/tools/data are written by make_sample.c linked with
rtos/trace/trace.c (a scripted partitioned run: the media partition is woken
by VIT every 2 ms and runs a 150..190 us job). The outputs are checked by the
viewers' own readers: babeltrace2 for CTF, sigrok-cli for VCD, and a nesting
check of the Chrome JSON written here.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "tools", "data")
TOOL = os.path.join(ROOT, "tools", "trace", "trace.py")
JITTER = os.path.join(ROOT, "tools", "jitter", "jitter.py")
SAMPLE = os.path.join(DATA, "sample_console.log")
OVERFLOW = os.path.join(DATA, "sample_overflow.log")
PY = "/usr/bin/python3"
NAMES = ["--name", "1=matrix", "--name", "2=media"]

JOBS = 20  # media jobs in the sample script


def run(*args, stdin=None):
    p = subprocess.run([PY, TOOL] + list(args), capture_output=True,
                       text=True, input=stdin, timeout=120, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def records(path):
    rc, out, err = run("extract", path, "--json")
    assert rc == 0, err
    return [json.loads(line) for line in out.splitlines()], err


class ExtractTest(unittest.TestCase):
    def test_samples_are_what_the_c_ring_buffer_writes(self):
        if shutil.which("gcc") is None:
            self.skipTest("host gcc not installed")
        with tempfile.TemporaryDirectory() as tmp:
            exe = os.path.join(tmp, "make_sample")
            subprocess.run(
                ["gcc", "-std=c11", "-Wall", "-Wextra", "-Werror",
                 "-Irtos/trace", "tests/tools/data/make_sample.c",
                 "rtos/trace/trace.c", "-o", exe],
                check=True, cwd=ROOT, timeout=120)
            for arg, path in (([], SAMPLE), (["overflow"], OVERFLOW)):
                out = subprocess.run([exe] + arg, capture_output=True,
                                     check=True, timeout=60).stdout
                with open(path, "rb") as f:
                    self.assertEqual(out, f.read(),
                                     "%s is stale: regenerate it" % path)

    def test_records_decoded(self):
        recs, err = records(SAMPLE)
        self.assertIn("95 frames", err)
        self.assertNotIn("warning", err)
        by_type = {}
        for r in recs:
            by_type.setdefault(r["type"], []).append(r)
        names = sorted((r["source"], r["a0"], r["name"])
                       for r in by_type["task_name"])
        self.assertEqual(names, [(1, 0, "idle"), (1, 1, "matrix"),
                                 (2, 0, "idle"), (2, 1, "media")])
        self.assertEqual(len(by_type["vit_set"]), JOBS)
        # The expiry (time + a2) is the next release, on the 2 ms grid.
        for r in by_type["vit_set"]:
            self.assertEqual((r["time"] + r["a2"]) % 2000000, 500000)
        self.assertEqual(len(by_type["hm"]), 1)
        self.assertEqual(by_type["hm"][0]["a2"], 0xdead0000)
        times = [r["time"] for r in recs]
        self.assertEqual(times, sorted(times))
        # Text form too.
        rc, out, _ = run("extract", SAMPLE)
        self.assertEqual(rc, 0)
        self.assertIn("name='media'", out)

    def test_corrupt_and_missing_frames_are_reported(self):
        with open(SAMPLE) as f:
            lines = f.read().splitlines()
        frames = [i for i, ln in enumerate(lines) if "@TRC 2 " in ln]
        bad = frames[3]
        # Flip one payload digit of one frame and drop another frame.
        ln = lines[bad]
        pos = ln.index("@TRC 2 ") + 12
        lines[bad] = ln[:pos] + ("0" if ln[pos] != "0" else "1") + \
            ln[pos + 1:]
        dropped = lines.pop(frames[6])
        seq = int(dropped.split("@TRC 2 ")[1].split()[0])
        text = "\n".join(lines) + "\n"
        rc, _, err = run("extract", "-", stdin=text)
        self.assertEqual(rc, 0)
        self.assertIn("line %d: corrupt frame (checksum mismatch)" %
                      (bad + 1), err)
        self.assertIn("source 2: 1 frame(s) missing from seq %d" % seq, err)
        rc, _, err = run("extract", "-", "--strict", stdin=text)
        self.assertEqual(rc, 1)
        self.assertIn("lost or corrupt frames", err)

    def test_crlf_console_and_restarted_source(self):
        with open(SAMPLE) as f:
            lines = f.read().splitlines()
        media = [ln for ln in lines if "@TRC 2 " in ln]
        # A console that ends lines with CR LF, and the media partition
        # restarting: its first frames come again, numbered from 0.
        text = "\r\n".join(lines + media[:3]) + "\r\n"
        rc, out, err = run("extract", "-", "--json", stdin=text)
        self.assertEqual(rc, 0, err)
        self.assertIn("source 2 restarted its trace", err)
        self.assertNotIn("duplicate", err)
        self.assertNotIn("corrupt", err)
        full, _ = records(SAMPLE)
        self.assertEqual(len(out.splitlines()),
                         len(full) + sum(len(m.split()[3]) // 32
                                         for m in (ln[ln.index("@TRC"):]
                                                   for ln in media[:3])))
        # A frame repeated without a restart is a duplicate.
        text = "\n".join(lines + media[4:5]) + "\n"
        rc, _, err = run("extract", "-", stdin=text)
        self.assertIn("1 duplicate frame(s) ignored", err)

    def test_overflow_is_counted_not_silent(self):
        full, _ = records(SAMPLE)
        lossy, err = records(OVERFLOW)
        lost = sum(r["a2"] for r in lossy if r["type"] == "overflow")
        self.assertGreater(lost, 0)
        self.assertIn("source 2: %d record(s) lost in buffer overflow" %
                      lost, err)
        kept = sum(1 for r in lossy if r["source"] == 2 and
                   r["type"] != "overflow")
        total = sum(1 for r in full if r["source"] == 2)
        # Every record of the run is either delivered or counted as lost.
        self.assertEqual(kept + lost, total)

    def test_bad_input_gives_a_message_not_a_traceback(self):
        with tempfile.TemporaryDirectory() as tmp:
            garbage = os.path.join(tmp, "garbage.log")
            with open(garbage, "wb") as f:
                f.write(bytes(range(256)) * 10)
            empty = os.path.join(tmp, "empty.log")
            open(empty, "w").close()
            half = os.path.join(tmp, "half.log")
            with open(half, "w") as f:
                f.write("@TRC 0 0 0011 deadbeef\n@TRC zz\nhello\n")
            cases = [("extract", garbage), ("ctf", empty, "-o", tmp),
                     ("vcd", half, "-o", os.path.join(tmp, "x.vcd")),
                     ("extract", os.path.join(tmp, "missing.log")),
                     ("vcd", SAMPLE), ("vcd", SAMPLE, "--name", "x",
                                       "-o", os.path.join(tmp, "y.vcd"))]
            for args in cases:
                rc, out, err = run(*args)
                self.assertEqual(rc, 1, args)
                self.assertIn("trace.py: error:", err, args)
                self.assertNotIn("Traceback", err, args)


def _babeltrace(path):
    p = subprocess.run(["babeltrace2", path], capture_output=True,
                       text=True, timeout=120)
    return p.returncode, p.stdout.splitlines(), p.stderr


@unittest.skipIf(shutil.which("babeltrace2") is None,
                 "babeltrace2 not installed (Debian package babeltrace2)")
class CtfTest(unittest.TestCase):
    def convert(self, log, tmp):
        out = os.path.join(tmp, "ctf")
        rc, _, err = run("ctf", log, "-o", out, *NAMES)
        self.assertEqual(rc, 0, err)
        n = int(re.search(r"\((\d+) CTF events\)", err).group(1))
        return out, n

    def test_babeltrace_reads_every_event(self):
        with tempfile.TemporaryDirectory() as tmp:
            out, n = self.convert(SAMPLE, tmp)
            rc, lines, err = _babeltrace(out)
            self.assertEqual(rc, 0, err)
            self.assertEqual(err.strip(), "")
            self.assertEqual(len(lines), n)
            names = [re.search(r"\) \S+ (\w+):", ln).group(1)
                     for ln in lines]
            # Start (swapper -> matrix kernel -> matrix task), 4 switches
            # per media job, and the final switch to no partition.
            self.assertEqual(names.count("sched_switch"), 2 + 4 * JOBS + 1)
            self.assertEqual(names.count("sched_wakeup"), JOBS)
            self.assertEqual(names.count("pk_vit_set"), JOBS)
            self.assertEqual(names.count("os_queue_send"), JOBS)
            self.assertEqual(names.count("os_task_create"), 4)
            self.assertEqual(names.count("pk_hm_event"), 1)
            media_in = [ln for ln in lines if "sched_switch" in ln and
                        'next_comm = "media/media"' in ln]
            self.assertEqual(len(media_in), JOBS)
            self.assertIn("next_tid = 2002", media_in[0])
            blocked = [ln for ln in lines if 'prev_comm = "media/media"' in
                       ln]
            self.assertTrue(all("prev_state = 1" in ln for ln in blocked))

    def test_overflow_event_carries_the_count(self):
        with tempfile.TemporaryDirectory() as tmp:
            out, n = self.convert(OVERFLOW, tmp)
            rc, lines, err = _babeltrace(out)
            self.assertEqual(rc, 0, err)
            self.assertEqual(len(lines), n)
            lost = sum(int(m.group(1)) for m in
                       (re.search(r"lost = (\d+)", ln) for ln in lines
                        if "trace_overflow" in ln))
            recs, _ = records(OVERFLOW)
            self.assertEqual(lost, sum(r["a2"] for r in recs
                                       if r["type"] == "overflow"))


def check_chrome_json(doc):
    """Raise AssertionError unless doc is a well-formed Chrome JSON trace:
    required fields per phase, B/E properly nested and time-ordered per
    thread, every B closed, metadata named, counters numeric."""
    assert isinstance(doc, dict) and isinstance(doc.get("traceEvents"),
                                                list), "no traceEvents"
    stacks = {}
    last_ts = {}
    for i, e in enumerate(doc["traceEvents"]):
        where = "event %d (%r)" % (i, e)
        ph = e.get("ph")
        assert ph in ("B", "E", "X", "i", "C", "M"), where
        assert isinstance(e.get("pid"), int), where
        assert isinstance(e.get("tid"), int), where
        if ph == "M":
            assert e.get("name") in ("process_name", "thread_name",
                                     "process_sort_index",
                                     "thread_sort_index"), where
            assert isinstance(e.get("args"), dict), where
            continue
        assert isinstance(e.get("ts"), (int, float)), where
        if ph in ("B", "X", "i", "C"):
            assert isinstance(e.get("name"), str) and e["name"], where
        if ph == "i":
            assert e.get("s") in ("g", "p", "t"), where
        if ph == "C":
            assert e.get("args") and all(
                isinstance(v, (int, float)) for v in e["args"].values()), \
                where
        if ph == "X":
            assert e.get("dur", -1) >= 0, where
        key = (e["pid"], e["tid"])
        if ph in ("B", "E"):
            assert e["ts"] >= last_ts.get(key, float("-inf")), \
                "time goes back on %r at %s" % (key, where)
            last_ts[key] = e["ts"]
            st = stacks.setdefault(key, [])
            if ph == "B":
                st.append(e)
            else:
                assert st, "E without B on %r at %s" % (key, where)
                b = st.pop()
                assert e["ts"] >= b["ts"], where
    for key, st in stacks.items():
        assert not st, "unclosed B on %r" % (key,)


def native_log():
    """A native system's log (source 0 only, no partition switch), built
    with the tool's own encoder: two tasks alternating every 1 ms."""
    import sys
    sys.path.insert(0, os.path.join(ROOT, "tools", "trace"))
    from tracelib import records as R
    recs = []

    def rec(t, typ, a0=0, a1=0, a2=0):
        recs.append(R.Record(t, typ, 0, a0, a1, a2))
    rec(0, R.TASK_CREATE, 1, 5)
    # A name record carries its characters in the time field.
    rec(int.from_bytes(b"ctrl\0\0\0\0", "little"), R.TASK_NAME, 1)
    for k in range(10):
        rec(k * 1000000, R.TASK_READY, 1)
        rec(k * 1000000 + 500, R.TASK_SWITCH, 1, 5, 0xFF)
        rec(k * 1000000 + 80500, R.TASK_DELAY, 1, 0, 1)
        rec(k * 1000000 + 81000, R.TASK_SWITCH, 0, 0, 1 | (1 << 8))
    lines = ["boot"]
    for seq, i in enumerate(range(0, len(recs), 4)):
        lines.append(R.frame_line(0, seq, recs[i:i + 4]))
    return "\n".join(lines) + "\n"


class NativeTraceTest(unittest.TestCase):
    def test_native_system_timeline(self):
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "native.log")
            with open(log, "w") as f:
                f.write(native_log())
            rc, _, err = run("all", log, "-o", tmp)
            self.assertEqual(rc, 0, err)
            with open(os.path.join(tmp, "trace.json")) as f:
                doc = json.load(f)
            check_chrome_json(doc)
            ctrl = [e for e in doc["traceEvents"]
                    if e["ph"] == "B" and e.get("name") == "ctrl"]
            self.assertEqual(len(ctrl), 10)
            j = subprocess.run([PY, JITTER, os.path.join(tmp, "trace.vcd"),
                                "-c", "kernel_ctrl_job", "--json"],
                               capture_output=True, text=True, timeout=120)
            self.assertEqual(j.returncode, 0, j.stderr)
            ch = json.loads(j.stdout)["channels"]["kernel_ctrl_job"]
            self.assertEqual(ch["period"]["mean"], 1000000.0)
            self.assertEqual(ch["width"]["max"], 80000.0)


class PerfettoTest(unittest.TestCase):
    def test_json_is_well_formed_and_complete(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "t.json")
            rc, _, err = run("perfetto", SAMPLE, "-o", out, *NAMES)
            self.assertEqual(rc, 0, err)
            with open(out) as f:
                doc = json.load(f)
        check_chrome_json(doc)
        ev = doc["traceEvents"]
        procs = {e["pid"]: e["args"]["name"] for e in ev
                 if e["ph"] == "M" and e["name"] == "process_name"}
        self.assertEqual(sorted(procs.values()),
                         ["kernel", "matrix", "media"])
        media_pid = [p for p, n in procs.items() if n == "media"][0]
        media_slices = [e for e in ev if e["ph"] == "B" and
                        e["pid"] == media_pid and e.get("name") == "media"]
        self.assertEqual(len(media_slices), JOBS)
        vit = [e for e in ev if e["ph"] == "i" and e["name"] == "vit_set"]
        self.assertEqual(len(vit), JOBS)
        faults = [e for e in ev if e["ph"] == "i" and e["name"] == "hm_fault"]
        self.assertEqual(faults[0]["args"]["addr"], "0xdead0000")
        queue = [e["args"]["length"] for e in ev if e["ph"] == "C" and
                 e["name"] == "queue 0x00002000"]
        self.assertEqual(queue, [k % 3 + 1 for k in range(JOBS)])
        threads = {e["args"]["name"] for e in ev
                   if e["ph"] == "M" and e["name"] == "thread_name"}
        self.assertTrue({"media/media", "matrix/matrix"} <= threads)

    def test_checker_catches_bad_nesting(self):
        bad = {"traceEvents": [
            {"ph": "B", "name": "a", "ts": 1, "pid": 1, "tid": 1},
            {"ph": "E", "ts": 2, "pid": 1, "tid": 1},
            {"ph": "E", "ts": 3, "pid": 1, "tid": 1}]}
        with self.assertRaises(AssertionError):
            check_chrome_json(bad)
        unclosed = {"traceEvents": [
            {"ph": "B", "name": "a", "ts": 1, "pid": 1, "tid": 1}]}
        with self.assertRaises(AssertionError):
            check_chrome_json(unclosed)


@unittest.skipIf(shutil.which("sigrok-cli") is None,
                 "sigrok-cli not installed (Debian package sigrok-cli)")
class VcdTest(unittest.TestCase):
    def test_sigrok_sees_the_release_period(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "t.vcd")
            rc, _, err = run("vcd", SAMPLE, "-o", out, *NAMES)
            self.assertEqual(rc, 0, err)
            p = subprocess.run(
                ["sigrok-cli", "-I", "vcd", "-i", out, "-P",
                 "timing:data=media_media_rel:edge=rising", "-A",
                 "timing=time"], capture_output=True, text=True, timeout=300)
            self.assertEqual(p.returncode, 0, p.stderr)
            freqs = [float(m.group(1)) for m in
                     re.finditer(r"\(([\d.]+) Hz\)", p.stdout)]
            # Release k is at 500 us + k * 2 ms + (2 + (k % 4) * 0.5) us
            # + 0.2 us: periods 2000.5 us three times, then 1998.5 us.
            want = [2000.5e-6 if (k + 1) % 4 else 1998.5e-6
                    for k in range(JOBS - 1)]
            self.assertEqual(len(freqs), len(want))
            for f, w in zip(freqs, want):
                self.assertAlmostEqual(1.0 / f, w, delta=w * 1e-5)

            # The job signal is high for the job: 150 + (k % 5) * 10 us.
            j = subprocess.run([PY, JITTER, out, "-c", "media_media_job",
                                "--json"], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual(j.returncode, 0, j.stderr)
            width = json.loads(j.stdout)["channels"]["media_media_job"][
                "width"]
            self.assertEqual(width["count"], JOBS)
            self.assertAlmostEqual(width["min"], 150000.0)
            self.assertAlmostEqual(width["max"], 190000.0)

    def test_all_writes_three_outputs(self):
        with tempfile.TemporaryDirectory() as tmp:
            rc, _, err = run("all", SAMPLE, "-o", tmp)
            self.assertEqual(rc, 0, err)
            for name in ("ctf/metadata", "ctf/stream_0", "trace.json",
                         "trace.vcd"):
                self.assertTrue(os.path.getsize(os.path.join(tmp, name)) > 0)


if __name__ == "__main__":
    unittest.main()
