#!/usr/bin/python3
"""Host check of pk-iso: pair every attempt with the kernel's HM line.

Reads the console log of a pk-iso run (argument) and the system's
system.toml (next to this script). Every "ATTEMPT id=<id> expect=<kind>
[addr=<hex|pc> status=<hex|any>]" line of a partition must be followed,
before that partition's next attempt, by exactly one HM line of the same
partition with the expected kind, address and status (or by none when the
expected kind is "none"), and the HM action must be the partition's
on_fault; an "addr=pc" attempt must name an instruction inside the
partition's own ranges. Attempts of a "log" partition must end with
"OUTCOME id=<id> ... ok" (the partition's own check: no effect, one
record). No other partition may have HM lines; the periodic partition's
reports must all say misses=0. Prints the table of attempts and outcomes;
exits 0 when every row passed, 1 otherwise, 2 on unusable input.
"""

import os
import tomllib
import re
import sys

LINE_RE = re.compile(r"^\[(?P<part>\w+)\] (?P<text>.*)$")
HM_RE = re.compile(r"^HM partition=(?P<part>\w+) kind=(?P<kind>\w+) addr=0x(?P<addr>[0-9a-f]+) "
                   r"pc=0x(?P<pc>[0-9a-f]+) status=0x(?P<status>[0-9a-f]+) "
                   r"time_ns=(?P<time>\d+) action=(?P<action>\w+)$")
ATTEMPT_RE = re.compile(r"^ATTEMPT id=(?P<id>\w+) expect=(?P<kind>\w+)"
                        r"(?: addr=(?P<addr>pc|0x[0-9a-f]+) status=(?P<status>any|0x[0-9a-f]+))?$")
WHAT_RE = re.compile(r"^WHAT id=(?P<id>\w+) (?P<what>.*)$")
OUTCOME_RE = re.compile(r"^OUTCOME id=(?P<id>\w+) result=(?P<result>0x[0-9a-f]+) "
                        r"hm=\+(?P<hm>\d+) (?P<verdict>ok|BAD)$")
PERIODIC_RE = re.compile(r"periods=(\d+) misses=(\d+) max_late_us=(-?\d+) max_resp_us=(-?\d+)")
RESTART_RE = re.compile(r"^PK restart partition=(\w+) count=(\d+)$")

# Attempts each test partition must have made (see apps/isotest, apps/isojump).
MIN_ATTEMPTS = {"isotest": 60, "isojump": 11}
MODE_NAMES = {"G": "guest kernel", "T": "task", "J": ""}


def die(msg):
    print(f"pk-iso check: {msg}")
    sys.exit(2)


PART_RE = re.compile(r"^PK partition (\w+): kernel 0x([0-9a-f]+)\+0x([0-9a-f]+) "
                     r"user 0x([0-9a-f]+)\+0x([0-9a-f]+) ")


