#!/usr/bin/python3
"""Host check shared by the fairness tests (pk-fair-*).

Every partition of a fairness test counts the iterations of the same
CPU-bound loop in the measured interval and prints
"spin: index=<i> iterations=<n>" (apps/spin/spin.h). This check compares
those counts, a measure of the CPU each partition got that is independent
of the kernel's accounting, with the BVT weights of the test's system.toml
(found from the log's directory, build/<board>/<system>/run.log): each
share must be within 1 % (relative) of weight / sum of weights.
Exits 0 if so, 1 if not, 2 on unusable input.
"""

import os
import re
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TOLERANCE = 0.01
SPIN_RE = re.compile(r"^\[\w+\] spin: index=(\d+) iterations=(\d+)$", re.M)


def die(msg):
    print(f"pk-fair check: {msg}")
    sys.exit(2)


def main():
    if len(sys.argv) != 2:
        die("usage: check.py build/<board>/<system>/run.log")
    log = sys.argv[1]
    system = os.path.basename(os.path.dirname(os.path.abspath(log)))
    toml_path = os.path.join(ROOT, "tests", "target", system, "system.toml")
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        with open(toml_path, "rb") as f:
            cfg = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        die(f"cannot read input: {e}")
    weights = [p.get("weight", 1) for p in cfg.get("partition", [])]
    counts = {int(i): int(n) for i, n in SPIN_RE.findall(text)}
    if sorted(counts) != list(range(len(weights))):
        die(f"iteration counts for partitions {sorted(counts)}, want 0..{len(weights) - 1}")
    total = sum(counts.values())
    wsum = sum(weights)
    bad = 0
    print(f"{system}: loop iterations in the measured interval (independent of the kernel's accounting)")
    print("| partition | weight | iterations | share | expected | error (relative) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for i, w in enumerate(weights):
        share = counts[i] / total if total else 0.0
        want = w / wsum
        err = abs(share - want) / want
        bad += err > TOLERANCE
        print(f"| {i} | {w} | {counts[i]} | {share * 100:.3f} % | {want * 100:.3f} % | "
              f"{err * 100:.3f} %{'' if err <= TOLERANCE else ' BAD'} |")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
