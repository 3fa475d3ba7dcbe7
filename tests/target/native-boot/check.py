#!/usr/bin/python3
"""Host-side check of native-boot's console log: the banner is there and
every LINE from both tasks arrived whole, in order per task."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "common"))
import whole_lines  # noqa: E402


def main():
    text, msg = whole_lines.read_log(sys.argv)
    if text is None:
        print(msg)
        return 2
    # The banner names the board the test says it runs on.
    board = re.search(r"TEST native-boot on (\S+)", text)
    if board is None or f"BOOT banner: tick core on {board.group(1)}" not in text:
        print("check: banner missing")
        return 1
    status, msg = whole_lines.check(text, "", 120, 200)
    print(msg)
    return status


if __name__ == "__main__":
    sys.exit(main())
