#!/usr/bin/python3
"""Live trace session (make trace LIVE=1, docs/tracepoints.md).

Runs a traced system under QEMU (icount, as every run) with its console on
pipes and, while it runs:

- writes the console to OUT/console.log as it comes, and every --every
  seconds (and at the end) the CTF, Perfetto JSON and VCD files from the
  frames so far (OUT/ctf, OUT/trace.json, OUT/trace.vcd);
- decodes each frame line as it arrives and shows, in the terminal, per
  partition: its current task, record counts, tracepoint hits and the last
  events (--no-view: none; the view refreshes every --refresh seconds);
- serves the control socket OUT/ctl.sock: tools/trace/ctl sends one
  command line at a time, this session tags it, writes "!<tag> <command>"
  to the kernel's console input and answers with the kernel's "PK ctl
  <tag> ..." lines, then a line ".".

Exit status: QEMU's (the system's own exit status).
"""

import argparse
import collections
import json
import os
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import qemu_run  # noqa: E402
from tracelib import ctf, perfetto, vcd  # noqa: E402
from tracelib import records as R  # noqa: E402
from tracelib import tp as T  # noqa: E402
from tracelib.model import Model  # noqa: E402


def fail(msg):
    sys.stderr.write("live.py: error: %s\n" % msg)
    sys.exit(2)


