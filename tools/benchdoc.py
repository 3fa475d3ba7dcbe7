#!/usr/bin/python3
"""docs/benchmarks.md and its data: sections, per-board figures, the
side-by-side table.

Each benchmark script owns one "## <title> (<board>)" section per board and
regenerates it whole (write_section); it also saves its key figures as data,
docs/bench/<board>/<tool>.json (save_figures). The "Side by side" section is
regenerated from those data files alone (write_side_by_side), one column
per board. This module is the one place that knows the file's layout.

    /usr/bin/python3 tools/benchdoc.py side-by-side
        regenerate the "Side by side" section from docs/bench/*/*.json
    /usr/bin/python3 tools/benchdoc.py switch-data --board raspi0
        save the figures of the "Partition switch by partition count
        (raspi0)" section (written by tools/bench_switch.py) as
        docs/bench/raspi0/switch.json, then regenerate "Side by side"
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "benchmarks.md")
DATA = os.path.join(ROOT, "docs", "bench")
NS_PER_INSN = 4  # -icount shift=2
# A per-sample figure (one clock read before, one after) needs a counter
# step well under the figure; a coarser counter gives whole steps only.
FINE_COUNTER_NS = 100.0

HEADER = ("# Benchmarks\n\nMeasured figures of the system, one section per part and, for the "
          "figures `make bench` makes, per board. Every figure is produced by a command given in "
          "its section, in QEMU virtual time (icount).\n\n")
SIDE_TITLE = "Side by side"

# Rows of the side-by-side table: (tool, figure key, label). A figure is
# in instructions (shown to the whole instruction) unless its label gives
# another unit; ROW_FORMATS gives the others' format.
SIDE_ROWS = [
    ("native", None, "**Tick core, native** (`tools/bench_native.py`)"),
    ("native", "yield_switch", "task-to-task switch by yield"),
    ("native", "svc_self", "yield round trip into the same task"),
    ("native", "irq_entry", "interrupt entry (timer expiry to the C handler)"),
    ("native", "irq_to_task", "ISR to task (handler's give to the woken task)"),
    ("native", "sem_give_take", "semaphore give to take in a higher-priority task"),
    ("native", "tick", "tick interrupt (no switch)"),
    ("native", "text_bytes", "text size of `rtos/` (bytes)"),
    ("pk", None, "**Partitioning kernel** (`tools/bench_pk.py`)"),
    ("pk", "svc_time", "service-call round trip (`PK_SVC_TIME_GET`)"),
    ("pk", "gate", "task to guest kernel and back (gate)"),
    ("pk", "yield_self", "`PK_SVC_YIELD`, no other partition"),
    ("pk", "tick", "virtual tick (upcall)"),
    ("pk", "switch_mech", "partition switch: service call + switch's extra cost"),
    ("pk", "switch_path", "partition switch by yield, whole path"),
    ("pk", "overhead_pct", "matrix workload in a partition vs native (%)"),
    ("pk", "text_bytes", "text size of `partitions/` (bytes)"),
    ("switch", None, "**Partition switch by partition count** (`tools/bench_switch.py`; "
                     "one yield + switch + clock read)"),
    ("switch", "n2", "2 partitions"),
    ("switch", "n7", "7 partitions"),
    ("switch", "n8", "8 partitions"),
    ("switch", "n32", "32 partitions"),
    ("vit", None, "**VIT, paper 000** (`tools/bench_vit.py`)"),
    ("vit", "wake_vit", "wake-up latency, BVT + VIT, mean"),
    ("vit", "sleep_vit_ms", "matrix T_latency(sleep), BVT + VIT, mean (ms)"),
    ("vit", "sleep_bvt_ms", "matrix T_latency(sleep), plain BVT, mean (ms)"),
    ("vit", "work_vit_pct", "matrix T_latency(work), BVT + VIT vs 1 partition (%)"),
    ("vit", "hog_vit_ratio", "hog job time, BVT + VIT ÷ plain BVT"),
    ("vit", "hog_static_ratio", "hog job time, static priority ÷ plain BVT"),
    ("vit", "hog_vit_ratio60", "the same, matrix asking 60 %: BVT + VIT ÷ plain BVT"),
    ("vit", "hog_static_ratio60", "the same, matrix asking 60 %: static priority ÷ plain BVT"),
    ("vit", "media_late_bvt", "player frames late > 1 ms of 100, plain BVT"),
    ("vit", "media_late_vit", "player frames late > 1 ms of 100, BVT + VIT"),
    ("hostile", None, "**Hostile partitions** (`tools/bench_hostile.py`)"),
    ("hostile", "worst_lateness", "victim's worst lateness over the attack phases"),
    ("hostile", "misses", "victim's missed periods (count)"),
    ("hostile", "longest_masked", "longest masked kernel stretch (any path)"),
    ("tm", None, "**Thread-Metric style suite** (`tools/bench_tm.py`; counts per 30 s, "
                 "higher is better)"),
    ("tm", "native_cooperative", "cooperative scheduling, native (count)"),
    ("tm", "partition_cooperative", "cooperative scheduling, in a partition (count)"),
    ("tm", "native_preemptive", "preemptive scheduling, native (count)"),
    ("tm", "partition_preemptive", "preemptive scheduling, in a partition (count)"),
    ("tm", "native_message", "message processing, native (count)"),
    ("tm", "partition_message", "message processing, in a partition (count)"),
    ("tm", "native_sync", "synchronisation processing, native (count)"),
    ("tm", "partition_sync", "synchronisation processing, in a partition (count)"),
    ("tracepoints", None, "**Tracepoints** (`tools/bench_tp.py`)"),
    ("tracepoints", "hit_insns", "one tracepoint hit (trap, record, emulation, resume)"),
    ("tracepoints", "csw_overhead_pct", "a tracepoint on every task switch of trace-csw (%)"),
    ("tracepoints", "cpu_overhead_pct", "the same on a CPU-bound partition (%)"),
    ("demo", None, "**Default demo, two real-time partitions** (`tools/bench_demo.py`)"),
    ("demo", "matrix_wake_mean", "matrix wake-up after its VIT deadline, mean"),
    ("demo", "matrix_wake_max", "matrix wake-up, max (deadline with the player's)"),
    ("demo", "media_wake_mean", "player wake-up after its VIT deadline, mean"),
    ("demo", "media_wake_max", "player wake-up, max"),
    ("demo", "media_late", "player frames late > 1 ms"),
    ("freertos", None, "**FreeRTOS layer, newer primitives** (`tools/bench_freertos.py`)"),
    ("freertos", "timer_call_native", "timer command to its call, native"),
    ("freertos", "timer_call_pk", "timer command to its call, in a partition"),
    ("freertos", "notify_take_native", "notification to the woken task, native"),
    ("freertos", "notify_take_pk", "notification to the woken task, in a partition"),
    ("freertos", "event_wait_native", "event-group set to the woken task, native"),
    ("freertos", "event_wait_pk", "event-group set to the woken task, in a partition"),
    ("freertos", "stream_receive_native", "stream-buffer send to the receive, native"),
    ("freertos", "stream_receive_pk", "stream-buffer send to the receive, in a partition"),
    ("freertos", "overhead_max_native_pct", "the layer's largest cost over the core, native (%)"),
    ("freertos", "overhead_max_partition_pct", "the same, in a partition (%)"),
    ("freertos", "text_core_bytes", "text of `rtos/` without the newer parts (bytes)"),
    ("freertos", "text_all_bytes", "text of `rtos/` with them and the layer (bytes)"),
    ("ports", None, "**Inter-partition ports** (`tools/bench_ports.py`)"),
    ("ports", "queuing_send_64", "64-byte queuing send, svc to return"),
    ("ports", "queuing_receive_64", "64-byte queuing receive, svc to return"),
    ("ports", "sampling_write_64", "64-byte sampling write, svc to return"),
    ("ports", "longest_copy", "the longest port call (a 4096-byte message)"),
    ("ports", "queuing_urgent_64_us", "64-byte queuing send to receiving task, urgent port (µs)"),
    ("ports", "sampling_urgent_64_us", "the same, sampling, urgent port (µs)"),
    ("ports", "queuing_same_64_us", "the same, queuing, same window (sender blocks) (µs)"),
    ("ports", "queuing_next_64_us", "the same, queuing, next window (µs)"),
    ("ports", "stream_msgs_s", "2-partition stream of 64-byte messages (messages/s)"),
    ("ports", "stream1k_mb_s", "2-partition stream of 1024-byte messages (MB/s)"),
]
ROW_FORMATS = {"text_bytes": "int", "text_core_bytes": "int", "text_all_bytes": "int",
               "overhead_max_native_pct": "+.1f", "overhead_max_partition_pct": "+.1f", "overhead_pct": ".2f", "sleep_vit_ms": ".3f",
               "sleep_bvt_ms": ".3f", "work_vit_pct": "+.2f", "hog_vit_ratio": ".4f",
               "hog_static_ratio": ".4f", "hog_vit_ratio60": ".4f",
               "hog_static_ratio60": ".4f", "media_late_bvt": "int", "media_late_vit": "int",
               "misses": "int", "media_late": "int", "csw_overhead_pct": ".1f",
               "cpu_overhead_pct": ".3f", "stream_msgs_s": "int", "stream1k_mb_s": ".2f",
               **{f"{k}_{w}_64_us": ".1f" for k in ("sampling", "queuing")
                  for w in ("same", "next", "urgent")},
               **{f"{w}_{t}": "int" for w in ("native", "partition")
                  for t in ("cooperative", "preemptive", "message", "sync")}}
TOOL_COMMANDS = {"native": "tools/bench_native.py", "pk": "tools/bench_pk.py",
                 "switch": "tools/bench_switch.py", "vit": "tools/bench_vit.py",
                 "hostile": "tools/bench_hostile.py", "demo": "tools/bench_demo.py",
                 "tm": "tools/bench_tm.py", "tracepoints": "tools/bench_tp.py",
                 "ports": "tools/bench_ports.py", "freertos": "tools/bench_freertos.py"}
# Boards in this order first, then any other in name order.
BOARD_ORDER = ["versatilepb", "raspi0", "vexpress-a9"]


class DocError(Exception):
    """Input that is not what this module expects (the message says what)."""


# ---------------------------------------------------------------- sections

class RunError(Exception):
    """A benchmark system did not build or did not run to its end."""


def sh(cmd):
    """Run cmd from the repository root, stdin closed; (status, output)."""
    proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    return proc.returncode, proc.stdout.decode("utf-8", errors="replace")


def run_system(board, system, make_vars=(), build="build", expect=True, log=None, name=None):
    """Build `system` for `board` (make ... all, with the extra make_vars
    such as "RUN_MS=1000", into the build folder `build`) and run it under
    QEMU with tools/qemu_run.py: judged by its RESULT line (expect; the
    line's name is the system's unless `name` is given) or by its exit
    status alone. Returns (console text, log path relative to the root);
    RunError with the output when the build or the run fails."""
    status, out = sh(["make", "-s", "--no-print-directory", f"BUILD={build}", f"BOARD={board}",
                      f"SYSTEM={system}", *make_vars, "all"])
    if status != 0:
        raise RunError(f"building {system} failed:\n{out}")
    cfg = os.path.join(build, board, system, "qemu.json")
    log = log or os.path.join(build, board, system, "run.log")
    status, out = sh(["/usr/bin/python3", "tools/qemu_run.py", "--quiet", "--config", cfg,
                      "--log", log] + ([] if expect else ["--no-expect"])
                     + (["--name", name] if name else []))
    if status != 0:
        raise RunError(f"{system} did not run to its end:\n{out}(log: {log})")
    try:
        with open(os.path.join(ROOT, log), encoding="utf-8", errors="replace") as f:
            return f.read(), log
    except OSError as e:
        raise RunError(f"cannot read {log}: {e.strerror}") from e


def bench_args(prog, description):
    """The command line of a per-board benchmark (--board, --doc and the
    hidden --data): (args, board info). Prints "<prog>: <why>" and exits
    with status 1 for an unknown board; prints "<prog>: board <b>"."""
    import argparse
    ap = argparse.ArgumentParser(prog=prog, description=description)
    ap.add_argument("--board", default="versatilepb")
    ap.add_argument("--doc", default=DOC)
    ap.add_argument("--data", default=DATA, help=argparse.SUPPRESS)
    args = ap.parse_args()
    try:
        info = board_info(args.board)
    except DocError as e:
        print(f"{prog}: {e}")
        sys.exit(1)
    print(f"{prog}: board {args.board}")
    return args, info


def publish(prog, args, tool, title, section, figures, detail, notes=None):
    """A benchmark's results for args.board (update()), and the line that
    says where they went."""
    update(args.board, tool, title, section, figures, notes or {}, detail,
           path=args.doc, data_dir=args.data)
    print(f"{prog}: wrote the '{title}' section of {os.path.relpath(args.doc, ROOT)} "
          f"and docs/bench/{args.board}/{tool}.json")


def board_title(title, board):
    return f"{title} ({board})"


def _base(title):
    """The part a section belongs to: its title without " (<board>)"."""
    return re.sub(r" \([\w.-]+\)$", "", title)


def _board_rank(board):
    return (BOARD_ORDER.index(board), "") if board in BOARD_ORDER else (len(BOARD_ORDER), board)


def replace_section(text, title, section):
    """text with the section headed "## title" replaced by `section` (which
    starts with that heading). A new section goes after the last section of
    the same part (same title but for the board in parentheses), in board
    order, or at the end of the file."""
    section = section.rstrip("\n") + "\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        return pattern.sub(lambda _m: section + "\n", text, count=1)
    heads = list(re.finditer(r"^## (.*)\n", text, re.M))
    base = _base(title)
    board = title[len(base) + 2:-1] if base != title else None
    siblings = [i for i, h in enumerate(heads) if base != title and _base(h.group(1)) == base
                and h.group(1) != base]
    if siblings:
        at = None
        for i in siblings:
            other = heads[i].group(1)[len(base) + 2:-1]
            if _board_rank(other) > _board_rank(board):
                at = heads[i].start()
                break
        if at is None:
            last = siblings[-1]
            at = heads[last + 1].start() if last + 1 < len(heads) else len(text)
        before = text[:at].rstrip("\n") + "\n\n"
        after = text[at:]
        return before + section + ("\n" + after if after else "")
    return text.rstrip("\n") + "\n\n" + section


def remove_section(text, title):
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    return pattern.sub("", text, count=1)


def _read(path):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    return HEADER


def _write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n")


def write_section(path, title, section):
    """Replace the section headed "## title" in path by `section` (which
    starts with that heading), or add it; create the file if needed."""
    _write(path, replace_section(_read(path), title, section))


def section_text(path, title):
    """The body of the section "## title" of path, or None."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", _read(path), re.M | re.S)
    return m.group(1) if m else None


