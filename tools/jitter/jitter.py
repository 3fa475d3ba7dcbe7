#!/usr/bin/python3
"""jitter.py - timing figures of digital signals from a logic-analyzer capture.

Reads a VCD (any tool's, or the trace's own from tools/trace/trace.py vcd),
a sigrok session (.sr, converted with `sigrok-cli -i F -O vcd`) or a Saleae
Logic 2 digital CSV export ("Time [s],Channel 0,..."), and reports for each
chosen channel:
  period        time between successive edges (--edge rising|falling)
  jitter        release jitter: edge k against the ideal grid t0 + k*P, with
                P given (--period) or estimated as (t_last - t0) / (n - 1)
  width         high pulse widths (rising to next falling)
and, with --from A --to B, the latency from each edge of A to the first edge
of B at or after it (release -> start, for example).
Each series: count, min, mean, p50, p99, p99.9, max, sigma; a cyclictest-style
text histogram; --svg FILE draws the histograms. Times print in us with ns
digits. The capture's resolution is stated first.

Exit status: 0 success, 1 bad input (one-line message), 2 usage.
"""

import argparse
import decimal
import json
import math
import os
import re
import shutil
import subprocess
import sys

FS_PER = {"s": 10**15, "ms": 10**12, "us": 10**9, "ns": 10**6, "ps": 10**3,
          "fs": 1}


# Wall-clock bound of one sigrok-cli conversion of a .sr session.
SIGROK_TIMEOUT_S = 120


class InputError(Exception):
    """Bad input: reported as one line, exit status 1."""


class Capture:
    """Transitions of every channel, times in integer femtoseconds."""

    def __init__(self, source, resolution_fs, resolution_note):
        self.source = source
        self.resolution_fs = resolution_fs
        self.resolution_note = resolution_note
        self.initial = {}    # channel -> level at the start (0/1/None)
        self.changes = {}    # channel -> [(time_fs, level)], time ordered
        self.order = []      # channel names in file order
        self.end_fs = 0

    def add_channel(self, name):
        if name not in self.changes:
            self.order.append(name)
            self.changes[name] = []
            self.initial[name] = None

    def record(self, name, time_fs, level):
        ch = self.changes[name]
        last = ch[-1][1] if ch else self.initial[name]
        if last is None and not ch:
            self.initial[name] = level
            return
        if level != last:
            ch.append((time_fs, level))

    def skip_edges(self, n):
        """Drop, on every channel, the first n rising edges and everything
        before the next one (a warm-up): the channel then starts low just
        before its (n+1)-th rising edge."""
        for name, ch in self.changes.items():
            rises = [i for i, (_, lvl) in enumerate(ch) if lvl == 1]
            if len(rises) > n:
                self.changes[name] = ch[rises[n]:]
            else:
                self.changes[name] = []
            self.initial[name] = 0

    def edges(self, name, edge):
        want = {"rising": (1,), "falling": (0,), "any": (0, 1)}[edge]
        return [t for t, lvl in self.changes[name] if lvl in want]


# ---------------------------------------------------------------- parsing

def parse_time_unit(text, what):
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(s|ms|us|ns|ps|fs)\s*", text)
    if not m:
        raise InputError("bad %s %r (want e.g. 1 ns, 2ms, 41.7ns)" %
                         (what, text))
    return int(decimal.Decimal(m.group(1)) * FS_PER[m.group(2)])


