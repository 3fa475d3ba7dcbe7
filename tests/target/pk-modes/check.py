#!/usr/bin/python3
"""Host check of pk-modes: the kernel's lines about the modes.

Reads the console log (argument). Wants, of partition "worker": the starts
n=0..4 in order; the kernel's restart lines count=1..4, 1, 3 and 4 warm;
its HM lines application error and data abort with action=handler, then
the handler's guest_error (numeric) with action=warm_restart; of
"other": 7 HM lines (bad_svc and bad_pointer) with action=log; "ctl"
one (its misaligned buffer, log); and both "other: checks passed" and "RESULT pk-modes PASS". Exits 0
if all hold, 1 if not, 2 on bad input.
"""

import re
import sys

HM_RE = re.compile(r"^HM partition=(\w+) kind=(\w+) .* action=(\w+)$", re.M)
START_RE = re.compile(r"^\[worker\] worker: start n=(\d+) mode=(\d) cond=(\d) boots=(\d+)", re.M)
RESTART_RE = re.compile(r"^PK restart partition=worker count=(\d+)( warm)?$", re.M)


def main():
    if len(sys.argv) != 2:
        print("pk-modes check: usage: check.py <console log>")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print(f"pk-modes check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    problems = []
    starts = [tuple(int(x) for x in s) for s in START_RE.findall(text)]
    want = [(0, 1, 0, 0), (1, 2, 1, 1), (2, 1, 1, 0), (3, 2, 1, 1), (4, 2, 3, 2)]
    if starts != want:
        problems.append(f"worker starts {starts}, want {want}")
    restarts = [(int(c), w == " warm") for c, w in RESTART_RE.findall(text)]
    if restarts != [(1, True), (2, False), (3, True), (4, True)]:
        problems.append(f"worker restart lines {restarts}")
    hms = HM_RE.findall(text)
    worker = [(k, a) for p, k, a in hms if p == "worker"]
    if worker != [("guest_error", "handler"), ("data_abort", "handler"),
                  ("guest_error", "warm_restart")]:
        problems.append(f"worker HM lines {worker}")
    other = [(k, a) for p, k, a in hms if p == "other"]
    if len(other) != 7 or any(a != "log" or k not in ("bad_svc", "bad_pointer")
                              for k, a in other):
        problems.append(f"other HM lines {other}")
    ctl = [(k, a) for p, k, a in hms if p == "ctl"]
    if ctl != [("bad_pointer", "log")]:
        problems.append(f"ctl HM lines {ctl}, want its one misaligned buffer")
    for line in ("[other] other: checks passed", "RESULT pk-modes PASS\n",
                 "RESULT pk-modes PASS worker\n"):
        if line not in text:
            problems.append(f"missing: {line}")
    print(f"pk-modes: {len(starts)} worker starts, {len(restarts)} restarts, "
          f"{len(worker)} worker HM records, {len(other)} refusals of other")
    for p in problems:
        print(f"pk-modes check: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
