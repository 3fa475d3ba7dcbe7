#!/usr/bin/python3
"""Figures of the inter-partition ports: the "Ports (<board>)" section of
docs/benchmarks.md and docs/bench/<board>/ports.json (the side-by-side
table's data). Not run by the tests.

Builds and runs, under QEMU with icount (shift=2: one instruction = 4 ns of
virtual time), tests/bench/pk-ports-bench and parses its lines:
  BENCH <call>_<size> n=32 total_ns=<fastest of 20 batches> empty_ns=<loop>
      the kernel path of one port call, from its svc to the kernel's
      return to the caller, for 8, 64, 1024 (and 4096: the longest
      message) bytes, and PK_SVC_TIME_GET for comparison
  LAT urgent|plain n=50 mean_ns=.. min_ns=.. max_ns=..
      a send to the receiving task running, while the sender computes
  STREAM received=<n> bytes=<b> ns=<t>
      a 2-partition stream of 64-byte messages (blocking on both sides)

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
# Published one-way IPC of seL4 (cycles): ARM11 and Cortex-A9.
SEL4_ARM11, SEL4_A9 = 188, 316

BENCH_RE = re.compile(r"BENCH (\S+) n=(\d+) total_ns=(\d+) empty_ns=(\d+)$", re.M)
LAT_RE = re.compile(r"LAT (\S+) n=(\d+) mean_ns=(\d+) min_ns=(\d+) max_ns=(\d+)$", re.M)
STREAM_RE = re.compile(r"STREAM received=(\d+) bytes=(\d+) ns=(\d+)$", re.M)


def fail(message):
    print(f"bench_ports: {message}", file=sys.stderr)
    sys.exit(1)


def parse(text):
    calls = {m.group(1): (int(m.group(3)) - int(m.group(4))) / int(m.group(2))
             for m in BENCH_RE.finditer(text)}
    lat = {m.group(1): tuple(int(x) for x in m.group(2, 3, 4, 5)) for m in LAT_RE.finditer(text)}
    s = STREAM_RE.search(text)
    if not calls or set(lat) != {"urgent", "plain"} or s is None:
        fail("the bench system's output lacks its BENCH, LAT or STREAM lines")
    return calls, lat, tuple(int(x) for x in s.groups())


def pk_figures(board):
    """The partitioning kernel's figures of this board (tools/bench_pk.py's
    data), or {} when it has not been run."""
    try:
        return benchdoc.load_figures().get(board, {}).get("pk", {}).get("figures", {})
    except benchdoc.DocError:
        return {}


def make_section(board, info, calls, lat, stream):
    insns = {k: v / NS_PER_INSN for k, v in calls.items()}
    n, nbytes, ns = stream
    msgs_s = n / (ns / 1e9)
    bytes_s = nbytes / (ns / 1e9)
    figures = {"queuing_send_64": insns["queuing_send_64"],
               "queuing_receive_64": insns["queuing_receive_64"],
               "sampling_write_64": insns["sampling_write_64"],
               "sampling_read_64": insns["sampling_read_64"],
               "longest_copy": max(insns["sampling_write_4096"], insns["sampling_read_4096"],
                                   insns["sampling_write_256_unaligned"],
                                   insns["sampling_read_256_unaligned"]),
               "urgent_latency_us": lat["urgent"][1] / 1000.0,
               "plain_latency_us": lat["plain"][1] / 1000.0,
               "stream_msgs_s": msgs_s}
    figures = {k: round(v, 2) for k, v in figures.items()}
    detail = {"calls_insns": {k: round(v, 1) for k, v in insns.items()},
              "latency_ns": {k: {"n": v[0], "mean": v[1], "min": v[2], "max": v[3]}
                             for k, v in lat.items()},
              "stream": {"messages": n, "bytes": nbytes, "ns": ns}}
    send64 = insns["queuing_send_64"]
    lines = [f"## {benchdoc.board_title(SECTION, board)}", "",
             f"Regenerate with `/usr/bin/python3 tools/bench_ports.py --board {board}` "
             f"({info['cpu']}, ARM{info['arch']}; system `tests/bench/pk-ports-bench`; not "
             "part of `make bench` or the tests). Virtual time under QEMU `-icount "
             "shift=2,align=off,sleep=off`: 4 ns per instruction, instructions = ns / 4. "
             "**Kernel path of a port call**: from the partition's `svc` to the kernel's "
             "return to it, with the arguments in registers (the raw call, below the guest "
             "API), made by the guest kernel of `src` in its `main()` (virtual interrupts "
             "masked: no upcall) on channels to its own ports: batches of 32 calls, the "
             "fastest of 20 batches, minus the same loop without the call. A send goes into "
             "a queue that is not full, a receive takes from one that is not empty; the first "
             "of a batch raises the port event (and then takes the exit work), the other 31 "
             "change nothing for another partition and return at once.", "",
             "| call | 8 B | 64 B | 1024 B |", "|---|---:|---:|---:|"]
    for call, label in (("sampling_write", "`PK_SVC_SAMPLING_WRITE`"),
                        ("sampling_read", "`PK_SVC_SAMPLING_READ`"),
                        ("queuing_send", "`PK_SVC_QUEUING_SEND`"),
                        ("queuing_receive", "`PK_SVC_QUEUING_RECEIVE`")):
        lines.append(f"| {label} | " + " | ".join(
            f"{insns[f'{call}_{s}']:.0f}" for s in (8, 64, 1024)) + " |")
    lines += ["", f"For comparison, `PK_SVC_TIME_GET` (the cheapest call: entry, dispatch, "
              f"exit) takes {insns['time_get']:.0f} instructions on the same loop. "
              f"**Goal** 64-byte queuing send ≤ {SEND64_GOAL_INSNS} instructions: "
              f"{send64:.0f} ({'met' if send64 <= SEND64_GOAL_INSNS else 'not met'}). "
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
              "Against seL4's published one-way IPC (a register-only message; fastpath "
              f"{SEL4_ARM11} cycles on ARM11, {SEL4_A9} on Cortex-A9): a port call with an "
              f"8-byte message costs {insns['queuing_send_8']:.0f} instructions here, "
              f"{insns['queuing_send_8'] / SEL4_ARM11:.1f}× seL4's ARM11 figure (instructions "
              "under QEMU against cycles on hardware, so only the order of magnitude compares), "
              "and a message still needs its receive "
              f"({insns['queuing_receive_8']:.0f}): an ARINC 653 port is a buffered, "
              "non-blocking copy through kernel memory, not a synchronous rendezvous.", "",
              "**Latency** from the sender's send (the time in the message, just before the "
              "call) to the receiving task running (its clock read after the receive "
              "returns), 50 times each, the sender computing for 1 ms after each send:", "",
              "| destination | n | mean µs | min µs | max µs |", "|---|---:|---:|---:|---:|"]
    for k, label in (("urgent", "urgent (a real-time task of a partition with a warp)"),
                     ("plain", "plain (waits for the sender to block)")):
        c, mean, mn, mx = lat[k]
        lines.append(f"| {label} | {c} | {mean / 1000:.1f} | {mn / 1000:.1f} | "
                     f"{mx / 1000:.1f} |")
    urgent = lat["urgent"][1]
    pk = pk_figures(board)
    floor = ""
    if pk.get("switch_path") and pk.get("tick"):
        fl = (pk["switch_path"] + pk["tick"]) * NS_PER_INSN / 1000
        floor = (f" A partition switch ({pk['switch_path']:.0f} instructions) and one upcall "
                 f"({pk['tick']:.0f}, a virtual tick's) alone take {fl:.1f} µs on this board "
                 "(section Partitioning kernel), so the goal cannot be met on this path without "
                 "a cheaper switch.")
    lines += ["", f"**Goal** urgent ≤ {URGENT_GOAL_NS / 1000:.0f} µs: {urgent / 1000:.1f} µs "
              f"({'met' if urgent <= URGENT_GOAL_NS else 'not met'}; the path is the sender's "
              "gate and send, the warp and partition switch, the upcall, the tick core's task "
              "switch, and the receiver's receive and gate return: about as long as a VIT "
              f"wake-up, section VIT).{floor} A plain destination waits for the sender's turn "
              "to end (here its 1 ms of computing, then it sleeps).", "",
              f"**Stream**: `src` sends 64-byte messages to `dst` (8-slot queue) for "
              f"{ns / 1e6:.0f} ms of virtual time, both blocking (`PV_PORT_FOREVER`), BVT 1:1: "
              f"{n} messages, {f'{msgs_s:,.0f}'.replace(',', ' ')} messages/s, "
              f"{bytes_s / 1e6:.2f} MB/s ({ns / n / NS_PER_INSN:.0f} instructions per message, "
              "both sides, switches included).", ""]
    return "\n".join(lines) + "\n", figures, detail


def main():
    args, info = benchdoc.bench_args("bench_ports", "Run the port benchmarks; write their "
                                     "section of docs/benchmarks.md.")
    try:
        text = benchdoc.run_system(args.board, SYSTEM)[0]
    except benchdoc.RunError as e:
        fail(str(e))
    calls, lat, stream = parse(text)
    section, figures, detail = make_section(args.board, info, calls, lat, stream)
    sys.stdout.write(section)
    benchdoc.publish("bench_ports", args, TOOL, benchdoc.board_title(SECTION, args.board),
                     section, figures, detail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