# Largest time stamp accepted in a VCD body: VCD writers count time in 64
# bits, and a bound keeps every later float computation finite.
VCD_TIME_MAX = (1 << 64) - 1
# Largest timescale accepted (the standard allows 1, 10 or 100 s at most).
TIMESCALE_MAX_FS = 100 * FS_PER["s"]
# Keywords that open a block of value changes in the body, closed by $end.
DUMP_BLOCKS = ("$dumpvars", "$dumpall", "$dumpon", "$dumpoff")
TIME_RE = re.compile(r"#([0-9]+)")
VECTOR_RE = re.compile(r"[bB][01xXzZ]+")
REAL_RE = re.compile(
    r"[rR][-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


def vcd_tokens(text, source):
    """The whitespace-separated tokens of a VCD with their line numbers.

    A text file ends with a newline: a last line without one was cut in the
    middle (a capture copied or written only in part), so it is refused
    rather than read as if it were whole."""
    if not text.strip():
        raise InputError("%s: empty file" % source)
    lines = text.split("\n")
    if lines[-1] != "":
        raise InputError("%s:%d: the last line is cut short (no newline at "
                         "the end: a truncated file?)" % (source, len(lines)))
    out = []
    for lineno, line in enumerate(lines, 1):
        for tok in line.split():
            out.append((tok, lineno))
    return out


def parse_vcd(text, source):
    """Parse a VCD into a Capture (1-bit wires; vectors: non-zero = 1).

    Every malformed or truncated input raises InputError naming the file
    and line: time going backwards, a value change before the first time
    stamp or after the last one (the capture's end time is then missing),
    an unterminated $ section, an undeclared identifier, a bad value."""
    tokens = vcd_tokens(text, source)
    n = len(tokens)
    i = 0
    scale = None
    ids = {}        # identifier -> [(name, scoped name)]
    scopes = []     # the open $scope names, outermost first
    names_seen = {}  # short name -> how many $var declare it
    cap = None      # the Capture, made at $enddefinitions
    ident_names = {}  # identifier -> channel names it drives
    time = None     # the current time stamp (fs), None before the first
    last_time = None  # the current time stamp as written (for messages)
    block = None    # (keyword, line) of the open $dumpvars-like block
    pending = None  # line of the first value change since the last #time

    def where(lineno):
        return "%s:%d" % (source, lineno)

    while i < n:
        tok, line = tokens[i]
        if cap is None:
            # Header: only $keyword ... $end sections.
            if not tok.startswith("$") or tok == "$end":
                raise InputError("%s: not a VCD header: unexpected %r "
                                 "before $enddefinitions" %
                                 (where(line), tok[:20]))
            j = i + 1
            while j < n and tokens[j][0] != "$end":
                j += 1
            if j >= n:
                raise InputError("%s: unterminated %s section (no $end: a "
                                 "truncated file?)" % (where(line), tok[:20]))
            body = [t for t, _ in tokens[i + 1:j]]
            if tok == "$timescale":
                scale = parse_time_unit("".join(body), "timescale")
                if not 0 < scale <= TIMESCALE_MAX_FS:
                    raise InputError("%s: timescale %s out of range (1 fs "
                                     "to 100 s)" % (where(line),
                                                    " ".join(body)))
            elif tok == "$scope":
                scopes.append(body[1] if len(body) > 1 else "?")
            elif tok == "$upscope":
                if not scopes:
                    raise InputError("%s: $upscope without an open $scope" %
                                     where(line))
                scopes.pop()
            elif tok == "$var":
                if len(body) < 4 or not re.fullmatch(r"[0-9]{1,9}",
                                                     body[1]) or \
                        int(body[1]) == 0:
                    raise InputError("%s: bad $var %r (want: type size "
                                     "identifier name)" %
                                     (where(line), " ".join(body)[:60]))
                ident = body[2]
                name = " ".join(body[3:]).replace(" [", "[")
                names_seen[name] = names_seen.get(name, 0) + 1
                full = ".".join(scopes + [name])
                ids.setdefault(ident, []).append((name, full))
            elif tok == "$enddefinitions":
                if scale is None:
                    scale = 10**6  # the VCD default unit is 1 ns... by habit
                cap = Capture(source, scale, "VCD timescale")
                # Short names when unique, scoped names otherwise.
                ident_names = {
                    ident: [name if names_seen[name] == 1 else full
                            for name, full in lst]
                    for ident, lst in ids.items()}
                for names in ident_names.values():
                    for nm in names:
                        cap.add_channel(nm)
            i = j + 1
            continue
        # Body: time stamps, value changes, dump blocks, comments.
        c = tok[0]
        if tok in DUMP_BLOCKS:
            if block is not None:
                raise InputError("%s: %s inside %s (line %d) before its "
                                 "$end" % (where(line), tok, block[0],
                                           block[1]))
            block = (tok, line)
        elif tok == "$end":
            if block is None:
                raise InputError("%s: $end without an open section" %
                                 where(line))
            block = None
        elif tok == "$comment":
            j = i + 1
            while j < n and tokens[j][0] != "$end":
                j += 1
            if j >= n:
                raise InputError("%s: unterminated $comment section (no "
                                 "$end: a truncated file?)" % where(line))
            i = j
        elif c == "$":
            raise InputError("%s: unexpected %s after $enddefinitions" %
                             (where(line), tok[:20]))
        elif c == "#":
            m = TIME_RE.fullmatch(tok)
            if not m:
                raise InputError("%s: bad time stamp %r" %
                                 (where(line), tok[:20]))
            if len(m.group(1)) > 20 or int(m.group(1)) > VCD_TIME_MAX:
                raise InputError("%s: time stamp %s... above 2^64-1" %
                                 (where(line), tok[:21]))
            t = int(m.group(1))
            if last_time is not None and t < last_time:
                raise InputError("%s: time goes backwards: #%d after #%d" %
                                 (where(line), t, last_time))
            last_time = t
            time = t * cap.resolution_fs
            pending = None
        elif c in "01xXzZbBrR":
            if time is None and block is None:
                raise InputError("%s: value change %r before the first "
                                 "time stamp" % (where(line), tok[:20]))
            if c in "01xXzZ":
                ident, value, lvl = tok[1:], tok[:1], \
                    1 if c == "1" else 0 if c == "0" else None
                if not ident:
                    raise InputError("%s: value %r without an identifier" %
                                     (where(line), tok))
            else:
                if not (VECTOR_RE if c in "bB" else REAL_RE).fullmatch(tok):
                    raise InputError("%s: bad %s value %r" % (
                        where(line), "vector" if c in "bB" else "real",
                        tok[:20]))
                if i + 1 >= n or tokens[i + 1][1] != line:
                    raise InputError("%s: vector value %r without its "
                                     "identifier" % (where(line), tok[:20]))
                i += 1
                ident = tokens[i][0]
                value = tok[1:]
                lvl = None
                if c in "bB" and re.fullmatch(r"[01]+", value):
                    lvl = 1 if "1" in value else 0
            if ident not in ident_names:
                raise InputError("%s: value for undeclared identifier %r" %
                                 (where(line), ident[:20]))
            if lvl is not None:
                for nm in ident_names[ident]:
                    cap.record(nm, 0 if time is None else time, lvl)
            if pending is None:
                pending = line
        else:
            raise InputError("%s: unexpected %r in the value section" %
                             (where(line), tok[:20]))
        i += 1
    if cap is None:
        raise InputError("%s: not a VCD file (no $enddefinitions: a "
                         "truncated file?)" % source)
    if block is not None:
        raise InputError("%s: unterminated %s section (no $end: a truncated "
                         "file?)" % (where(block[1]), block[0]))
    if last_time is None:
        raise InputError("%s: VCD has no time stamps" % source)
    if pending is not None:
        raise InputError("%s: value changes after the last time stamp #%d "
                         "and no end time: a truncated file?" %
                         (where(pending), last_time))
    cap.end_fs = time
    return cap


# Largest time (in seconds, either sign) accepted in a Saleae CSV: a bound
# keeps the conversion to femtoseconds and every later figure finite.
CSV_TIME_MAX_S = 10**9
CSV_TIME_RE = re.compile(
    r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]{1,4})?")


