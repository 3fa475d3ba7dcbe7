#!/usr/bin/python3
"""Host-side check of pk-printf's console log: every LINE of both tasks of
the partition arrived whole, labelled with the partition, in order per task."""
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
    status, msg = whole_lines.check(text, "[printer] ", 80, 150)
    print(msg)
    return status


if __name__ == "__main__":
    sys.exit(main())
