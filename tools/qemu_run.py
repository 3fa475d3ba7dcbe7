#!/usr/bin/python3
"""Run a firmware ELF under QEMU for a board, as a test or interactively.

The board and system data come from the run description that make writes
next to the ELF (build/<board>/<system>/qemu.json), or from arguments.

Test mode (default): QEMU runs with -nographic, semihosting (the firmware's
exit status is QEMU's) and icount (deterministic virtual time, 4 ns per
instruction), under a wall-clock timeout. The console output is printed and
saved to a log. The run passes when QEMU exits with 0 and the output holds
"RESULT <name> PASS"; a hang (timeout) is a failure, reported as such.

Interactive mode (--interactive): QEMU on the terminal, no timeout; quit
with Ctrl-A x. It runs with the same icount as the tests and benchmarks, so
the timing figures a system prints are the virtual-time figures docs/ give
(the emulated CPU runs at 250 MIPS whatever the host's speed); with
--no-icount it runs in real time, and timing figures follow the host. The
first line says which.
"""

import argparse
import json
import os
import re
import shlex
import signal
import subprocess
import sys

ICOUNT = ["-icount", "shift=2,align=off,sleep=off"]
SEMIHOSTING = ["-semihosting-config", "enable=on,target=native"]
# Wall-clock bound of a system's host-side check script (seconds).
CHECK_TIMEOUT = 600


def fail(message):
    print(f"qemu_run: {message}", file=sys.stderr)
    sys.exit(2)


def load_config(args):
    cfg = {}
    if args.config:
        try:
            with open(args.config, encoding="utf-8") as f:
                cfg = json.load(f)
        except OSError as e:
            fail(f"cannot read {args.config}: {e.strerror}")
        except json.JSONDecodeError as e:
            fail(f"{args.config} is not valid JSON: {e}")
    for key in ("elf", "machine", "name", "qemu"):
        value = getattr(args, key)
        if value is not None:
            cfg[key] = value
    if args.flags is not None:
        cfg["flags"] = args.flags
    if args.timeout is not None:
        cfg["timeout"] = args.timeout
    cfg.setdefault("qemu", "qemu-system-arm")
    cfg.setdefault("flags", "")
    cfg.setdefault("timeout", 60)
    for key in ("elf", "machine"):
        if not cfg.get(key):
            fail(f"no {key} given (use --config or --{key})")
    if not os.path.isfile(cfg["elf"]):
        fail(f"ELF not found: {cfg['elf']} (build it first)")
    cfg.setdefault("name", os.path.splitext(os.path.basename(cfg["elf"]))[0])
    return cfg


def qemu_command(cfg, icount, extra):
    cmd = [cfg["qemu"], "-M", cfg["machine"]]
    cmd += shlex.split(cfg["flags"])
    if extra.get("gui"):
        # A display window (the LCD); the console stays on the terminal.
        # Without a desktop, QEMU serves the display over VNC on loopback.
        cmd += ["-serial", "stdio"]
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            cmd += ["-display", "vnc=127.0.0.1:0"]
    elif extra.get("interactive"):
        cmd += ["-nographic"]
    else:
        cmd += ["-nographic", "-monitor", "none", "-serial", "stdio"]
    cmd += SEMIHOSTING
    if icount:
        cmd += ICOUNT
    cmd += ["-kernel", cfg["elf"]]
    cmd += extra.get("qemu_args", [])
    return cmd


