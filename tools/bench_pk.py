#!/usr/bin/python3
"""Run the partitioning-kernel benchmarks and write their figures into the
"Partitioning kernel (<board>)" section of docs/benchmarks.md (other
sections, and other boards', are left as they are) and into
docs/bench/<board>/pk.json (the side-by-side table's data).

Builds and runs, under QEMU with icount (shift=2: one instruction = 4 ns of
virtual time), the bench systems
  pk-bench          one partition: service call, gate, yield, tick upcall,
                    the matrix workload (tests/bench/pk-bench)
  pk-switch-2       two partitions yielding to each other: the partition
                    switch (tools/bench_switch.py's system, counted the same
                    way)
  pk-bench-native   the same matrix workload natively
parses their BENCH / SWITCH lines, measures the kernel's footprint from its
objects with arm-none-eabi-size and prints the section.

    /usr/bin/python3 tools/bench_pk.py [--board versatilepb] [--no-write]
"""

import argparse
import glob
import os
import re
import sys

import bench_switch
import benchdoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTION = "Partitioning kernel"
TOOL = "pk"
NS_PER_INSN = 4  # -icount shift=2
SYSTEMS = ["pk-bench", "pk-bench-native"]
SWITCH_GOAL_INSNS = 300
# The matrix workload in a partition against the same natively (per cent).
OVERHEAD_GOAL_PCT = 0.05

BENCH_RE = re.compile(r"BENCH (\S+) n=(\d+) total_ns=(\d+) min_ns=(\d+) max_ns=(\d+)$", re.M)


def fail(message):
    print(f"bench_pk: {message}", file=sys.stderr)
    sys.exit(1)


def build_and_run(board, system):
    try:
        return benchdoc.run_system(board, system)[0]
    except benchdoc.RunError as e:
        fail(str(e))


def bench_lines(text):
    return {m.group(1): tuple(int(x) for x in m.group(2, 3, 4, 5)) for m in BENCH_RE.finditer(text)}


def switch_figures(board, yield_stay_ns):
    """The mean whole switch path from pk-switch-2: 0.5 s shared by the
    iterations of both partitions, of which a few (a partition behind in
    virtual time keeps the CPU) did not switch; those cost what a yield
    with no other partition costs, measured in pk-bench."""
    total, away, _per, _lo, _hi = bench_switch.measure(board, 2)
    stay = total - away
    path = (bench_switch.INTERVAL_NS - stay * yield_stay_ns) / away
    return path, away, stay


def footprint(board):
    base = os.path.join(ROOT, "build", board, "pk-bench", "obj")
    objs = sorted(glob.glob(os.path.join(base, "partitions", "*.o")) +
                  glob.glob(os.path.join(base, "partitions", "*", "*.o")) +
                  glob.glob(os.path.join(base, "partitions", "arch", "*", "*.o")))
    bsp = sorted(glob.glob(os.path.join(base, "bsp", "**", "*.o"), recursive=True))
    if not objs:
        fail("no partitions/ objects found after the build")

    def sizes(files):
        status, out = benchdoc.sh(["arm-none-eabi-size"] + files)
        if status != 0:
            fail("arm-none-eabi-size failed:\n" + out)
        rows = []
        for line in out.splitlines()[1:]:
            parts = line.split()
            if len(parts) >= 6:
                rows.append((os.path.relpath(parts[5], base), int(parts[0]), int(parts[1]),
                             int(parts[2])))
        return rows

    return sizes(objs), sizes(bsp) if bsp else []


def per_op(results, key):
    n, total, _mn, _mx = results[key]
    return total / n