class Session:
    def __init__(self, args, cfg):
        self.args = args
        self.cfg = cfg
        self.out = args.output
        self.lock = threading.Lock()
        self.log_lines = []
        self.parts = []              # partition names, by index
        self.current = {}            # source -> task id
        self.task_names = {}         # (source, task) -> name
        self.counts = collections.defaultdict(collections.Counter)
        # source -> the 3 latest events (time, text): frames of different
        # sources arrive out of time order
        self.last = collections.defaultdict(list)
        self.tp_hits = collections.Counter()   # (source, addr) -> hits
        self.answers = {}            # tag -> list of lines
        self.answer_cv = threading.Condition(self.lock)
        self.tag = 0
        self.frames = 0
        self.corrupt = 0
        self.ended = False
        self.elfs = {}
        build_dir = os.path.dirname(cfg["elf"])
        for name, path in T.part_elfs(build_dir).items():
            try:
                self.elfs[name] = T.Elf(path)
            except T.TpError:
                pass

    # ---- console ----

    def start(self):
        cmd = qemu_run.qemu_command(self.cfg, True, {})
        try:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT)
        except OSError as e:
            fail("cannot start %s: %s" % (cmd[0], e.strerror))
        self.logf = open(os.path.join(self.out, "console.log"), "w",
                         encoding="ascii", errors="replace")

    def reader(self):
        for raw in self.proc.stdout:
            line = raw.decode("ascii", "replace").rstrip("\r\n")
            self.logf.write(line + "\n")
            self.logf.flush()
            with self.lock:
                self.log_lines.append(line)
                self.take(line)
        with self.lock:
            self.ended = True
            self.answer_cv.notify_all()

    def take(self, line):
        if line.startswith("@TRC"):
            ex = R.extract(line)
            if ex.frames == 0:
                self.corrupt += 1
                return
            self.frames += 1
            for r in ex.records:
                self.record(r)
            return
        if line.startswith("PK partition ") and ":" in line:
            self.parts.append(line[len("PK partition "):].split(":")[0])
        elif line.startswith("PK ctl "):
            words = line.split(" ", 3)
            if len(words) >= 3 and words[2].isdigit():
                tag = int(words[2])
                rest = words[3] if len(words) > 3 else ""
                self.answers.setdefault(tag, []).append(rest)
                self.answer_cv.notify_all()

    def source_name(self, source):
        if source == 0:
            return "kernel"
        i = source - 1
        return self.parts[i] if i < len(self.parts) else "P%d" % source

    def task_name(self, source, task):
        if task is None or task == R.NO_TASK:
            return "-"
        return self.task_names.get((source, task), "task%d" % task)

    def tp_name(self, source, addr):
        elf = self.elfs.get(self.source_name(source))
        return elf.name_of(addr) if elf else "0x%08x" % addr

    def record(self, r):
        src = r.source
        if r.type == R.TASK_NAME:
            self.task_names[(src, r.a0)] = r.name
            return
        if r.type == R.TASK_SWITCH:
            self.current[src] = r.a0
        if r.type in (R.TP_HIT, R.TP_REG, R.PART_SWITCH, R.VIT_SET,
                      R.VIT_EXPIRE, R.WARP, R.UNWARP, R.SVC, R.VIRQ, R.HM):
            src = r.a0  # a kernel record about partition a0
        self.counts[src][r.type_name] += 1
        text = None
        if r.type == R.TP_HIT:
            self.tp_hits[(src, r.a2)] += 1
            text = "%.6f tp %s task %s" % (r.time / 1e9,
                                           self.tp_name(src, r.a2),
                                           self.task_name(src, r.a1))
        elif r.type not in (R.TP_REG, R.PART_SWITCH):
            text = "%.6f %s" % (r.time / 1e9, r.type_name)
        last = self.last[src]
        if text is not None and (len(last) < 3 or r.time > last[0][0]):
            last.append((r.time, text))
            last.sort()
            del last[:-3]

    # ---- control socket ----

    def command(self, text):
        """Send one command; its answer lines (at most 10 s)."""
        with self.lock:
            self.tag += 1
            tag = self.tag
        try:
            self.proc.stdin.write(("!%d %s\n" % (tag, text)).encode("ascii"))
            self.proc.stdin.flush()
        except (OSError, ValueError):
            return ["error the system has ended"]
        deadline = time.monotonic() + 10.0
        with self.lock:
            while True:
                got = self.answers.get(tag, [])
                if got and (got[-1].startswith("ok") or
                            got[-1].startswith("error")):
                    return self.answers.pop(tag)
                left = deadline - time.monotonic()
                if self.ended or left <= 0:
                    return got + ["error no answer from the kernel"]
                self.answer_cv.wait(left)

    def serve(self, path):
        if os.path.exists(path):
            os.unlink(path)
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        srv.listen(4)
        self.srv = srv
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            threading.Thread(target=self.client, args=(conn,),
                             daemon=True).start()

    def client(self, conn):
        f = conn.makefile("rwb")
        try:
            for raw in f:
                text = raw.decode("ascii", "replace").strip()
                if not text:
                    continue
                if any(c in text for c in "!\r") or len(text) > 60:
                    lines = ["error bad command"]
                else:
                    lines = self.command(text)
                f.write(("\n".join(lines) + "\n.\n").encode("ascii"))
                f.flush()
        except OSError:
            pass
        finally:
            conn.close()

    # ---- files and view ----

    def write_files(self):
        with self.lock:
            text = "\n".join(self.log_lines)
        ex = R.extract(text)
        if ex.frames == 0:
            return 0
        names = {i + 1: n for i, n in enumerate(self.parts)}
        tp_names = {}
        for r in ex.records:
            if r.type == R.TP_HIT and (r.a0, r.a2) not in tp_names:
                tp_names[(r.a0, r.a2)] = self.tp_name(r.a0, r.a2)
        model = Model(ex.records, names, tp_names)
        ctf.write(model, os.path.join(self.out, "ctf"))
        tmp = os.path.join(self.out, "trace.json.tmp")
        perfetto.write(model, tmp)
        os.replace(tmp, os.path.join(self.out, "trace.json"))
        tmp = os.path.join(self.out, "trace.vcd.tmp")
        vcd.write(model, tmp)
        os.replace(tmp, os.path.join(self.out, "trace.vcd"))
        return len(ex.records)

    def view(self):
        with self.lock:
            lines = ["live trace: %s  frames=%d corrupt=%d  (ctl: %s)" % (
                self.cfg.get("name", ""), self.frames, self.corrupt,
                os.path.join(self.out, "ctl.sock"))]
            for i, name in enumerate(self.parts):
                src = i + 1
                c = self.counts[src]
                hits = sum(n for (s, _), n in self.tp_hits.items()
                           if s == src)
                lines.append("%-10s task %-10s records %-7d switches %-6d "
                             "tp hits %-6d hm %d" % (
                                 name, self.task_name(src,
                                                      self.current.get(src)),
                                 sum(c.values()), c["task_switch"], hits,
                                 c["hm"]))
                for _, ev in self.last[src]:
                    lines.append("    " + ev)
        return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", required=True,
                    help="qemu.json of a TRACE=1 build")
    ap.add_argument("-o", "--output", required=True, help="output folder")
    ap.add_argument("--no-view", action="store_true",
                    help="no terminal view (a summary at the end only)")
    ap.add_argument("--refresh", type=float, default=0.5,
                    help="seconds between two views (default 0.5)")
    ap.add_argument("--every", type=float, default=5.0,
                    help="seconds between two writes of the files")
    ap.add_argument("--timeout", type=float, default=None,
                    help="wall-clock limit in seconds (default: the "
                    "system's)")
    args = ap.parse_args(argv)
    try:
        with open(args.config, encoding="utf-8") as f:
            cfg = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        fail("cannot read %s: %s" % (args.config, e))
    if not os.path.isfile(cfg.get("elf", "")):
        fail("ELF not found: %s (build it first)" % cfg.get("elf"))
    cfg.setdefault("qemu", "qemu-system-arm")
    cfg.setdefault("flags", "")
    os.makedirs(args.output, exist_ok=True)
    # Where tools/trace/ctl finds the partitions' ELFs.
    with open(os.path.join(args.output, "session.json"), "w",
              encoding="utf-8") as f:
        json.dump({"build": os.path.abspath(os.path.dirname(cfg["elf"])),
                   "name": cfg.get("name", "")}, f)
        f.write("\n")
    s = Session(args, cfg)
    s.start()
    sock = os.path.join(args.output, "ctl.sock")
    threading.Thread(target=s.serve, args=(sock,), daemon=True).start()
    reader = threading.Thread(target=s.reader, daemon=True)
    reader.start()
    timeout = args.timeout or float(cfg.get("timeout", 60)) * 4
    start = time.monotonic()
    last_write = start
    tty = sys.stdout.isatty() and not args.no_view
    while reader.is_alive():
        reader.join(args.refresh)
        now = time.monotonic()
        if now - start > timeout:
            s.proc.kill()
            sys.stderr.write("live.py: wall-clock limit reached: QEMU "
                             "stopped\n")
            break
        wrote = False
        if now - last_write >= args.every:
            s.write_files()
            last_write = now
            wrote = True
        if not args.no_view and (tty or wrote):
            text = s.view()
            sys.stdout.write(("\x1b[H\x1b[2J" if tty else "") + text + "\n")
            sys.stdout.flush()
    status = s.proc.wait()
    try:
        s.srv.close()
        os.unlink(sock)
    except (AttributeError, OSError):
        pass
    n = s.write_files()
    print(s.view())
    print("live.py: %d records; files in %s (console.log, ctf/, "
          "trace.json, trace.vcd); QEMU exit status %d" % (n, args.output,
                                                          status))
    return status


if __name__ == "__main__":
    sys.exit(main())
