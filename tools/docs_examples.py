#!/usr/bin/python3
"""Example outputs in the docs, written by the commands they show.

A Markdown file (README.md, docs/*.md) holds generated examples between

    <!-- example NAME (written by tools/docs_examples.py; do not edit) -->
    ...
    <!-- end of example NAME -->

Each NAME is an entry of EXAMPLES below: the commands it needs run first
(a `make trace` run whose artefacts it reads) and the commands whose text
and output fill the block, so that a block's commands and its output
cannot disagree.

  docs_examples.py update   run the needed commands, rewrite every block
                            (and the figures the commands write, e.g.
                            docs/img/trace-periodic-jitter.svg)
  docs_examples.py check    regenerate every block from the artefacts of
                            the last runs (running the needed commands only
                            where an artefact is missing, or where they are
                            cheap: the demo's build and run) into a temporary
                            place and compare: exit 1, with a diff, when a
                            doc or a figure differs from what the commands
                            give now
  docs_examples.py list     the examples and where they are

Everything runs under QEMU with icount, so the outputs are identical run
after run.
"""

import argparse
import difflib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools", "jitter"))
import jitter  # noqa: E402

PYTHON = "/usr/bin/python3"
BEGIN = re.compile(r"^<!-- example (\S+) \(written by tools/docs_examples\.py; "
                   r"do not edit\) -->$")
END = "<!-- end of example %s -->"
DOCS = ["README.md"] + sorted(
    os.path.join("docs", f) for f in os.listdir(os.path.join(ROOT, "docs"))
    if f.endswith(".md"))


class Failure(Exception):
    pass


def sh(cmd, env=None):
    """Run one shown command line (bash, from the repository root); its
    standard output, or Failure."""
    p = subprocess.run(["bash", "-c", cmd], cwd=ROOT, capture_output=True,
                       text=True, timeout=900,
                       env=dict(os.environ, **(env or {})))
    if p.returncode != 0:
        raise Failure("`%s` failed (exit status %d):\n%s%s"
                      % (cmd, p.returncode, p.stdout[-2000:], p.stderr[-2000:]))
    return p.stdout


def output_block(text):
    lines = [ln.rstrip() for ln in text.rstrip("\n").split("\n")]
    return "```\n" + "\n".join(lines) + "\n```"


def sh_block(cmds):
    return "```sh\n" + "\n".join(cmds) + "\n```"


# ---- trace-periodic: the jitter report of the release pin ----

PERIODIC_TRACE = "build/versatilepb/trace-periodic/trace"
PERIODIC_SVG = "docs/img/trace-periodic-jitter.svg"
PERIODIC_CMD = ("/usr/bin/python3 tools/jitter/jitter.py " +
                PERIODIC_TRACE + "/analyzer.vcd \\\n"
                "    -c gpio3 --period 10ms --from gpio3 --to gpio4 --bin 1us "
                "--svg " + PERIODIC_SVG)


def render_periodic(files):
    cmd = PERIODIC_CMD.replace(PERIODIC_SVG, files.path(PERIODIC_SVG))
    out = sh(cmd.replace("\\\n", ""))
    return sh_block([PERIODIC_CMD]) + "\n\n" + output_block(out)


# ---- matrix-vit: the VIT benchmark's wake-up latency from the pins ----

VIT_TRACE = "build/versatilepb/matrix-vit/trace"
VIT_SERIES = 50      # MATRIX_REPORT_JOBS: jobs 1..50 warm up, 51..100 measured
VIT_CMDS = [
    "/usr/bin/python3 tools/jitter/jitter.py $T/analyzer.vcd -c gpio4 \\\n"
    "    --grid 1ms@{origin}ns --to gpio4 --skip 50 --no-hist   # period; deadline -> job start",
    "/usr/bin/python3 tools/jitter/jitter.py $T/analyzer.vcd -c gpio3 \\\n"
    "    --from gpio3 --to gpio4 --skip 50 --no-hist   # release pin -> job start",
]


