#!/usr/bin/python3
"""Cost of the trace and of the probe pins (docs/benchmarks.md, "Trace and
probe pins"). Builds and runs, under QEMU with icount:

- trace-csw (a guest task switch by os_task_yield, 2000 switches) with the
  trace off, on (every switch traced), and with the probe pins of task
  "ping" on (trace off);
- demo2 for 3 s of virtual time with the trace off / pins off, pins on,
  and trace on: the CPU-bound "counter" partition's progress after 2 s of
  its own ticks (the count it prints), whose loss is the overhead.

Each variant is built afresh in its own tree (build/bench-trace/<variant>).
Run from the repository root:  /usr/bin/python3 tests/target/trace-csw/bench.py
"""

import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
PY = "/usr/bin/python3"


def fail(msg):
    sys.stderr.write("bench.py: error: %s\n" % msg)
    sys.exit(1)


def build_run(system, variant, flags):
    build = os.path.join("build", "bench-trace", variant)
    # Objects do not depend on make variables: build each variant afresh.
    shutil.rmtree(os.path.join(ROOT, build), ignore_errors=True)
    p = subprocess.run(["make", "-s", "BUILD=" + build, "SYSTEM=" + system]
                       + flags, cwd=ROOT, capture_output=True, text=True,
                       timeout=900)
    if p.returncode != 0:
        fail("build of %s (%s) failed:\n%s" % (system, variant,
                                                p.stderr[-2000:]))
    cfg = os.path.join(build, "versatilepb", system, "qemu.json")
    log = os.path.join(build, "versatilepb", system, "run.log")
    subprocess.run([PY, "tools/qemu_run.py", "--config", cfg, "--log", log,
                    "--quiet", "--no-expect"], cwd=ROOT, capture_output=True,
                   timeout=300)
    with open(os.path.join(ROOT, log), errors="replace") as f:
        return f.read()


def grab(pattern, text, what):
    m = re.search(pattern, text)
    if m is None:
        fail("no %s in the run's output" % what)
    return int(m.group(1))


def main():
    rows = []
    csw = {}
    for variant, flags in (("csw-off", ["PROBE=0", "TRACE=0"]),
                           ("csw-trace", ["PROBE=0", "TRACE=1"]),
                           ("csw-pins", ["PROBE=1", "TRACE=0",
                                         "PROBE_TASK=ping"])):
        out = build_run("trace-csw", variant, flags)
        csw[variant] = grab(r"ns_per_switch=(\d+)", out, "csw figure")
        if variant == "csw-off":
            clock = grab(r"ns_per_read=(\d+)", out, "clock figure")
    base = csw["csw-off"]
    rows.append(("Clock read in a partition (PK_SVC_TIME_GET, as every "
                 "guest trace stamp)", clock, ""))
    rows.append(("Guest task switch (os_task_yield), trace and pins off",
                 base, ""))
    rows.append(("... every switch traced (all categories)",
                 csw["csw-trace"],
                 "+%.0f %%" % (100.0 * (csw["csw-trace"] - base) / base)))
    rows.append(("... probe pins of one task on (trace off)",
                 csw["csw-pins"],
                 "+%.0f %%" % (100.0 * (csw["csw-pins"] - base) / base)))
    work = {}
    for variant, flags in (("demo2-off", ["PROBE=0", "TRACE=0"]),
                           ("demo2-pins", ["PROBE=1", "TRACE=0",
                                           "PROBE_TASK=periodic"]),
                           ("demo2-trace", ["PROBE=1", "TRACE=1",
                                            "PROBE_TASK=periodic"])):
        out = build_run("demo2", variant, flags + ["RUN_MS=3000"])
        work[variant] = grab(r"count 2 n=(\d+)", out, "counter figure")
    print("| measurement | figure | vs off |")
    print("|---|---:|---:|")
    for name, v, rel in rows:
        print("| %s | %d ns | %s |" % (name, v, rel))
    w0 = work["demo2-off"]
    for variant, name in (("demo2-off", "CPU-bound partition (demo2 "
                           "counter) iterations in 2 s, trace and pins off"),
                          ("demo2-pins", "... partition and task pins on"),
                          ("demo2-trace", "... pins and trace on")):
        v = work[variant]
        rel = "" if variant == "demo2-off" else \
            "%+.2f %%" % (100.0 * (v - w0) / w0)
        print("| %s | %d | %s |" % (name, v, rel))


if __name__ == "__main__":
    main()
