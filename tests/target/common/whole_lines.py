"""Shared host-side check of the printf tests (native-boot, pk-printf): every
"LINE <task> <nnn> <body> END" line of tasks A and B reached the console
whole, nothing of the other task inside it, each task's lines in order."""
import re


def check(text, prefix, body_len, count):
    """Returns (0, message) when all lines are whole and complete, else
    (1, reason). prefix: what precedes "LINE" on a line (a partition's
    label, or nothing)."""
    good = re.compile(r"^" + re.escape(prefix) +
                      r"LINE ([AB]) (\d{3}) ([AB]{%d}) END$" % body_len)
    seen = {"A": [], "B": []}
    for line in text.splitlines():
        if "LINE" not in line and "END" not in line:
            continue
        m = good.match(line)
        if not m or set(m.group(3)) != {m.group(1)}:
            return 1, f"check: damaged or interleaved line: {line[:80]!r}"
        seen[m.group(1)].append(int(m.group(2)))
    for task, numbers in seen.items():
        if numbers != list(range(count)):
            return 1, (f"check: task {task} printed {len(numbers)} lines, "
                       f"not 0..{count - 1} in order")
    return 0, f"check: {2 * count} lines whole, both tasks in order"


def read_log(argv):
    """The console log named on the command line, or (None, message)."""
    if len(argv) != 2:
        return None, "usage: check.py <console log>"
    try:
        with open(argv[1], encoding="utf-8", errors="replace") as f:
            return f.read(), ""
    except OSError as e:
        return None, f"check: cannot read {argv[1]}: {e.strerror}"
