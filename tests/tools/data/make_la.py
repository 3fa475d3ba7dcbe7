#!/usr/bin/python3
"""Writes la_capture.vcd and la_capture.csv: the same two-channel capture as a
1 MHz logic analyzer would record it (VCD, as sigrok writes it) and as a
Saleae Logic 2 digital CSV export. Known figures, checked by the tests:
  release: rising every 1000 us + jitter pattern JITTER (us), 100 us high
  start:   rising LATENCY (us) after each release, 50 us high
"""
import os

N = 50
PERIOD = 1000
JITTER = [0, 3, -2, 5, 1]
LATENCY = [10, 12, 15, 11, 30]


def edges():
    ev = []
    for k in range(N):
        r = 100 + k * PERIOD + JITTER[k % len(JITTER)]
        s = r + LATENCY[k % len(LATENCY)]
        ev += [(r, "release", 1), (r + 100, "release", 0),
               (s, "start", 1), (s + 50, "start", 0)]
    return sorted(ev)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ev = edges()
    ids = {"release": "!", "start": '"'}
    out = ["$timescale 1 us $end", "$scope module la $end",
           '$var wire 1 ! release $end', '$var wire 1 " start $end',
           "$upscope $end", "$enddefinitions $end", "#0 0! 0\""]
    last = None
    for t, ch, v in ev:
        if t != last:
            out.append("#%d" % t)
            last = t
        out.append("%d%s" % (v, ids[ch]))
    out.append("#%d" % (N * PERIOD + 200))
    with open(os.path.join(here, "la_capture.vcd"), "w") as f:
        f.write("\n".join(out) + "\n")
    level = {"release": 0, "start": 0}
    rows = ["Time [s],release,start", "0.000000000,0,0"]
    for t, ch, v in ev:
        level[ch] = v
        rows.append("%.9f,%d,%d" % (t / 1e6, level["release"],
                                     level["start"]))
    with open(os.path.join(here, "la_capture.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
