#!/usr/bin/python3
"""Host check of the avionics demo's run (tests/target/avionics-check).

Reads the console log (argument). Wants:
- the actuator's verdict RESULT avionics-check PASS and its last figures:
  300 commands, end-to-end latency (sample to actuator) under one major
  frame (20 ms) and at least the 4 ms between the sensor's and the
  control's windows, one gap of one to three samples (the one the control
  partition was working on when it restarted warm, and those of the
  windows its reload of 2 MiB takes; its process restart by the error
  handler takes the same sample again in the same window);
- the sensor's reports every 50 samples, without a hole: it went on through
  both faults of the control partition;
- exactly two health-monitor records, both of "control": an application
  error handled at process level (its error handler restarted the control
  process) and a data abort handled at partition level by a warm start
  (the control partition's second start reports the start condition of a
  restart by the health monitor);
- no record of sensor or actuator.
Exits 0 if all hold, 1 if not, 2 on bad input.
"""

import re
import sys

HM_RE = re.compile(r"^HM partition=(\w+) kind=(\w+) .*action=([\w-]+)$", re.M)
ACT_RE = re.compile(r"^\[actuator\] AV actuator n=(\d+) seq=(\d+) latency_us=(-?\d+)/(-?\d+)/(-?\d+) "
                    r"gaps=(\d+) missed=(\d+) bad=(\d+) control_starts=(\d+)$", re.M)
SENSOR_RE = re.compile(r"^\[sensor\] AV sensor seq=(\d+) ", re.M)
START_RE = re.compile(r"^\[control\] AV control: start (\d+), mode (\d+), start condition (\d+)$", re.M)


def main():
    if len(sys.argv) != 2:
        print("avionics check: usage: check.py <console log>")
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print(f"avionics check: cannot read {sys.argv[1]}: {e.strerror}")
        return 2
    problems = []
    if "RESULT avionics-check PASS" not in text:
        problems.append("no RESULT avionics-check PASS")
    act = ACT_RE.findall(text)
    if not act:
        problems.append("no actuator figures")
    else:
        n, seq, lmin, lmean, lmax, gaps, missed, bad, starts = (int(x) for x in act[-1])
        print(f"check: actuator n={n} latency {lmin}/{lmean}/{lmax} us gaps={gaps} "
              f"missed={missed} bad={bad}")
        if n != 300 or bad != 0 or gaps != 1 or not 1 <= missed <= 3 or starts != 2:
            problems.append(f"actuator n={n} bad={bad} gaps={gaps} control_starts={starts}")
        if not 4000 <= lmin <= lmax < 20000:
            problems.append(f"latency {lmin}..{lmax} us outside [4000, 20000)")
    sensor = [int(s) for s in SENSOR_RE.findall(text)]
    if len(sensor) < 6 or sensor != list(range(0, 50 * len(sensor), 50)):
        problems.append(f"sensor reports {sensor[:12]}... not every 50 samples from 0")
    hms = HM_RE.findall(text)
    kinds = sorted(k for _, k, _ in hms)
    if kinds != ["data_abort", "guest_error"]:
        problems.append(f"health-monitor kinds {kinds}, want an application error "
                        "(guest_error) and a data abort")
    print(f"check: health monitor records {hms}")
    if [p for p, _, _ in hms if p != "control"]:
        problems.append("health-monitor records of sensor or actuator")
    if len(hms) != 2:
        problems.append(f"{len(hms)} health-monitor records, want 2")
    if "error handler: control process restarted rc=0" not in text:
        problems.append("the error handler did not restart the control process")
    starts = [tuple(int(x) for x in s) for s in START_RE.findall(text)]
    print(f"check: control starts {starts}")
    if len(starts) != 2 or starts[0][0] != 1 or starts[1][0] != 2:
        problems.append(f"control starts {starts}: want 1 then 2 (data kept by the warm start)")
    elif starts[0][2] == starts[1][2]:
        problems.append("the second start's condition is the first's: no restart reported")
    for p in problems:
        print(f"check: {p}")
    print("check: PASS" if not problems else "check: FAIL")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
