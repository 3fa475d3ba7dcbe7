#!/usr/bin/python3
"""Figures of the FreeRTOS layer and of the tick core's newer primitives:
the "FreeRTOS layer (<board>)" section of docs/benchmarks.md and
docs/bench/<board>/freertos.json (the side-by-side table's data). Run by
`make bench` after tools/bench_native.py, whose native figures it reuses.

Under QEMU with icount (shift=2: one instruction = 4 ns of virtual time):
  - the primitives (timer command to its call, notification to the woken
    task, event-group set to the woken task, stream-buffer send to the
    receive), natively from docs/bench/<board>/native.json (bench_native's
    run of tests/bench/native-bench) and in a partition from
    tests/bench/pk-prims-bench (the same method, its BENCH lines);
  - the layer's cost over the direct tick-core API: the OVERHEAD lines of
    the tests freertos-native-overhead and freertos-pk-overhead
    (apps/freertos/overhead);
  - the footprint of rtos/ with and without the newer parts (timers, event
    groups, notifications, stream buffers, queue sets, the FreeRTOS layer
    and its heap): arm-none-eabi-size of the objects of
    tests/bench/freertos-footprint (every part compiled) against those of
    freertos-native-timers (the same configuration without queue sets).

    /usr/bin/python3 tools/bench_freertos.py [--board versatilepb]
"""

import os
import re
import subprocess
import sys

import benchdoc

SECTION = "FreeRTOS layer"
TOOL = "freertos"
NS_PER_INSN = benchdoc.NS_PER_INSN
ROOT = benchdoc.ROOT
PK_SYSTEM = "pk-prims-bench"
OVERHEAD_SYSTEMS = (("native", "freertos-native-overhead"), ("partition", "freertos-pk-overhead"))
# Every newer part compiled (tests/bench/freertos-footprint), and the same
# configuration with queue sets off (their hooks in queue.c and sem.c out).
FOOTPRINT_SYSTEM = "freertos-footprint"
FOOTPRINT_BASE = "freertos-native-timers"

# (key, label): the keys of bench_native's BENCH lines and of pk-prims-bench's.
PRIMS = [
    ("timer_call", "timer command (a pended call) to the call running in the timer service task"),
    ("notify_take", "notification (increment) to `os_task_notify_take` returning in a "
                    "higher-priority task"),
    ("event_wait", "event-group set to `os_event_group_wait` returning in a higher-priority "
                   "task"),
    ("stream_receive", "stream-buffer send (4 bytes) to the receive returning in a "
                       "higher-priority task"),
    ("sem_give_take", "for reference: semaphore give to the take returning in a "
                      "higher-priority task"),
]
BENCH_RE = re.compile(r"BENCH (\S+) n=(\d+) total_ns=(\d+) min_ns=(\d+) max_ns=(\d+)$", re.M)
OVERHEAD_RE = re.compile(r"OVERHEAD (.+?)\s+layer=(\d+) ns core=(\d+) ns ratio=(\d+) permille$",
                         re.M)
OVERHEAD_PAIRS = ["queue send+receive", "semaphore give+take", "mutex take+give",
                  "notify give+take", "event set+clear", "stream send+receive",
                  "suspend+resume all", "critical enter+exit", "tick count"]
OVERHEAD_LIMIT_PERMILLE = 1050  # apps/freertos/overhead's LIMIT_PERMILLE

# Footprint groups, by object (relative to the build's obj/ folder).
NEW_CORE = {"rtos/src/timer.o": "timers", "rtos/lib/os_timer_task.o": "timers",
            "rtos/src/event.o": "event groups", "rtos/src/notify.o": "notifications",
            "rtos/src/stream.o": "stream buffers", "rtos/src/qset.o": "queue sets"}
HEAP = "rtos/freertos/src/fr_heap.o"


class BenchError(Exception):
    """A figure could not be obtained (the message says which and why)."""


def fail(message):
    print(f"bench_freertos: {message}", file=sys.stderr)
    sys.exit(1)


