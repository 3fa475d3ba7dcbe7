#!/usr/bin/python3
"""Host-side check of native-boot's console log: the banner is there and
every LINE from both tasks arrived whole, in order per task."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "common"))
import whole_lines  # noqa: E402


def main():
    text, msg = whole_lines.read_log(sys.argv)
    if text is None:
        print(msg)
        return 2
    # The log is build/<board>/native-boot/run.log: the banner names that
    # board.
    board = os.path.basename(os.path.dirname(os.path.dirname(
        os.path.abspath(sys.argv[1]))))
    if "BOOT banner: tick core on %s" % board not in text:
        print("check: banner for board %s missing" % board)
        return 1
    status, msg = whole_lines.check(text, "", 120, 200)
    print(msg)
    return status


if __name__ == "__main__":
    sys.exit(main())