def parse_saleae_csv(text, source):
    """Saleae Logic 2 digital export: Time [s],Channel 0,Channel 1,...

    Line numbers in messages are the file's own (blank lines count)."""
    if not text.strip():
        raise InputError("%s: empty CSV" % source)
    raw = text.split("\n")
    if raw[-1] != "":
        raise InputError("%s:%d: the last line is cut short (no newline at "
                         "the end: a truncated file?)" % (source, len(raw)))
    lines = [(no, ln.rstrip("\r")) for no, ln in enumerate(raw, 1)
             if ln.strip()]
    head_no, head_line = lines[0]
    head = [h.strip().strip('"') for h in head_line.split(",")]
    if len(head) < 2 or not head[0].lower().startswith("time"):
        raise InputError("%s:%d: not a Saleae digital CSV (first column "
                         "should be 'Time [s]', found %r)" %
                         (source, head_no, head[0][:40]))
    for name in head[1:]:
        if not name:
            raise InputError("%s:%d: a channel column has no name" %
                             (source, head_no))
    if len(set(head[1:])) != len(head) - 1:
        raise InputError("%s:%d: a channel name appears twice in the header" %
                         (source, head_no))
    unit = FS_PER["s"]
    m = re.search(r"\[(s|ms|us|ns)\]", head[0])
    if m:
        unit = FS_PER[m.group(1)]
    cap = Capture(source, 0, "")
    for name in head[1:]:
        cap.add_channel(name)
    times = []
    for lineno, ln in lines[1:]:
        cells = [c.strip() for c in ln.split(",")]
        if len(cells) != len(head):
            raise InputError("%s:%d: %d columns, header has %d" %
                             (source, lineno, len(cells), len(head)))
        if not CSV_TIME_RE.fullmatch(cells[0]):
            raise InputError("%s:%d: bad time %r" %
                             (source, lineno, cells[0][:30]))
        d = decimal.Decimal(cells[0])
        if abs(d) * unit > CSV_TIME_MAX_S * FS_PER["s"]:
            raise InputError("%s:%d: time %s out of range" %
                             (source, lineno, cells[0][:30]))
        t = int(d * unit)
        if any(c not in ("0", "1") for c in cells[1:]):
            raise InputError("%s:%d: levels must be 0 or 1: %r" %
                             (source, lineno, ln[:60]))
        levels = [int(c) for c in cells[1:]]
        if times and t < times[-1]:
            raise InputError("%s:%d: time goes backwards" % (source, lineno))
        times.append(t)
        for name, v in zip(head[1:], levels):
            cap.record(name, t, v)
    steps = [b - a for a, b in zip(times, times[1:]) if b > a]
    # The export carries no sample rate: the finest step seen is an upper
    # bound of the resolution.
    cap.resolution_fs = min(steps) if steps else 0
    cap.resolution_note = "finest time step in the CSV (no sample rate in " \
                          "a Saleae export)"
    cap.end_fs = times[-1] if times else 0
    return cap


