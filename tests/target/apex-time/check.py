#!/usr/bin/python3
"""Host-side check of apex-time's console log: every deadline miss the test
provoked ("expect-miss pid=N deadline_us=T") was reported to the health
monitor exactly once (kind=guest_error, status=0x3: PK_GUEST_ERR_DEADLINE,
addr = the process id), within one tick (1 ms) after the deadline (a deadline on the tick
grid: within 200 us), and no
other deadline was reported."""
import re
import sys

TICK_NS = 1000000


def main():
    if len(sys.argv) < 2:
        print("usage: check.py LOG")
        return 2
    with open(sys.argv[1], errors="replace") as f:
        text = f.read()
    expect = {int(m.group(1)): int(m.group(2)) * 1000
              for m in re.finditer(r"expect-miss pid=(\d+) deadline_us=(\d+)", text)}
    seen = {}
    for m in re.finditer(r"HM partition=time kind=guest_error addr=0x([0-9a-f]+) "
                         r"pc=0x[0-9a-f]+ status=0x3 time_ns=(\d+)", text):
        seen.setdefault(int(m.group(1), 16), []).append(int(m.group(2)))
    if not expect:
        print("check: no expect-miss line")
        return 1
    status = 0
    for pid, dl in sorted(expect.items()):
        times = seen.get(pid, [])
        if len(times) != 1:
            print(f"check: pid {pid}: {len(times)} deadline reports, want 1")
            status = 1
            continue
        late = times[0] - dl
        if not 0 <= late <= TICK_NS + 100000:
            print(f"check: pid {pid}: reported {late} ns after its deadline")
            status = 1
        else:
            print(f"check: pid {pid}: miss reported {late} ns after its deadline")
    for pid in sorted(set(seen) - set(expect)):
        print(f"check: pid {pid}: unexpected deadline report")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
