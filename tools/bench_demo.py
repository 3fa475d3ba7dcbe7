#!/usr/bin/python3
"""The default demo's real-time figures: two real-time partitions under VIT.

Builds the default demo (apps/systems/demo: the player, the matrix and the
hog under BVT + VIT) with RUN_MS so that it stops after RUN_MS ms of
virtual time, runs it under QEMU with icount, and from its console lines
(formats in apps/matrix/matrix.c and apps/media/player.c) writes the
"Default demo, two real-time partitions (<board>)" section of
docs/benchmarks.md and docs/bench/<board>/demo.json. The first MATRIX
series and the first MEDIA period are the warm-up and are left out.
Exit status 0 when the run ended and its lines were all there.
"""

import os
import re
import sys

import benchdoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTION = "Default demo, two real-time partitions"
SYSTEM = "demo"
TOOL = "demo"
RUN_MS = 30000
NS_PER_INSN = 4  # -icount shift=2
BUILD = "build/bench-demo"

MATRIX_RE = re.compile(r"^\[matrix\] MATRIX rt=1 jobs=(\d+) cpu=(\d+) ", re.M)
MATRIX_WAKE_RE = re.compile(r"^\[matrix\] MATRIX-WAKE rt=1 wake=(-?\d+)/(-?\d+)/(-?\d+)/(-?\d+)$",
                            re.M)
MEDIA_RE = re.compile(r"^\[media\] MEDIA frames=(\d+) fps_milli=(\d+) late=(\d+) maxlate=(\d+) ",
                      re.M)
MEDIA_WAKE_RE = re.compile(r"^\[media\] MEDIA-WAKE n=(\d+) mean=(\d+) max=(\d+)$", re.M)
HOG_RE = re.compile(r"^\[hog\] HOG job=\d+ time=\d+ cpu=(\d+)$", re.M)


class BenchError(Exception):
    pass


def figures_of(log):
    """(figures, detail) of a run's console text, or BenchError."""
    if f"PK run end after {RUN_MS} ms" not in log:
        raise BenchError(f"the run did not end after {RUN_MS} ms")
    mx = [(int(j), int(c)) for j, c in MATRIX_RE.findall(log)][1:]
    mw = [tuple(int(x) for x in m) for m in MATRIX_WAKE_RE.findall(log)][1:]
    md = [tuple(int(x) for x in m) for m in MEDIA_RE.findall(log)][1:]
    mdw = [tuple(int(x) for x in m) for m in MEDIA_WAKE_RE.findall(log)][1:]
    hog = [int(c) for c in HOG_RE.findall(log)][1:]
    if not mx or len(mw) != len(mx) or not md or len(mdw) != len(md) or not hog:
        raise BenchError("the console lacks MATRIX, MATRIX-WAKE, MEDIA, MEDIA-WAKE or "
                         "HOG lines after the warm-up")
    jobs = sum(j for j, _c in mx)
    wake_mean = sum(m[1] * j for m, (j, _c) in zip(mw, mx)) / jobs
    sleeps = sum(n for n, _m, _x in mdw)
    media_wake_mean = sum(n * m for n, m, _x in mdw) / sleeps
    frames = sum(f for f, _fps, _l, _m in md)
    figures = {
        "matrix_wake_mean": round(wake_mean / NS_PER_INSN, 1),
        "matrix_wake_max": round(max(m[3] for m in mw) / NS_PER_INSN, 1),
        "media_wake_mean": round(media_wake_mean / NS_PER_INSN, 1),
        "media_wake_max": round(max(x for _n, _m, x in mdw) / NS_PER_INSN, 1),
        "media_late": sum(lt for _f, _fps, lt, _m in md),
    }
    detail = {
        "run_ms": RUN_MS, "matrix_series": len(mx), "matrix_jobs": jobs,
        "matrix_wake_min_ns": min(m[0] for m in mw),
        "matrix_wake_mean_ns": round(wake_mean),
        "matrix_wake_p99_max_ns": max(m[2] for m in mw),
        "matrix_wake_max_ns": max(m[3] for m in mw),
        "matrix_cpu_permille": [c for _j, c in mx],
        "media_frames": frames, "media_late": figures["media_late"],
        "media_maxlate_ns": max(m for _f, _fps, _l, m in md),
        "media_sleeps": sleeps, "media_wake_mean_ns": round(media_wake_mean),
        "media_wake_max_ns": max(x for _n, _m, x in mdw),
        "hog_cpu_permille": hog,
    }
    return figures, detail


