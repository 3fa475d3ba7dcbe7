#!/usr/bin/python3
"""Host check of apex-hm: the kernel's side of the APEX HM run.

Reads the console log (argument). Wants the two HM records of the process
errors delivered to the handler (guest_error, then data_abort, both
action=handler), the warm then the cold restart lines, and no other HM
record. Exits 0 if all hold, 1 if not, 2 on bad input.
"""

import re
import sys

HM_RE = re.compile(r"^HM partition=(\w+) kind=(\w+) .* action=(\w+)$", re.M)
RESTART_RE = re.compile(r"^PK restart partition=hm count=(\d+)( warm)?$", re.M)


def main():
    if len(sys.argv) != 2:
        print("apex-hm check: usage: check.py <console log>")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print(f"apex-hm check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    problems = []
    hms = [(k, a) for _, k, a in HM_RE.findall(text)]
    if hms != [("guest_error", "handler"), ("data_abort", "handler")]:
        problems.append(f"HM records {hms}")
    restarts = [(int(c), w == " warm") for c, w in RESTART_RE.findall(text)]
    if restarts != [(1, True), (2, False)]:
        problems.append(f"restart lines {restarts}")
    if "[hm] application message: hello" not in text:
        problems.append("no application message")
    print(f"apex-hm: {len(hms)} HM records to the handler, {len(restarts)} restarts")
    for p in problems:
        print(f"apex-hm check: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
