#!/usr/bin/python3
"""The Thread-Metric style suite: counts per 30 s, natively and in a partition.

Builds and runs tests/bench/tm-native-bench (the tick core alone) and
tests/bench/tm-pk-bench (the same suite as the guest of one partition,
alone under the partitioning kernel) under QEMU with icount, each test of
apps/tm for 2 s of virtual time, scaled to the suite's 30 s (virtual time
is exact under icount, so the rate is the same; 30 s per test would take a
quarter of an hour of wall time in a partition), and writes the
"Thread-Metric style suite (<board>)" section of docs/benchmarks.md and
docs/bench/<board>/tm.json. Exit status 0 when both runs passed (every
test's counts followed its pattern).
"""

import os
import re
import sys

import benchdoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTION = "Thread-Metric style suite"
TOOL = "tm"
SYSTEMS = {"native": "tm-native-bench", "partition": "tm-pk-bench"}
# The name each prints in its RESULT line (the target test's).
RESULT_NAMES = {"tm-native-bench": "tm-native", "tm-pk-bench": "tm-pk"}
TESTS = ["cooperative", "preemptive", "message", "sync"]
TM_RE = re.compile(r"TM test=(\w+) period_ms=(\d+) count=(\d+) ok=([01])$", re.M)
WHAT = {
    "cooperative": "five tasks of one priority: count, yield",
    "preemptive": "five priorities: resume the next higher task (it preempts), count, suspend",
    "message": "send a 16-byte message to a queue, receive it back, count",
    "sync": "take a semaphore, give it back, count",
}


class BenchError(Exception):
    pass


def counts_of(log):
    """{test: count per 30 s} of a run's console, or BenchError."""
    found = {}
    for name, period, count, ok in TM_RE.findall(log):
        if ok != "1":
            raise BenchError(f"test {name}: its counts break its pattern")
        found[name] = int(count) * 30000 // int(period)
    missing = [t for t in TESTS if t not in found]
    if missing:
        raise BenchError("no TM line for " + ", ".join(missing))
    return found


def grouped(n):
    """n with its thousands apart: 25 898 790."""
    return f"{n:,}".replace(",", " ")


def section(board, res):
    lines = [f"## {benchdoc.board_title(SECTION, board)}", "",
             f"`make bench BOARD={board}` (`tools/bench_tm.py --board {board}`) runs the suite of "
             "`apps/tm` (our own code after the published Thread-Metric test descriptions), on "
             "the tick core alone (`tests/bench/tm-native-bench`) and as the guest of one "
             "partition alone under the partitioning kernel (`tests/bench/tm-pk-bench`: every "
             "call of a task into its guest kernel is a gate, a task switch an upcall). Counts "
             "of the test's unit of work per 30 s, higher is better, the unit any RTOS that "
             "publishes Thread-Metric results reports; each test runs 2 s of virtual time and "
             "its count is scaled by 15 (the rate under icount is exact, and 30 s in a "
             "partition would take a quarter of an hour of QEMU's wall time). "
             "The cooperative test also checks the turn order at every count (a few "
             "instructions more per count than the original). Not run: the interrupt tests "
             "(a software-triggered interrupt) and memory allocation (the tick core has no "
             "allocator).", "",
             "| test | what is counted | native | in a partition | partition ÷ native |",
             "|---|---|---:|---:|---:|"]
    for t in TESTS:
        n, p = res["native"][t], res["partition"][t]
        lines.append(f"| {t} | {WHAT[t]} | {grouped(n)} | {grouped(p)} | {p / n:.3f} |")
    return "\n".join(lines) + "\n"


def main():
    args, _info = benchdoc.bench_args("bench_tm", __doc__.splitlines()[0])
    res = {}
    for where, system in SYSTEMS.items():
        try:
            log, _path = benchdoc.run_system(args.board, system, name=RESULT_NAMES[system])
            res[where] = counts_of(log)
        except benchdoc.RunError as e:
            print(f"bench_tm: {e}")
            return 1
        except BenchError as e:
            print(f"bench_tm: {system}: {e}")
            return 1
    figures = {f"{w}_{t}": res[w][t] for w in SYSTEMS for t in TESTS}
    title = benchdoc.board_title(SECTION, args.board)
    benchdoc.publish("bench_tm", args, TOOL, title, section(args.board, res), figures, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
