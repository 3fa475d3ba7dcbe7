#!/usr/bin/python3
"""The kernel's invariant checks fire: partitions/invariants.c, proved on
target.

pk-fuzz runs its kernel with the invariant checks on, and passes only when
none fires. That alone would also pass with checks that never fire. Here
the same system is built five times with -DPK_CONFIG_INVARIANTS_CORRUPT=n,
which makes the check itself break one thing once, at its 20,000th call:
1 a translation-table entry, 2 the DACR, 3 a byte of partition 0's code,
4 the scheduler's runnable flag, 5 the head of BVT's sorted E list. Each run must end with the invariant's
exit status (4) and a "PK INVARIANT <what>" line naming what broke, within
one round of the check that covers it.

All five on versatilepb (one table, domains), and case 1 on vexpress-a9 as
well, whose ASID model has a table per partition for the map check to walk.
"""

import concurrent.futures
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testproc  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3"
DEFINES = ("-DPK_CONFIG_TEST_EXIT -DPK_CONFIG_INVARIANTS "
           "-DPK_CONFIG_INVARIANTS_OWN_CODE=0x2u")
# corruption -> the invariant that must report it
WHAT = {1: "translation-table", 2: "dacr", 3: "code", 4: "sched-runnable",
        5: "sched-orders"}
# The exit at which the debug corruption is made (PK_INV_CORRUPT_AT) and
# how many exits later the report may come: a round of the map check.
CORRUPT_AT = 20000
LATEST = 20000 + 4000


def build_and_run(board, corrupt, extra=()):
    build = os.path.join("build", "invariants", f"{board}-{corrupt}")
    make = ["make", "-s", "--no-print-directory", f"BOARD={board}",
            "SYSTEM=pk-fuzz", f"BUILD={build}",
            f"PK_KERNEL_DEFINES={DEFINES} -DPK_CONFIG_INVARIANTS_CORRUPT={corrupt}",
            *extra, "all"]
    p = testproc.run(make, cwd=ROOT, timeout=600, text=True)
    if p.returncode != 0:
        return None, "build failed:\n" + p.stdout[-2000:]
    cfg = os.path.join(build, board, "pk-fuzz", "qemu.json")
    p = testproc.run([PYTHON, "tools/qemu_run.py", "--quiet", "--no-expect",
                      "--config", cfg], cwd=ROOT, timeout=600, text=True)
    log = os.path.join(ROOT, build, board, "pk-fuzz", "run.log")
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        return None, f"no log {log}: {e.strerror}\n{p.stdout[-1000:]}"
    status = re.search(r"exit status (\d+)", p.stdout)
    return (int(status[1]) if status else 0), text


class InvariantChecksFire(unittest.TestCase):
    CASES = [("versatilepb", c, ()) for c in WHAT] + [
        ("vexpress-a9", 1, ()),  # a table per partition (ASID)
    ]

    def test_each_debug_corruption_is_reported(self):
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda c: build_and_run(*c), self.CASES))
        failed = []
        for (board, corrupt, _), (status, text) in zip(self.CASES, results):
            name = f"{board} corruption {corrupt} ({WHAT[corrupt]})"
            if status is None:
                failed.append(f"{name}: {text}")
                continue
            if f"PK invariants: debug corruption {corrupt} made" not in text:
                failed.append(f"{name}: the corruption was never made")
                continue
            m = re.search(rf"^PK INVARIANT {re.escape(WHAT[corrupt])} .*exit=(\d+)",
                          text, re.M)
            if m is None:
                failed.append(f"{name}: no 'PK INVARIANT {WHAT[corrupt]}' line")
            elif not CORRUPT_AT <= int(m[1]) <= LATEST:
                failed.append(f"{name}: reported at exit {m[1]}, not within "
                              f"{CORRUPT_AT}..{LATEST}")
            if status != 4:
                failed.append(f"{name}: exit status {status}, not 4")
        for f in failed:
            print(f)
        self.assertEqual(failed, [])


if __name__ == "__main__":
    unittest.main()