def make_section(board, info, res, c0, path, away, stay, kernel_rows, bsp_rows):
    loop = per_op(res, "loop")
    svc = per_op(res, "svc_time") - loop
    gate = per_op(res, "gate") - loop
    yield_self = per_op(res, "yield_self") - loop
    tick_n, tick_total, tick_min, tick_max = res["tick"]
    tick = tick_total / tick_n
    switch_extra = path - c0
    switch_mech = svc + switch_extra
    mm_part = per_op(res, "matmul")
    mm_native = per_op(res, "matmul_native")
    overhead = (mm_part - mm_native) / mm_native * 100.0

    asid = info["pk_space"] == "asid"
    space_write = "TTBR0 + CONTEXTIDR write" if asid else "DACR write"
    model = "ASID model" if asid else "DACR model"
    figures = {"svc_time": svc / NS_PER_INSN, "gate": gate / NS_PER_INSN,
               "yield_self": yield_self / NS_PER_INSN,
               "tick": tick / NS_PER_INSN,
               "switch_extra": switch_extra / NS_PER_INSN,
               "switch_mech": switch_mech / NS_PER_INSN,
               "switch_path": path / NS_PER_INSN,
               "matmul_native": mm_native / NS_PER_INSN, "matmul_part": mm_part / NS_PER_INSN,
               "overhead_pct": overhead}
    figures = {k: round(v, 2) for k, v in figures.items()}
    notes = {}

    def row(label, n, ns, extra=""):
        return f"| {label} | {n} | {ns:.0f} | {ns / NS_PER_INSN:.0f} | {extra} |"

    lines = [f"## {benchdoc.board_title(SECTION, board)}", "",
             f"Regenerate with `make bench BOARD={board}` or `/usr/bin/python3 tools/bench_pk.py "
             f"--board {board}` ({info['cpu']}, ARM{info['arch']}, address spaces: {model}; systems `tests/bench/pk-bench`, `pk-switch-2`, `pk-bench-native`). "
             "Virtual time under QEMU `-icount shift=2,align=off,sleep=off`: 4 ns per "
             "instruction, so instructions = ns / 4 (QEMU models no caches or stalls: the counts "
             "are exact for the code path, the ns those of an ideal 250 MHz core). Guests read "
             f"the clock with a service call, on {benchdoc.counter_text(info)}, so no figure is "
             "one reading: the first three are batches of many operations, the fastest of 20 "
             "batches of 1000 (a batch a tick interrupted is longer), minus the empty loop's "
             f"{loop:.0f} ns per iteration; the tick and the switch are measured as described "
             "below the table. Kernel built as the test systems are (probe pins on, "
             "trace off, -O2).", "",
             "| measurement | n | ns | instructions | notes |",
             "|---|---:|---:|---:|---|",
             row("Service-call round trip: `PK_SVC_TIME_GET` from a task (svc, save of the "
                 "USR registers, dispatch, restore)", res["svc_time"][0], svc),
             row("Task to guest kernel and back: an `os_tick_count()` call from a task "
                 "(prefetch abort at the gate, DACR to guest-kernel mode, the function, "
                 "trampoline `svc`, DACR back)", res["gate"][0], gate),
             row("`PK_SVC_YIELD` with no other partition (svc, full scheduler decision: "
                 "charge, pick; deadline scan and timer re-arm only when a deadline "
                 "changed; no switch)", res["yield_self"][0],
                 yield_self),
             row("Virtual interrupt: the time one delivered virtual tick takes from a task "
                 "(timer IRQ, kernel exit work, upcall into the guest, `os_tick_announce`, the "
                 "guest's next-tick request, upcall return, timer re-armed for it); a tick with "
                 "nothing due is not delivered at all (below)",
                 tick_n, tick, f"samples {tick_min}..{tick_max} ns; method below"),
             row("Partition switch, extra cost of a yield that switches over one that does "
                 f"not (other context, {space_write}, probe pins, accounting)", away,
                 switch_extra, f"whole path {path:.0f} ns - yield and clock read alone "
                 f"{c0:.0f} ns"),
             row(f"Partition switch, {model} (save, {space_write}, restore): the service-call "
                 "round trip plus the switch's extra cost", away, switch_mech,
                 f"goal <= {SWITCH_GOAL_INSNS} instructions: "
                 f"{'met' if switch_mech / NS_PER_INSN <= SWITCH_GOAL_INSNS else 'NOT met'}"),
             row("Partition switch by yield, whole path (svc, scheduler decision, switch, "
                 "restore of the other partition, its clock read)", away, path,
                 "what a voluntary switch costs end to end"),
             "",
             f"Workload: {res['matmul'][0]} products of two 32 x 32 integer matrices "
             "(`tests/bench/pk-bench/matmul.h`, identical code and flags), 1 kHz tick in both:", "",
             "| system | ns per product | instructions per product |",
             "|---|---:|---:|",
             f"| native (tick core alone, `pk-bench-native`) | {mm_native:.0f} | "
             f"{mm_native / NS_PER_INSN:.0f} |",
             f"| one partition (`pk-bench`) | {mm_part:.0f} | {mm_part / NS_PER_INSN:.0f} |",
             f"| **overhead** | **{overhead:.2f} %** | goal <= {OVERHEAD_GOAL_PCT:g} %: "
             f"{'met' if overhead <= OVERHEAD_GOAL_PCT else 'NOT met'} |", "",
             "The workload runs unchanged in USR mode, and takes no virtual tick: with nothing "
             "due in the guest (no delay or timeout ending, no task of its priority to share "
             "the CPU with), the guest asks for no tick (`vcpu.tick_skip`, docs/abi.md "
             "\"Virtual ticks on demand\"), the kernel counts the ticks without an upcall, and "
             "the partition is interrupted only at the end of its window. Natively the tick "
             "core takes its 1 kHz tick, so the partition may come out slightly faster than "
             "native. A delivered virtual tick (the row above, when the task has called its "
             f"guest kernel since the last tick) costs about {tick / NS_PER_INSN:.0f} "
             "instructions. For comparison, the para-virtualised system of paper 002 measured "
             "about 12 % more instructions under its hypervisor.", "",
             "Method of the tick: the task times a fixed piece of work (5031 iterations of a "
             "two-instruction loop, 40 us) between two clock reads, 400 times started 20 us "
             "before a virtual tick is due (the tick falls inside) and 400 times half a period "
             "after one (none does), checking the guest's tick count around each; the tick is "
             "the difference of the two means. Each start is dithered over 1 us in 8 ns steps, "
             "so readings of a coarse counter average to the true length; a sample more than "
             "1.5 us above its series' median (it also holds the window end's decision) is "
             "left out. The samples column shows the spread of the readings with a tick, minus "
             "the mean without.", "",
             "Method of the switch figures: two partitions loop on `PK_SVC_YIELD` + a clock read "
             "under BVT with no switch allowance (`tests/bench/pk-switch-2`, the system of "
             f"'Partition switch by partition count ({board})'); a yield gives the turn to the "
             "other partition, so the 0.5 s of the measurement are shared by whole switch "
             f"paths. {away} iterations switched; {stay} did not (the partition behind in "
             "virtual time keeps the CPU) and are counted at the cost of a yield with no other "
             "partition plus a clock read (the first and third rows).", "",
             "Footprint of the partitioning kernel (`partitions/` objects of `pk-bench`, -O2, "
             "ARM state; the board support, libgcc and the embedded partition images are not "
             "included):", "",
             "| file | text | data | bss |", "|---|---:|---:|---:|"]
    total = [0, 0, 0]
    for name, text, data, bss in kernel_rows:
        lines.append(f"| {name} | {text} | {data} | {bss} |")
        total = [total[0] + text, total[1] + data, total[2] + bss]
    lines.append(f"| **total** | **{total[0]}** | **{total[1]}** | **{total[2]}** |")
    if bsp_rows:
        b = [sum(r[i] for r in bsp_rows) for i in (1, 2, 3)]
        lines += ["", f"Board support linked with it (`bsp/` objects): text {b[0]}, data {b[1]}, "
                      f"bss {b[2]} bytes."]
    lines.append("")
    return "\n".join(lines) + "\n", figures, notes