def load(path, fmt):
    if fmt == "auto":
        ext = os.path.splitext(path)[1].lower()
        fmt = {".vcd": "vcd", ".sr": "sr", ".csv": "csv"}.get(ext)
        if fmt is None:
            raise InputError("%s: cannot tell the format from the name; "
                             "give --format vcd|sr|csv" % path)
    if fmt == "sr":
        exe = shutil.which("sigrok-cli")
        if exe is None:
            raise InputError("reading .sr needs sigrok-cli (Debian package "
                             "sigrok-cli)")
        if not os.path.exists(path):
            raise InputError("%s: no such file" % path)
        p = subprocess.run([exe, "-i", path, "-O", "vcd"],
                           capture_output=True, timeout=SIGROK_TIMEOUT_S)
        if p.returncode != 0:
            why = " / ".join(ln.strip() for ln in p.stderr.decode(
                errors="replace").splitlines() if ln.strip())
            raise InputError("%s: sigrok-cli could not read it: %s" %
                             (path, why[:300] or "exit status %d" %
                              p.returncode))
        if not p.stdout.strip():
            raise InputError("%s: sigrok-cli found no logic data in it" %
                             path)
        cap = parse_vcd(p.stdout.decode("ascii", "replace"),
                        path + " (as sigrok-cli converts it)")
        cap.source = path
        cap.resolution_note = "sample period of the sigrok session"
        return cap
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError("cannot read %s: %s" % (path, e.strerror))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("%s: not a text file" % path)
    if fmt == "vcd":
        return parse_vcd(text, path)
    return parse_saleae_csv(text, path)


