#!/usr/bin/python3
"""Run the native tick-core benchmarks and write their figures into the
"Tick core, native (<board>)" section of docs/benchmarks.md (other
sections, and other boards', are left as they are) and into
docs/bench/<board>/native.json (the side-by-side table's data).

Builds SYSTEM=native-bench, runs it under QEMU with icount (shift=2: one
instruction = 4 ns of virtual time), parses its BENCH lines, measures the
core's footprint from the rtos/src objects with arm-none-eabi-size, and
prints the resulting section.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

import benchdoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEM = "native-bench"
SECTION = "Tick core, native"
NS_PER_INSN = 4  # -icount shift=2

ROWS = [
    ("yield_switch", "Task-to-task switch by yield (os_task_yield, two tasks of equal priority; per switch)"),
    ("svc_self", "Yield round trip into the same task (port_yield: save, os_task_switch, restore)"),
    ("irq_entry", "Interrupt entry: timer expiry to the first line of the C handler"),
    ("irq_to_task", "Preemption from an interrupt: handler gives a semaphore to the woken higher-priority task running"),
    ("sem_give_take", "Semaphore give in one task to take returning in a higher-priority task"),
    ("sem_pair_uncontended", "Semaphore give + take in one task, uncontended (per pair)"),
    ("tick", "Tick interrupt cost (entry, re-arm of the one-shot, os_tick_announce, exit; no switch)"),
    ("irq_entry_v", "Interrupt entry, by vernier"),
    ("irq_to_task_v", "Preemption from an interrupt, by vernier"),
    ("tick_work", "Tick interrupt cost, by timed fixed work"),
    ("notify_take", "Task notification (increment) in one task to os_task_notify_take returning in a higher-priority task"),
    ("event_wait", "Event-group set in one task to os_event_group_wait returning in a higher-priority task"),
    ("stream_receive", "Stream-buffer send (4 bytes) in one task to the receive returning in a higher-priority task"),
    ("timer_call", "Timer command (a pended call) to the call running in the timer service task above the caller"),
]

BENCH_RE = re.compile(r"^BENCH (\S+) n=(\d+) total_ns=(\d+) min_ns=(\d+) max_ns=(\d+)$", re.M)


def fail(message):
    print(f"bench_native: {message}", file=sys.stderr)
    sys.exit(1)


def sh(cmd):
    proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    return proc.returncode, proc.stdout.decode("utf-8", errors="replace")


def footprint(board):
    base = os.path.join(ROOT, "build", board, SYSTEM, "obj", "rtos")
    objs = sorted(glob.glob(os.path.join(base, "src", "*.o")) +
                  glob.glob(os.path.join(base, "port", "*", "*.o")))
    if not objs:
        fail("no rtos/src objects found after the build")
    status, out = sh(["arm-none-eabi-size"] + objs)
    if status != 0:
        fail("arm-none-eabi-size failed:\n" + out)
    rows = []
    total = [0, 0, 0]
    for line in out.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 6:
            continue
        text, data, bss = int(parts[0]), int(parts[1]), int(parts[2])
        name = os.path.relpath(parts[5], os.path.join(ROOT, "build", board, SYSTEM, "obj"))
        source = name[:-2] + (".S" if os.path.exists(os.path.join(ROOT, name[:-2] + ".S")) else ".c")
        rows.append((source, text, data, bss))
        total = [total[0] + text, total[1] + data, total[2] + bss]
    return rows, total


# One-sample figures: a clock read on each side of one event. With a coarse
# counter whose steps are locked to the timer that makes the event they are
# whole steps, and their mean says nothing.
PER_SAMPLE = ("irq_entry", "irq_to_task", "tick")
# The same figures by methods that resolve them on any counter (vernier,
# timed fixed work): the key figure where the counter is coarse.
RESOLVED = {"irq_entry": "irq_entry_v", "irq_to_task": "irq_to_task_v", "tick": "tick_work"}
RESOLVED_NOTE = {"irq_entry_v": "by vernier (see the board's section)",
                 "irq_to_task_v": "by vernier (see the board's section)",
                 "tick_work": "by timed fixed work (see the board's section)"}


def figures_of(info, results, total):
    """Key figures (instructions; text in bytes) and why any is missing."""
    figures, notes = {}, {}
    for key, _label in ROWS:
        if key not in results:
            figures[key], notes[key] = None, "not measured (no BENCH line)"
        elif key in PER_SAMPLE and not benchdoc.fine_counter(info):
            alt = RESOLVED[key]
            if alt in results and results[alt][0] > 0:
                n, tot, _mn, _mx = results[alt]
                figures[key] = round(tot / n / NS_PER_INSN, 1)
                notes[key] = f"{benchdoc.counter_text(info)}: {RESOLVED_NOTE[alt]}"
            else:
                figures[key], notes[key] = None, benchdoc.coarse_note(info)
        else:
            n, tot, _mn, _mx = results[key]
            figures[key] = round(tot / n / NS_PER_INSN, 1)
    figures["text_bytes"] = total[0]
    return figures, notes


def make_section(board, info, results, rows, total):
    figures, notes = figures_of(info, results, total)
    counter = benchdoc.counter_text(info)
    lines = [f"## {benchdoc.board_title(SECTION, board)}", "",
             f"Regenerate with `make bench BOARD={board}` (system `{SYSTEM}`, "
             "`tools/bench_native.py`). Board "
             f"`{board}`: {info['cpu']} (ARM{info['arch']}), {info['intc']}, QEMU machine "
             f"`{info['qemu_machine']}`. Virtual time under QEMU "
             "`-icount shift=2,align=off,sleep=off`: every instruction takes 4 ns, so "
             "instructions = ns / 4. QEMU does not model caches, pipeline stalls or wait "
             "states: the instruction counts are exact for this code path, the ns figures are "
             "those of an ideal 1-instruction-per-cycle core at 250 MHz. Time is read from "
             f"{counter}, so each figure is averaged over many iterations (n).", "",
             "| measurement | n | mean ns | mean instructions | min ns | max ns |",
             "|---|---:|---:|---:|---:|---:|"]
    foot = []
    for key, label in ROWS:
        if key not in results:
            lines.append(f"| {label} | - | not measured | | | |")
            continue
        n, tot, mn, mx = results[key]
        mean = tot / n
        if figures[key] is None or (key in PER_SAMPLE and not benchdoc.fine_counter(info)):
            lines.append(f"| {label} | {n} | - (see below) | - | {mn} | {mx} |")
            if not foot:
                foot = ["", f"\"-\": {benchdoc.coarse_note(info)}. The raw figures of the "
                            "run are kept beside the dash (min, max: whole counter steps); the "
                            "rows by vernier and by timed fixed work resolve them."]
            continue
        lines.append(f"| {label} | {n} | {mean:.0f} | {mean / NS_PER_INSN:.0f} | {mn} | {mx} |")
    lines += foot
    lines += ["",
              "Method: the two yield figures divide the time of a long loop by the number of "
              f"switches. Interrupt entry: the auxiliary one-shot ({info['aux_timer']}) is "
              "started right after a clock read with a delay of d us; it expires at read + d "
              "(the few instructions between the read and the timer start make this a slight "
              "over-estimate), and the handler reads the clock on its first line; the "
              "difference covers the vector, the save of the interrupted task's registers that "
              "a call may change (the rest of its frame is built only when a switch follows), "
              f"the {info['intc']}'s claim and the call. The woken task reads "
              "the clock when its semaphore take returns. The tick cost is the length of the gaps a "
              "tick leaves in a task that reads the clock in a tight loop, minus the loop's own step "
              "(its smallest reading, so on a coarse counter the figure is high by up to a "
              "counter step: the timed fixed work below is the closer one). "
              "Maxima include the rare case of an interrupt arriving while the tick is being handled.",
              "",
              "Resolvable on any counter (the key figures where the counter is as coarse as "
              "raspi0's, and a check of the direct ones elsewhere): by vernier, the handler's "
              "first line and the woken task spin on the raw counter until it steps; the step's "
              "time is exact and the spin's iterations, of a length calibrated at start over "
              "2 ms with interrupts masked, date the call to within half an iteration. The "
              "one-shot is started right after such a step (so raspi0's, a compare on the same "
              "counter, expires exactly on a step). By timed fixed work, a loop of memory stores "
              "is timed with interrupts masked and again with the tick running, from starts "
              "dithered over the tick period; the extra time over the ticks that fell in it is "
              "the tick's cost. The vernier figures come out lower than the direct ones by the "
              "clock read the direct method has on each side (its call and its extension of the "
              "counter to ns, about 15-30 instructions); the two tick methods agree within a few "
              "per cent.",
              "",
              "Footprint of the tick core and its native port (rtos/ objects, -O2, ARM state, all "
              f"features on, built for the {info['cpu']}; the board support and newlib are not "
              "included):", "",
              "| file | text | data | bss |", "|---|---:|---:|---:|"]
    for name, text, data, bss in rows:
        lines.append(f"| {name} | {text} | {data} | {bss} |")
    lines.append(f"| **total** | **{total[0]}** | **{total[1]}** | **{total[2]}** |")
    lines += ["",
              "Reference points (approximate, from published vendor and community figures; other "
              "CPUs, clocks, memories and measurement methods, so only the order of magnitude "
              "compares):", "",
              "- SEGGER embOS, context switch from a lower- to a higher-priority task on an ARM7TDMI "
              "(AT91SAM7S256) at 48 MHz: about 5.9 us from RAM in ARM mode, about 7.9 us from flash "
              "(SEGGER, \"Context switching time\", segger.com/embos-context-switching-time.html) - "
              "roughly 280-380 cycles, i.e. about 1.4-1.9 us at 200 MHz.",
              "- FreeRTOS-class kernels on ARM9 (ARM926EJ-S around 200 MHz): community measurements "
              "commonly report a context switch of a few microseconds (a few hundred cycles), the "
              "figure depending mostly on the scheduler's selection and on caches.",
              "- Here a task-to-task switch costs about "
              f"{results['yield_switch'][1] / results['yield_switch'][0] / NS_PER_INSN:.0f} instructions "
              "(os_task_yield included), the same order as those kernels.", ""] \
        if "yield_switch" in results else []
    return "\n".join(lines) + "\n", figures, notes


def main():
    p = argparse.ArgumentParser(description="Native tick-core benchmarks -> docs/benchmarks.md")
    p.add_argument("--board", default="versatilepb")
    p.add_argument("--no-write", action="store_true", help="print only")
    args = p.parse_args()
    try:
        info = benchdoc.board_info(args.board)
    except benchdoc.DocError as e:
        fail(str(e))
    print(f"bench_native: board {args.board}")
    status, out = sh(["make", "-s", "--no-print-directory", f"BOARD={args.board}",
                      f"SYSTEM={SYSTEM}", "all"])
    if status != 0:
        fail("build failed:\n" + out)
    cfg = os.path.join("build", args.board, SYSTEM, "qemu.json")
    status, out = sh(["/usr/bin/python3", "tools/qemu_run.py", "--config", cfg])
    print(out, end="")
    if status != 0:
        fail("the benchmark run failed (see above)")
    results = {m.group(1): tuple(int(x) for x in m.group(2, 3, 4, 5))
               for m in BENCH_RE.finditer(out)}
    if not results:
        fail("no BENCH lines in the output")
    for key in ("yield_switch",):
        if key not in results:
            fail(f"no BENCH {key} line in the output")
    rows, total = footprint(args.board)
    section, figures, notes = make_section(args.board, info, results, rows, total)
    print(section)
    if not args.no_write:
        title = benchdoc.board_title(SECTION, args.board)
        benchdoc.update(args.board, "native", title, section, figures, notes,
                        {"bench": {k: list(v) for k, v in results.items()},
                         "footprint": [list(r) for r in rows]})
        print(f"bench_native: wrote section '{title}' of docs/benchmarks.md and "
              f"docs/bench/{args.board}/native.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
