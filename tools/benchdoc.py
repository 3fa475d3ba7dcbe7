"""Write one section of docs/benchmarks.md, leaving the others as they are.

Each benchmark script owns one "## <title>" section of the file and
regenerates it whole; this module is the one place that knows the file's
layout.
"""

import os
import re

HEADER = ("# Benchmarks\n\nMeasured figures of the system, one section per part. Every figure "
          "is produced by a command given in its section, in QEMU virtual time (icount).\n\n")


def write_section(path, title, section):
    """Replace the section headed "## title" in path by `section` (which
    starts with that heading), or append it; create the file if needed."""
    text = HEADER
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
    section = section.rstrip("\n") + "\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n")