# ---------------------------------------------------------------- boards

def _mk_text(board, root=ROOT):
    """board.mk of board, with the board.mk files it includes before it."""
    path = os.path.join(root, "bsp", board, "board.mk")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read().replace("\\\n", " ")
    except OSError as e:
        raise DocError(f"unknown board '{board}': cannot read {os.path.relpath(path, root)} "
                       f"({e.strerror})") from e
    parts = []
    for inc in re.findall(r"^include\s+bsp/([\w.-]+)/board\.mk", text, re.M):
        if inc != board:
            parts.append(_mk_text(inc, root))
    return "\n".join(parts + [text])


def _mk_var(text, name):
    found = re.findall(rf"^{re.escape(name)}\s*:?=\s*(.*)$", text, re.M)
    return found[-1].split("#")[0].strip() if found else ""


def _header_text(board, root=ROOT, depth=0):
    path = os.path.join(root, "bsp", board, "board.h")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise DocError(f"cannot read {os.path.relpath(path, root)} ({e.strerror})") from e
    for inc in re.findall(r'^#include\s+"\.\./([\w.-]+)/board\.h"', text, re.M):
        if depth < 4:
            text += "\n" + _header_text(inc, root, depth + 1)
    return text


INTC_NAMES = {"pl190": "VIC (PL190)", "gic": "GIC", "bcm2835_intc": "BCM2835 interrupt controller"}


