#!/usr/bin/python3
"""Host check of pk-cyclic: every partition ran exactly in its windows.

Reads the console log (argument) with the kernel's switch log
(partitions/pk_swlog.h: "SWLOG origin_ns=.. end_ns=..", then "SW <ns>
<index|idle>" per switch) and the windows of system.toml (next to this
script). The frames lie on the grid origin + k * major_frame. Checks:
  - every interval in which a partition held the CPU lies inside one of its
    own windows (up to TOLERANCE_NS past the window's end: the timer
    interrupt and the kernel's exit path);
  - every switch is at a window boundary: a partition starts within
    TOLERANCE_NS after its window opens and loses the CPU within
    TOLERANCE_NS after it closes (all partitions here are CPU-bound, so
    nothing else may cause a switch);
  - every window of at least MIN_FRAMES whole frames was given to its
    partition.
Prints the worst switch latency; exits 0 if all hold, 1 if not, 2 on bad
input.
"""

import os
import re
import sys
import tomllib

TOLERANCE_NS = 10000
MIN_FRAMES = 20
SWLOG_RE = re.compile(r"^SWLOG origin_ns=(\d+) end_ns=(\d+) records=(\d+) dropped=(\d+)$", re.M)
SW_RE = re.compile(r"^SW (\d+) (\d+|idle)$", re.M)


def die(msg):
    print(f"pk-cyclic check: {msg}")
    sys.exit(2)


def main():
    if len(sys.argv) != 2:
        die("usage: check.py <console log>")
    toml_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "system.toml")
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            text = f.read()
        with open(toml_path, "rb") as f:
            cfg = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        die(f"cannot read input: {e}")
    names = [p["name"] for p in cfg["partition"]]
    mf = cfg["system"]["major_frame_us"] * 1000
    windows = sorted((w["offset_us"] * 1000, (w["offset_us"] + w["duration_us"]) * 1000,
                      names.index(w["partition"])) for w in cfg["window"])
    m = SWLOG_RE.search(text)
    if not m:
        die("no SWLOG line: kernel built without PK_CONFIG_SWITCH_LOG?")
    origin, end, _, dropped = (int(x) for x in m.groups())
    if int(dropped):
        die(f"{dropped} switches dropped: the log is too small for the run")
    recs = [(int(t), None if p == "idle" else int(p)) for t, p in SW_RE.findall(text)]
    if not recs:
        die("empty switch log")

    problems = []
    latencies = []
    served = set()  # (frame, window index) given to their partition
    for i, (t, part) in enumerate(recs):
        t_next = recs[i + 1][0] if i + 1 < len(recs) else end
        if part is None:
            continue
        k, off = divmod(t - origin, mf)
        # The window this interval belongs to: the one containing its start
        # (a start up to TOLERANCE_NS late still belongs to it).
        hit = None
        for wi, (ws, we, wp) in enumerate(windows):
            if ws <= off < we:
                hit = (wi, ws, we, wp)
                break
        if hit is None or hit[3] != part:
            problems.append(f"partition {names[part]} runs at {t} ns (frame {k}, offset "
                            f"{off / 1000:.1f} us) outside its windows")
            continue
        wi, ws, we, wp = hit
        start_late = off - ws
        end_late = t_next - (origin + k * mf + we)
        latencies.append(start_late)
        if i + 1 < len(recs):
            latencies.append(end_late)  # the last interval ends with the run
        if start_late > TOLERANCE_NS:
            problems.append(f"partition {names[part]} starts {start_late} ns after its window "
                            f"opens (frame {k})")
        if t_next < origin + k * mf + we and i + 1 < len(recs):
            problems.append(f"partition {names[part]} lost the CPU {-end_late} ns before its "
                            f"window closed (frame {k})")
        if end_late > TOLERANCE_NS:
            problems.append(f"partition {names[part]} runs {end_late} ns past its window "
                            f"(frame {k})")
        served.add((k, wi))
    frames = (end - origin) // mf
    missing = [(k, wi) for k in range(frames) for wi in range(len(windows)) if (k, wi) not in served]
    if frames < MIN_FRAMES:
        problems.append(f"only {frames} whole frames, want {MIN_FRAMES}")
    for k, wi in missing:
        problems.append(f"frame {k}: window {wi} ({names[windows[wi][2]]}) was not given "
                        f"to its partition")
    print(f"pk-cyclic: {len(recs)} switches over {frames} whole major frames of "
          f"{mf / 1e6:g} ms; {len(served)} windows served")
    print(f"pk-cyclic: switch after the window boundary: max {max(latencies) / 1000:.2f} us, "
          f"min {min(latencies) / 1000:.2f} us (kernel switch log, virtual time)")
    for p in problems[:20]:
        print(f"pk-cyclic check: {p}")
    if len(problems) > 20:
        print(f"pk-cyclic check: ... {len(problems) - 20} more")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
