#!/usr/bin/python3
"""Cost of tracepoints (docs/benchmarks.md, "Tracepoints"; docs/tracepoints.md).

Every variant is a trace build (TRACE=1, probe pins off), built afresh in
build/bench-tp/<variant>, run under QEMU with icount; the tracepoints are
planted through the console's control channel before the measured loop
starts (the commands wait in the UART for the kernel's first look):

- trace-csw (2000 guest task switches by os_task_yield, ns per switch):
  nothing planted; one tracepoint planted on a function that never runs
  again (main: the cost of having one, which must be zero); one on the
  guest's os_task_switch, hit at every task switch. The difference per hit
  in instructions (4 ns each) is the cost of a hit;
- demo2 for 3 s (the CPU-bound "counter" partition's iterations in 2 s of
  its own ticks): nothing planted, and a tracepoint on os_task_switch in
  both partitions.

Prints the markdown table and, with --json FILE, writes the figures.
Run from the repository root: /usr/bin/python3 tools/bench_tp.py [--board B]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tools", "trace"))

import qemu_run  # noqa: E402
from tracelib import tp as T  # noqa: E402

NS_PER_INSN = 4


def fail(msg):
    sys.stderr.write("bench_tp.py: error: %s\n" % msg)
    sys.exit(1)


def build(board, system, variant, extra):
    build_dir = os.path.join("build", "bench-tp", board, variant)
    shutil.rmtree(os.path.join(ROOT, build_dir), ignore_errors=True)
    p = subprocess.run(["make", "-s", "-j2", "BUILD=" + build_dir,
                        "BOARD=" + board, "SYSTEM=" + system, "TRACE=1",
                        "PROBE=0"] + extra, cwd=ROOT, capture_output=True,
                       text=True, timeout=900)
    if p.returncode != 0:
        fail("build of %s (%s) failed:\n%s" % (system, variant,
                                                p.stderr[-2000:]))
    return os.path.join(ROOT, build_dir, board, system)


def run(out_dir, plant, other=""):
    """Runs the system with the tracepoints plant = [(partition index,
    partition name, symbol)] planted at boot (other: more command lines
    after them); returns the console text."""
    with open(os.path.join(out_dir, "qemu.json"), encoding="utf-8") as f:
        cfg = json.load(f)
    cfg["elf"] = os.path.join(ROOT, cfg["elf"]) \
        if not os.path.isabs(cfg["elf"]) else cfg["elf"]
    elfs = T.part_elfs(out_dir)
    cmds = ""
    for tag, (index, name, sym) in enumerate(plant, 1):
        addr = T.Elf(elfs[name]).resolve(sym)
        cmds += "!%d tp %d %08x 0\n" % (tag, index, addr)
    cmds += other
    cmd = qemu_run.qemu_command(cfg, True, {})
    # QEMU hands the input to the UART from its main loop, which a run
    # that idles little may reach late: a run whose commands were not all
    # taken before the measurement is made again.
    for _ in range(3):
        p = subprocess.run(cmd, input=cmds.encode("ascii"),
                           capture_output=True, timeout=600, cwd=ROOT)
        text = p.stdout.decode("ascii", "replace")
        errors = re.findall(r"PK ctl \d+ error (.*)", text)
        if errors:
            fail("tracepoint not planted: %s" % errors[0])
        # trace-csw measures after its "clock reads" line: every answer
        # must come before it.
        before = text.split("clock reads=")[0]
        if len(re.findall(r"PK ctl \d+ ok", before)) == cmds.count("\n"):
            return text
    fail("the commands were not taken before the run's measurement")


def grab(pattern, text, what):
    m = re.search(pattern, text)
    if m is None:
        fail("no %s in the run's output" % what)
    return int(m.group(1))


def hits(text):
    return sum(int(h) for h in re.findall(r"PK tp end .* hits=(\d+)", text))


def measure(b):
    fig = {"board": b}
    delay = ["PK_APP_DEFINES=-DCSW_START_DELAY_MS=200"]
    csw_dir = build(b, "trace-csw", "csw", delay)
    # The same console input in both: a plant answered, and a list (the
    # commands' own handling at boot is then the same in both runs).
    none = run(csw_dir, [], "!8 tps\n!9 tps\n")
    # The run-to-run spread of the figure with nothing planted at all, only
    # other console input (the ticks fall elsewhere in the loop).
    none2 = run(csw_dir, [], "!7 ls\n")
    idle = run(csw_dir, [(0, "sw", "main")], "!9 tps\n")
    every = run(csw_dir, [(0, "sw", "os_task_switch")])
    # The same with the tracepoint records masked (category probe off):
    # the trap, the lookup, the emulation and the resume alone.
    bare = run(csw_dir, [(0, "sw", "os_task_switch")], "!9 mask 7f\n")
    fig["csw_ns_none"] = grab(r"ns_per_switch=(\d+)", none, "csw figure")
    fig["csw_ns_none_other_input"] = grab(r"ns_per_switch=(\d+)", none2,
                                          "csw figure")
    fig["csw_ns_planted_idle"] = grab(r"ns_per_switch=(\d+)", idle,
                                      "csw figure")
    fig["csw_ns_every_switch"] = grab(r"ns_per_switch=(\d+)", every,
                                      "csw figure")
    fig["csw_ns_every_switch_unrecorded"] = grab(
        r"ns_per_switch=(\d+)", bare, "csw figure")
    fig["csw_switches"] = grab(r"csw switches=(\d+)", every, "switch count")
    fig["csw_hits"] = hits(every)
    fig["csw_idle_hits"] = hits(idle)
    # os_task_switch runs once per switch (and a few times outside the
    # measured loop: its hits are counted over the whole run).
    per_switch = max(1.0, round(fig["csw_hits"] / float(fig["csw_switches"])))
    delta = fig["csw_ns_every_switch"] - fig["csw_ns_none"]
    fig["hit_insns"] = int(round(delta / NS_PER_INSN / per_switch))
    fig["hit_insns_unrecorded"] = int(round(
        (fig["csw_ns_every_switch_unrecorded"] - fig["csw_ns_none"]) /
        NS_PER_INSN / per_switch))
    fig["csw_overhead_pct"] = round(100.0 * delta / fig["csw_ns_none"], 1)
    fig["none_planted_delta_ns"] = (fig["csw_ns_planted_idle"] -
                                    fig["csw_ns_none"])
    demo_dir = build(b, "demo2", "demo2", ["RUN_MS=3000"])
    d_none = run(demo_dir, [])
    d_tp = run(demo_dir, [(0, "pinger", "os_task_switch"),
                          (1, "counter", "os_task_switch")])
    fig["cpu_count_none"] = grab(r"count 2 n=(\d+)", d_none, "counter figure")
    fig["cpu_count_tp"] = grab(r"count 2 n=(\d+)", d_tp, "counter figure")
    fig["cpu_hits"] = hits(d_tp)
    fig["cpu_overhead_pct"] = round(100.0 * (fig["cpu_count_none"] -
                                             fig["cpu_count_tp"]) /
                                    fig["cpu_count_none"], 3)
    return fig


def section(fig):
    b = fig["board"]
    title = "Tracepoints (%s)" % b
    rows = [
        "| guest task switch (`trace-csw`, `os_task_yield`), trace build, "
        "no tracepoint | %d ns | |" % fig["csw_ns_none"],
        "| ... nothing planted, other console input (the spread of this "
        "figure) | %d ns (%+d ns) | |" % (
            fig["csw_ns_none_other_input"],
            fig["csw_ns_none_other_input"] - fig["csw_ns_none"]),
        "| ... one tracepoint planted where nothing runs (`main`) | %d ns "
        "(%+d ns) | zero |" % (fig["csw_ns_planted_idle"],
                               fig["none_planted_delta_ns"]),
        "| ... a tracepoint on every task switch (`os_task_switch`, %d hits "
        "in %d switches) | %d ns (+%.1f %%) | +45 %% |" % (
            fig["csw_hits"], fig["csw_switches"], fig["csw_ns_every_switch"],
            fig["csw_overhead_pct"]),
        "| cost of one hit (trap, record, emulated `push`, resume, and its "
        "record's share of the drain) | %d instructions | |" %
        fig["hit_insns"],
        "| ... its records masked (trap, lookup, emulation, resume: %d ns "
        "per switch) | %d instructions | |" % (
            fig["csw_ns_every_switch_unrecorded"],
            fig["hit_insns_unrecorded"]),
        "| CPU-bound partition (`demo2` counter) iterations in 2 s, no "
        "tracepoint | %d | |" % fig["cpu_count_none"],
        "| ... tracepoints on `os_task_switch` of both partitions (%d hits) "
        "| %d (%.3f %% fewer) | < 1 %% |" % (
            fig["cpu_hits"], fig["cpu_count_tp"], fig["cpu_overhead_pct"]),
    ]
    return title, "\n".join([
        "## " + title,
        "",
        "`make bench BOARD=%s` (tools/bench_tp.py; docs/tracepoints.md): "
        "trace builds (`TRACE=1`, pins off), the tracepoints planted through "
        "the console's control channel before the measured loop; QEMU "
        "virtual time, `-icount shift=2` (4 ns per instruction). The cost of "
        "a hit is the added time per switch over the hits per switch. With "
        "none planted nothing is added to any path (the only hook is in the "
        "undefined-instruction handler): the difference of that row is the "
        "figure's own spread, the row above it." % b,
        "",
        "| measurement | figure | paper |",
        "|---|---:|---:|",
    ] + rows + [""])


def main(argv=None):
    ap = argparse.ArgumentParser(description="cost of tracepoints")
    ap.add_argument("--board", default="versatilepb")
    ap.add_argument("--from-json", help="render the section of this "
                    "file's figures (no run)")
    ap.add_argument("--no-write", action="store_true",
                    help="print the section only")
    args = ap.parse_args(argv)
    if args.from_json:
        try:
            with open(args.from_json, encoding="utf-8") as f:
                fig = json.load(f).get("detail") or {}
            fig["board"]
        except (OSError, ValueError, AttributeError, KeyError) as e:
            fail("cannot read %s: %s" % (args.from_json, e))
    else:
        fig = measure(args.board)
    title, text = section(fig)
    print(text)
    if not args.no_write:
        import benchdoc
        # The side-by-side table's figures; the whole measurement as detail.
        figures = {k: fig[k] for k in ("hit_insns", "csw_overhead_pct",
                                       "cpu_overhead_pct")}
        benchdoc.update(fig["board"], "tracepoints", title, text, figures,
                        {}, fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