def board_info(board, root=ROOT):
    """What the benchmark texts say of a board, from its data: the CPU
    (-mcpu of BOARD_CPU_FLAGS), the architecture version, the counter's
    rate (BOARD_COUNTER_HZ of board.h), the auxiliary timer (the comment of
    board.h's BOARD_AUX_* block), the interrupt controller (BOARD_DRIVERS)
    and the address-space model (BOARD_PK_SPACE)."""
    mk = _mk_text(board, root)
    header = _header_text(board, root)
    cpu = re.search(r"-mcpu=(\S+)", _mk_var(mk, "BOARD_CPU_FLAGS"))
    hz = re.search(r"^#define\s+BOARD_COUNTER_HZ\s+(\d+)u?", header, re.M)
    if hz is None:
        raise DocError(f"bsp/{board}/board.h defines no BOARD_COUNTER_HZ")
    aux = re.search(r"/\*\s*Auxiliary one-shot \([^)]*\):\s*(.*?)\*/", header, re.S)
    aux_text = re.sub(r"\s*\n\s*\*?\s*", " ", aux.group(1)).strip() if aux else ""
    aux_text = re.sub(r",? microseconds\.?$", "", aux_text).strip(" .,")
    drivers = _mk_var(mk, "BOARD_DRIVERS").split()
    intc = next((INTC_NAMES[d] for d in drivers if d in INTC_NAMES), "interrupt controller")
    counter_hz = int(hz.group(1))
    return {"board": board, "cpu": cpu.group(1) if cpu else "?",
            "arch": _mk_var(mk, "BOARD_ARCH_VERSION") or "?",
            "counter_hz": counter_hz, "counter_ns": 1e9 / counter_hz,
            "aux_timer": (f"the system timer's {aux_text}" if aux_text.startswith("compare")
                          else aux_text) or "the auxiliary timer", "intc": intc,
            "pk_space": _mk_var(mk, "BOARD_PK_SPACE") or "domains",
            "qemu_machine": _mk_var(mk, "BOARD_QEMU_MACHINE") or board}


