#!/usr/bin/python3
"""Host-side check of pk-ports' console log: every port call the run made
stayed within the kernel's bound for a path a partition triggers (20 us
with interrupts masked), as measured by the kernel itself
(PK_CONFIG_MASKED_STATS: one "PK masked path=..." line per kind of path),
and every port call kind was seen."""
import re
import sys

BOUND_NS = 20000
PORT_PATHS = ("svc_port_open", "svc_sampling_write", "svc_sampling_read",
              "svc_queuing_send", "svc_queuing_receive", "svc_port_status",
              "svc_queuing_clear")


def main():
    if len(sys.argv) < 2:
        print("usage: check.py LOG")
        return 2
    with open(sys.argv[1], errors="replace") as f:
        text = f.read()
    seen = {m.group(1): int(m.group(2)) for m in
            re.finditer(r"^PK masked path=(\S+) count=\d+ max_ns=(\d+)", text, re.M)}
    bad = 0
    for path in PORT_PATHS:
        if path not in seen:
            print(f"check: no masked-time line for {path}")
            bad += 1
        elif seen[path] > BOUND_NS:
            print(f"check: {path} masked {seen[path]} ns, above {BOUND_NS}")
            bad += 1
        else:
            print(f"check: {path} longest masked stretch {seen[path]} ns")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