# ------------------------------------------------------------- statistics

def percentile(sorted_vals, p):
    """Nearest-rank percentile of a sorted list: the value of rank
    ceil(p/100 * n) (1-based), the smallest one with at least p % of the
    values at or below it. The rank is computed in decimal: in binary
    floating point 99.9 / 100 * 1000 exceeds 999 and would give rank 1000."""
    if not sorted_vals:
        return None
    n = len(sorted_vals)
    k = math.ceil(decimal.Decimal(str(p)) * n / 100)
    return sorted_vals[min(max(k, 1), n) - 1]


def stats(values):
    """Summary of a list of fs values (ints)."""
    if not values:
        return {"count": 0}
    s = sorted(values)
    mean = sum(s) / len(s)
    var = sum((v - mean) ** 2 for v in s) / len(s)
    return {"count": len(s), "min": s[0], "mean": mean,
            "p50": percentile(s, 50), "p99": percentile(s, 99),
            "p99.9": percentile(s, 99.9), "max": s[-1],
            "sigma": math.sqrt(var)}


def periods(edges):
    return [b - a for a, b in zip(edges, edges[1:])]


def release_jitter(edges, period_fs):
    """Deviation of edge k from t0 + k*P (k by rounding, so a missed
    release does not shift the rest); P estimated when None."""
    if len(edges) < 2:
        return [], period_fs
    t0 = edges[0]
    if period_fs is None:
        # Estimate from the mean period (tolerates no missed edge).
        period_fs = (edges[-1] - t0) / (len(edges) - 1)
        if period_fs == 0:
            # Every edge at one instant (zero-width pulses): no grid.
            return [], None
    out = []
    for t in edges:
        k = round((t - t0) / period_fs)
        out.append(int(round(t - t0 - k * period_fs)))
    return out, period_fs


def widths(cap, name):
    out = []
    rise = None
    for t, lvl in cap.changes[name]:
        if lvl == 1:
            rise = t
        elif rise is not None:
            out.append(t - rise)
            rise = None
    return out


def latency(cap, a, a_edge, b, b_edge):
    """From each edge of a to the first edge of b at or after it, before
    the next edge of a. Returns (values, unmatched count)."""
    ea = cap.edges(a, a_edge)
    eb = cap.edges(b, b_edge)
    out = []
    missed = 0
    j = 0
    for i, t in enumerate(ea):
        nxt = ea[i + 1] if i + 1 < len(ea) else None
        while j < len(eb) and eb[j] < t:
            j += 1
        if j < len(eb) and (nxt is None or eb[j] < nxt):
            out.append(eb[j] - t)
        else:
            missed += 1
    return out, missed


def parse_grid(text):
    """PERIOD@ORIGIN (e.g. 1ms@1666.4us) -> (period_fs, origin_fs)."""
    if "@" not in text:
        raise InputError("bad grid %r (want PERIOD@ORIGIN, e.g. "
                         "1ms@1666.4us)" % text)
    per, org = text.split("@", 1)
    period = parse_time_unit(per, "grid period")
    if period <= 0:
        raise InputError("bad grid %r: the period must be above zero" % text)
    return period, parse_time_unit(org, "grid origin")


