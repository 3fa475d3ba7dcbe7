#!/usr/bin/python3
"""Run the project's tests and print one closing summary line.

Tiers (all by default):
  host    every host unit test registered in tests/host/*/tests.mk (cmocka),
          built by make into build/host/<name>/<name> and run; cmocka's own
          output is shown.
  tools   every tests/tools/test_*.py (host tools), with pytest when it is
          installed, else unittest.
  target  every tests/target/<name>/ holding a system.mk: built with
          make SYSTEM=<name>, run under QEMU with icount by tools/qemu_run.py.

The last line is exactly "N passed, N failed"; the exit status is non-zero
when anything failed (a build failure counts as a failed test).
"""

import argparse
import concurrent.futures
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"


def run(cmd, capture=False):
    """Run a command from the repository root; returns (status, output)."""
    if capture:
        proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, check=False)
        return proc.returncode, proc.stdout.decode("utf-8", errors="replace")
    sys.stdout.flush()
    return subprocess.call(cmd, cwd=ROOT, stdin=subprocess.DEVNULL), ""


class Tally:
    def __init__(self):
        self.passed = []
        self.failed = []

    def record(self, name, ok):
        (self.passed if ok else self.failed).append(name)
        print(f"{'PASS' if ok else 'FAIL'}: {name}", flush=True)


def host_tests(board, tally):
    status, out = run(["make", "-s", "--no-print-directory", f"BOARD={board}",
                       "list-host-tests"], capture=True)
    if status != 0:
        print(out)
        tally.record("host: listing host tests (make list-host-tests)", False)
        return
    # Only the listing line: make may print other lines first (a
    # configuration it regenerates, a jobserver warning).
    lines = [ln for ln in out.splitlines() if ln.startswith("host-tests:")]
    names = lines[-1].split()[1:] if lines else []
    print(f"== host unit tests: {len(names)}", flush=True)
    for name in names:
        binary = os.path.join("build", "host", name, name)
        status, out = run(["make", "-s", "--no-print-directory", f"BOARD={board}", binary],
                          capture=True)
        if status != 0:
            print(out)
            tally.record(f"host/{name} (build)", False)
            continue
        status, _ = run([os.path.join(ROOT, binary)])
        tally.record(f"host/{name}", status == 0)


def tool_tests(tally):
    files = sorted(glob.glob(os.path.join(ROOT, "tests", "tools", "test_*.py")))
    print(f"== host tool tests: {len(files)}", flush=True)
    if not files:
        return
    status, _ = run([PYTHON, "-c", "import pytest"], capture=True)
    use_pytest = status == 0
    for path in files:
        rel = os.path.relpath(path, ROOT)
        if use_pytest:
            cmd = [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", rel]
        else:
            cmd = [PYTHON, "-m", "unittest", "-v", rel.replace(os.sep, ".")[:-3]]
        status, _ = run(cmd)
        tally.record(f"tools/{os.path.basename(rel)}", status == 0)


def target_tests(board, tally, jobs):
    systems = sorted(os.path.basename(os.path.dirname(p)) for p in
                     glob.glob(os.path.join(ROOT, "tests", "target", "*", "system.mk")))
    print(f"== target tests on {board}: {len(systems)}", flush=True)
    built = []
    for name in systems:
        status, out = run(["make", "-s", "--no-print-directory", f"BOARD={board}",
                           f"SYSTEM={name}", "all"], capture=True)
        if status != 0:
            print(out)
            tally.record(f"target/{name} (build)", False)
        else:
            built.append(name)

    def one(name):
        cfg = os.path.join("build", board, name, "qemu.json")
        return name, run([PYTHON, "tools/qemu_run.py", "--config", cfg], capture=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, (status, out) in pool.map(one, built):
            print(f"-- target/{name}")
            sys.stdout.write(out)
            tally.record(f"target/{name}", status == 0)


def main():
    p = argparse.ArgumentParser(description="Run the tests; last line 'N passed, N failed'.")
    p.add_argument("tiers", nargs="*", default=["all"],
                   help="host, tools, target or all (default)")
    p.add_argument("--board", default="versatilepb")
    p.add_argument("--jobs", type=int, default=max(1, min(8, os.cpu_count() or 1)),
                   help="QEMU runs in parallel")
    args = p.parse_args()
    tiers = set(args.tiers)
    unknown = tiers - {"host", "tools", "target", "all"}
    if unknown:
        print(f"run_tests: unknown tier(s): {', '.join(sorted(unknown))} "
              "(use host, tools, target or all)")
        return 2
    if "all" in tiers:
        tiers = {"host", "tools", "target"}
    tally = Tally()
    if "host" in tiers:
        host_tests(args.board, tally)
    if "tools" in tiers:
        tool_tests(tally)
    if "target" in tiers:
        target_tests(args.board, tally, args.jobs)
    if tally.failed:
        print("failed: " + ", ".join(tally.failed))
    print(f"{len(tally.passed)} passed, {len(tally.failed)} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("run_tests: interrupted")
        sys.exit(130)
