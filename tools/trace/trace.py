#!/usr/bin/python3
"""trace.py - turn a captured console log into files existing viewers open.

Usage:
  trace.py extract LOG [-o FILE] [--json]   records as text (or JSON lines)
  trace.py ctf LOG -o DIR                   CTF 1.8 (babeltrace2, Trace Compass)
  trace.py perfetto LOG -o FILE.json        Chrome JSON (Perfetto UI)
  trace.py vcd LOG -o FILE.vcd              VCD (PulseView, GTKWave)
  trace.py all LOG -o DIR                   DIR/ctf, DIR/trace.json, DIR/trace.vcd

LOG is a console capture holding "@TRC" frames (docs/trace-format.md); "-"
reads standard input. Lost or corrupt frames and records lost to buffer
overflow are reported on standard error; --strict makes them an error.
--name 1=matrix names partition sources in the outputs.

Exit status: 0 success, 1 bad input (message on standard error), 2 usage.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from tracelib import ctf, perfetto, vcd  # noqa: E402
from tracelib import records as R  # noqa: E402
from tracelib import tp as T  # noqa: E402
from tracelib.model import Model  # noqa: E402


def fail(msg):
    sys.stderr.write("trace.py: error: %s\n" % msg)
    sys.exit(1)


def read_log(path):
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as e:
        fail("cannot read %s: %s" % (path, e.strerror))
    # Console logs may carry stray bytes (boot noise, "\r"): frames are
    # ASCII, so anything else is replaced and cannot fake a frame.
    return data.decode("ascii", "replace")


def load(args):
    ex = R.extract(read_log(args.log))
    for line in ex.problems():
        sys.stderr.write("trace.py: warning: %s\n" % line)
    if ex.frames == 0:
        fail("%s: no valid @TRC frame found (is it a console log of a "
             "traced run?)" % args.log)
    if args.strict and (ex.corrupt or ex.missing):
        fail("%s: lost or corrupt frames (see above)" % args.log)
    names = {}
    for item in args.name or []:
        key, sep, value = item.partition("=")
        if not sep or not key.isdigit() or not value:
            fail("bad --name %r: want SOURCE=NAME, e.g. 1=matrix" % item)
        names[int(key)] = value
    sys.stderr.write("trace.py: %d frames, %d records, sources %s\n" %
                     (ex.frames, len(ex.records),
                      ",".join(str(s) for s in sorted(ex.sources))))
    tp_names = {}
    for item in getattr(args, "symbols", None) or []:
        key, sep, path = item.partition("=")
        if not sep or not key.isdigit() or not path:
            fail("bad --symbols %r: want SOURCE=ELF, e.g. 1=tp.elf" % item)
        try:
            elf = T.Elf(path)
        except T.TpError as e:
            fail(str(e))
        for r in ex.records:
            if r.type == R.TP_HIT and r.a0 == int(key):
                tp_names[(r.a0, r.a2)] = elf.name_of(r.a2)
    return ex, Model(ex.records, names, tp_names)


def need_output(args):
    if not args.output:
        fail("%s needs -o OUTPUT" % args.command)
    return args.output


def cmd_extract(args):
    ex, _ = load(args)
    lines = []
    for r in ex.records:
        if args.json:
            d = {"time": r.time, "type": r.type_name, "source": r.source,
                 "a0": r.a0, "a1": r.a1, "a2": r.a2}
            if r.name is not None:
                d["name"] = r.name
            lines.append(json.dumps(d))
        else:
            lines.append(r.describe())
    text = "\n".join(lines) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def write_ctf(model, path):
    n = ctf.write(model, path)
    sys.stderr.write("trace.py: wrote %s (%d CTF events)\n" % (path, n))


def write_perfetto(model, path):
    perfetto.write(model, path)
    sys.stderr.write("trace.py: wrote %s\n" % path)


def write_vcd(model, path):
    vcd.write(model, path)
    sys.stderr.write("trace.py: wrote %s\n" % path)


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="trace.py",
        description="Extract @TRC trace frames from a console log and "
                    "convert them to CTF, Chrome JSON (Perfetto) or VCD.")
    ap.add_argument("command",
                    choices=["extract", "ctf", "perfetto", "vcd", "all"])
    ap.add_argument("log", help="console log ('-' for standard input)")
    ap.add_argument("-o", "--output", help="output file or directory")
    ap.add_argument("--json", action="store_true",
                    help="extract: one JSON object per record")
    ap.add_argument("--strict", action="store_true",
                    help="fail when frames are lost or corrupt")
    ap.add_argument("--name", action="append", metavar="SOURCE=NAME",
                    help="name a source, e.g. --name 1=matrix")
    ap.add_argument("--symbols", action="append", metavar="SOURCE=ELF",
                    help="name the tracepoints of a source from its "
                    "partition's ELF, e.g. --symbols 1=build/.../tp.elf")
    args = ap.parse_args(argv)
    try:
        if args.command == "extract":
            cmd_extract(args)
            return 0
        _, model = load(args)
        out = need_output(args)
        if args.command == "ctf":
            write_ctf(model, out)
        elif args.command == "perfetto":
            write_perfetto(model, out)
        elif args.command == "vcd":
            write_vcd(model, out)
        else:
            os.makedirs(out, exist_ok=True)
            write_ctf(model, os.path.join(out, "ctf"))
            write_perfetto(model, os.path.join(out, "trace.json"))
            write_vcd(model, os.path.join(out, "trace.vcd"))
    except OSError as e:
        fail("cannot write %s: %s" % (e.filename or args.output, e.strerror))
    except R.TraceError as e:
        fail(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
