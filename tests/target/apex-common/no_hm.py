#!/usr/bin/python3
"""Host-side check of an APEX conformance test's console log: the health
monitor recorded nothing (every misuse the test makes is refused with a
return code, none faults the partition)."""
import re
import sys


def main():
    if len(sys.argv) < 2:
        print("usage: no_hm.py LOG")
        return 2
    with open(sys.argv[1], errors="replace") as f:
        text = f.read()
    hm = re.findall(r"^HM partition=.*$", text, re.M)
    for line in hm:
        print(f"check: unexpected health-monitor record: {line}")
    if not hm:
        print("check: no health-monitor record")
    return 1 if hm else 0


if __name__ == "__main__":
    sys.exit(main())
