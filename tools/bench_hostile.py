#!/usr/bin/python3
"""Time isolation against hostile partitions: the figures of pk-hostile.

Builds and runs the pk-hostile test system (tests/target/pk-hostile: a 1 kHz
real-time victim beside console, yield, VIT/timer/block, fault, fuzz and
restart storms, one per phase) under QEMU with icount, runs its host check,
and writes its two tables (the victim's lateness per phase; the longest
masked stretch of every kernel path, with the arguments that made it
longest) into the "Hostile partitions (<board>)" section of
docs/benchmarks.md, and its key figures into docs/bench/<board>/hostile.json
(the side-by-side table's data).
Exit status 0 when the run and its check passed.
"""

import os
import re
import sys

import benchdoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTION = "Hostile partitions"
SYSTEM = "pk-hostile"
TOOL = "hostile"
NS_PER_INSN = 4  # -icount shift=2
# The lines of the run that the figures come from (the formats of
# tests/target/pk-hostile/check.py).
VICTIM_RE = re.compile(r"^\[victim\] VICTIM phase=(\d+) periods=(\d+) misses=(\d+) "
                       r"max_late_ns=(-?\d+)$", re.M)
MASKED_RE = re.compile(r"^PK masked path=(\w+) count=(\d+) max_ns=(\d+) ", re.M)


def figures_of(log_text):
    """Key figures of a run's log (instructions), or None when the log
    lacks the victim's or the kernel's lines."""
    victim = [(int(p), int(n), int(m), int(late)) for p, n, m, late in VICTIM_RE.findall(log_text)]
    masked = [(name, int(c), int(mx)) for name, c, mx in MASKED_RE.findall(log_text)]
    if not victim or not masked:
        return None
    worst = max(late for _p, _n, _m, late in victim)
    path, _c, longest = max(masked, key=lambda x: x[2])
    return ({"worst_lateness": round(max(worst, 0) / NS_PER_INSN, 1),
             "misses": sum(m for _p, _n, m, _l in victim),
             "longest_masked": round(longest / NS_PER_INSN, 1)},
            {"longest_masked_path": path,
             "victim": {str(p): {"periods": n, "misses": m, "max_late_ns": late}
                        for p, n, m, late in victim},
             "masked_max_ns": {name: mx for name, _c, mx in masked}})


def main():
    args, info = benchdoc.bench_args("bench_hostile", __doc__.splitlines()[0])
    try:
        log_text, log = benchdoc.run_system(args.board, SYSTEM)
    except benchdoc.RunError as e:
        print(f"bench_hostile: {e}")
        return 1
    status, check = benchdoc.sh(["/usr/bin/python3", f"tests/target/{SYSTEM}/check.py", log])
    print(check, end="")
    if status != 0:
        print("bench_hostile: the check failed")
        return 1
    found = figures_of(log_text)
    if found is None:
        print(f"bench_hostile: {log} has no VICTIM or PK masked lines")
        return 1
    figures, detail = found
    tables = [line for line in check.splitlines() if line.startswith("|")
              or line.startswith("pk-hostile: ")]
    title = benchdoc.board_title(SECTION, args.board)
    fine = benchdoc.fine_counter(info)
    text = [f"## {title}", "",
            f"`make bench BOARD={args.board}` (`tools/bench_hostile.py --board {args.board}`) runs `tests/target/{SYSTEM}` (also in "
            "`make test`): a 1 kHz real-time partition (VIT, the only warp) beside two "
            "attackers with no rights over it, one attack per phase of "
            "`apps/hostile/phases.h`. Lateness is how much later than on its 1 ms grid a job "
            "starts; the grid is set by the first job's start, so the constant VIT wake-up "
            "path (about 11 us, docs/vit.md) is not in it: it is the delay the other "
            "partitions add. The calm phase is the same system with the attackers only "
            "spinning. The second "
            "table is the kernel's own measurement (`PK_CONFIG_MASKED_STATS`) of the "
            "longest stretch each kernel path ran without polling interrupts and "
            "deadlines, with the caller's r0..r2 of that stretch: the bound is 20 us "
            "(docs/threat-model.md)."
            + ("" if fine else f" On this board both are read on {benchdoc.counter_text(info)}, "
               "so they are whole steps, good to one step."), ""]
    for line in tables:
        if line.startswith("pk-hostile: "):
            text += ["", "**" + line[len("pk-hostile: "):] + "**", ""]
        else:
            text.append(line)
    benchdoc.publish("bench_hostile", args, TOOL, title, "\n".join(text) + "\n", figures,
                     detail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
