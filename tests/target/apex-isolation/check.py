#!/usr/bin/python3
"""Host-side check of apex-isolation's console log: every access the rogue
process attempted ("attempt <read|write> 0x<addr>") was a data abort logged
by the health monitor at that address, and nothing else was recorded."""
import re
import sys


def main():
    if len(sys.argv) < 2:
        print("usage: check.py LOG")
        return 2
    with open(sys.argv[1], errors="replace") as f:
        text = f.read()
    want = [int(a, 16) for a in re.findall(r"attempt (?:read|write) 0x([0-9a-f]+)", text)]
    hm = re.findall(r"^HM partition=iso kind=(\w+) addr=0x([0-9a-f]+)", text, re.M)
    got = [int(a, 16) for kind, a in hm if kind == "data_abort"]
    other = [kind for kind, _ in hm if kind != "data_abort"]
    if len(want) != 4:
        print(f"check: {len(want)} attempts printed, want 4")
        return 1
    if got != want or other:
        print(f"check: faults at {[hex(a) for a in got]} (other: {other}), "
              f"want data aborts at {[hex(a) for a in want]}")
        return 1
    print(f"check: {len(got)} data aborts, one per attempt, nothing else")
    return 0


if __name__ == "__main__":
    sys.exit(main())
