#!/usr/bin/python3
"""vit-two host check of the run's console log (after "RESULT vit-two PASS").

Run by tools/qemu_run.py with the log. Each partition checked itself
against its bound (apps/media/two.c, apps/matrix/two.c); this adds what
neither can see alone:
  - the player printed its verdict (it fails the run itself when its check
    fails; this catches a player that never got to it);
  - the matrix's worst wake-up after its VIT deadline is at most 50 us plus
    the player's longest presentation (its real-time work, from a frame's
    deadline to the frame shown): the only thing allowed to hold the matrix
    up is the player's real-time work, not its decoding.
"""

import re
import sys

WAKE_MAX_NS = 50000


def main():
    if len(sys.argv) != 2:
        print("usage: check.py <console log>", file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
            log = f.read()
    except OSError as e:
        print(f"vit-two check: cannot read the log: {e}")
        return 1
    if "vit-two: media PASS" not in log:
        print("vit-two check: the player printed no verdict")
        return 1
    media = re.search(r"vit-two: media \d+ frames, \d+ decode errors, presentation max (\d+) ns", log)
    matrix = re.search(r"vit-two: matrix \d+ jobs, worst wake-up (\d+) ns", log)
    if not media or not matrix:
        print("vit-two check: the figures lines are missing")
        return 1
    present, worst = int(media.group(1)), int(matrix.group(1))
    if worst > WAKE_MAX_NS + present:
        print(f"vit-two check: the matrix woke {worst} ns after its deadline, "
              f"more than {WAKE_MAX_NS} ns + the player's presentation {present} ns")
        return 1
    print(f"vit-two check: matrix worst wake-up {worst} ns <= {WAKE_MAX_NS} ns "
          f"+ presentation {present} ns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