def run_test(cfg, args):
    cmd = qemu_command(cfg, not args.no_icount, {"qemu_args": args.qemu_arg or []})
    timeout = float(cfg["timeout"])
    log_path = args.log or os.path.join(os.path.dirname(cfg["elf"]), "run.log")
    if args.verbose:
        print("qemu_run:", " ".join(shlex.quote(c) for c in cmd))
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout, check=False)
        output = proc.stdout.decode("utf-8", errors="replace")
        status = proc.returncode
        hung = False
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode("utf-8", errors="replace")
        status = None
        hung = True
    except FileNotFoundError:
        fail(f"{cfg['qemu']} not found (run tools/setup)")
    output = output.replace("\r\n", "\n")
    try:
        with open(log_path, "w", encoding="utf-8") as f:
            f.write(output)
    except OSError as e:
        fail(f"cannot write log {log_path}: {e.strerror}")
    if not args.quiet:
        sys.stdout.write(output)
        if output and not output.endswith("\n"):
            sys.stdout.write("\n")

    name = cfg["name"]
    results = re.findall(rf"^RESULT {re.escape(name)} (PASS|FAIL.*)$", output, re.M)
    if hung:
        verdict = f"FAIL {name}: hang (no exit within {timeout:g} s wall clock)"
    elif args.no_expect:
        verdict = (f"PASS {name}" if status == 0
                   else f"FAIL {name}: exit status {status}")
    elif not results:
        verdict = f"FAIL {name}: no 'RESULT {name} ...' line (exit status {status})"
    elif results[-1] != "PASS":
        verdict = f"FAIL {name}: {results[-1]} (exit status {status})"
    elif status != 0:
        verdict = f"FAIL {name}: printed PASS but exit status {status}"
    elif cfg.get("check"):
        verdict = run_check(cfg["check"], log_path, name)
    else:
        verdict = f"PASS {name}"
    print(f"qemu_run: {verdict} (log: {log_path})")
    return 0 if verdict.startswith("PASS") else 1


def run_check(script, log_path, name):
    """Run a system's host-side check of its console log."""
    if not os.path.isfile(script):
        return f"FAIL {name}: check script {script} not found"
    # The check may start QEMU itself: it runs in a process group of its
    # own, killed as a whole if it overruns its bound.
    proc = subprocess.Popen(["/usr/bin/python3", script, log_path], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        sys.stdout.write(out.decode("utf-8", errors="replace"))
        return f"FAIL {name}: host check {script} did not end within {CHECK_TIMEOUT} s"
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    sys.stdout.write(out.decode("utf-8", errors="replace"))
    if proc.returncode != 0:
        return f"FAIL {name}: host check {script} failed"
    return f"PASS {name}"


def mode_line(icount):
    """Which clock an interactive run's figures are in."""
    if icount:
        return ("virtual time (icount " + ICOUNT[1] + ", 4 ns per instruction): "
                "timing figures as in docs/")
    return ("real time (no icount): timing figures follow this host's speed, "
            "not docs/")


def run_interactive(cfg, args):
    icount = not args.no_icount
    cmd = qemu_command(cfg, icount, {"interactive": True, "gui": args.gui})
    mode = mode_line(icount)
    if args.gui and not (os.environ.get("DISPLAY") or
                         os.environ.get("WAYLAND_DISPLAY")):
        print(f"qemu_run: {mode}; no desktop display: the LCD is on VNC at "
              "127.0.0.1:5900; quit with Ctrl-C", flush=True)
    elif args.gui:
        print(f"qemu_run: {mode}; starting QEMU with a display; quit by closing "
              "its window", flush=True)
    else:
        print(f"qemu_run: {mode}; quit with Ctrl-A x", flush=True)
    try:
        return subprocess.call(cmd)
    except FileNotFoundError:
        fail(f"{cfg['qemu']} not found (run tools/setup)")
    except KeyboardInterrupt:
        return 130


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--config", help="run description written by make (qemu.json)")
    p.add_argument("--elf", help="firmware ELF")
    p.add_argument("--machine", help="QEMU machine (-M)")
    p.add_argument("--flags", help="extra QEMU flags of the board, one string")
    p.add_argument("--qemu", help="QEMU binary (default qemu-system-arm)")
    p.add_argument("--name", help="test name expected in the RESULT line")
    p.add_argument("--timeout", type=float, help="wall-clock limit in seconds")
    p.add_argument("--log", help="where to save the console output")
    p.add_argument("--qemu-arg", action="append", help="one more QEMU argument")
    p.add_argument("--no-expect", action="store_true",
                   help="judge by the exit status only")
    p.add_argument("--no-icount", action="store_true",
                   help="without icount: real time (test and interactive mode)")
    p.add_argument("--icount", action="store_true",
                   help="with icount (the default in every mode; kept for old scripts)")
    p.add_argument("--interactive", action="store_true", help="console on the terminal")
    p.add_argument("--gui", action="store_true",
                   help="interactive, with QEMU's display window (the LCD)")
    p.add_argument("--quiet", action="store_true", help="do not echo the output")
    p.add_argument("--verbose", action="store_true", help="print the QEMU command")
    args = p.parse_args()
    cfg = load_config(args)
    if args.interactive or args.gui:
        return run_interactive(cfg, args)
    return run_test(cfg, args)


if __name__ == "__main__":
    sys.exit(main())
