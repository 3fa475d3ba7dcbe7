#!/usr/bin/python3
"""gk_hooks_check.py - a partition's guest kernel must not call user-range
code through a weak symbol.

The guest kernel (pv_gk.o) is linked apart so that it can refer to nothing
outside its range (mk/partitioned.mk checks its undefined symbols). A weak
definition in it (the tick core's hooks: os_hook_idle,
os_hook_stack_overflow) escapes that check: an application that defines the
hook replaces it at the final link, and the guest kernel then runs code of
the user range, which every task may write, with guest-kernel rights.

Usage: gk_hooks_check.py PV_GK_O ELF [--allow]
Every weak symbol pv_gk.o defines must resolve, in ELF, inside
[pv_gk_start, pv_gk_end). --allow (the app's APP_GK_HOOKS := 1, for test
systems that mean it) accepts user-range definitions. Exit 0 if all hold,
1 with one line per offending symbol, 2 on bad input.
"""

import subprocess
import sys

NM = "arm-none-eabi-nm"


def symbols(path, defined_only=False):
    args = [NM] + (["--defined-only"] if defined_only else []) + [path]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        raise OSError(p.stderr.strip() or "%s failed on %s" % (NM, path))
    out = []
    for line in p.stdout.splitlines():
        w = line.split()
        if len(w) == 3:
            out.append((w[2], w[1], int(w[0], 16)))
    return out


def main(argv):
    args = [a for a in argv if a != "--allow"]
    allow = len(args) != len(argv)
    if len(args) != 2:
        print("usage: gk_hooks_check.py PV_GK_O ELF [--allow]", file=sys.stderr)
        return 2
    gk_o, elf = args
    try:
        weak = sorted({n for n, t, _ in symbols(gk_o, True) if t in ("W", "V")})
        final = {n: a for n, _, a in symbols(elf)}
    except OSError as e:
        print("gk_hooks_check.py: %s" % e, file=sys.stderr)
        return 2
    if "pv_gk_start" not in final or "pv_gk_end" not in final:
        print("gk_hooks_check.py: %s: no pv_gk_start/pv_gk_end" % elf, file=sys.stderr)
        return 2
    lo, hi = final["pv_gk_start"], final["pv_gk_end"]
    bad = [(n, final[n]) for n in weak if n in final and not lo <= final[n] < hi]
    if allow or not bad:
        return 0
    for n, a in bad:
        print("%s: %s is defined in the user range (0x%08x): the guest kernel would run "
              "code its tasks can write; in a partition the tick core's hooks stay the "
              "guest kernel's own (a test system that means it: APP_GK_HOOKS := 1 in its "
              "app.mk)" % (elf, n, a), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