def parse_bench(text, what):
    found = {m.group(1): tuple(int(x) for x in m.group(2, 3, 4, 5))
             for m in BENCH_RE.finditer(text)}
    missing = [k for k, _ in PRIMS if k not in found]
    if missing:
        raise BenchError(f"{what} printed no BENCH line for " + ", ".join(missing))
    return found


def parse_overhead(text, what):
    found = {m.group(1).strip(): (int(m.group(2)), int(m.group(3)), int(m.group(4)))
             for m in OVERHEAD_RE.finditer(text)}
    missing = [p for p in OVERHEAD_PAIRS if p not in found]
    if missing:
        raise BenchError(f"{what} printed no OVERHEAD line for " + ", ".join(missing))
    return found


def native_prims(board, data_dir):
    """bench_native's figures of this board ({key: (n, total, min, max)}),
    or (None, why)."""
    path = benchdoc.figures_path(board, "native", data_dir)
    try:
        bench = benchdoc.load_figures(data_dir).get(board, {}).get("native", {}) \
            .get("detail", {}).get("bench", {})
    except benchdoc.DocError as e:
        return None, str(e)
    rel = os.path.relpath(path, ROOT)
    missing = [k for k, _ in PRIMS if k not in bench]
    if missing:
        return None, (f"{rel} has no figure for {', '.join(missing)} (run "
                      f"`tools/bench_native.py --board {board}` first)")
    return {k: tuple(v) for k, v in bench.items()}, None


def build(board, system):
    status, out = benchdoc.sh(["make", "-s", "--no-print-directory", f"BOARD={board}",
                               f"SYSTEM={system}", "all"])
    if status != 0:
        raise BenchError(f"building {system} failed:\n{out}")


def object_sizes(board, system):
    """[(object, group, text, data, bss)] of the rtos/ objects of a build."""
    obj = os.path.join(ROOT, "build", board, system, "obj")
    objs = []
    for top, _dirs, files in os.walk(os.path.join(obj, "rtos")):
        objs += [os.path.join(top, f) for f in files if f.endswith(".o")]
    if not objs:
        raise BenchError(f"no rtos/ objects under {os.path.relpath(obj, ROOT)} after the build")
    try:
        proc = subprocess.run(["arm-none-eabi-size"] + sorted(objs), cwd=ROOT,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, check=False)
    except OSError as e:
        raise BenchError(f"cannot run arm-none-eabi-size: {e.strerror}") from e
    out = proc.stdout.decode("utf-8", errors="replace")
    if proc.returncode != 0:
        raise BenchError("arm-none-eabi-size failed:\n" + out)
    rows = []
    for line in out.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 6:
            continue
        name = os.path.relpath(parts[5], obj)
        if name in NEW_CORE:
            group = NEW_CORE[name]
        elif name == HEAP:
            group = "FreeRTOS heap"
        elif name.startswith("rtos/freertos/"):
            group = "FreeRTOS layer"
        else:
            group = "core"
        rows.append((name, group, int(parts[0]), int(parts[1]), int(parts[2])))
    return rows


def footprint(board):
    """(rows of the build with every part, rows of the build without queue
    sets): FOOTPRINT_SYSTEM and FOOTPRINT_BASE, built here."""
    out = []
    for system in (FOOTPRINT_SYSTEM, FOOTPRINT_BASE):
        build(board, system)
        out.append(object_sizes(board, system))
    return tuple(out)


def totals(rows, keep=lambda r: True):
    sel = [r for r in rows if keep(r)]
    return tuple(sum(r[i] for r in sel) for i in (2, 3, 4))


def _insns(series):
    n, total, _mn, _mx = series
    return total / n / NS_PER_INSN