def vcd_changes(path):
    """{channel: [(time_ns, level)]} of a VCD file (the jitter tool's
    reader; its times are fs)."""
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        cap = jitter.parse_vcd(f.read(), path)
    return {ch: [(t // 1_000_000, lvl) for t, lvl in cap.changes[ch]]
            for ch in cap.order}


def time_base_diffs(trace_dir):
    """The analyzer's time minus the trace's for every edge of the task
    pins 3..5 that both saw (the analyzer's gpio<n>, the kernel's probe
    records, kernel_probe<n> in trace.vcd), sorted."""
    pins = vcd_changes(trace_dir + "/analyzer.vcd")
    trace = vcd_changes(trace_dir + "/trace.vcd")
    diffs = []
    for pin in (3, 4, 5):
        a, b = pins["gpio%d" % pin], trace["kernel_probe%d" % pin]
        if len(a) != len(b):
            raise Failure("%s: pin %d: the analyzer saw %d edges, the trace "
                          "has %d" % (trace_dir, pin, len(a), len(b)))
        diffs += [ta - tb for (ta, _), (tb, _) in zip(a, b)]
    return sorted(diffs)


def render_periodic_time_bases(files):
    del files
    diffs = time_base_diffs(PERIODIC_TRACE)
    off = diffs[len(diffs) // 2]
    return ("In `make trace SYSTEM=trace-periodic` the offset is %.3f µs "
            "(the median over the %d edges of the task pins 3..5, each "
            "matched with the kernel's `probe` record of it), and every one "
            "of those edges lies within %d ns of it."
            % (off / 1000, len(diffs), max(off - diffs[0], diffs[-1] - off)))


def vit_time_bases():
    """(offset_ns, deadline_ns): the analyzer's time minus the trace's (the
    median difference of the task-pin edges both saw) and the VIT deadline
    of the first measured job on the trace's clock; as
    tests/tools/test_trace_vit.py computes and checks them."""
    diffs = time_base_diffs(VIT_TRACE)
    out = sh(PYTHON + " tools/trace/trace.py extract --json "
             + VIT_TRACE + "/console.log")
    records = [json.loads(ln) for ln in out.splitlines()]
    deadlines = sorted(r["time"] + r["a2"] for r in records
                       if r["type"] == "vit_set")
    if len(deadlines) < 2 * VIT_SERIES:
        raise Failure("%s: %d VIT deadlines, fewer than two series"
                      % (VIT_TRACE, len(deadlines)))
    return diffs[len(diffs) // 2], deadlines[VIT_SERIES]


def render_vit(files):
    del files  # writes nothing but the block
    offset, deadline = vit_time_bases()
    origin = deadline + offset
    cmds = [c.replace("{origin}", str(origin)) for c in VIT_CMDS]
    text = [sh_block(["T=" + VIT_TRACE] + cmds), ""]
    text.append("In this run the deadline of job 51 is at %d ns on the "
                "trace's clock and the offset between the time bases is "
                "%.3f µs, so ORIGIN is %d ns. The commands print:"
                % (deadline, offset / 1000, origin))
    outs = [sh(c.replace("\\\n", ""), env={"T": VIT_TRACE}) for c in cmds]
    text += ["", output_block("".join(outs))]
    console = open(os.path.join(ROOT, VIT_TRACE, "console.log"),
                   encoding="utf-8", errors="replace").read()
    wake = re.findall(r"MATRIX-WAKE rt=1 wake=(-?\d+)/(-?\d+)/(-?\d+)/(-?\d+)",
                      console)
    if len(wake) < 2:
        raise Failure("%s/console.log: fewer than two MATRIX-WAKE lines"
                      % VIT_TRACE)
    m = re.search(r"latency +n=\d+ +min ([\d.]+) +mean ([\d.]+) .* max ([\d.]+)",
                  outs[0])
    fw = [int(wake[1][i]) for i in (0, 1, 3)]
    an = [round(float(v) * 1000) for v in m.groups()]
    k = [f - a for f, a in zip(fw, an)]
    text += ["", "The firmware's `MATRIX-WAKE` line of the measured series "
             "gives min %.3f, mean %.3f, max %.3f µs: the analyzer's figures "
             "plus %.3f µs (within %d ns), the code between the start pin "
             "and the firmware's clock read."
             % (fw[0] / 1000, fw[1] / 1000, fw[2] / 1000, min(k) / 1000,
                max(k) - min(k))]
    return "\n".join(text)


# ---- README: what `make run` prints in the demo's first seconds ----

DEMO_MS = 6000
DEMO_BUILD = "build/docs"
DEMO_CMDS = [
    "make -s BUILD=%s SYSTEM=demo RUN_MS=%d" % (DEMO_BUILD, DEMO_MS),
    "/usr/bin/python3 tools/qemu_run.py --config %s/versatilepb/demo/qemu.json "
    "--no-expect --log %s/demo.log" % (DEMO_BUILD, DEMO_BUILD),
]
DEMO_LOG = DEMO_BUILD + "/demo.log"


def render_demo(files):
    del files
    with open(os.path.join(ROOT, DEMO_LOG), encoding="utf-8",
              errors="replace") as f:
        console = f.read()
    if "PK run end after %d ms" % DEMO_MS not in console:
        raise Failure("%s: the run did not end after %d ms" % (DEMO_LOG, DEMO_MS))
    return (sh_block(DEMO_CMDS) + "\n\nThe console (`%s`):\n\n" % DEMO_LOG +
            output_block(console))


class Example:
    """needs: the commands that make the artefacts; fresh: run them in
    check mode too (cheap enough, and nothing else leaves them), not only
    where an artefact is missing."""

    def __init__(self, needs, artefacts, render, fresh=False):
        self.needs, self.artefacts, self.render = needs, artefacts, render
        self.fresh = fresh


EXAMPLES = {
    "trace-periodic-jitter": Example(
        ["make -s trace SYSTEM=trace-periodic"],
        [PERIODIC_TRACE + "/analyzer.vcd"], render_periodic),
    "trace-periodic-time-bases": Example(
        ["make -s trace SYSTEM=trace-periodic"],
        [PERIODIC_TRACE + "/" + f for f in ("analyzer.vcd", "trace.vcd")],
        render_periodic_time_bases),
    "demo-console": Example(DEMO_CMDS, [DEMO_LOG], render_demo, fresh=True),
    "matrix-vit-grid": Example(
        ["make -s trace SYSTEM=matrix-vit TRACE_RUN_MS=4425"],
        [VIT_TRACE + "/" + f for f in ("analyzer.vcd", "trace.vcd",
                                       "console.log")], render_vit),
}


class Files:
    """Where the commands write the files they make (figures): the
    repository in update mode, a temporary folder in check mode."""

    def __init__(self, tmp=None):
        self.tmp, self.written = tmp, []

    def path(self, rel):
        self.written.append(rel)
        if self.tmp is None:
            return rel
        p = os.path.join(self.tmp, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p


def blocks(text):
    """[(name, start, end)]: line indexes of each example's markers."""
    lines = text.split("\n")
    found = []
    for i, ln in enumerate(lines):
        m = BEGIN.match(ln)
        if not m:
            continue
        name = m.group(1)
        try:
            j = lines.index(END % name, i + 1)
        except ValueError:
            raise Failure("example %s: no line %r after line %d"
                          % (name, END % name, i + 1))
        found.append((name, i, j))
    return found


def regenerate(doc, text, files, rendered):
    lines = text.split("\n")
    for name, i, j in reversed(blocks(text)):
        if name not in EXAMPLES:
            raise Failure("%s:%d: unknown example %s (known: %s)"
                          % (doc, i + 1, name, ", ".join(EXAMPLES)))
        if name not in rendered:
            rendered[name] = EXAMPLES[name].render(files)
        lines[i + 1:j] = ["", rendered[name], ""]
    return "\n".join(lines)


def prepare(names, always):
    for name in names:
        ex = EXAMPLES[name]
        if always or ex.fresh or not all(os.path.isfile(os.path.join(ROOT, a))
                             for a in ex.artefacts):
            for cmd in ex.needs:
                print("docs_examples: " + cmd, file=sys.stderr, flush=True)
                sh(cmd)


def used():
    """{doc: text} of the docs holding examples, and the example names."""
    docs, names = {}, []
    for doc in DOCS:
        with open(os.path.join(ROOT, doc), encoding="utf-8") as f:
            text = f.read()
        found = blocks(text)
        if found:
            docs[doc] = text
            names += [n for n, _, _ in found if n in EXAMPLES and n not in names]
    return docs, names


def update():
    docs, names = used()
    prepare(names, always=True)
    rendered, files = {}, Files()
    for doc, text in docs.items():
        new = regenerate(doc, text, files, rendered)
        if new != text:
            with open(os.path.join(ROOT, doc), "w", encoding="utf-8") as f:
                f.write(new)
            print("docs_examples: rewrote " + doc)
    return 0


def check():
    docs, names = used()
    prepare(names, always=False)
    rendered, stale = {}, []
    with tempfile.TemporaryDirectory(prefix="docs-examples-") as tmp:
        files = Files(tmp)
        for doc, text in docs.items():
            new = regenerate(doc, text, files, rendered)
            if new != text:
                stale.append(doc)
                sys.stdout.writelines(difflib.unified_diff(
                    text.splitlines(True), new.splitlines(True),
                    doc, doc + " (now)"))
        for rel in files.written:
            with open(os.path.join(tmp, rel), "rb") as f:
                now = f.read()
            try:
                with open(os.path.join(ROOT, rel), "rb") as f:
                    old = f.read()
            except OSError:
                old = None
            if old != now:
                stale.append(rel)
    if stale:
        print("docs_examples: out of date: %s (run /usr/bin/python3 "
              "tools/docs_examples.py update)" % ", ".join(stale))
        return 1
    print("docs_examples: %d examples in %s are current"
          % (len(names), ", ".join(docs)))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cmd", choices=("update", "check", "list"))
    args = ap.parse_args(argv)
    try:
        if args.cmd == "list":
            docs, _ = used()
            for doc, text in docs.items():
                for name, i, _ in blocks(text):
                    print("%s:%d: %s (needs: %s)" % (
                        doc, i + 1, name, "; ".join(EXAMPLES[name].needs)
                        if name in EXAMPLES else "unknown"))
            return 0
        return update() if args.cmd == "update" else check()
    except (Failure, OSError) as e:
        print("docs_examples: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
