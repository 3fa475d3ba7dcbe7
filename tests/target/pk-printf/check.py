#!/usr/bin/python3
"""Host-side check of pk-printf's console log: every LINE of both tasks of
the partition arrived whole, labelled with the partition, in order per task."""
import re
import sys

LINES = 150


def main():
    if len(sys.argv) != 2:
        print("usage: check.py <console log>")
        return 2
    try:
        text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
    except OSError as e:
        print(f"check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    good = re.compile(r"^\[printer\] LINE ([AB]) (\d{3}) ([AB]{80}) END$")
    seen = {"A": [], "B": []}
    for line in text.splitlines():
        if "LINE" not in line and "END" not in line:
            continue
        m = good.match(line)
        if not m or set(m.group(3)) != {m.group(1)}:
            print(f"check: damaged or interleaved line: {line[:80]!r}")
            return 1
        seen[m.group(1)].append(int(m.group(2)))
    for task, numbers in seen.items():
        if numbers != list(range(LINES)):
            print(f"check: task {task} printed {len(numbers)} lines, "
                  f"not 0..{LINES - 1} in order")
            return 1
    print(f"check: {2 * LINES} lines whole, both tasks in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
