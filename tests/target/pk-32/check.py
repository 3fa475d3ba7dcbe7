#!/usr/bin/python3
"""Host check of pk-32 (32 partitions): isolation and fairness at that count.

- Isolation: each of the 32 partitions printed "iso: index=<i> next=<addr>
  faults=2 ok" (its read of the next partition's user range and its write
  to the next one's guest kernel were refused, the read got nothing, its
  own fault count rose by two), and the kernel logged, for partition i,
  two data aborts at exactly those addresses of partition i+1 (mod 32),
  whose ranges the kernel announced at boot.
- Fairness: the loops' own iteration counts in the measured interval
  ("spin: index=<i> iterations=<n>", apps/spin/spin.h) give every
  partition 1/32 of the CPU within 2 % (relative), independently of the
  kernel's accounting (which the judge partition checks itself).
Exits 0 if all holds, 1 if not, 2 on unusable input.
"""

import re
import sys

N = 32
TOLERANCE = 0.02
PART_RE = re.compile(r"^PK partition (p\d\d): kernel 0x([0-9a-f]+)\+0x[0-9a-f]+ "
                     r"user 0x([0-9a-f]+)\+", re.M)
ISO_RE = re.compile(r"^\[(p\d\d)\] iso: index=(\d+) next=0x([0-9a-f]+) faults=(\d+) (ok|BAD)$",
                    re.M)
HM_RE = re.compile(r"^HM partition=(p\d\d) kind=data_abort addr=0x([0-9a-f]+) ", re.M)
SPIN_RE = re.compile(r"^\[p\d\d\] spin: index=(\d+) iterations=(\d+)$", re.M)


def main():
    if len(sys.argv) != 2:
        print("pk-32 check: usage: check.py build/<board>/pk-32/run.log")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print(f"pk-32 check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    ranges = {m.group(1): (int(m.group(2), 16), int(m.group(3), 16))
              for m in PART_RE.finditer(text)}
    names = ["p%02d" % i for i in range(N)]
    if sorted(ranges) != names:
        print(f"pk-32 check: the kernel announced {len(ranges)} partitions, want {N}")
        return 2
    bad = []
    iso = {m.group(1): m for m in ISO_RE.finditer(text)}
    aborts = {}
    for m in HM_RE.finditer(text):
        aborts.setdefault(m.group(1), []).append(int(m.group(2), 16))
    for i, name in enumerate(names):
        nxt = names[(i + 1) % N]
        gk, user = ranges[nxt]
        m = iso.get(name)
        if m is None:
            bad.append(f"{name}: no iso line")
            continue
        if int(m.group(2)) != i or int(m.group(3), 16) != gk or \
                m.group(4) != "2" or m.group(5) != "ok":
            bad.append(f"{name}: {m.group(0)} (next partition {nxt} at 0x{gk:08x})")
        want = [user + 0x100, gk + 0x200]
        if aborts.get(name, [])[:2] != want:
            bad.append(f"{name}: kernel data aborts at "
                       f"{[hex(a) for a in aborts.get(name, [])]}, want {[hex(a) for a in want]}")
    counts = {int(i): int(n) for i, n in SPIN_RE.findall(text)}
    if sorted(counts) != list(range(N)):
        bad.append(f"iteration counts for partitions {sorted(counts)}, want 0..{N - 1}")
    else:
        total = sum(counts.values())
        worst = max(abs(c / total - 1 / N) * N for c in counts.values())
        print(f"pk-32: {N} partitions, loop iterations {min(counts.values())}.."
              f"{max(counts.values())}, worst share error {worst * 100:.2f} % of 1/{N}")
        if worst > TOLERANCE:
            bad.append(f"a share is off by {worst * 100:.2f} % (> {TOLERANCE * 100:.0f} %)")
    if "RESULT pk-32 PASS" not in text:
        bad.append("the judge partition did not report RESULT pk-32 PASS")
    for b in bad:
        print(f"pk-32 check: {b}")
    print(f"pk-32 check: {len(bad)} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