def main():
    p = argparse.ArgumentParser(description="Partitioning-kernel benchmarks -> docs/benchmarks.md")
    p.add_argument("--board", default="versatilepb")
    p.add_argument("--no-write", action="store_true", help="print only")
    args = p.parse_args()
    try:
        info = benchdoc.board_info(args.board)
    except benchdoc.DocError as e:
        fail(str(e))
    print(f"bench_pk: board {args.board}")
    texts = {s: build_and_run(args.board, s) for s in SYSTEMS}
    res = bench_lines(texts["pk-bench"])
    res.update(bench_lines(texts["pk-bench-native"]))
    for key in ("loop", "svc_time", "gate", "yield_self", "tick", "matmul", "matmul_native"):
        if key not in res:
            fail(f"no BENCH {key} line in the output")
    loop = per_op(res, "loop")
    c0 = per_op(res, "yield_self") - loop + per_op(res, "svc_time") - loop
    path, away, stay = switch_figures(args.board, c0)
    kernel_rows, bsp_rows = footprint(args.board)
    section, figures, notes = make_section(args.board, info, res, c0, path, away, stay,
                                           kernel_rows, bsp_rows)
    figures["text_bytes"] = sum(r[1] for r in kernel_rows)
    print(section)
    if not args.no_write:
        title = benchdoc.board_title(SECTION, args.board)
        benchdoc.update(args.board, TOOL, title, section, figures, notes,
                        {"bench": {k: list(v) for k, v in res.items()},
                         "switch_path_ns": path, "switch_iterations": [away, stay],
                         "switch_step_ns": c0})
        print(f"bench_pk: wrote section '{title}' of docs/benchmarks.md and "
              f"docs/bench/{args.board}/{TOOL}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