def counter_text(info):
    """"the 24 MHz counter (41.7 ns steps)" for a board."""
    hz = info["counter_hz"]
    rate = f"{hz / 1e6:g} MHz" if hz >= 1000000 else f"{hz / 1e3:g} kHz"
    ns = info["counter_ns"]
    step = f"{ns:.1f} ns" if ns < 1000 else f"{ns / 1000:g} us"
    return f"the {rate} counter ({step} steps)"


def fine_counter(info):
    return info["counter_ns"] <= FINE_COUNTER_NS


def coarse_note(info):
    return (f"not resolvable: a one-sample figure read on {counter_text(info)}, whose step is "
            f"coarser than {FINE_COUNTER_NS:g} ns and locked to the board's timers")


# ---------------------------------------------------------------- data

def figures_path(board, tool, data_dir=DATA):
    return os.path.join(data_dir, board, f"{tool}.json")


def save_figures(board, tool, figures, notes=None, detail=None, data_dir=DATA):
    """Save a tool's key figures for a board: figures maps a key of
    SIDE_ROWS to a number (instructions unless the row says otherwise) or
    None; notes maps a key to why it has no figure."""
    doc = {"board": board, "tool": tool, "command": TOOL_COMMANDS.get(tool, tool),
           "icount": "shift=2 (1 instruction = 4 ns)",
           "figures": figures, "notes": notes or {}}
    if detail is not None:
        doc["detail"] = detail
    path = figures_path(board, tool, data_dir)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    return path


