#!/usr/bin/python3
"""Run the project's tests and print one closing summary line.

Tiers (all by default):
  host    every host unit test registered in tests/host/*/tests.mk (cmocka),
          built by make into build/host/<name>/<name> and run; cmocka's own
          output is shown.
  tools   every tests/tools/test_*.py (host tools), with pytest when it is
          installed, else unittest.
  target  every tests/target/<name>/ holding a system.mk: built with
          make BOARD=<board> SYSTEM=<name>, run under QEMU with icount by
          tools/qemu_run.py, on every board given (--boards).

One test source, every board it applies to: a board declares what it has
in its board.mk (BOARD_HAS := aux_timer display dma gpio plugin timer
uart), a test what it needs in its system.mk (SYSTEM_NEEDS := ...); a test
whose needs a board lacks is reported as not applicable there, naming what
is missing, never silently left out. When the target tests run on several
boards at once (the matrix of `make test`), a board runs the set its
board.mk names in BOARD_MATRIX: "full" (every test, the default), "board"
(the tests whose system.mk lists "board" in SYSTEM_SETS: what depends on
the board's devices, timers, memory map and architecture) or "smoke"
(SYSTEM_SETS "smoke": a few boots, e.g. a second machine of the same SoC);
on one board alone (`make test BOARD=<b>`) every test runs. Tests left
out of a board's set are listed too.

The last line is exactly "N passed, N failed"; the exit status is non-zero
when anything failed (a build failure counts as a failed test).
"""

import argparse
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"


# The longest a host unit-test program may run (the slowest takes about
# 20 s): a program caught in a loop is killed and fails, it does not hold
# up the suite or outlive it.
HOST_TEST_TIMEOUT_S = 300


def run(cmd, capture=False, timeout=None):
    """Run a command from the repository root; returns (status, output).
    With a timeout (s) a command still running then is killed: status -1."""
    try:
        if capture:
            proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  check=False, timeout=timeout)
            return proc.returncode, proc.stdout.decode("utf-8", errors="replace")
        sys.stdout.flush()
        return subprocess.call(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=timeout), ""
    except subprocess.TimeoutExpired:
        print(f"run_tests: {' '.join(cmd)} still running after {timeout} s: killed",
              flush=True)
        return -1, ""


class Tally:
    def __init__(self):
        self.passed = []
        self.failed = []

    def record(self, name, ok):
        (self.passed if ok else self.failed).append(name)
        print(f"{'PASS' if ok else 'FAIL'}: {name}", flush=True)


def host_tests(board, tally, jobs):
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

    # Each test builds into its own build/host/<name>/ and runs alone, so
    # both go in parallel; the outputs are shown in the listing's order.
    def one(name):
        binary = os.path.join("build", "host", name, name)
        status, out = run(["make", "-s", "--no-print-directory", f"BOARD={board}", binary],
                          capture=True)
        if status != 0:
            return f"host/{name} (build)", False, out
        status, out = run([os.path.join(ROOT, binary)], capture=True,
                          timeout=HOST_TEST_TIMEOUT_S)
        return f"host/{name}", status == 0, out

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for label, ok, out in pool.map(one, names):
            sys.stdout.write(out)
            tally.record(label, ok)


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
        start = time.monotonic()
        status, _ = run(cmd)
        print(f"tools/{os.path.basename(rel)}: {time.monotonic() - start:.0f} s of wall time")
        tally.record(f"tools/{os.path.basename(rel)}", status == 0)


