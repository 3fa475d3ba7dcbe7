#!/usr/bin/python3
"""Host check of pk-hm-module: one HM record of judge (guest_error,
action=module_reset), "PK module reset", then a cold restart line of each
partition (count=1), and no other HM record. Exits 0 if all hold, 1 if
not, 2 on bad input."""

import re
import sys

HM_RE = re.compile(r"^HM partition=(\w+) kind=(\w+) .* action=(\w+)$", re.M)
RESTART_RE = re.compile(r"^PK restart partition=(\w+) count=(\d+)$", re.M)


def main():
    if len(sys.argv) != 2:
        print("pk-hm-module check: usage: check.py <console log>")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print(f"pk-hm-module check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    problems = []
    hms = HM_RE.findall(text)
    if hms != [("judge", "guest_error", "module_reset")]:
        problems.append(f"HM records {hms}")
    if "PK module reset" not in text:
        problems.append("no 'PK module reset' line")
    restarts = sorted(RESTART_RE.findall(text))
    if restarts != [("judge", "1"), ("peer", "1")]:
        problems.append(f"restart lines {restarts}")
    print(f"pk-hm-module: {len(hms)} HM record, restarts {restarts}")
    for p in problems:
        print(f"pk-hm-module check: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
