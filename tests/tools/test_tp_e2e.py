"""End-to-end test of tracepoints and the live control channel.

`make trace LIVE=1 SYSTEM=pk-tp` builds tests/target/pk-tp with the trace
on and runs it under tools/trace/live.py; while it runs, the test plants
tracepoints from the host through tools/trace/ctl (by symbol, by
file:line, in the guest kernel's range and in the user range, on each
displaced class: plain, pc-relative load, branch, branch with link, ldm
with pc, an unmodified C function), checks the refusals (a partition the
configuration does not let the tracer reach, a misaligned address, one
past the end of the code, the trap encoding itself), watches the hits
grow, removes one, sees the partition execute the trap encoding itself
(an ordinary fault: cold restart) and the tracepoints hit again after the
restart, then ends the run with a time window. The guest checks every
result of the traced functions itself (RESULT pk-tp PASS); the files the
live session wrote must show the hits: Perfetto JSON instants with the
symbol names and registers, CTF events babeltrace2 reads, a VCD wire.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools", "trace"))
sys.path.insert(0, HERE)

from tracelib import tp as T  # noqa: E402
import testproc  # noqa: E402

PY = "/usr/bin/python3"
BUILD = os.path.join("build", "tp-e2e")
OUT = os.path.join(ROOT, BUILD, "versatilepb", "pk-tp", "trace")
ELF = os.path.join(ROOT, BUILD, "trace-build", "versatilepb", "pk-tp",
                   "part", "tp", "tp.elf")
CTL = os.path.join(ROOT, "tools", "trace", "ctl")
TRACE = os.path.join(ROOT, "tools", "trace", "trace.py")
HAVE_TOOLS = all(shutil.which(t) for t in
                 ("arm-none-eabi-gcc", "qemu-system-arm", "gcc"))

SITES = ["tp_pcrel", "tp_branch", "tp_call_site", "tp_ret_site",
         "os_time_ns"]


def ctl(*args):
    p = subprocess.run([PY, CTL, "--dir", OUT] + list(args),
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout + p.stderr


def wait_for(pred, timeout, what):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def console():
    try:
        with open(os.path.join(OUT, "console.log"), errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def hits(c):
    out = {}
    for line in c.command("tps"):
        if line.startswith("tp "):
            f = T.parse_fields(line)
            out[int(f["addr"], 16)] = int(f["hits"])
    return out


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc, qemu-system-arm "
                     "and gcc")
class TracepointsEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(os.path.join(ROOT, BUILD), ignore_errors=True)
        cls.make = subprocess.Popen(
            ["make", "-s", "BUILD=" + BUILD, "trace", "LIVE=1",
             "SYSTEM=pk-tp", "PK_APP_DEFINES=-DPHASE_MS=3000 -DLIFE1_MS=600000",
             "LIVE_FLAGS=--no-view --every 2"],
            cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        try:
            cls.run_session()
        finally:
            try:
                cls.make_out, _ = cls.make.communicate(timeout=600)
            except subprocess.TimeoutExpired:
                testproc.kill_group(cls.make)
                cls.make_out, _ = cls.make.communicate()

    @classmethod
    def run_session(cls):
        sock = os.path.join(OUT, "ctl.sock")
        wait_for(lambda: os.path.exists(sock) or cls.make.poll() is not None,
                 600, "the live session's socket")
        if cls.make.poll() is not None:
            raise AssertionError("make trace LIVE=1 ended early:\n" +
                                 cls.make.stdout.read()[-3000:])
        wait_for(lambda: "[tp] tp: life 0" in console(), 60, "the boot")
        cls.elf = T.Elf(ELF)
        r = cls.r = {}
        r["ls"] = ctl("ls")
        # By name and by file:line (the body of tp_work), with registers.
        r["plain"] = ctl("tp", "tp", "tp_plain", "--regs", "r0,lr")
        with open(os.path.join(ROOT, "tests", "target", "pk-tp", "apps",
                               "tp", "tp.c")) as f:
            line = [n for n, text in enumerate(f, 1)
                    if "return (x * 3u) ^ (y + 7u);" in text][0]
        r["line"] = ctl("tp", "0", "tp.c:%d" % line)
        c = T.Client(sock)
        cls.planted = {}
        for s in SITES:
            addr = cls.elf.resolve(s)
            r[s] = c.command("tp 0 %08x 1" % addr)
            cls.planted[s] = addr
        # Refusals.
        r["other"] = ctl("tp", "other", "main")
        r["misaligned"] = ctl("tp", "tp", "tp_plain+2")
        r["trap"] = ctl("tp", "tp", "tp_own_trap")
        text_end = None
        for line in subprocess.run(["arm-none-eabi-size", "-A", ELF],
                                   capture_output=True, text=True).stdout \
                .splitlines():
            w = line.split()
            if w and w[0] == ".user_text":
                text_end = int(w[2]) + int(w[1])
        # The last word wholly inside the code, and the next one.
        last = (text_end - 4) & ~3
        r["past_end"] = c.command("tp 0 %08x 0" % (last + 4))
        r["last_word"] = c.command("tp 0 %08x 0" % last)
        # Hits grow while it runs.
        cls.hits0 = wait_for(
            lambda: (lambda h: h if all(h.get(a, 0) > 0 for a in
                                        cls.planted.values()) else None)(
                hits(c)), 60, "hits on every tracepoint")
        # The trace switched off and on, one partition deselected, one
        # category kept: each for a second of the run, dated by the
        # kernel's clock (ls) after the command took effect.
        mask0 = T.parse_fields(c.command("ls")[-1])["mask"]
        cls.windows = {}
        for name, off, on in (
                ("stop", ("stop",), ("start",)),
                ("parts", ("parts", "tp"), ("parts", "all")),
                ("mask", ("mask", "20"), ("mask", mask0[2:]))):
            r[name + "_off"] = ctl(*off)
            t0 = int(T.parse_fields(c.command("ls")[-1])["time_ns"])
            time.sleep(1.0)
            t1 = int(T.parse_fields(c.command("ls")[-1])["time_ns"])
            r[name + "_on"] = ctl(*on)
            cls.windows[name] = (t0, t1)
        r["ls_after"] = c.command("ls")
        # Remove the one on tp_plain.
        ids = {int(T.parse_fields(x)["addr"], 16): int(T.parse_fields(x)["id"])
               for x in c.command("tps") if x.startswith("tp ")}
        cls.plain_addr = cls.elf.resolve("tp_plain")
        r["rm"] = ctl("rm", str(ids[cls.plain_addr]))
        ls = c.command("ls")
        cls.rm_time = int(T.parse_fields(ls[-1])["time_ns"])
        # The partition restarts (its own trap encoding); the tracepoints
        # are planted again and keep hitting.
        wait_for(lambda: "PK restart partition=tp count=1" in console(),
                 300, "the restart")
        wait_for(lambda: "[tp] tp: life 1" in console(), 60, "life 1")
        h1 = hits(c)
        time.sleep(1.0)
        cls.hits_after = (h1, hits(c))
        r["tps"] = ctl("tps")
        # The guest's own check of the results in its second life, then
        # the end of the run by a time window.
        def progress_in_life_1():
            text = console()
            i = text.find("[tp] tp: life 1")
            return i >= 0 and "[tp] tp: calls=" in text[i:]
        wait_for(progress_in_life_1, 300, "calls in life 1")
        r["window"] = ctl("window", "100")
        c.close()

    def test_run_passed(self):
        self.assertEqual(self.make.returncode, 0, self.make_out[-3000:])
        log = console()
        # The guest found every traced function's result right, in both
        # lives (it reports its errors as it goes and fails on any).
        self.assertRegex(log, r"tp: life 0 calls=\d+ errors=0")
        counts = re.findall(r"tp: calls=\d+ errors=(\d+)", log)
        self.assertTrue(counts)
        self.assertEqual(set(counts), {"0"})
        self.assertNotIn("FAIL", log)
        self.assertIn("ok window ms=100", self.r["window"][1])
        self.assertIn("PK run end after window", log)

    def test_ls_lists_partitions_and_tasks(self):
        rc, out = self.r["ls"]
        self.assertEqual(rc, 0, out)
        self.assertRegex(out, r"part index=0 name=tp state=\w+ task=\d+ "
                         r"tracepoints=1")
        self.assertRegex(out, r"part index=1 name=other .*tracepoints=0")

    def test_planted(self):
        for key in ("plain", "line"):
            rc, out = self.r[key]
            self.assertEqual(rc, 0, out)
            self.assertIn("ok tp id=", out)
        self.assertIn("regs=0x4001", self.r["plain"][1])
        self.assertIn("addr=0x%08x" % self.elf.resolve("tp_work"),
                      self.r["line"][1])
        for s in SITES:
            self.assertTrue(self.r[s][-1].startswith("ok tp"), self.r[s])

    def test_refused(self):
        rc, out = self.r["other"]
        self.assertEqual(rc, 1)
        self.assertIn("tracepoints not allowed in this partition", out)
        rc, out = self.r["misaligned"]
        self.assertEqual(rc, 1)
        self.assertIn("not a word-aligned address", out)
        rc, out = self.r["trap"]
        self.assertEqual(rc, 1)
        self.assertIn("cannot be displaced", out)
        self.assertIn("not a word-aligned address in the partition's code",
                      self.r["past_end"][-1])
        # The last word of the code is inside: refused only if it is not
        # an instruction that can be displaced, never for its address.
        self.assertNotIn("address", self.r["last_word"][-1])

    def records(self):
        if not hasattr(self.__class__, "recs"):
            p = subprocess.run([PY, TRACE, "extract", "--json",
                                os.path.join(OUT, "console.log")],
                               capture_output=True, text=True, timeout=300)
            self.assertEqual(p.returncode, 0, p.stderr[-2000:])
            self.__class__.recs = [json.loads(x)
                                   for x in p.stdout.splitlines()]
        return self.recs

    def in_window(self, name):
        t0, t1 = self.windows[name]
        self.assertGreater(t1 - t0, 1000000, name)  # the run went on
        return [x for x in self.records() if t0 < x["time"] < t1]

    def test_stop_and_start(self):
        self.assertEqual(self.r["stop_off"][0], 0, self.r["stop_off"][1])
        self.assertIn("ok stop", self.r["stop_off"][1])
        self.assertRegex(self.r["stop_on"][1], r"ok start mask=0x[0-9a-f]+")
        # Stopped: nothing but the meta category (overflow, task names).
        inside = self.in_window("stop")
        self.assertEqual([x for x in inside
                          if x["type"] not in ("overflow", "task_name")],
                         [], "records while stopped")
        # Started again: the same categories as before.
        t1 = self.windows["stop"][1]
        after = {(x["source"], x["type"]) for x in self.records()
                 if x["time"] > t1}
        self.assertIn((0, "tp_hit"), after)  # the kernel's
        self.assertIn((2, "task_switch"), after)  # a guest's
        self.assertIn((0, "part_switch"), after)

    def test_parts_selects_partitions(self):
        self.assertIn("ok parts=0x00000001", self.r["parts_off"][1])
        self.assertIn("ok parts=0xffffffff", self.r["parts_on"][1])
        inside = self.in_window("parts")
        sources = {x["source"] for x in inside
                   if x["type"] not in ("overflow", "task_name")}
        # Partition 1 ("other", source 2) deselected: none of its tick
        # core's records; the kernel's go on.
        self.assertNotIn(2, sources)
        self.assertIn(0, sources)
        t1 = self.windows["parts"][1]
        back = [x for x in self.records() if x["source"] == 2 and
                x["type"] == "task_switch" and x["time"] > t1]
        self.assertTrue(back, "partition other's records after parts all")

    def test_mask_keeps_categories(self):
        # The meta category is never masked.
        self.assertIn("ok mask=0x21", self.r["mask_off"][1])
        inside = self.in_window("mask")
        # Only the task category (0x5x records) and meta.
        cats = {x["type"] for x in inside}
        self.assertTrue(cats, "no records under mask 0x20")
        self.assertTrue(all(t.startswith("task_") or t == "overflow"
                            for t in cats), cats)
        self.assertIn("task_switch", cats)
        self.assertRegex(self.r["ls_after"][-1],
                         r"mask=%s " % re.escape(
                             T.parse_fields(self.r["ls"][1].splitlines()[-1])
                             ["mask"]))

    def test_trap_encoding_of_the_partition_is_a_fault(self):
        trap = self.elf.symbols["tp_own_trap"][0]
        self.assertRegex(console(), r"HM partition=tp kind=undefined "
                         r"addr=0x%08x .*action=restart" % trap)

    def test_hits_continue_after_restart(self):
        before, after = self.hits_after
        for s in SITES:
            a = self.planted[s]
            if s == "os_time_ns":
                continue  # called once per 64 rounds: may be slow
            self.assertGreater(after[a], before[a], s)
        self.assertNotIn(self.plain_addr, after)

    def test_removed_restores_and_stops_hits(self):
        rc, out = self.r["rm"]
        self.assertEqual(rc, 0, out)
        p = subprocess.run([PY, TRACE, "extract", "--json",
                            os.path.join(OUT, "console.log")],
                           capture_output=True, text=True, timeout=300)
        recs = [json.loads(x) for x in p.stdout.splitlines()]
        plain = [x for x in recs if x["type"] == "tp_hit" and
                 x["a2"] == self.plain_addr]
        self.assertTrue(plain)
        self.assertFalse([x for x in plain if x["time"] > self.rm_time])
        restart = min(x["time"] for x in recs if x["type"] == "task_create"
                      and x["source"] == 1 and x["time"] > 1000000000)
        later = {x["a2"] for x in recs if x["type"] == "tp_hit" and
                 x["time"] > restart}
        self.assertIn(self.planted["tp_pcrel"], later)
        regs = [x for x in recs if x["type"] == "tp_reg"]
        self.assertTrue(any(x["a1"] == 14 for x in regs))

    def test_files_show_the_hits(self):
        with open(os.path.join(OUT, "trace.json")) as f:
            doc = json.load(f)
        tps = [e for e in doc["traceEvents"] if e.get("cat") == "tracepoint"]
        names = {e["name"] for e in tps}
        self.assertIn("tp tp_pcrel", names)
        self.assertIn("tp os_time_ns", names)
        self.assertTrue(any("r0" in e["args"] and "r14" in e["args"]
                            for e in tps if e["name"] == "tp tp_plain"))
        with open(os.path.join(OUT, "trace.vcd")) as f:
            self.assertIn(" tp_tp $end", f.read())
        with open(os.path.join(OUT, "ctf", "metadata")) as f:
            self.assertIn("pk_tracepoint", f.read())
        if shutil.which("babeltrace2"):
            p = subprocess.run(["babeltrace2", os.path.join(OUT, "ctf")],
                               capture_output=True, text=True, timeout=300)
            self.assertEqual(p.returncode, 0, p.stderr[-2000:])
            self.assertIn("pk_tracepoint:", p.stdout)


if __name__ == "__main__":
    unittest.main()
