#!/usr/bin/python3
"""Figures of the inter-partition ports: the "Ports (<board>)" section of
docs/benchmarks.md and docs/bench/<board>/ports.json (the side-by-side
table's data). Run by `make bench` on every board.

Builds and runs, under QEMU with icount (shift=2: one instruction = 4 ns of
virtual time), tests/bench/pk-ports-bench and parses its lines:
  BENCH <call>_<size> n=32 total_ns=<fastest of 20 batches> empty_ns=<loop>
      the kernel path of one port call, from its svc to the kernel's
      return to the caller, for 8, 64, 1024 (and 4096: the longest
      message) bytes, and PK_SVC_TIME_GET for comparison
  LAT <sampling|queuing>_<same|next|urgent>_<size> n=20 mean_ns=.. min_ns=.. max_ns=..
      a send (write) to the receiving task running: the receiver runs when
      the sender blocks (same window), at the end of the sender's window
      (next window), or at once (an urgent destination warps it)
  SEND <sampling|queuing>_next_<size> n=20 mean_ns=.. min_ns=.. max_ns=..
  CLOCK n=20 min_ns=<two clock reads back to back>
      the sender's guest call from a task, across partitions (a gate)
  STREAM size=<64|1024> received=<n> bytes=<b> ns=<t>
      2-partition streams (blocking on both sides)

    /usr/bin/python3 tools/bench_ports.py [--board versatilepb]
"""

import re
import sys

import benchdoc

SECTION = "Ports"
TOOL = "ports"
NS_PER_INSN = benchdoc.NS_PER_INSN
SYSTEM = "pk-ports-bench"
SEND64_GOAL_INSNS = 400
URGENT_GOAL_NS = 5000
# Published reference figures (not measured here).
# seL4's one-way IPC fastpath (cycles): ARM11 and Cortex-A9.
SEL4_ARM11, SEL4_A9 = 188, 316
# Seed paper 003 (OKL4 2.1 on ARM920T and ARM1176JZF-S boards, LMBench
# bw_pipe, MB/s): OKLinux 2.6.23 on OKL4, and native Linux 2.6.16.
PIPE_OKLINUX_MBS, PIPE_LINUX_MBS = 13.48, 12.69

SIZES = (8, 64, 1024)
KINDS = ("sampling", "queuing")
WAYS = ("same", "next", "urgent")
STREAM_SIZES = (64, 1024)
CALLS = ("sampling_write", "sampling_read", "queuing_send", "queuing_receive")
# The calls the section's text names besides the table's.
EXTRA_CALLS = ("time_get", "sampling_write_4096", "sampling_read_4096",
               "sampling_write_256_unaligned", "sampling_read_256_unaligned",
               "sampling_write_4096_unaligned_refused")

BENCH_RE = re.compile(r"BENCH (\S+) n=(\d+) total_ns=(\d+) empty_ns=(\d+)$", re.M)
LAT_RE = re.compile(r"LAT (\S+) n=(\d+) mean_ns=(\d+) min_ns=(\d+) max_ns=(\d+)$", re.M)
SEND_RE = re.compile(r"SEND (\S+) n=(\d+) mean_ns=(\d+) min_ns=(\d+) max_ns=(\d+)$", re.M)
CLOCK_RE = re.compile(r"CLOCK n=(\d+) min_ns=(\d+)$", re.M)
STREAM_RE = re.compile(r"STREAM size=(\d+) received=(\d+) bytes=(\d+) ns=(\d+)$", re.M)


class BenchError(Exception):
    """The bench system's output lacks a figure (the message says which)."""


def fail(message):
    print(f"bench_ports: {message}", file=sys.stderr)
    sys.exit(1)


