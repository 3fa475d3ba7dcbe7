#!/usr/bin/python3
"""Host check of pk-fuzz: the kernel and the victim survived the fuzzer.

Reads the console log of a pk-fuzz (or pk-fuzz-long) run (argument). Wants:
the fuzzer's "FUZZ done" and "FUZZ verdict" lines (the stream finished),
no "PK PANIC" and no "PK INVARIANT" line, no HM line of the victim, every
victim report with misses=0 and its worst release lateness under
MAX_LATE_US, the jumper's attempts all announced. Prints the coverage table
(per call number: calls, guest-kernel / task, accepted, refused), the
throughput and the victim's worst lateness. Exits 0 when all hold, 1
otherwise, 2 on unusable input.
"""

import re
import sys

MAX_LATE_US = 200
VICTIM_RE = re.compile(r"^\[victim\] victim: periods=(\d+) misses=(\d+) "
                       r"max_late_us=(-?\d+) max_resp_us=(-?\d+)$")
COV_RE = re.compile(r"^\[fuzz\] FUZZ nr=(\w+) calls=(\d+) gk=(\d+) task=(\d+) "
                    r"accepted=(\d+) refused=(\d+)$")
DONE_RE = re.compile(r"^\[fuzz\] FUZZ done (.*)$")
VERDICT_RE = re.compile(r"^\[fuzz\] FUZZ verdict (.*)$")
JUMP_RE = re.compile(r"^\[fuzzjump\] JUMP n=(\d+) ")
HM_RE = re.compile(r"^HM partition=(\w+) kind=(\w+) ")


def main():
    if len(sys.argv) != 2:
        print("pk-fuzz check: usage: check.py <console log>")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        print(f"pk-fuzz check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    problems = []
    victim, cov, jumps = [], [], set()
    done = verdict = None
    hm = {}
    for line in lines:
        if line.startswith("PK PANIC") or line.startswith("PK INVARIANT"):
            problems.append(line)
        elif (m := VICTIM_RE.match(line)):
            victim.append(tuple(int(x) for x in m.groups()))
        elif (m := COV_RE.match(line)):
            cov.append(m.groups())
        elif (m := DONE_RE.match(line)):
            done = m[1]
        elif (m := VERDICT_RE.match(line)):
            verdict = m[1]
        elif (m := JUMP_RE.match(line)):
            jumps.add(int(m[1]))
        elif (m := HM_RE.match(line)):
            hm[m[1]] = hm.get(m[1], 0) + 1
    if cov:
        print("| call | calls | guest kernel | task | accepted | refused |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, calls, gk, task, acc, ref in cov:
            print(f"| {name} | {calls} | {gk} | {task} | {acc} | {ref} |")
    if done is None:
        problems.append("the fuzzer did not finish its stream")
    else:
        print(f"fuzzer: {done}")
    if verdict is None:
        problems.append("no verdict of the fuzzer")
    else:
        print(f"fuzzer: {verdict}")
    if hm.get("victim"):
        problems.append(f"{hm['victim']} HM line(s) of the victim")
    print("HM lines per partition: " + ", ".join(f"{k}={v}" for k, v in sorted(hm.items())))
    if not victim:
        problems.append("no report of the victim")
    else:
        periods, misses, late, resp = victim[-1]
        worst = max(v[2] for v in victim)
        print(f"victim: {periods} periods, {sum(v[1] for v in victim[-1:])} misses, "
              f"worst release lateness {worst} us, worst response {max(v[3] for v in victim)} us")
        if any(v[1] != 0 for v in victim):
            problems.append("the victim missed deadlines")
        if worst > MAX_LATE_US:
            problems.append(f"victim lateness {worst} us over {MAX_LATE_US} us")
    print(f"jumper: attempts announced {len(jumps)}")
    for p in problems:
        print(f"pk-fuzz check: {p}")
    print(f"pk-fuzz check: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