def grid_latency(cap, b, b_edge, period_fs, origin_fs):
    """From the latest grid point (origin + k*period) at or before each
    edge of b to that edge: the latency from a release that is a tick of a
    known clock grid rather than a pin. Edges before the origin are not
    counted (returned as unmatched)."""
    out = []
    missed = 0
    for t in cap.edges(b, b_edge):
        if t < origin_fs:
            missed += 1
            continue
        out.append((t - origin_fs) % period_fs)
    return out, missed


# ---------------------------------------------------------------- output

def fmt_us(fs):
    if fs is None:
        return "-"
    return "%.3f" % (fs / 1e9)


def fmt_duration(fs):
    for unit, div in (("s", 1e15), ("ms", 1e12), ("us", 1e9), ("ns", 1e6),
                      ("ps", 1e3)):
        if fs >= div:
            return "%g %s" % (fs / div, unit)
    return "%d fs" % fs


def stats_line(label, st):
    if st["count"] == 0:
        return "  %-10s (no samples)" % label
    return ("  %-10s n=%-6d min %s  mean %s  p50 %s  p99 %s  p99.9 %s  "
            "max %s  sigma %s us" % (
                label, st["count"], fmt_us(st["min"]), fmt_us(st["mean"]),
                fmt_us(st["p50"]), fmt_us(st["p99"]), fmt_us(st["p99.9"]),
                fmt_us(st["max"]), fmt_us(st["sigma"])))


def histogram(values, bin_fs):
    """Bins (start_fs, count) covering the values, cyclictest style."""
    if not values:
        return []
    lo = math.floor(min(values) / bin_fs)
    hi = math.floor(max(values) / bin_fs)
    if hi - lo > 1000:
        # Keep the histogram readable: widen the bins.
        bin_fs = bin_fs * math.ceil((hi - lo + 1) / 1000)
        lo = math.floor(min(values) / bin_fs)
        hi = math.floor(max(values) / bin_fs)
    counts = [0] * (hi - lo + 1)
    for v in values:
        counts[math.floor(v / bin_fs) - lo] += 1
    return [((lo + i) * bin_fs, c) for i, c in enumerate(counts)], bin_fs


def auto_bin(values, resolution_fs):
    if not values:
        return max(resolution_fs, 1)
    span = max(values) - min(values)
    b = span / 40 if span > 0 else 1e6
    # Round to 1, 2 or 5 times a power of ten, not below the resolution.
    exp = 10 ** math.floor(math.log10(b))
    for m in (1, 2, 5, 10):
        if m * exp >= b:
            b = m * exp
            break
    return max(int(b), resolution_fs, 1)


def text_histogram(title, values, bin_fs):
    res = histogram(values, bin_fs)
    if not res:
        return []
    bins, bin_fs = res
    out = ["# Histogram: %s (bin %s us; bin start, count)" %
           (title, fmt_us(bin_fs))]
    top = max(c for _, c in bins)
    for start, count in bins:
        bar = "#" * (0 if top == 0 else math.ceil(40 * count / top)
                     if count else 0)
        out.append("%12s %8d %s" % (fmt_us(start), count, bar))
    return out