def mk_var(path, name):
    """The words of a simple `NAME := words` assignment in a make fragment
    (backslash continuations joined); [] when the file does not set it."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read().replace("\\\n", " ")
    except OSError:
        return []
    m = re.search(r"^%s\s*:?=\s*(.*)$" % re.escape(name), text, re.M)
    return m.group(1).split("#")[0].split() if m else []


def all_boards():
    return sorted(os.path.basename(os.path.dirname(p)) for p in
                  glob.glob(os.path.join(ROOT, "bsp", "*", "board.mk")))


def board_has(board):
    """What a board declares it has (BOARD_HAS) and its address-space
    model (BOARD_PK_SPACE: domains or asid), with the boards its board.mk
    includes (a machine variant of another board)."""
    mk = os.path.join(ROOT, "bsp", board, "board.mk")
    has = set(mk_var(mk, "BOARD_HAS")) | set(mk_var(mk, "BOARD_PK_SPACE"))
    try:
        with open(mk, encoding="utf-8") as f:
            bases = re.findall(r"^include\s+bsp/([\w.-]+)/board\.mk", f.read(), re.M)
    except OSError:
        bases = []
    for base in bases:
        if base != board:
            has |= board_has(base)
    return has


def target_tests(boards, tally, jobs):
    systems = sorted(os.path.basename(os.path.dirname(p)) for p in
                     glob.glob(os.path.join(ROOT, "tests", "target", "*", "system.mk")))
    wanted = []
    for board in boards:
        mk = os.path.join(ROOT, "bsp", board, "board.mk")
        has = board_has(board)
        matrix = mk_var(mk, "BOARD_MATRIX") or ["full"]
        chosen = matrix[0] if len(boards) > 1 else "full"
        print(f"== target tests on {board}: {len(systems)} ({chosen} set)", flush=True)
        for name in systems:
            smk = os.path.join(ROOT, "tests", "target", name, "system.mk")
            if chosen != "full" and chosen not in mk_var(smk, "SYSTEM_SETS"):
                print(f"not in the matrix: target/{name} on {board}: outside its "
                      f"'{chosen}' set (BOARD_MATRIX; make test BOARD={board} runs it)",
                      flush=True)
                continue
            missing = [n for n in mk_var(smk, "SYSTEM_NEEDS") if n not in has]
            if missing:
                print(f"not applicable: target/{name} on {board}: the board has no "
                      f"{', '.join(missing)} (SYSTEM_NEEDS)", flush=True)
                continue
            wanted.append((board, name))

    # Builds in parallel too: each system builds into its own directory.
    def build(item):
        board, name = item
        return item, run(["make", "-s", "--no-print-directory", f"BOARD={board}",
                          f"SYSTEM={name}", "all"], capture=True)

    built = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for (board, name), (status, out) in pool.map(build, wanted):
            if status != 0:
                print(out)
                tally.record(f"target/{board}/{name} (build)", False)
            else:
                built.append((board, name))

    def one(item):
        board, name = item
        cfg = os.path.join("build", board, name, "qemu.json")
        start = time.monotonic()
        result = run([PYTHON, "tools/qemu_run.py", "--config", cfg], capture=True)
        return item, result, time.monotonic() - start

    # The longest runs first (their SYSTEM_TIMEOUT as the measure), so that
    # they do not end up alone at the end of the parallel runs.
    def length(item):
        smk = os.path.join(ROOT, "tests", "target", item[1], "system.mk")
        t = mk_var(smk, "SYSTEM_TIMEOUT")
        return -int(t[0]) if t and t[0].isdigit() else -60

    built.sort(key=length)
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for (board, name), (status, out), secs in pool.map(one, built):
            print(f"-- target/{board}/{name} ({secs:.0f} s of wall time)")
            sys.stdout.write(out)
            tally.record(f"target/{board}/{name}", status == 0)


def main():
    p = argparse.ArgumentParser(description="Run the tests; last line 'N passed, N failed'.")
    p.add_argument("tiers", nargs="*", default=["all"],
                   help="host, tools, target or all (default)")
    p.add_argument("--board", default="versatilepb",
                   help="the board of the host tests' build (and of the target "
                        "tests when --boards is not given)")
    p.add_argument("--boards", default=None,
                   help="target tests on these boards (comma or space separated; "
                        "'all' = every bsp/<board>)")
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
    tier_secs = []
    t0 = time.monotonic()
    if "host" in tiers:
        host_tests(args.board, tally, args.jobs)
        tier_secs.append(("host", time.monotonic() - t0))
    if "tools" in tiers:
        t1 = time.monotonic()
        tool_tests(tally)
        tier_secs.append(("tools", time.monotonic() - t1))
    if "target" in tiers:
        t1 = time.monotonic()
        if args.boards is None:
            boards = [args.board]
        elif args.boards.strip() == "all":
            boards = all_boards()
        else:
            boards = args.boards.replace(",", " ").split()
        unknown = [b for b in boards if b not in all_boards()]
        if unknown:
            print(f"run_tests: unknown board(s): {', '.join(unknown)} "
                  f"(have: {', '.join(all_boards())})")
            return 2
        target_tests(boards, tally, args.jobs)
        tier_secs.append(("target", time.monotonic() - t1))
    print("wall time: " + ", ".join(f"{t} {secs:.0f} s" for t, secs in tier_secs))
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
