#!/usr/bin/python3
"""fuzz_readers.py - coverage-guided fuzzing of the host tools' input readers.

Readers (--reader, repeatable; default all):
  jitter-vcd      tools/jitter/jitter.py on a VCD
  jitter-csv      tools/jitter/jitter.py on a Saleae CSV
  jitter-sr       tools/jitter/jitter.py on a sigrok session (needs
                  sigrok-cli; each input is one sigrok-cli run, so slow)
  trace           tools/trace/trace.py (extract, then CTF, JSON and VCD)
  pkconfig        tools/pkconfig.py gen on a system table
  pkconfig-board  tools/pkconfig.py gen with a board description

Each reader starts from seed files (tests/tools/data, tests/tools/configs,
the board's board.toml), mutates them (bit flips, byte insert/delete/
duplicate, splice, truncation, and token-aware changes: a smaller or
repeated VCD time stamp, a line duplicated, dropped or swapped, a number
made huge or negative, a trace frame's payload changed with its checksum
recomputed so the frame passes the CRC), and runs the tool's main() in
this process under sys.settrace line coverage. An input that reaches a
line not reached before joins the corpus.

A reader fails on an exception escaping its main() (the tools turn bad
input into a one-line message and a status), on an input running longer
than --limit seconds, or on a MemoryError (memory is capped). Each failing
input is written to --crash-dir with the traceback on standard error.

Seeded and reproducible with --iterations (--seconds bounds the wall-clock
time instead). Prints per reader: inputs run, inputs per second,
new-coverage inputs kept, distinct lines covered (of the readers'
executable lines), failures. Exit status 0 when nothing failed, 1 when
something did, 2 on bad usage. --replay FILE runs one input of --reader.
"""

import argparse
import contextlib
import glob
import hashlib
import importlib.util
import io
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "tools", "data")
CONFIGS = os.path.join(ROOT, "tests", "tools", "configs")
BOARD = os.path.join(ROOT, "bsp", "versatilepb", "board.toml")
# Address-space cap of the fuzzing process: a reader that tries to build
# something huge from a small input fails with MemoryError, not a swap storm.
MEMORY_CAP = 2 << 30
# Largest mutated input (bytes): keeps one input's run short.
MAX_INPUT = 64 * 1024
# Values that sit on the edges of the readers' checks.
INTERESTING_NUMBERS = ["0", "1", "-1", "255", "256", "4294967295",
                       "4294967296", "18446744073709551615",
                       "18446744073709551616", "9" * 40, "1e308", "-0",
                       "0x7fffffff", "1.5", "nan", "inf", "99999999999999"]
INTERESTING_BYTES = b"\x00\xff\n\r\t #$01xzb!\"[]=,.-+e@\x80"


class Hang(BaseException):
    """Raised by the timer when one input runs longer than the bound; a
    BaseException so that no reader's error handling swallows it."""


