#!/usr/bin/python3
"""Time isolation against hostile partitions: the figures of pk-hostile.

Builds and runs the pk-hostile test system (tests/target/pk-hostile: a 1 kHz
real-time victim beside console, yield, VIT/timer/block, fault, fuzz and
restart storms, one per phase) under QEMU with icount, runs its host check,
and writes its two tables (the victim's lateness per phase; the longest
masked stretch of every kernel path, with the arguments that made it
longest) into the "Hostile partitions" section of docs/benchmarks.md.
Exit status 0 when the run and its check passed.
"""

import argparse
import os
import subprocess
import sys

import benchdoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTION = "Hostile partitions"
SYSTEM = "pk-hostile"


def sh(cmd):
    proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    return proc.returncode, proc.stdout.decode("utf-8", errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--board", default="versatilepb")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    args = ap.parse_args()
    status, out = sh(["make", "-s", "--no-print-directory", f"BOARD={args.board}",
                      f"SYSTEM={SYSTEM}", "all"])
    if status != 0:
        print(out)
        print(f"bench_hostile: building {SYSTEM} failed")
        return 1
    cfg = os.path.join("build", args.board, SYSTEM, "qemu.json")
    status, out = sh(["/usr/bin/python3", "tools/qemu_run.py", "--quiet", "--config", cfg])
    if status != 0:
        print(out)
        print(f"bench_hostile: {SYSTEM} failed")
        return 1
    log = os.path.join(ROOT, "build", args.board, SYSTEM, "run.log")
    status, check = sh(["/usr/bin/python3", f"tests/target/{SYSTEM}/check.py", log])
    print(check, end="")
    if status != 0:
        print("bench_hostile: the check failed")
        return 1
    tables = [line for line in check.splitlines() if line.startswith("|")
              or line.startswith("pk-hostile: ")]
    text = [f"## {SECTION}", "",
            f"`make bench` (`tools/bench_hostile.py`) runs `tests/target/{SYSTEM}` (also in "
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
            "(docs/threat-model.md).", ""]
    for line in tables:
        if line.startswith("pk-hostile: "):
            text += ["", "**" + line[len("pk-hostile: "):] + "**", ""]
        else:
            text.append(line)
    benchdoc.write_section(args.doc, SECTION, "\n".join(text) + "\n")
    print(f"bench_hostile: wrote the '{SECTION}' section of {os.path.relpath(args.doc, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