def make_section(board, info, native, native_why, part, overhead, rows):
    figures, notes = {}, {}
    counter = benchdoc.counter_text(info)
    lines = [f"## {benchdoc.board_title(SECTION, board)}", "",
             f"Regenerate with `make bench BOARD={board}` or `/usr/bin/python3 "
             f"tools/bench_freertos.py --board {board}` after `tools/bench_native.py --board "
             f"{board}` ({info['cpu']}, ARM{info['arch']}). Virtual time under QEMU `-icount "
             "shift=2,align=off,sleep=off`: 4 ns per instruction, instructions = ns / 4.", "",
             "**The newer primitives of the tick core**, natively (`tests/bench/native-bench`, "
             "section Tick core, native: the figures of its data file "
             f"`docs/bench/{board}/native.json`) and in a partition alone under BVT "
             "(`tests/bench/pk-prims-bench`: the same tasks and calls, each call through a "
             "gate, the clock read with `PK_SVC_TIME_GET`): from the clock read just before "
             "the call in a task of priority 2 to the one just after the woken task's wait "
             "returns (priority 3; the timer service task: 4), both reads inside the "
             f"figure; 2000 samples each, mean (min–max) ns. Time is read from {counter}"
             + ("." if benchdoc.fine_counter(info) else
                "; the samples are whole steps, but their phase against the counter drifts "
                "from sample to sample (no timer starts them), so their means are usable (natively "
                "they come within a few per cent of versatilepb's, read on 41.7 ns steps)."), "",
             "| primitive | native ns | native instructions | partition ns | partition "
             "instructions | partition ÷ native |", "|---|---:|---:|---:|---:|---:|"]
    for key, label in PRIMS:
        n_p, tot_p, mn_p, mx_p = part[key]
        p_ins = _insns(part[key])
        figures[f"{key}_pk"] = round(p_ins, 1)
        if native is None:
            figures[f"{key}_native"] = None
            notes[f"{key}_native"] = native_why
            cells = "- | - "
            ratio = "-"
        else:
            n_n, tot_n, mn_n, mx_n = native[key]
            n_ins = _insns(native[key])
            figures[f"{key}_native"] = round(n_ins, 1)
            cells = f"{tot_n / n_n:.0f} ({mn_n}–{mx_n}) | {n_ins:.0f} "
            ratio = f"{p_ins / n_ins:.1f}"
        lines.append(f"| {label} | {cells}| {tot_p / n_p:.0f} ({mn_p}–{mx_p}) | {p_ins:.0f} | "
                     f"{ratio} |")
    if native is None:
        lines += ["", f"Native figures missing: {native_why}."]
    lines += ["", "In a partition each call is a trap into the guest kernel and back (the gate), "
              "the switch to the woken task is the tick core's, and each clock read is a "
              "service call; no other partition runs.", "",
              "**The FreeRTOS layer's cost over the direct tick-core API**: the tests "
              "`freertos-native-overhead` and `freertos-pk-overhead` (`apps/freertos/"
              "overhead`, docs/freertos.md \"The layer's cost\") time 2000 iterations of "
              "each pair of calls through the FreeRTOS API and through the `os_` API on the "
              "same kind of object, in one task; ns per pair, layer / core, and the ratio "
              f"(the tests fail above {OVERHEAD_LIMIT_PERMILLE / 1000:.2f}):", "",
              "| pair | native layer / core (ns) | ratio | partition layer / core (ns) | "
              "ratio |", "|---|---|---:|---|---:|"]
    worst = {}
    for pair in OVERHEAD_PAIRS:
        cells = []
        for where, _system in OVERHEAD_SYSTEMS:
            layer, core, permille = overhead[where][pair]
            cells.append(f"{layer} / {core} | {permille / 1000:.3f}")
            worst[where] = max(worst.get(where, 0), permille)
        lines.append(f"| {pair} | " + " | ".join(cells) + " |")
    for where, _system in OVERHEAD_SYSTEMS:
        figures[f"overhead_max_{where}_pct"] = round(worst[where] / 10 - 100, 1)
    rows, base_rows = rows
    core_b = totals(rows, lambda r: r[1] == "core")
    base = totals(base_rows, lambda r: r[1] == "core")
    full = totals(rows)
    lines += ["", f"The largest: {figures['overhead_max_native_pct']:+.1f} % natively, "
              f"{figures['overhead_max_partition_pct']:+.1f} % in a partition (each call of "
              "both sides there also crosses a gate, so the layer's share is smaller).", "",
              "**Footprint of `rtos/`** with and without the newer parts: "
              f"`arm-none-eabi-size` of the `rtos/` objects (bytes; native port, -O2, ARM "
              f"state, built for the {info['cpu']}) of `{FOOTPRINT_SYSTEM}` (the software-timer "
              "application's configuration with queue sets, mutexes and counting semaphores "
              "also on: every part compiled) and of "
              f"`{FOOTPRINT_BASE}` (the same without queue sets, which also take their hooks "
              "out of `queue.c` and `sem.c`: the core's figure here). The heap's bss is its "
              "`configTOTAL_HEAP_SIZE`. What the newer parts added inside the core's own "
              "objects (a task's notification slots and their paths in `task.c`, for one) is "
              "not separable and is counted in the core, so its figure is an upper bound of a "
              "build without them (docs/rtos.md, \"Costs\", records the text before they "
              "were added).", "",
              "| part | objects | text | data | bss |", "|---|---|---:|---:|---:|",
              f"| core (without the newer parts) | " + ", ".join(
                  f"`{os.path.basename(r[0])}`" for r in base_rows if r[1] == "core")
              + f" | {base[0]} | {base[1]} | {base[2]} |"]
    groups = ["timers", "event groups", "notifications", "stream buffers", "queue sets",
              "FreeRTOS layer", "FreeRTOS heap"]
    sizes = {}
    for g in groups:
        sel = [r for r in rows if r[1] == g]
        t, d, b = totals(sel)
        names = ", ".join(f"`{os.path.basename(r[0])}`" for r in sel)
        if g == "queue sets":
            t, d, b = (t + core_b[0] - base[0], d + core_b[1] - base[1], b + core_b[2] - base[2])
            names += f" and {core_b[0] - base[0]} bytes of hooks in the core"
        sizes[g] = (t, d, b)
        if sel:
            lines.append(f"| {g} | {names} | {t} | {d} | {b} |")
    lines += [f"| **without the newer parts** | | **{base[0]}** | **{base[1]}** | "
              f"**{base[2]}** |",
              f"| **with them** (all of `rtos/`) | | **{full[0]}** | **{full[1]}** | "
              f"**{full[2]}** |"]
    figures["text_core_bytes"] = base[0]
    figures["text_all_bytes"] = full[0]
    new_text = sum(sizes[g][0] for g in groups[:5])
    layer_text = sizes["FreeRTOS layer"][0] + sizes["FreeRTOS heap"][0]
    lines += ["", f"The newer tick-core parts add {new_text} bytes of text "
              f"({100 * new_text / base[0]:.0f} % of the core), the FreeRTOS layer and its "
              f"heap {layer_text} ({100 * layer_text / base[0]:.0f} %).", ""]
    detail = {"prims_pk": {k: list(v) for k, v in part.items()},
              "overhead": {w: {p: list(v) for p, v in overhead[w].items()}
                           for w, _s in OVERHEAD_SYSTEMS},
              "footprint": [list(r) for r in rows],
              "footprint_base": [list(r) for r in base_rows]}
    return "\n".join(lines) + "\n", figures, notes, detail


def main():
    args, info = benchdoc.bench_args("bench_freertos", "Run the FreeRTOS-layer benchmarks; "
                                     "write their section of docs/benchmarks.md.")
    native, native_why = native_prims(args.board, args.data)
    if native is None:
        print(f"bench_freertos: native figures missing: {native_why}", file=sys.stderr)
    try:
        part = parse_bench(benchdoc.run_system(args.board, PK_SYSTEM)[0], PK_SYSTEM)
        overhead = {}
        for where, system in OVERHEAD_SYSTEMS:
            overhead[where] = parse_overhead(benchdoc.run_system(args.board, system)[0], system)
        rows = footprint(args.board)
    except (benchdoc.RunError, BenchError) as e:
        fail(str(e))
    section, figures, notes, detail = make_section(args.board, info, native, native_why, part,
                                                   overhead, rows)
    sys.stdout.write(section)
    try:
        benchdoc.publish("bench_freertos", args, TOOL, benchdoc.board_title(SECTION, args.board),
                         section, figures, detail, notes)
    except (benchdoc.DocError, OSError) as e:
        fail(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