def svg_plot(path, panels):
    """Histograms as bar charts, one panel per series; plain SVG 1.1."""
    w, ph, pad = 720, 220, 50
    h = ph * max(1, len(panels)) + 20
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">' %
           (w, h, w, h),
           '<rect width="100%" height="100%" fill="white"/>']
    for n, (title, values, bin_fs) in enumerate(panels):
        res = histogram(values, bin_fs)
        y0 = n * ph + 10
        out.append('<text x="%d" y="%d" font-size="13">%s</text>' %
                   (pad, y0 + 14, _xml(title)))
        if not res:
            continue
        bins, bin_fs = res
        top = max(c for _, c in bins)
        plot_w = w - 2 * pad
        plot_h = ph - 70
        base = y0 + 25 + plot_h
        bw = plot_w / len(bins)
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' %
                   (pad, base, pad + plot_w, base))
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' %
                   (pad, base, pad, base - plot_h))
        for i, (start, count) in enumerate(bins):
            bh = 0 if top == 0 else plot_h * count / top
            out.append('<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" '
                       'fill="steelblue"><title>%s us: %d</title></rect>' %
                       (pad + i * bw, base - bh, max(bw - 1, 0.5), bh,
                        fmt_us(start), count))
        out.append('<text x="%d" y="%d">%s us</text>' %
                   (pad, base + 15, fmt_us(bins[0][0])))
        out.append('<text x="%d" y="%d" text-anchor="end">%s us</text>' %
                   (pad + plot_w, base + 15, fmt_us(bins[-1][0] + bin_fs)))
        out.append('<text x="%d" y="%d" text-anchor="end">%d</text>' %
                   (pad - 4, base - plot_h + 4, top))
        out.append('<text x="%d" y="%d" text-anchor="middle">bin %s us, '
                   '%d samples</text>' % (pad + plot_w // 2, base + 30,
                                          fmt_us(bin_fs), len(values)))
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def _xml(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def resolve(cap, name):
    if name in cap.changes:
        return name
    hits = [c for c in cap.order if c.endswith("." + name)]
    if len(hits) == 1:
        return hits[0]
    raise InputError("no channel %r in %s (channels: %s)" %
                     (name, cap.source, ", ".join(cap.order)))


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="jitter.py",
        description="Period, release jitter, latency and pulse widths of "
                    "channels of a logic-analyzer capture or trace VCD.")
    ap.add_argument("capture", help="file: .vcd, .sr or Saleae .csv")
    ap.add_argument("--format", choices=["auto", "vcd", "sr", "csv"],
                    default="auto")
    ap.add_argument("-c", "--channel", action="append",
                    help="channel to analyse (repeatable; default: all "
                         "with at least two edges)")
    ap.add_argument("--edge", choices=["rising", "falling"],
                    default="rising", help="edge that marks a period")
    ap.add_argument("--period", help="ideal period, e.g. 2ms (default: "
                                     "estimated per channel)")
    ap.add_argument("--from", dest="from_ch", help="latency start channel")
    ap.add_argument("--to", dest="to_ch", help="latency end channel")
    ap.add_argument("--from-edge", choices=["rising", "falling"],
                    default="rising")
    ap.add_argument("--to-edge", choices=["rising", "falling"],
                    default="rising")
    ap.add_argument("--grid", metavar="PERIOD@ORIGIN",
                    help="latency from a tick grid instead of --from: "
                         "from the latest point ORIGIN + k*PERIOD at or "
                         "before each --to edge (e.g. 1ms@1666.4us, "
                         "capture time)")
    ap.add_argument("--skip", type=int, default=0, metavar="N",
                    help="ignore the first N rising edges of every channel "
                         "and what comes before the next one (a warm-up)")
    ap.add_argument("--bin", help="histogram bin width, e.g. 1us")
    ap.add_argument("--no-hist", action="store_true",
                    help="no text histograms")
    ap.add_argument("--svg", help="write the histograms as an SVG plot")
    ap.add_argument("--json", action="store_true",
                    help="print the figures as JSON (times in ns)")
    args = ap.parse_args(argv)
    try:
        return run(args)
    except InputError as e:
        sys.stderr.write("jitter.py: error: %s\n" % e)
        return 1
    except subprocess.TimeoutExpired:
        sys.stderr.write("jitter.py: error: sigrok-cli timed out\n")
        return 1
    except OSError as e:
        sys.stderr.write("jitter.py: error: %s: %s\n" %
                         (e.filename or args.capture, e.strerror))
        return 1


