#!/usr/bin/python3
"""Host check of pk-schedule: the module schedule switch, from the switch log.

Reads the console log (argument) with the kernel's switch log
("SWLOG origin_ns=.. end_ns=..", "SW <ns> <index|idle>") and the
schedules of system.toml (next to this script). The request was made in
the frame that contains sys's "requested at <s>"; the switch must take
effect exactly at the end of that frame of "nominal" (B, the origin SWLOG
prints: the current plan's, i.e. "alt"'s): the status sys
read says so (last_switch_ns == B), every interval before B lies in its
partition's window of "nominal" (grid from the origin) and every one from
B on in a window of "alt" (grid from B), each switch within TOLERANCE_NS
of its window's boundary, and every window of both plans in the checked
span was served. Exits 0 if all hold, 1 if not, 2 on bad input.
"""

import os
import re
import sys
import tomllib

TOLERANCE_NS = 10000
SWLOG_RE = re.compile(r"^SWLOG origin_ns=(\d+) end_ns=(\d+) records=(\d+) dropped=(\d+)$", re.M)
SW_RE = re.compile(r"^SW (\d+) (\d+|idle)$", re.M)
REQ_RE = re.compile(r"^\[sys\] sys: requested at (\d+)\.(\d{9}) s$", re.M)
SWITCHED_RE = re.compile(r"^\[sys\] sys: schedule switched at (\d+)\.(\d{9}) s", re.M)


def die(msg):
    print(f"pk-schedule check: {msg}")
    sys.exit(2)


def plan_windows(cfg, names, plan):
    main = cfg["system"].get("schedule_name", "main")
    return sorted((w["offset_us"] * 1000, (w["offset_us"] + w["duration_us"]) * 1000,
                   names.index(w["partition"]))
                  for w in cfg["window"] if w.get("schedule", main) == plan)


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
    main_name = cfg["system"].get("schedule_name", "main")
    plans = [(cfg["system"]["major_frame_us"] * 1000, plan_windows(cfg, names, main_name))]
    alt = cfg["schedule"][0]
    plans.append((alt["major_frame_us"] * 1000, plan_windows(cfg, names, alt["name"])))
    m = SWLOG_RE.search(text)
    if not m:
        die("no SWLOG line: kernel built without PK_CONFIG_SWITCH_LOG?")
    origin, end, _, dropped = (int(x) for x in m.groups())
    if int(dropped):
        die(f"{dropped} switches dropped")
    req = REQ_RE.search(text)
    switched = SWITCHED_RE.search(text)
    if not req or not switched:
        die("no request or switch line of sys")
    req_ns = int(req.group(1)) * 10**9 + int(req.group(2))
    switched_ns = int(switched.group(1)) * 10**9 + int(switched.group(2))
    mf0 = plans[0][0]
    recs = [(int(t), None if p == "idle" else int(p)) for t, p in SW_RE.findall(text)]
    if not recs:
        die("empty switch log")
    # SWLOG's origin is the current plan's: the boundary where "alt" took
    # effect. "nominal"'s frames lie on the grid ending there.
    boundary = origin
    origin = boundary - -(-(boundary - recs[0][0]) // mf0) * mf0
    problems = []
    if not boundary - mf0 <= req_ns < boundary:
        problems.append(f"the switch at {boundary} is not at the end of the frame of "
                        f"the request ({req_ns})")
    if switched_ns != boundary:
        problems.append(f"status says the switch took effect at {switched_ns}, "
                        f"want the frame end {boundary}")
    latencies = []
    served = set()
    for i, (t, part) in enumerate(recs):
        t_next = recs[i + 1][0] if i + 1 < len(recs) else end
        if part is None:
            continue
        plan, base = (0, origin) if t < boundary else (1, boundary)
        mf, windows = plans[plan]
        if t < boundary and t_next > boundary + TOLERANCE_NS:
            problems.append(f"{names[part]} runs across the switch ({t}..{t_next})")
        k, off = divmod(t - base, mf)
        hit = None
        for wi, (ws, we, wp) in enumerate(windows):
            if ws <= off < we:
                hit = (wi, ws, we, wp)
        if hit is None or hit[3] != part:
            problems.append(f"{names[part]} runs at {t} ns (plan {plan}, frame {k}, "
                            f"offset {off / 1000:.1f} us) outside its windows")
            continue
        wi, ws, we, wp = hit
        start_late = off - ws
        end_late = t_next - (base + k * mf + we)
        latencies.append(start_late)
        if start_late > TOLERANCE_NS:
            problems.append(f"{names[part]} starts {start_late} ns late (plan {plan}, frame {k})")
        if i + 1 < len(recs) and (end_late > TOLERANCE_NS or end_late < 0):
            problems.append(f"{names[part]} leaves {end_late} ns after its window end "
                            f"(plan {plan}, frame {k})")
        served.add((plan, k, wi))
    frames0 = (boundary - origin) // mf0
    frames1 = (end - boundary) // plans[1][0]
    for plan, frames in ((0, frames0), (1, frames1)):
        for k in range(frames):
            for wi in range(len(plans[plan][1])):
                if (plan, k, wi) not in served:
                    problems.append(f"plan {plan} frame {k} window {wi} not served")
    at_switch = [t for t, _ in recs if boundary <= t <= boundary + TOLERANCE_NS]
    if not at_switch:
        problems.append("no switch at the boundary")
    print(f"pk-schedule: request at {req_ns} ns, switch at the frame end {boundary} ns "
          f"(origin {origin}); {frames0} frames of plan 0, {frames1} of plan 1; "
          f"switch latency max {max(latencies, default=0) / 1000:.2f} us")
    for p in problems[:20]:
        print(f"pk-schedule check: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