def section(board, info, d):
    us = lambda ns: f"{ns / 1000:.1f}"  # noqa: E731
    fine = benchdoc.fine_counter(info)
    lines = [
        f"## {benchdoc.board_title(SECTION, board)}", "",
        f"`make bench BOARD={board}` (`tools/bench_demo.py --board {board}`) runs the default "
        f"demo (`apps/systems/demo`, what `make run` boots) for {d['run_ms'] // 1000} s of "
        "virtual time: the player (W = 100 ms, a real-time wake-up every 1-10 ms, its frames "
        "decoded by a second task that is not real-time) and the matrix (W = 50 ms, a 30 ms "
        "sleep then 14.7 ms of real-time work) beside the hog, BVT + VIT. Their deadlines lie "
        "on the same 1 ms grid and fall together now and then. The player's warp ends when "
        "its real-time work (showing a frame) is done (`warp_done`, docs/vit.md), so the "
        "matrix is held up only by that work, never by the decoding. Wake-up: from the VIT "
        "deadline to the task's first instruction after its sleep. The first matrix series "
        "and the first 100 frames are the warm-up, left out."
        + ("" if fine else f" Times are read on {benchdoc.counter_text(info)}: whole steps."),
        "",
        "| figure | value |", "|---|---:|",
        f"| matrix: jobs measured ({d['matrix_series']} series) | {d['matrix_jobs']} |",
        f"| matrix wake-up after the deadline, min / mean (us) | {us(d['matrix_wake_min_ns'])} / "
        f"{us(d['matrix_wake_mean_ns'])} |",
        f"| matrix wake-up, worst series' p99 / max (us) | {us(d['matrix_wake_p99_max_ns'])} / "
        f"{us(d['matrix_wake_max_ns'])} |",
        f"| matrix CPU share per series (per mille) | {min(d['matrix_cpu_permille'])}..."
        f"{max(d['matrix_cpu_permille'])} |",
        f"| player: frames shown / late by more than 1 ms | {d['media_frames']} / "
        f"{d['media_late']} |",
        f"| player: longest presentation, deadline to frame shown (us) | "
        f"{us(d['media_maxlate_ns'])} |",
        f"| player wake-up after the deadline, mean / max (us; {d['media_sleeps']} sleeps) | "
        f"{us(d['media_wake_mean_ns'])} / {us(d['media_wake_max_ns'])} |",
        f"| hog CPU share per 2 s (per mille) | {min(d['hog_cpu_permille'])}..."
        f"{max(d['hog_cpu_permille'])} |",
        "",
        "The matrix's worst wake-ups are those whose deadline falls with one of the "
        "player's: the player, with the larger W, shows its frame first, and the matrix runs "
        "right after (`tests/target/vit-two` checks this bound on every board: 50 us plus "
        "the player's longest presentation). Before the warp ended with the real-time work, "
        "the player kept its warp while it decoded the next frame, and every matrix wake-up "
        "came 5.5-6.3 ms late.", "",
    ]
    return "\n".join(lines)


def main():
    args, info = benchdoc.bench_args("bench_demo", __doc__.splitlines()[0])
    try:
        log_text, log = benchdoc.run_system(args.board, SYSTEM, [f"RUN_MS={RUN_MS}"], BUILD,
                                            expect=False)
        figures, detail = figures_of(log_text)
    except benchdoc.RunError as e:
        print(f"bench_demo: {e}")
        return 1
    except BenchError as e:
        print(f"bench_demo: {log}: {e}")
        return 1
    title = benchdoc.board_title(SECTION, args.board)
    benchdoc.publish("bench_demo", args, TOOL, title, section(args.board, info, detail),
                     figures, detail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
