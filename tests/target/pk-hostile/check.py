#!/usr/bin/python3
"""Host check of pk-hostile: time isolation against hostile partitions.

Reads the console log of a pk-hostile run (argument). Passes when:
  - the victim reported every phase of apps/hostile/phases.h with 0
    misses, and its worst start lateness in each attack phase is within
    LATE_MARGIN_NS of the calm first phase;
  - the kernel's longest masked stretch of every kernel path it measured
    ("PK masked path=...") is within MASKED_BOUND_NS;
  - the hostile partition was restarted exactly its restart_limit times
    and then stopped by the health monitor's escalation;
  - no partition but the attackers has health-monitor records, and the
    kernel did not panic.
Prints the lateness table and the masked-time table (docs/benchmarks.md
quotes them); exit status 0 when all holds, 1 otherwise, 2 on bad input.
"""

import re
import sys

LATE_MARGIN_NS = 50000
MASKED_BOUND_NS = 20000
RESTART_LIMIT = 3
PHASES = ["calm", "console flood", "yield storm", "VIT/timer/block flood",
          "fault storm", "service-call fuzz", "restart storm (48+48 MiB)",
          "after the attacker's stop"]

VICTIM_RE = re.compile(r"^\[victim\] VICTIM phase=(\d+) periods=(\d+) misses=(\d+) "
                       r"max_late_ns=(-?\d+)$")
MASKED_RE = re.compile(r"^PK masked path=(\w+) count=(\d+) max_ns=(\d+) "
                       r"r0=(0x[0-9a-f]+) r1=(0x[0-9a-f]+) r2=(0x[0-9a-f]+)$")
HM_RE = re.compile(r"^HM partition=(\w+) kind=(\w+) ")
RESTART_RE = re.compile(r"^PK restart partition=hostile count=(\d+)$")


def main():
    if len(sys.argv) != 2:
        print("usage: check.py <console log>")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            lines = [l.rstrip("\r\n") for l in f]
    except OSError as e:
        print(f"pk-hostile check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    problems = []
    victim, masked, hm_parts = {}, [], set()
    restarts, stopped, panic = 0, False, False
    for line in lines:
        if m := VICTIM_RE.match(line):
            victim[int(m[1])] = (int(m[2]), int(m[3]), int(m[4]))
        elif m := MASKED_RE.match(line):
            masked.append((m[1], int(m[2]), int(m[3]), m[4], m[5], m[6]))
        elif m := HM_RE.match(line):
            hm_parts.add(m[1])
        elif m := RESTART_RE.match(line):
            restarts = max(restarts, int(m[1]))
        elif line == "PK stop partition=hostile (restart limit reached)":
            stopped = True
        elif line.startswith("PK PANIC"):
            panic = True
    if panic:
        problems.append("kernel panic")
    missing = [k for k in range(len(PHASES)) if k not in victim]
    if missing:
        problems.append(f"victim reports missing for phases {missing}")
    print("pk-hostile: victim (1 kHz, VIT) per phase")
    print("| phase | attack | periods | misses | worst lateness (us) | vs calm (us) |")
    print("|---|---|---:|---:|---:|---:|")
    calm = victim.get(0, (0, 0, 0))[2]
    for k, name in enumerate(PHASES):
        if k not in victim:
            continue
        n, miss, late = victim[k]
        delta = late - calm
        print(f"| {k} | {name} | {n} | {miss} | {late / 1000:.1f} | {delta / 1000:+.1f} |")
        if miss:
            problems.append(f"phase {k} ({name}): {miss} missed deadlines")
        if delta > LATE_MARGIN_NS:
            problems.append(f"phase {k} ({name}): lateness {late} ns is more than "
                            f"{LATE_MARGIN_NS} ns over the calm phase's {calm} ns")
        if n == 0:
            problems.append(f"phase {k} ({name}): no periods")
    if not masked:
        problems.append("no 'PK masked' table")
    print("pk-hostile: longest masked stretch per kernel path")
    print("| path | count | longest (us) | r0, r1, r2 of the longest |")
    print("|---|---:|---:|---|")
    for name, count, mx, r0, r1, r2 in masked:
        print(f"| {name} | {count} | {mx / 1000:.1f} | {r0}, {r1}, {r2} |")
        if mx > MASKED_BOUND_NS:
            problems.append(f"path {name}: {mx} ns masked, bound {MASKED_BOUND_NS} ns")
    if restarts != RESTART_LIMIT or not stopped:
        problems.append(f"hostile restarted {restarts} times, stopped by escalation: "
                        f"{stopped} (want {RESTART_LIMIT} restarts, then the stop)")
    extra = hm_parts - {"hostile", "faultstorm"}
    if extra:
        problems.append(f"health-monitor records of {sorted(extra)}")
    for p in problems:
        print(f"pk-hostile check: {p}")
    print(f"pk-hostile check: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