def load_partitions(lines):
    """The partitions of system.toml (their settings), with their ranges as
    the kernel printed them at boot (the layout pkconfig chose for the
    board: system.toml leaves the bases to it)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "system.toml")
    try:
        with open(path, "rb") as f:
            cfg = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        die(f"cannot read {path}: {e}")
    parts = {p["name"]: dict(p) for p in cfg.get("partition", [])}
    for line in lines:
        m = PART_RE.match(line)
        if m:
            kb, ks, ub, us = (int(x, 16) for x in m.groups()[1:])
            parts.setdefault(m.group(1), {}).update(
                {"kernel_base": kb, "kernel_size": ks, "user_base": ub,
                 "user_size": us})
    if not any("kernel_base" in p for p in parts.values()):
        die("no 'PK partition' lines: the kernel's boot report is missing")
    return parts


def in_ranges(p, addr):
    return any(p[b] <= addr < p[b] + p[s] for b, s in
               (("kernel_base", "kernel_size"), ("user_base", "user_size")))


def main():
    if len(sys.argv) != 2:
        die("usage: check.py <console log>")
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        die(f"cannot read {sys.argv[1]}: {e.strerror}")
    parts = load_partitions(lines)

    rows = []           # one dict per attempt, in console order
    open_attempt = {}   # partition -> row awaiting its HM line
    whats = {}
    stray = []          # HM lines not explained by an attempt
    periodic = []
    restarts = []
    for line in lines:
        m = HM_RE.match(line)
        if m:
            row = open_attempt.get(m["part"])
            if row is None:
                stray.append(line)
            else:
                row["hm"].append(m)
            continue
        m = RESTART_RE.match(line)
        if m:
            restarts.append((m[1], int(m[2])))
            row = open_attempt.get(m[1])
            if row is not None:
                row["restart"] = int(m[2])
                open_attempt.pop(m[1])
            continue
        m = LINE_RE.match(line)
        if not m:
            continue
        part, text = m["part"], m["text"]
        if (w := WHAT_RE.match(text)):
            whats[(part, w["id"])] = w["what"]
        elif (a := ATTEMPT_RE.match(text)):
            row = {"part": part, "id": a["id"], "kind": a["kind"], "addr": a["addr"],
                   "status": a["status"], "hm": [], "outcome": None, "restart": None}
            rows.append(row)
            open_attempt[part] = row
        elif (o := OUTCOME_RE.match(text)):
            row = open_attempt.pop(part, None)
            if row is not None and row["id"] == o["id"]:
                row["outcome"] = o
        elif (p := PERIODIC_RE.search(text)):
            periodic.append(tuple(int(x) for x in p.groups()))
        else:
            # Any other output closes the attempt window of its partition
            # only through OUTCOME/restart; plain prints are ignored.
            pass

    failures = 0
    table = []
    for row in rows:
        cfg = parts.get(row["part"])
        problems = []
        if cfg is None:
            problems.append("unknown partition")
            cfg = {}
        action = cfg.get("on_fault", "restart")
        hm = row["hm"]
        if row["kind"] == "none":
            if hm:
                problems.append(f"{len(hm)} unexpected HM line(s)")
            seen = "no HM record"
        elif len(hm) != 1:
            problems.append(f"{len(hm)} HM lines, want 1")
            seen = "-"
        else:
            h = hm[0]
            addr, pc, status = int(h["addr"], 16), int(h["pc"], 16), int(h["status"], 16)
            seen = f"{h['kind']} addr=0x{addr:08x} status=0x{status:x} action={h['action']}"
            if h["kind"] != row["kind"]:
                problems.append(f"kind {h['kind']}")
            if row["addr"] == "pc":
                if addr != pc or not in_ranges(cfg, pc):
                    problems.append("addr is not the partition's own instruction")
            elif addr != int(row["addr"], 16):
                problems.append("wrong addr")
            if row["status"] != "any" and status != int(row["status"], 16):
                problems.append("wrong status")
            if h["action"] != action:
                problems.append(f"action {h['action']}, want {action}")
        if action == "log":
            o = row["outcome"]
            if o is None:
                problems.append("no OUTCOME line")
            elif o["verdict"] != "ok":
                problems.append(f"partition saw an effect (result {o['result']}, hm +{o['hm']})")
            effect = "stopped, skipped" if row["kind"] != "none" else "no fault"
            if o is not None:
                effect += f", result {o['result']}"
        else:
            if row["kind"] != "none" and row["restart"] is None:
                problems.append("no restart")
            effect = f"restarted (count {row['restart']})"
        verdict = "ok" if not problems else "FAIL: " + "; ".join(problems)
        failures += bool(problems)
        mode = MODE_NAMES.get(row["id"][0], "")
        what = whats.get((row["part"], row["id"]), "?")
        if not mode:
            mode = "guest kernel" if what.startswith("guest kernel") else "task"
        table.append((row["id"], row["part"], mode, what, row["kind"], seen, effect, verdict))

    print("pk-iso: attempt -> outcome")
    print("| id | partition | from | attempt | expected | kernel HM record | effect | check |")
    print("|---|---|---|---|---|---|---|---|")
    for t in table:
        print("| " + " | ".join(t) + " |")

    for name, need in MIN_ATTEMPTS.items():
        n = sum(1 for r in rows if r["part"] == name)
        if n < need:
            print(f"pk-iso check: {name} made {n} attempts, want at least {need}")
            failures += 1
    for line in stray:
        print(f"pk-iso check: HM line with no attempt: {line}")
        failures += 1
    if not periodic:
        print("pk-iso check: no report of the periodic partition")
        failures += 1
    for n, misses, late, resp in periodic:
        print(f"periodic partition: {n} periods, {misses} deadline misses, "
              f"max release lateness {late} us, max response {resp} us")
        if misses != 0:
            failures += 1
    print(f"pk-iso check: {len(rows)} attempts, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