def parse(text):
    """(calls, latencies, streams, the sender's guest calls in instructions)
    of the bench system's console; a
    BenchError naming the missing lines when any figure is missing."""
    calls = {m.group(1): (int(m.group(3)) - int(m.group(4))) / int(m.group(2))
             for m in BENCH_RE.finditer(text)}
    lat = {m.group(1): tuple(int(x) for x in m.group(2, 3, 4, 5)) for m in LAT_RE.finditer(text)}
    streams = {int(m.group(1)): tuple(int(x) for x in m.group(2, 3, 4))
               for m in STREAM_RE.finditer(text)}
    missing = [f"BENCH {c}_{z}" for c in CALLS for z in SIZES if f"{c}_{z}" not in calls]
    missing += [f"BENCH {c}" for c in EXTRA_CALLS if c not in calls]
    missing += [f"LAT {k}_{w}_{z}" for k in KINDS for w in WAYS for z in SIZES
                if f"{k}_{w}_{z}" not in lat]
    missing += [f"STREAM size={z}" for z in STREAM_SIZES
                if z not in streams or streams[z][0] == 0 or streams[z][2] == 0]
    # The sender's guest call from a task, less two clock reads.
    clock = CLOCK_RE.search(text)
    if clock is None:
        missing.append("CLOCK")
    sends = {}
    for m in SEND_RE.finditer(text):
        sends[m.group(1)] = (int(m.group(3)) - (int(clock.group(2)) if clock else 0)) \
            / NS_PER_INSN
    missing += [f"SEND {k}_{w}_{z}" for k in KINDS for w in ("next",) for z in SIZES
                if f"{k}_{w}_{z}" not in sends]
    if missing:
        raise BenchError("the bench system's output lacks " + ", ".join(missing))
    return calls, lat, streams, sends


def pk_figures(board):
    """The partitioning kernel's figures of this board (tools/bench_pk.py's
    data), or {} when it has not been run."""
    try:
        return benchdoc.load_figures().get(board, {}).get("pk", {}).get("figures", {})
    except benchdoc.DocError:
        return {}


def _us(ns):
    return f"{ns / 1000:.1f}"


def _rate(x):
    return f"{x:,.0f}".replace(",", " ")