def run(args):
    if args.grid is not None:
        if args.from_ch is not None or args.to_ch is None:
            raise InputError("--grid replaces --from and needs --to")
        grid = parse_grid(args.grid)
    elif (args.from_ch is None) != (args.to_ch is None):
        raise InputError("--from and --to go together")
    if args.skip < 0:
        raise InputError("--skip must be 0 or more")
    cap = load(args.capture, args.format)
    if args.skip:
        cap.skip_edges(args.skip)
    period_fs = parse_time_unit(args.period, "period") if args.period \
        else None
    if period_fs is not None and period_fs <= 0:
        raise InputError("bad period %r: it must be above zero" %
                         args.period)
    bin_fs = parse_time_unit(args.bin, "bin") if args.bin else None
    if args.channel:
        chans = [resolve(cap, c) for c in args.channel]
    else:
        chans = [c for c in cap.order if len(cap.edges(c, args.edge)) >= 2]
    report = {"file": cap.source,
              "resolution_ns": cap.resolution_fs / 1e6,
              "resolution_source": cap.resolution_note,
              "channels": {}}
    lines = ["capture %s: resolution %s (%s), %d channel(s)" % (
        cap.source, fmt_duration(cap.resolution_fs) if cap.resolution_fs
        else "unknown", cap.resolution_note, len(cap.order))]
    panels = []
    hist_lines = []
    for ch in chans:
        edges = cap.edges(ch, args.edge)
        per = periods(edges)
        jit, p_used = release_jitter(edges, period_fs)
        wid = widths(cap, ch)
        st = {"period": stats(per), "jitter": stats(jit),
              "width": stats(wid)}
        report["channels"][ch] = {
            k: _ns(v) for k, v in st.items()}
        report["channels"][ch]["ideal_period_ns"] = \
            None if p_used is None else p_used / 1e6
        report["channels"][ch]["periods_ns"] = [p / 1e6 for p in per]
        lines.append("channel %s: %d %s edges, ideal period %s%s" % (
            ch, len(edges), args.edge,
            "-" if p_used is None else fmt_us(p_used) + " us",
            "" if period_fs else " (estimated)"))
        lines.append(stats_line("period", st["period"]))
        lines.append(stats_line("jitter", st["jitter"]))
        lines.append(stats_line("width", st["width"]))
        if jit:
            b = bin_fs or auto_bin(jit, cap.resolution_fs)
            panels.append(("%s release jitter" % ch, jit, b))
            hist_lines += text_histogram("%s release jitter" % ch, jit, b)
    if args.to_ch is not None:
        b_ch = resolve(cap, args.to_ch)
        if args.grid is not None:
            a = "grid %s" % args.grid
            lat, missed = grid_latency(cap, b_ch, args.to_edge, *grid)
        else:
            a = resolve(cap, args.from_ch)
            lat, missed = latency(cap, a, args.from_edge, b_ch,
                                  args.to_edge)
        st = stats(lat)
        report["latency"] = {"from": a, "to": b_ch, "unmatched": missed,
                             **_ns(st)}
        report["latency"]["values_ns"] = [v / 1e6 for v in lat]
        src = a if args.grid is not None else "%s (%s)" % (a, args.from_edge)
        lines.append("latency %s -> %s (%s): %d unmatched" % (
            src, b_ch, args.to_edge, missed))
        lines.append(stats_line("latency", st))
        if lat:
            b = bin_fs or auto_bin(lat, cap.resolution_fs)
            panels.append(("latency %s -> %s" % (a, b_ch), lat, b))
            hist_lines += text_histogram("latency %s -> %s" % (a, b_ch),
                                         lat, b)
    if not chans and args.to_ch is None:
        raise InputError("%s: no channel with two %s edges" %
                         (cap.source, args.edge))
    if args.svg:
        svg_plot(args.svg, panels)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print("\n".join(lines))
        if not args.no_hist and hist_lines:
            print("\n".join(hist_lines))
    return 0


def _ns(st):
    return {k: (v if k == "count" else v / 1e6) for k, v in st.items()}


if __name__ == "__main__":
    sys.exit(main())