def load_module(name, path):
    """Import a tool from its file (the tools are scripts, not packages)."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def executable_lines(path):
    """The set of line numbers of path that hold code (for the coverage
    figure's denominator)."""
    with open(path, encoding="utf-8") as f:
        code = compile(f.read(), path, "exec")
    lines = set()
    todo = [code]
    while todo:
        c = todo.pop()
        lines.update(ln for _, _, ln in c.co_lines() if ln is not None)
        todo.extend(k for k in c.co_consts if hasattr(k, "co_lines"))
    return lines


# ------------------------------------------------------------- mutations

def mutate_bytes(rng, data, corpus):
    """One byte-level mutation of data (bytes) -> bytes."""
    op = rng.randrange(8)
    n = len(data)
    if n == 0:
        return bytes([rng.choice(INTERESTING_BYTES)])
    i = rng.randrange(n)
    if op == 0:   # flip one bit
        return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + \
            data[i + 1:]
    if op == 1:   # set one byte to an interesting or random value
        b = rng.choice(INTERESTING_BYTES) if rng.random() < 0.7 \
            else rng.randrange(256)
        return data[:i] + bytes([b]) + data[i + 1:]
    if op == 2:   # insert a few bytes
        k = rng.randrange(1, 9)
        ins = bytes(rng.choice(INTERESTING_BYTES) for _ in range(k))
        return data[:i] + ins + data[i:]
    if op == 3:   # delete a range
        return data[:i] + data[i + rng.randrange(1, 65):]
    if op == 4:   # duplicate a range
        j = min(n, i + rng.randrange(1, 257))
        return data[:j] + data[i:j] + data[j:]
    if op == 5:   # splice with another corpus entry
        other = rng.choice(corpus)
        j = rng.randrange(len(other) + 1)
        return data[:i] + other[j:]
    if op == 6:   # truncate (a file cut short)
        return data[:i]
    # Drop the last line's newline (a last line cut in the middle).
    return data.rstrip(b"\n")[:max(0, n - rng.randrange(1, 4))]


# A number as the readers see one: an integer, a decimal, an exponent.
NUMBER_RE = re.compile(rb"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def mutate_text(rng, data):
    """One token-aware mutation: lines and numbers, VCD time stamps."""
    lines = data.split(b"\n")
    n = len(lines)
    op = rng.randrange(7)
    i = rng.randrange(n)
    if op == 0:   # duplicate a line
        lines.insert(i, lines[i])
    elif op == 1:  # delete a line
        del lines[i]
    elif op == 2:  # swap two lines
        j = rng.randrange(n)
        lines[i], lines[j] = lines[j], lines[i]
    elif op in (3, 4):  # a VCD time stamp made smaller or repeated
        stamps = [k for k, ln in enumerate(lines) if ln.startswith(b"#")]
        if not stamps:
            return data
        k = rng.choice(stamps)
        m = NUMBER_RE.search(lines[k])
        if m is None:
            return data
        t = int(m.group())
        if op == 3:
            t = rng.choice([t - 1, t // 2, 0])
            lines[k] = b"#%d" % max(t, 0) + lines[k][m.end():]
        else:
            lines.insert(rng.randrange(n), lines[k])
    else:          # a number replaced by an edge value
        ms = list(NUMBER_RE.finditer(data))
        if not ms:
            return data
        m = rng.choice(ms)
        num = rng.choice(INTERESTING_NUMBERS).encode()
        return data[:m.start()] + num + data[m.end():]
    return b"\n".join(lines)


FRAME_RE = re.compile(rb"@TRC (\d+) (\d+) ([0-9a-f]+) [0-9a-f]{8}")


def mutate_frame(rng, data):
    """Change a trace frame's fields or payload bytes and recompute its
    CRC, so the mutation reaches the record decoder and the converters."""
    ms = list(FRAME_RE.finditer(data))
    if not ms:
        return data
    m = rng.choice(ms)
    hexdigits = m.group(3)[:len(m.group(3)) // 2 * 2]
    src, seq, payload = m.group(1), m.group(2), bytearray.fromhex(
        hexdigits.decode())
    op = rng.randrange(6)
    if op == 0 and payload:   # change one byte (type, source, args, time)
        payload[rng.randrange(len(payload))] = rng.randrange(256)
    elif op == 1:             # a record's type byte
        base = 16 * rng.randrange(max(1, len(payload) // 16))
        if base + 8 < len(payload):
            payload[base + 8] = rng.choice([0, 1, 2, 0x10, 0x11, 0x50, 0x54,
                                            0x70, 0x7f, 0xff])
    elif op == 2:             # a truncated or lengthened payload
        if rng.random() < 0.5:
            del payload[rng.randrange(len(payload) + 1):]
        else:
            payload += bytes(rng.randrange(256) for _ in
                             range(rng.randrange(1, 40)))
    elif op == 3:             # a time near the 64-bit limit
        base = 16 * rng.randrange(max(1, len(payload) // 16))
        payload[base:base + 8] = rng.choice(
            [b"\xff" * 8, b"\x00" * 8, b"\xfe" + b"\xff" * 7])
    elif op == 4:             # another source or sequence number
        src = rng.choice([b"0", b"1", b"2", b"255", b"256", b"999"])
    else:
        seq = rng.choice([b"0", b"1", b"4294967295", b"4294967296",
                          b"9999999999", seq])
    body = b"%s %s %s" % (src, seq, payload.hex().encode())
    frame = b"@TRC %s %08x" % (body, zlib.crc32(body))
    return data[:m.start()] + frame + data[m.end():]


def mutate(rng, data, corpus, frames):
    """A stack of one to four mutations."""
    for _ in range(rng.randrange(1, 5)):
        r = rng.random()
        if frames and r < 0.4:
            data = mutate_frame(rng, data)
        elif r < 0.7:
            data = mutate_text(rng, data)
        else:
            data = mutate_bytes(rng, data, corpus)
    return data[:MAX_INPUT]


# ---------------------------------------------------------------- readers

class Reader:
    """One fuzzed reader: its seeds, how to run one input, which files
    count for coverage."""

    def __init__(self, name, ext, seeds, files, run, frames=False,
                 limit_scale=1.0):
        self.name = name          # --reader name
        self.ext = ext            # file name extension of an input
        self.seeds = seeds        # list of bytes
        self.files = files        # source files whose lines count
        self.run = run            # run(path, workdir): one input
        self.frames = frames      # trace frames: use mutate_frame
        self.limit_scale = limit_scale  # multiplies --limit


def quiet_call(fn, *args):
    """Call fn with stdout and stderr captured (the tools print)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        return fn(*args)


def make_readers(workdir):
    jitter = load_module("jitter", os.path.join(ROOT, "tools", "jitter",
                                                "jitter.py"))
    sys.path.insert(0, os.path.join(ROOT, "tools", "trace"))
    trace = load_module("trace_tool", os.path.join(ROOT, "tools", "trace",
                                                   "trace.py"))
    pkconfig = load_module("pkconfig", os.path.join(ROOT, "tools",
                                                    "pkconfig.py"))
    svg = os.path.join(workdir, "out.svg")

    def run_jitter(fmt):
        def run(path, _):
            rc = quiet_call(jitter.main, [path, "--format", fmt])
            if rc != 0:
                return
            # The capture is readable: also the latency and grid paths,
            # between its first two channels.
            cap = jitter.load(path, fmt)
            chans = cap.order[:2] if len(cap.order) >= 2 else \
                cap.order * 2
            if not chans:
                return
            quiet_call(jitter.main, [path, "--format", fmt, "--period",
                                     "1ms", "--from", chans[0], "--to",
                                     chans[1], "--svg", svg, "--bin", "1us"])
            quiet_call(jitter.main, [path, "--format", fmt, "--grid",
                                     "1ms@0ns", "--to", chans[1], "--skip",
                                     "2", "--json"])
        return run

    def run_trace(path, wd):
        try:
            quiet_call(trace.main, ["all", path, "-o", os.path.join(wd, "out"),
                                    "--name", "1=matrix", "--name",
                                    "2=m\u00e9dia"])
        except SystemExit as e:
            # trace.py's own way out on bad input: status 1.
            if e.code != 1:
                raise

    def run_pkconfig(path, wd):
        quiet_call(pkconfig.main, ["gen", path, "--board", BOARD,
                                   "--apps-dir", os.path.join(CONFIGS, "apps"),
                                   "--out", os.path.join(wd, "gen")])

    def run_board(path, wd):
        quiet_call(pkconfig.main, ["gen", os.path.join(CONFIGS, "good",
                                                       "bvt2.toml"),
                                   "--board", path, "--apps-dir",
                                   os.path.join(CONFIGS, "apps"),
                                   "--out", os.path.join(wd, "gen")])

    def read(path):
        with open(path, "rb") as f:
            return f.read()

    # One more VCD seed: the trace's own, as trace.py writes it.
    trace_vcd = os.path.join(workdir, "trace-seed.vcd")
    quiet_call(trace.main, ["vcd", os.path.join(DATA, "sample_console.log"),
                            "-o", trace_vcd])
    jfiles = [os.path.join(ROOT, "tools", "jitter", "jitter.py")]
    readers = [
        Reader("jitter-vcd", ".vcd", [read(os.path.join(DATA,
                                                        "la_capture.vcd")),
                                      read(trace_vcd)], jfiles,
               run_jitter("vcd")),
        Reader("jitter-csv", ".csv", [read(os.path.join(DATA,
                                                        "la_capture.csv"))],
               jfiles, run_jitter("csv")),
    ]
    sigrok = shutil.which("sigrok-cli")
    if sigrok:
        sr = os.path.join(workdir, "seed.sr")
        subprocess.run([sigrok, "-I", "vcd", "-i",
                        os.path.join(DATA, "la_capture.vcd"), "-o", sr],
                       check=True, capture_output=True, timeout=120)
        readers.append(Reader("jitter-sr", ".sr", [read(sr)], jfiles,
                              run_jitter("sr"), limit_scale=4.0))
    # Short seeds too (the first frames of each sample): a small input
    # runs many times faster and reaches the same code.
    short = []
    for name in ("sample_console.log", "sample_overflow.log"):
        frames = [ln for ln in read(os.path.join(DATA, name)).split(b"\n")
                  if b"@TRC" in ln]
        short.append(b"\n".join(frames[:12]) + b"\n")
    tfiles = [os.path.join(ROOT, "tools", "trace", "trace.py")] + sorted(
        glob.glob(os.path.join(ROOT, "tools", "trace", "tracelib", "*.py")))
    readers.append(Reader(
        "trace", ".log", short + [
            read(os.path.join(DATA, "sample_console.log")),
            read(os.path.join(DATA, "sample_overflow.log"))],
        tfiles, run_trace, frames=True))
    pfiles = [os.path.join(ROOT, "tools", "pkconfig.py")]
    readers.append(Reader(
        "pkconfig", ".toml",
        [read(p) for p in sorted(glob.glob(os.path.join(CONFIGS, "good",
                                                        "*.toml")) +
                                 glob.glob(os.path.join(CONFIGS, "bad",
                                                        "*.toml")))],
        pfiles, run_pkconfig))
    readers.append(Reader("pkconfig-board", ".toml", [read(BOARD)], pfiles,
                          run_board))
    return readers


# ----------------------------------------------------------------- engine

class Coverage:
    """Line coverage of chosen files through sys.settrace."""

    def __init__(self, files):
        self.files = {os.path.realpath(f) for f in files}
        self.known = {}   # code file name -> counts for coverage
        self.hit = set()  # (file, line) reached by the current input

    def _local(self, frame, event, arg):
        if event == "line":
            self.hit.add((frame.f_code.co_filename, frame.f_lineno))
        return self._local

    def _global(self, frame, event, arg):
        fn = frame.f_code.co_filename
        wanted = self.known.get(fn)
        if wanted is None:
            wanted = self.known[fn] = os.path.realpath(fn) in self.files
        if wanted:
            self.hit.add((fn, frame.f_lineno))
            return self._local
        return None

    def start(self):
        self.hit = set()
        sys.settrace(self._global)

    def stop(self):
        sys.settrace(None)
        return self.hit


def _on_alarm(signum, frame):
    raise Hang()


def run_one(reader, data, workdir, limit, cov=None):
    """Run one input. Returns (None or the failure's traceback text, the
    lines hit, seconds taken)."""
    wd = os.path.join(workdir, "run")
    shutil.rmtree(wd, ignore_errors=True)
    os.makedirs(wd)
    path = os.path.join(wd, "input" + reader.ext)
    with open(path, "wb") as f:
        f.write(data)
    failure = None
    hit = set()
    old = signal.signal(signal.SIGALRM, _on_alarm)
    t0 = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, limit * reader.limit_scale)
    try:
        if cov is not None:
            cov.start()
        try:
            reader.run(path, wd)
        finally:
            hit = cov.stop() if cov is not None else set()
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Hang:
        failure = "hang: the input ran longer than %g s\n" % (
            limit * reader.limit_scale)
    except KeyboardInterrupt:
        raise
    except BaseException:
        failure = traceback.format_exc()
    finally:
        signal.signal(signal.SIGALRM, old)
    return failure, hit, time.monotonic() - t0


def crash_key(text):
    """Failures with the same exception at the same place count once."""
    lines = text.strip().splitlines()
    where = [ln for ln in lines if ln.strip().startswith("File ")]
    return (where[-1].strip() if where else "") + "|" + \
        (lines[-1].split(":")[0] if lines else "")


def fuzz(reader, rng, workdir, iterations, seconds, limit, crash_dir,
         log=print):
    """Fuzz one reader; returns a dict of figures."""
    cov = Coverage(reader.files)
    covered = set()
    corpus = []
    failures = {}
    inputs = 0      # inputs run, seeds included
    mutated = 0     # mutated inputs run
    new_coverage = 0  # mutated inputs that reached a new line
    slowest = 0.0
    t0 = time.monotonic()
    # Seeds first: they set the baseline coverage and all join the corpus.
    queue = list(reader.seeds)
    while True:
        seed = bool(queue)
        if seed:
            data = queue.pop(0)
        else:
            if iterations is not None and mutated >= iterations:
                break
            if seconds is not None and time.monotonic() - t0 >= seconds:
                break
            data = mutate(rng, rng.choice(corpus), corpus, reader.frames)
            mutated += 1
        failure, hit, took = run_one(reader, data, workdir, limit, cov)
        inputs += 1
        slowest = max(slowest, took)
        if seed or hit - covered:
            if not seed:
                new_coverage += 1
            covered |= hit
            corpus.append(data)
        if failure is not None:
            key = crash_key(failure)
            if key not in failures:
                name = "%s-%s%s" % (reader.name, hashlib.sha1(data)
                                    .hexdigest()[:12], reader.ext)
                path = os.path.join(crash_dir, name)
                os.makedirs(crash_dir, exist_ok=True)
                with open(path, "wb") as f:
                    f.write(data)
                failures[key] = path
                log("%s: FAILURE, input written to %s\n%s" %
                    (reader.name, path, failure.rstrip()))
    elapsed = time.monotonic() - t0
    total = set()
    for f in reader.files:
        total |= {(os.path.realpath(f), ln) for ln in executable_lines(f)}
    lines = {(os.path.realpath(f), ln) for f, ln in covered}
    return {"reader": reader.name, "inputs": inputs, "seconds": elapsed,
            "per_second": inputs / elapsed if elapsed else 0.0,
            "new_coverage": new_coverage,
            "lines": len(lines & total), "lines_total": len(total),
            "failures": len(failures), "slowest": slowest}


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="fuzz_readers.py",
        description="Coverage-guided fuzzing of the host tools' readers.")
    ap.add_argument("--reader", action="append",
                    help="reader to fuzz (repeatable; default all)")
    ap.add_argument("--seed", type=int, default=1, help="random seed")
    ap.add_argument("--iterations", type=int,
                    help="mutated inputs per reader (default 1000 unless "
                         "--seconds)")
    ap.add_argument("--seconds", type=float,
                    help="wall-clock seconds per reader")
    ap.add_argument("--limit", type=float, default=10.0,
                    help="bound of one input's run, seconds (default 10)")
    ap.add_argument("--crash-dir", default=os.path.join(
        ROOT, "build", "fuzz", "crashes"),
        help="where failing inputs are written")
    ap.add_argument("--replay", metavar="FILE",
                    help="run one input of --reader and show the outcome")
    args = ap.parse_args(argv)
    if args.iterations is None and args.seconds is None:
        args.iterations = 1000
    if (args.iterations is not None and args.iterations < 0) or (
            args.seconds is not None and args.seconds < 0) or \
            args.limit <= 0:
        ap.error("--iterations, --seconds and --limit must be positive")
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    with tempfile.TemporaryDirectory(prefix="fuzz_readers_") as workdir:
        readers = make_readers(workdir)
        names = [r.name for r in readers]
        chosen = args.reader or names
        for name in chosen:
            if name not in names:
                ap.error("unknown reader %r (readers: %s)" %
                         (name, ", ".join(names)))
        if args.replay:
            if len(chosen) != 1:
                ap.error("--replay needs exactly one --reader")
            try:
                with open(args.replay, "rb") as f:
                    data = f.read()
            except OSError as e:
                ap.error("cannot read %s: %s" % (args.replay, e.strerror))
            reader = readers[names.index(chosen[0])]
            failure, _, took = run_one(reader, data, workdir, args.limit)
            print("%s: %s (%.3f s)" % (reader.name, "FAILURE\n" +
                                       failure.rstrip() if failure else
                                       "clean", took))
            return 1 if failure else 0
        bad = 0
        for k, name in enumerate(chosen):
            reader = readers[names.index(name)]
            rng = random.Random(args.seed * 1000 + names.index(name))
            st = fuzz(reader, rng, workdir, args.iterations, args.seconds,
                      args.limit, args.crash_dir)
            print("%-15s %6d inputs %7.1f/s  %4d new-coverage inputs  "
                  "%4d of %4d lines  %d failures  slowest %.3f s" % (
                      name, st["inputs"], st["per_second"],
                      st["new_coverage"], st["lines"], st["lines_total"],
                      st["failures"], st["slowest"]), flush=True)
            bad += st["failures"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
