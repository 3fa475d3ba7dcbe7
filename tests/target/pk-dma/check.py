#!/usr/bin/python3
"""Host check of pk-dma: pair every DMA attempt with the kernel's HM line.

Reads the console log of a pk-dma run (argument). Every "ATTEMPT id=<id>
expect=<kind> [addr=0x<hex> status=<0x<hex>|any>]" line of dmatest must be
followed, before its next attempt, by exactly one HM line of dmatest with
that kind, address and status and action "log" (or by none for "none"),
and then by "OUTCOME id=<id> ... ok" (dmatest's own check: result code,
one record per refusal, the register unchanged after a refusal). The last
attempt (a jump into kernel memory) must instead stop the partition: its
HM line says action=stop, then "PK stop partition=dmatest" and "PK dma
stopped partition=dmatest device=display" (the kernel stopped the CLCD's
DMA). No other partition may have HM lines; every periodic report must say
misses=0. Prints the table; exits 0 when every row passed, 1 otherwise, 2
on unusable input.
"""

import re
import sys

LINE_RE = re.compile(r"^\[(?P<part>\w+)\] (?P<text>.*)$")
HM_RE = re.compile(r"^HM partition=(?P<part>\w+) kind=(?P<kind>\w+) addr=0x(?P<addr>[0-9a-f]+) "
                   r"pc=0x(?P<pc>[0-9a-f]+) status=0x(?P<status>[0-9a-f]+) "
                   r"time_ns=(?P<time>\d+) action=(?P<action>\w+)$")
ATTEMPT_RE = re.compile(r"^ATTEMPT id=(?P<id>\w+) expect=(?P<kind>\w+)"
                        r"(?: addr=0x(?P<addr>[0-9a-f]+) status=(?P<status>any|0x[0-9a-f]+))?$")
WHAT_RE = re.compile(r"^WHAT id=(?P<id>\w+) (?P<what>.*)$")
OUTCOME_RE = re.compile(r"^OUTCOME id=(?P<id>\w+) result=(?P<result>0x[0-9a-f]+) "
                        r"hm=\+(?P<hm>\d+) (?P<verdict>ok|BAD)$")
COMPLETE_RE = re.compile(r"^DMATEST complete attempts=(\d+) bad=(\d+)$")
PERIODIC_RE = re.compile(r"periods=(\d+) misses=(\d+) max_late_us=(-?\d+) max_resp_us=(-?\d+)")

OWNER = "dmatest"
MIN_ATTEMPTS = 50       # attempts of apps/dmatest, the final jump included
MIN_REFUSED = 20        # of which refused by PK_SVC_DEV_WRITE


def die(msg):
    print(f"pk-dma check: {msg}")
    sys.exit(2)


def main():
    if len(sys.argv) != 2:
        die("usage: check.py <console log>")
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        die(f"cannot read {sys.argv[1]}: {e.strerror}")

    rows = []
    row = None          # the attempt whose HM line and outcome are awaited
    whats = {}
    stray = []
    periodic = []
    complete = None
    after_last = []     # kernel lines after the final attempt
    for line in lines:
        m = HM_RE.match(line)
        if m:
            if m["part"] == OWNER and row is not None:
                row["hm"].append(m)
            else:
                stray.append(line)
            continue
        if line.startswith("PK ") and row is not None and row["last"]:
            after_last.append(line)
            continue
        m = LINE_RE.match(line)
        if not m:
            continue
        part, text = m["part"], m["text"]
        if part != OWNER:
            if (p := PERIODIC_RE.search(text)):
                periodic.append(tuple(int(x) for x in p.groups()))
            continue
        if (w := WHAT_RE.match(text)):
            whats[w["id"]] = w["what"]
        elif (a := ATTEMPT_RE.match(text)):
            row = {"id": a["id"], "kind": a["kind"], "addr": a["addr"],
                   "status": a["status"], "hm": [], "outcome": None,
                   "last": a["kind"] == "prefetch_abort"}
            rows.append(row)
        elif (o := OUTCOME_RE.match(text)):
            if row is not None and row["id"] == o["id"]:
                row["outcome"] = o
                row = None
        elif (c := COMPLETE_RE.match(text)):
            complete = (int(c[1]), int(c[2]))

    failures = 0
    table = []
    for r in rows:
        problems = []
        hm = r["hm"]
        want_action = "stop" if r["last"] else "log"
        if r["kind"] == "none":
            if hm:
                problems.append(f"{len(hm)} unexpected HM line(s)")
            seen = "no HM record"
        elif len(hm) != 1:
            problems.append(f"{len(hm)} HM lines, want 1")
            seen = "-"
        else:
            h = hm[0]
            addr, status = int(h["addr"], 16), int(h["status"], 16)
            seen = f"{h['kind']} addr=0x{addr:08x} status=0x{status:x} action={h['action']}"
            if h["kind"] != r["kind"]:
                problems.append(f"kind {h['kind']}")
            if addr != int(r["addr"], 16):
                problems.append("wrong addr")
            if r["status"] != "any" and status != int(r["status"], 16):
                problems.append("wrong status")
            if h["action"] != want_action:
                problems.append(f"action {h['action']}, want {want_action}")
        if r["last"]:
            need = [f"PK stop partition={OWNER}",
                    f"PK dma stopped partition={OWNER} device=display"]
            for n in need:
                if n not in after_last:
                    problems.append(f'no "{n}"')
            effect = "stopped; " + ("DMA stopped" if not problems else "?")
        else:
            o = r["outcome"]
            if o is None:
                problems.append("no OUTCOME line")
                effect = "-"
            else:
                if o["verdict"] != "ok":
                    problems.append(f"partition saw an effect (result {o['result']}, hm +{o['hm']})")
                effect = f"result {o['result']}"
        verdict = "ok" if not problems else "FAIL: " + "; ".join(problems)
        failures += bool(problems)
        table.append((r["id"], whats.get(r["id"], "?"), r["kind"], seen,
                      effect, verdict))

    print("pk-dma: attempt -> outcome")
    print("| id | attempt | expected | kernel HM record | effect | check |")
    print("|---|---|---|---|---|---|")
    for t in table:
        print("| " + " | ".join(t) + " |")

    refused = sum(1 for r in rows if r["kind"] == "bad_pointer")
    if len(rows) < MIN_ATTEMPTS or refused < MIN_REFUSED:
        print(f"pk-dma check: {len(rows)} attempts ({refused} refused), want "
              f"at least {MIN_ATTEMPTS} ({MIN_REFUSED})")
        failures += 1
    if not rows or not rows[-1]["last"]:
        print("pk-dma check: the final stop was not reached")
        failures += 1
    if complete is None or complete[1] != 0 or complete[0] != len(rows) - 1:
        print(f"pk-dma check: dmatest's summary {complete} does not match")
        failures += 1
    for line in stray:
        print(f"pk-dma check: HM line with no attempt: {line}")
        failures += 1
    if not periodic:
        print("pk-dma check: no report of the periodic partition")
        failures += 1
    for n, misses, late, resp in periodic:
        print(f"periodic partition: {n} periods, {misses} deadline misses, "
              f"max release lateness {late} us, max response {resp} us")
        if misses != 0:
            failures += 1
    print(f"pk-dma check: {len(rows)} attempts, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
