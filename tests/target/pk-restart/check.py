#!/usr/bin/python3
"""Host check of pk-restart: the kernel's view of the restarts.

Reads the console log (argument). Wants: 10 HM lines of partition "faulty",
each a data_abort at the kernel address it writes with action=restart,
each followed by "PK restart partition=faulty count=<n>" with n = 1..10 in
order; a "faulty: boot <n>" line for n = 0..10 showing fresh state; no HM
line of any other partition; every report of the periodic partition says
misses=0. Prints a summary; exits 0 if all hold, 1 if not, 2 on bad input.
"""

import re
import sys

RESTARTS = 10
HM_RE = re.compile(r"^HM partition=(\w+) kind=(\w+) addr=0x([0-9a-f]+) .* time_ns=(\d+) action=(\w+)$", re.M)
RESTART_RE = re.compile(r"^PK restart partition=faulty count=(\d+)$", re.M)
BOOT_RE = re.compile(r"^\[faulty\] faulty: boot (\d+) init=0x([0-9a-f]+) gk=0x([0-9a-f]+) bss=(\d+) ticks=(\d+)$", re.M)
PERIODIC_RE = re.compile(r"^\[periodic\] periodic: periods=(\d+) misses=(\d+) max_late_us=(-?\d+) max_resp_us=(-?\d+)$", re.M)


def main():
    if len(sys.argv) != 2:
        print("pk-restart check: usage: check.py <console log>")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print(f"pk-restart check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    problems = []
    hms = HM_RE.findall(text)
    faulty = [h for h in hms if h[0] == "faulty"]
    others = [h for h in hms if h[0] != "faulty"]
    if len(faulty) != RESTARTS:
        problems.append(f"{len(faulty)} HM records of faulty, want {RESTARTS}")
    # The kernel word faulty writes (the board decides where the kernel is).
    targets = {int(a, 16) for a in re.findall(r"^\[faulty\] faulty: fault \d+ at 0x([0-9a-f]+)$", text, re.M)}
    if len(targets) != 1:
        problems.append(f"faulty named {len(targets)} target addresses, want 1")
    for h in faulty:
        if h[1] != "data_abort" or int(h[2], 16) not in targets or h[4] != "restart":
            problems.append(f"unexpected HM record {h}")
    if others:
        problems.append(f"HM records of other partitions: {others}")
    counts = [int(c) for c in RESTART_RE.findall(text)]
    if counts != list(range(1, RESTARTS + 1)):
        problems.append(f"restart counts {counts}, want 1..{RESTARTS}")
    boots = BOOT_RE.findall(text)
    if [int(b[0]) for b in boots] != list(range(0, RESTARTS + 1)):
        problems.append(f"boot lines {[b[0] for b in boots]}, want 0..{RESTARTS}")
    for b in boots:
        if b[1] != "1234abcd" or b[2] != "5678ef01" or b[3] != "0":
            problems.append(f"boot {b[0]} not fresh: init=0x{b[1]} gk=0x{b[2]} bss={b[3]}")
    times = [int(h[3]) for h in faulty]
    gaps = [(b - a) / 1e6 for a, b in zip(times, times[1:])]
    periodic = [tuple(int(x) for x in p) for p in PERIODIC_RE.findall(text)]
    if not periodic:
        problems.append("no report of the periodic partition")
    elif any(p[1] != 0 for p in periodic):
        problems.append("the periodic partition missed deadlines")
    print(f"pk-restart: {len(boots)} boots, {len(counts)} cold restarts; "
          f"time between faults {min(gaps, default=0):.1f}..{max(gaps, default=0):.1f} ms")
    if periodic:
        n, misses, late, resp = periodic[-1]
        print(f"pk-restart: periodic partition {n} periods, {misses} misses, "
              f"max lateness {max(p[2] for p in periodic)} us, max response {max(p[3] for p in periodic)} us")
    for p in problems:
        print(f"pk-restart check: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