def make_section(board, info, calls, lat, streams, api):
    insns = {k: v / NS_PER_INSN for k, v in calls.items()}
    rates = {}
    for z in STREAM_SIZES:
        n, nbytes, ns = streams[z]
        rates[z] = (n / (ns / 1e9), nbytes / (ns / 1e9), ns / n / NS_PER_INSN)
    figures = {"queuing_send_64": insns["queuing_send_64"],
               "queuing_receive_64": insns["queuing_receive_64"],
               "sampling_write_64": insns["sampling_write_64"],
               "sampling_read_64": insns["sampling_read_64"],
               "longest_copy": max(insns["sampling_write_4096"], insns["sampling_read_4096"],
                                   insns["sampling_write_256_unaligned"],
                                   insns["sampling_read_256_unaligned"]),
               "stream_msgs_s": rates[64][0], "stream_mb_s": rates[64][1] / 1e6,
               "stream1k_msgs_s": rates[1024][0], "stream1k_mb_s": rates[1024][1] / 1e6}
    for k in KINDS:
        for w in WAYS:
            figures[f"{k}_{w}_64_us"] = lat[f"{k}_{w}_64"][1] / 1000.0
    figures = {k: round(v, 2) for k, v in figures.items()}
    detail = {"calls_insns": {k: round(v, 1) for k, v in insns.items()},
              "api_insns": {k: round(v, 1) for k, v in api.items()},
              "latency_ns": {k: {"n": v[0], "mean": v[1], "min": v[2], "max": v[3]}
                             for k, v in lat.items()},
              "streams": {str(z): {"messages": v[0], "bytes": v[1], "ns": v[2]}
                          for z, v in streams.items()},
              "published": {"sel4_ipc_cycles_arm11": SEL4_ARM11,
                            "sel4_ipc_cycles_cortex_a9": SEL4_A9,
                            "seed003_bw_pipe_mb_s_oklinux": PIPE_OKLINUX_MBS,
                            "seed003_bw_pipe_mb_s_linux": PIPE_LINUX_MBS}}
    send64 = insns["queuing_send_64"]
    counter = benchdoc.counter_text(info)
    coarse = "" if benchdoc.fine_counter(info) else (
        f" On this board time is read from {counter}: a batch's time is whole steps "
        f"(about ±{info['counter_ns'] / 32 / NS_PER_INSN:.0f} instructions a call), a "
        "latency sample whole microseconds.")
    lines = [f"## {benchdoc.board_title(SECTION, board)}", "",
             f"Regenerate with `make bench BOARD={board}` or `/usr/bin/python3 "
             f"tools/bench_ports.py --board {board}` ({info['cpu']}, ARM{info['arch']}; system "
             "`tests/bench/pk-ports-bench`, partitions `src` and `dst` under BVT, window 10 ms, "
             "allowance 1 ms, `dst` with a warp of 10 ms). Virtual time under QEMU `-icount "
             "shift=2,align=off,sleep=off`: 4 ns per instruction, instructions = ns / 4." + coarse,
             "",
             "**Kernel path of a port call**: from the partition's `svc` to the kernel's "
             "return to it, with the arguments in registers (the raw call, below the guest "
             "API), made by the guest kernel of `src` in its `main()` (virtual interrupts "
             "masked: no upcall) on channels to its own ports: batches of 32 calls, the "
             "fastest of 20 batches, minus the same loop without the call. A send goes into "
             "a queue that is not full, a receive takes from one that is not empty; the first "
             "of a batch raises the port event (and then takes the exit work), the other 31 "
             "change nothing for another partition and return at once. Instructions:", "",
             "| call | 8 B | 64 B | 1024 B |", "|---|---:|---:|---:|"]
    for call, label in (("sampling_write", "`PK_SVC_SAMPLING_WRITE`"),
                        ("sampling_read", "`PK_SVC_SAMPLING_READ`"),
                        ("queuing_send", "`PK_SVC_QUEUING_SEND`"),
                        ("queuing_receive", "`PK_SVC_QUEUING_RECEIVE`")):
        lines.append(f"| {label} | " + " | ".join(
            f"{insns[f'{call}_{z}']:.0f}" for z in SIZES) + " |")
    lines += ["", f"For comparison, `PK_SVC_TIME_GET` (the cheapest call: entry, dispatch, "
              f"exit) takes {insns['time_get']:.0f} instructions on the same loop. "
              f"**Goal** 64-byte queuing message, the sender's call to the kernel's return "
              f"≤ {SEND64_GOAL_INSNS} instructions: {send64:.0f} "
              f"(**{'met' if send64 <= SEND64_GOAL_INSNS else 'not met'}**). "
              f"The copy costs about "
              f"{(insns['queuing_send_1024'] - insns['queuing_send_64']) / 960:.2f} "
              "instructions per byte when the caller's buffer is word aligned (eight-register "
              "load and store multiple). The longest message (`PK_PORT_MSG_MAX`, 4096 bytes) "
              f"takes {insns['sampling_write_4096']:.0f} instructions to write and "
              f"{insns['sampling_read_4096']:.0f} to read. A buffer that is not word aligned "
              "takes the library `memcpy` (about 4 instructions per byte on this core), so the "
              "kernel takes it only for messages up to `PK_PORT_UNALIGNED_MAX` (256 bytes: "
              f"{insns['sampling_write_256_unaligned']:.0f} instructions to write, "
              f"{insns['sampling_read_256_unaligned']:.0f} to read; a longer one is refused "
              f"with `EINVAL` in {insns['sampling_write_4096_unaligned_refused']:.0f}) and the "
              "pv port bounces longer ones through an aligned buffer in the guest's own time. "
              f"The longest port call is thus {figures['longest_copy']:.0f} instructions, "
              f"{figures['longest_copy'] * NS_PER_INSN / 1000:.1f} µs at 250 MHz, the "
              "longest stretch a port call adds with interrupts masked (the kernel's bound "
              "for any path a partition triggers is 20 µs).", "",
              "**The sender's whole call across partitions**: the guest API call from "
              "`src`'s task (`pv_sampling_write`, `pv_queuing_send`: the gate into its "
              "guest kernel, the pv port, the kernel call, the gate's return) to a port of "
              "`dst`, timed around the call in the next-window latency case (the receiver "
              "does not preempt the sender; 20 calls), less two clock "
              "reads back to back; instructions"
              + ("" if benchdoc.fine_counter(info) else
                 f" (whole steps of {counter}: within about ±"
                 f"{info['counter_ns'] / NS_PER_INSN:.0f})") + ":", "",
              "| call from a task | 8 B | 64 B | 1024 B |", "|---|---:|---:|---:|"]
    for k, label in (("sampling", "`pv_sampling_write` (plain destination: no event)"),
                     ("queuing", "`pv_queuing_send` (the receiver waits: the event wakes "
                                 "its partition)")):
        lines.append(f"| {label} | " + " | ".join(
            f"{api[f'{k}_next_{z}']:.0f}" for z in SIZES) + " |")
    api64 = api["queuing_next_64"]
    lines += ["", f"The goal counts the kernel path ({send64:.0f} instructions, "
              f"{'met' if send64 <= SEND64_GOAL_INSNS else 'not met'}); the whole 64-byte "
              f"queuing send made by a task is {api64:.0f} instructions, which "
              f"{'would also meet it' if api64 <= SEND64_GOAL_INSNS else 'would not'}: beside "
              "the kernel path it holds the gate, the guest's side of the call and, for a "
              "queuing send to a waiting receiver, the port event that wakes the receiver's "
              "partition (the kernel's exit work); a sampling write to a plain destination "
              "raises no event.", "",
              "**End-to-end latency** from the sender's call (the time it writes into the "
              "message just before the call) to the receiving task running (its clock read "
              "when its receive or read returns), 20 messages a case, each sent after a "
              "2-tick sleep of the sender; mean µs (min–max):", "",
              "- *same window*: the sender sleeps right after the send, so the receiver runs "
              "in the sender's window as soon as the sender blocks;",
              "- *next window*: the sender computes for 12 ms after the send (longer than "
              "the 10 ms window); the receiver, woken without a warp, waits for the end of "
              "the sender's window (a plain wake does not preempt mid-window);",
              "- *urgent*: the destination is `urgent`: the arrival warps the receiver's "
              "partition, which preempts the sender (computing for 1 ms after the send); the "
              "receiver is a real-time task.", "",
              "A queuing receiver blocks in `pv_queuing_receive` (its partition idle until "
              "the port event). A sampling read never blocks (a sampling destination has no "
              "waiters in the pv port), so the sampling receiver polls: it reads, and after a "
              "read that found no new message it yields its partition's slice "
              "(`PK_SVC_YIELD`); its figure includes up to one read and one yield of the "
              "poll. (Without the yield the poller runs ahead of its share of virtual time "
              "while the sender waits, and an urgent arrival's warp, 10 ms, no longer "
              "outweighs that lead: in a trial run the urgent sampling message then waited for the "
              "sender to block, about 1 ms.)", "",
              "| port | receiver runs | 8 B | 64 B | 1024 B |", "|---|---|---:|---:|---:|"]
    for k in KINDS:
        for w, label in (("same", "same window (sender blocks)"),
                         ("next", "next window"), ("urgent", "at once (urgent)")):
            cells = []
            for z in SIZES:
                _n, mean, mn, mx = lat[f"{k}_{w}_{z}"]
                cells.append(f"{_us(mean)} ({_us(mn)}–{_us(mx)})")
            lines.append(f"| {k} | {label} | " + " | ".join(cells) + " |")
    urgent = lat["queuing_urgent_64"][1]
    urgent_all = [lat[f"{k}_urgent_{z}"][1] for k in KINDS for z in SIZES]
    met = urgent <= URGENT_GOAL_NS
    pk = pk_figures(board)
    floor = ""
    if pk.get("switch_path") and pk.get("tick"):
        fl = (pk["switch_path"] + pk["tick"]) * NS_PER_INSN / 1000
        floor = (f" A partition switch ({pk['switch_path']:.0f} instructions) and one upcall "
                 f"({pk['tick']:.0f}, a virtual tick's) alone take {fl:.1f} µs on this board "
                 "(section Partitioning kernel), so the goal cannot be met on this path without "
                 "a cheaper switch.")
    lines += ["", f"**Goal** urgent port, the sender's send to the receiving task running "
              f"≤ {URGENT_GOAL_NS / 1000:.0f} µs: {_us(urgent)} µs for a 64-byte queuing "
              f"message (**{'met' if met else 'not met'}**; "
              f"{_us(min(urgent_all))}–{_us(max(urgent_all))} µs over both kinds and the "
              "three sizes). The path is the sender's gate and call, the warp and partition "
              "switch, the upcall, the tick core's task switch, and the receiver's return "
              f"from its receive and gate: about as long as a VIT wake-up (section VIT).{floor} "
              "The same window costs more than the urgent case: the sender's sleep (its task "
              "switch to idle and its partition's block in the kernel) comes before the "
              "switch. The next window is the rest of the sender's "
              "10 ms window: the receiver's latency then is the window, not the port.", "",
              "**Streams**: `src` sends messages to `dst` (8-slot queues) for 200 ms of "
              "virtual time, both blocking (`PV_PORT_FOREVER`), BVT 1:1; both sides, "
              "switches included:", "",
              "| message | messages | messages/s | MB/s | instructions per message |",
              "|---:|---:|---:|---:|---:|"]
    for z in STREAM_SIZES:
        m_s, b_s, per = rates[z]
        lines.append(f"| {z} B | {streams[z][0]} | {_rate(m_s)} | {b_s / 1e6:.2f} | "
                     f"{per:.0f} |")
    lines += ["", "**Published reference figures** (other systems, hardware and methods; "
              "quoted from their publications, **not measured by us**):", "",
              "| system | figure | published | here (measured, this board) |",
              "|---|---|---:|---:|",
              f"| seL4, ARM11 | one-way IPC fastpath (a register-only message) | "
              f"{SEL4_ARM11} cycles | {insns['queuing_send_8']:.0f} + "
              f"{insns['queuing_receive_8']:.0f} instructions (8-byte send + receive, kernel "
              "paths) |",
              f"| seL4, Cortex-A9 | one-way IPC fastpath | {SEL4_A9} cycles | |",
              "| OKL4 2.1 + OKLinux 2.6.23 (seed paper 003; its table does not say which of its "
              "two boards, ARM920T or ARM1176JZF-S) | "
              f"LMBench `bw_pipe` | {PIPE_OKLINUX_MBS:.2f} MB/s | "
              f"{rates[1024][1] / 1e6:.2f} MB/s (1024-byte queuing stream), "
              f"{rates[64][1] / 1e6:.2f} MB/s (64 B) |",
              f"| Linux 2.6.16 on the same board (seed paper 003) | LMBench `bw_pipe` | "
              f"{PIPE_LINUX_MBS:.2f} MB/s | |", "",
              "Instructions under QEMU against cycles on hardware, and a bounded ARINC 653 "
              "port against a Unix pipe, so only the order of magnitude compares: an ARINC 653 "
              "port is a buffered, non-blocking copy through kernel memory, not a synchronous "
              f"rendezvous, and a message needs a send and a receive (an 8-byte send is "
              f"{insns['queuing_send_8'] / SEL4_ARM11:.1f}× seL4's ARM11 figure). "
              "`bw_pipe` measures a Unix pipe between two processes; the stream here moves whole messages of at most 1024 bytes between "
              "two partitions, each side a task behind a gate and the partitions switching "
              "on every full or empty queue.", ""]
    return "\n".join(lines) + "\n", figures, detail


def main():
    args, info = benchdoc.bench_args("bench_ports", "Run the port benchmarks; write their "
                                     "section of docs/benchmarks.md.")
    try:
        text = benchdoc.run_system(args.board, SYSTEM)[0]
        calls, lat, streams, api = parse(text)
    except (benchdoc.RunError, BenchError) as e:
        fail(str(e))
    section, figures, detail = make_section(args.board, info, calls, lat, streams, api)
    sys.stdout.write(section)
    try:
        benchdoc.publish("bench_ports", args, TOOL, benchdoc.board_title(SECTION, args.board),
                         section, figures, detail)
    except (benchdoc.DocError, OSError) as e:
        fail(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
