#!/usr/bin/python3
"""The partition switch against the number of partitions, on one board:
builds and runs tests/bench/pk-switch-<n> (n partitions yielding to each
other under BVT, apps in tests/bench/pk-switch-common) under QEMU with
icount, and writes the "Partition switch by partition count (<board>)"
section of docs/benchmarks.md.

Every partition counts its yield iterations in the same 0.5 s of virtual
time; all of them share that time, so the mean cost of one iteration (a
yield service call that hands the CPU to the partition furthest behind,
the scheduler's decision, the partition switch, the return, a clock read)
is 0.5 s / the sum of the counts, whatever n. The goal (docs/memory.md):
the same cost at 2, 8 and 32 partitions.

    /usr/bin/python3 tools/bench_switch.py [--board raspi0] [--no-write]
"""

import argparse
import os
import re
import sys

import benchdoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS_PER_INSN = 4          # -icount shift=2
INTERVAL_NS = 500000000  # T2 - T1 of apps/yieldcount
T1_NS = 1000000000
YC_RE = re.compile(r"^\[y\d+\] YC index=(\d+) yields=(\d+) away=(\d+) start_us=(\d+)$", re.M)
# A yield hands the CPU to another partition (docs/scheduling.md) unless the
# yielder is behind the others in virtual time: a few per cent may stay where
# the board's clock charges in whole microseconds (raspi0: 1.4 % at 2).
MIN_SWITCHED = 0.95
PART_RE = re.compile(r"^PK partition y\d+: ", re.M)


def fail(message):
    print(f"bench_switch: {message}", file=sys.stderr)
    sys.exit(1)


def mk_has_asid(board):
    path = os.path.join(ROOT, "bsp", board, "board.mk")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        fail(f"unknown board {board}")
    m = re.search(r"^BOARD_PK_SPACE\s*:?=\s*(\w+)", text, re.M)
    if m is None:
        inc = re.search(r"^include\s+bsp/([\w.-]+)/board\.mk", text, re.M)
        return mk_has_asid(inc.group(1)) if inc else False
    return m.group(1) == "asid"


def measure(board, n):
    system = f"pk-switch-{n}"
    try:
        text = benchdoc.run_system(board, system, expect=False)[0]
    except benchdoc.RunError as e:
        fail(str(e))
    found = YC_RE.findall(text)
    counts = {int(i): int(c) for i, c, _, _ in found}
    away = sum(int(a) for _, _, a, _ in found)
    if any(int(t) * 1000 >= T1_NS for _, _, _, t in found):
        fail(f"{system}: a partition started after the measured interval began")
    if len(PART_RE.findall(text)) != n or sorted(counts) != list(range(n)):
        fail(f"{system}: counts from partitions {sorted(counts)}, want 0..{n - 1}")
    total = sum(counts.values())
    if total == 0 or away < MIN_SWITCHED * total:
        fail(f"{system}: only {away} of {total} yields switched partitions")
    return total, away, INTERVAL_NS / total, min(counts.values()), max(counts.values())


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--board", default="versatilepb")
    p.add_argument("--no-write", action="store_true", help="print the section only")
    args = p.parse_args()
    counts = [2, 8, 32] if mk_has_asid(args.board) else [2, 7]
    rows = []
    for n in counts:
        total, away, per, lo, hi = measure(args.board, n)
        rows.append(f"| {n} | {total} | {lo}..{hi} | {away / total * 100:.2f} | {per:.0f} | "
                    f"{per / NS_PER_INSN:.0f} |")
    model = ("a translation table and an ASID per partition (TTBR0 + CONTEXTIDR per switch)"
             if mk_has_asid(args.board) else
             "one table, two domains per partition (a DACR write per switch; at most 7 partitions)")
    title = f"Partition switch by partition count ({args.board})"
    section = "\n".join([
        f"## {title}",
        "",
        f"`make bench BOARD={args.board}` (tools/bench_switch.py), systems "
        "`tests/bench/pk-switch-<n>`: n partitions loop on `PK_SVC_YIELD` + a clock read under "
        "BVT with no switch allowance; a yield gives the turn to the partition furthest behind, "
        "so every yield hands the CPU to another partition (each partition counts the "
        "iterations in which the clock moved on by more than one iteration alone takes: the "
        "tool requires 95 %; the yielder keeps the CPU while it is behind in virtual time). All iterations of all partitions share the same 0.5 s of virtual time: the mean cost "
        "of one iteration (the whole voluntary switch path) is 0.5 s / the sum of the counts. "
        f"Address spaces on this board: {model}. QEMU virtual time, `-icount shift=2` "
        "(4 ns per instruction).",
        "",
        "| partitions | iterations in 0.5 s | per partition | switched (%) | ns per iteration | instructions |",
        "|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
    ])
    print(section)
    if not args.no_write:
        benchdoc.write_section(os.path.join(ROOT, "docs", "benchmarks.md"), title, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