def load_figures(data_dir=DATA):
    """{board: {tool: data}} of every data file; a file that is not a
    tool's figures is a DocError naming it."""
    out = {}
    for path in sorted(glob.glob(os.path.join(data_dir, "*", "*.json"))):
        rel = os.path.relpath(path, ROOT) if path.startswith(ROOT) else path
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            raise DocError(f"{rel}: not readable as JSON ({e})") from e
        if not isinstance(doc, dict) or not isinstance(doc.get("figures"), dict) \
                or not isinstance(doc.get("notes", {}), dict):
            raise DocError(f"{rel}: no \"figures\" object")
        board = os.path.basename(os.path.dirname(path))
        tool = os.path.splitext(os.path.basename(path))[0]
        out.setdefault(board, {})[tool] = doc
    return out


def _fmt(value, spec=".0f"):
    """A figure as the table shows it: instructions to the whole one, the
    other units by their ROW_FORMATS spec; "int" groups thousands."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DocError(f"figure {value!r} is not a number")
    if spec == "int":
        return f"{round(value):,}".replace(",", " ")
    text = format(value, spec)
    # A rounded zero is 0, without a sign.
    return text.lstrip("+-") if float(text) == 0 else text


def side_by_side(data):
    """The "Side by side" section from {board: {tool: data}}."""
    boards = sorted(data, key=_board_rank)
    lines = [f"## {SIDE_TITLE}", "",
             "Generated by `tools/benchdoc.py` from `docs/bench/<board>/<tool>.json`, which "
             "each benchmark writes with its section (`make bench` runs them all on every "
             "board, `make bench BOARD=<b>` on one). Instructions under QEMU `-icount "
             "shift=2` (1 instruction = 4 ns of virtual time) unless the row says otherwise; "
             "the sections below give each figure's method and its ns. raspi1ap is raspi0's "
             "SoC under another QEMU machine (the same code and timers), so it is not benched "
             "separately.", ""]
    if not boards:
        return "\n".join(lines + ["No data files yet: run `make bench`.", ""])
    lines += ["| figure | " + " | ".join(f"`{b}`" for b in boards) + " |",
              "|---|" + "---:|" * len(boards)]
    notes = []  # [text, [boards]]: one footnote for the boards sharing a reason

    def mark(text, board=None):
        for i, (t, bs) in enumerate(notes):
            if t == text:
                if board and board not in bs:
                    bs.append(board)
                return i + 1
        notes.append([text, [board] if board else []])
        return len(notes)

    for tool, key, label in SIDE_ROWS:
        if key is None:
            lines.append(f"| {label} |" + " |" * len(boards))
            continue
        cells = []
        for b in boards:
            doc = data[b].get(tool)
            if doc is None:
                n = mark(f"`{TOOL_COMMANDS[tool]}` has not been run on {b} (no "
                         f"`docs/bench/{b}/{tool}.json`).")
                cells.append(f"-&nbsp;[{n}]")
                continue
            value = doc["figures"].get(key)
            if value is None:
                why = doc["notes"].get(key) or "the tool gave no figure"
                n = mark(why, b)
                cells.append(f"-&nbsp;[{n}]")
            else:
                cell = _fmt(value, ROW_FORMATS.get(key, ".0f"))
                how = doc["notes"].get(key)
                if how:  # a figure with a remark (how it was obtained)
                    cell += f"&nbsp;[{mark(how, b)}]"
                cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if notes:
        lines.append("")
        lines += [f"[{i}] {', '.join(bs) + ': ' if bs else ''}{text}  "
                  for i, (text, bs) in enumerate(notes, 1)]
        lines[-1] = lines[-1].rstrip()
    lines.append("")
    return "\n".join(lines) + "\n"


def write_side_by_side(path=DOC, data_dir=DATA):
    """Regenerate the "Side by side" section (placed after the file's
    introduction when it is new)."""
    section = side_by_side(load_figures(data_dir))
    text = _read(path)
    if re.search(rf"^## {re.escape(SIDE_TITLE)}\n", text, re.M):
        text = replace_section(text, SIDE_TITLE, section)
    else:
        first = re.search(r"^## ", text, re.M)
        at = first.start() if first else len(text)
        text = text[:at].rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n\n" + text[at:]
    _write(path, text)


def update(board, tool, title, section, figures, notes=None, detail=None,
           path=DOC, data_dir=DATA):
    """What a benchmark does with its results: its section, its data file,
    the side-by-side table."""
    write_section(path, title, section)
    save_figures(board, tool, figures, notes, detail, data_dir)
    write_side_by_side(path, data_dir)


# ---------------------------------------------------------------- switch

SWITCH_TITLE = "Partition switch by partition count"
SWITCH_ROW_RE = re.compile(r"^\| (\d+) \| (\d+) \| (\d+)\.\.(\d+) \| (?:[\d.]+ \| )?(\d+) \| (\d+) \|$", re.M)


def switch_figures(body, board):
    """Figures of a bench_switch section body: instructions per iteration
    at each partition count."""
    rows = SWITCH_ROW_RE.findall(body)
    if not rows:
        raise DocError(f"the section '{board_title(SWITCH_TITLE, board)}' has no table rows "
                       "'| n | iterations | lo..hi | [switched %] | ns | instructions |'")
    figures = {f"n{n}": int(insns) for n, _tot, _lo, _hi, _ns, insns in rows}
    detail = {f"n{n}": {"iterations": int(tot), "per_partition": [int(lo), int(hi)],
                        "ns_per_iteration": int(ns)} for n, tot, lo, hi, ns, _i in rows}
    return figures, detail


def save_switch(board, path=DOC, data_dir=DATA, root=ROOT):
    body = section_text(path, board_title(SWITCH_TITLE, board))
    if body is None:
        raise DocError(f"{os.path.relpath(path, root)} has no section "
                       f"'{board_title(SWITCH_TITLE, board)}' (run tools/bench_switch.py "
                       f"--board {board} first)")
    figures, detail = switch_figures(body, board)
    info = board_info(board, root)
    notes = {}
    for n in (2, 7, 8, 32):
        if f"n{n}" not in figures:
            figures[f"n{n}"] = None
            notes[f"n{n}"] = (
                "the board separates partitions by domains in one table, at most 7 partitions"
                if info["pk_space"] == "domains" and n > 7 else
                "measured only where the board has the domains model (at 8 and 32 on the "
                "ASID boards)" if n == 7 else "not measured by bench_switch on this board")
    save_figures(board, "switch", figures, notes, detail, data_dir)


def main(argv=None):
    p = argparse.ArgumentParser(description="docs/benchmarks.md: side-by-side table, data")
    p.add_argument("command", choices=["side-by-side", "switch-data"])
    p.add_argument("--board", help="for switch-data")
    p.add_argument("--doc", default=DOC)
    p.add_argument("--data", default=DATA)
    args = p.parse_args(argv)
    try:
        if args.command == "switch-data":
            if not args.board:
                p.error("switch-data needs --board")
            save_switch(args.board, args.doc, args.data)
            print(f"benchdoc: saved {os.path.relpath(figures_path(args.board, 'switch', args.data), ROOT)}")
        write_side_by_side(args.doc, args.data)
        print(f"benchdoc: regenerated '{SIDE_TITLE}' in {os.path.relpath(args.doc, ROOT)}")
    except DocError as e:
        print(f"benchdoc: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"benchdoc: {e.filename}: {e.strerror}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
