#!/usr/bin/python3
"""Attack regressions: the attack systems of docs/redteam.md, each a
partition that attacks one promise of docs/threat-model.md from inside.
Some are judged by more than their verdict line: the longest masked stretch
of a console flood, the refusal of a forged verdict, the CPU state a
partition leaves for the next on the ARMv6 and ARMv7 boards.

Each system (apps/systems/rt-<name>) is built and run under QEMU with icount
by tools/qemu_run.py; its own verdict line "RESULT <result name> PASS" says
the promise held. rt-thumb's partition runs Thumb code, which the ABI does
not allow: it must be stopped by a bad_context fault (CPSR 0x30), and the
kernel must go on. One failing attack fails the test, naming it.
"""

import concurrent.futures
import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testproc  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3"

# system -> the name its RESULT line carries
ATTACKS = {
    "rt-vitbase": "rt-victim",     # reference: the victim beside a plain hog
    "rt-vitwarp": "rt-victim",     # a hog flooding expired VITs, default warp
    "rt-gatesort": "rt-victim",    # GATE_SETUP storm with a bad last entry
    "rt-gatecheap": "rt-victim",   # its control
    "rt-hmflood": "rt-victim",     # 5000 REPORT_ERROR, one HM line each
    "rt-staticwake": "rt-victim",  # static priority, a plain (non-VIT) wake
    "rt-semihost": "rt-victim",    # semihosting calls from USR mode
    "rt-escalate": "rt-escalate",  # a task rewrites memcpy in the user range
    "rt-devrestart": "rt-devrestart",  # a device's state across a restart
    "rt-cpu": "rt-cpu",            # msr/bxj/swp/cp14/cp15/SPSR from a task
    # ARINC 653 services (ports, modes, APEX):
    "rt-warmstart": "rt-warmstart",    # a task rewrites start-up code, SET_MODE warm
    "rt-warmfault": "rt-warmfault",    # the same, the HM's warm restart
    "rt-restartloop": "rt-victim",     # restarts itself for ever (restart_limit)
    "rt-portcopy": "rt-victim",        # the longest port copies, unaligned
    "rt-urgentflood": "rt-victim",     # floods an urgent port (charged warps)
    "rt-portedge": "rt-portedge",      # boundaries of calls 16..28
    "rt-porttask": "rt-porttask",      # port calls aimed at guest-kernel memory
    "rt-apexmon": "rt-apexmon",        # suspends the APEX deadline monitor
    "rt-restartvictim": "rt-victim",   # a guest kernel restarting itself for ever
    "rt-idledrain": "rt-idledrain",    # full console shares against a device-woken victim
    "rt-upstorm": "rt-victim",         # upcall returns in a loop, the tick skip changing
    "rt-warpsvt": "rt-victim",         # two smaller warps churn BVT's one E order (SVT walk)
    "rt-capwake": "rt-capwake",        # long sleeps at the one-shot's 1 s cap
    "rt-upgrid": "rt-victim",          # quick upcall returns, VIT/timer on the victim's grid
}
# Attacks the build refuses: system -> what the refusal says.
BUILD_REFUSALS = {
    # the application defines a tick-core hook the guest kernel would call
    "rt-idlehook": "os_hook_idle is defined in the user range",
}
# The same in a trace build (TRACE=1): every service call makes a kernel
# trace record, which the kernel drains to the console.
TRACE_ATTACKS = {
    "rt-traceflood": "rt-victim",       # a guest kernel's no-op calls in a loop
    "rt-traceflood-task": "rt-victim",  # a task's length-0 console writes
    "rt-tracehog": "rt-victim",         # their control: a hog, no calls
}
TRACE_BUILD = os.path.join("build", "trace-build")


def build_and_run(system, name, trace=False, board="versatilepb"):
    build = TRACE_BUILD if trace else "build"
    extra = [f"BUILD={build}", "TRACE=1"] if trace else []
    p = testproc.run(["make", "-s", "--no-print-directory", *extra, f"BOARD={board}",
                      f"SYSTEM={system}", "all"],
                     cwd=ROOT, timeout=600, text=True)
    if p.returncode != 0:
        return system, False, "build failed:\n" + p.stdout[-2000:]
    cfg = os.path.join(build, board, system, "qemu.json")
    p = testproc.run([PYTHON, "tools/qemu_run.py", "--quiet", "--name", name,
                      "--config", cfg], cwd=ROOT, timeout=600, text=True)
    return system, p.returncode == 0, p.stdout[-2000:]


class Attacks(unittest.TestCase):
    def test_every_attack_is_refused(self):
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda kv: build_and_run(*kv), ATTACKS.items()))
        failed = [(s, out) for s, ok, out in results if not ok]
        for s, out in failed:
            print(f"--- {s}\n{out}")
        self.assertEqual([s for s, _ in failed], [])

    def test_trace_floods_do_not_stall_others(self):
        # Before the drains were bounded by the next deadline and skipped
        # for a warped partition, the victim was up to 60 ms late here.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda kv: build_and_run(*kv, trace=True),
                                    TRACE_ATTACKS.items()))
        failed = [(s, out) for s, ok, out in results if not ok]
        for s, out in failed:
            print(f"--- {s}\n{out}")
        self.assertEqual([s for s, _ in failed], [])

    def log_of(self, system, board="versatilepb"):
        with open(os.path.join(ROOT, "build", board, system, "run.log"),
                  encoding="utf-8", errors="replace") as f:
            return f.read()

    def test_console_newlines_do_not_stretch_a_call(self):
        # 64 newlines in one CONSOLE_WRITE were 64 labelled lines queued
        # with interrupts masked (58 us; the victim 49-50 us late): a call
        # now ends with its first completed line (about 8 us).
        system, ok, out = build_and_run("rt-nlflood", "rt-victim")
        self.assertTrue(ok, out)
        text = self.log_of(system)
        m = re.search(r"^PK masked path=svc_console_write count=(\d+) max_ns=(\d+) ",
                      text, re.M)
        self.assertIsNotNone(m, text[-2000:])
        self.assertGreater(int(m.group(1)), 1000, "the attack made too few calls")
        self.assertLessEqual(int(m.group(2)), 20000, m.group(0))

    def test_only_the_judge_decides_a_test_run(self):
        # The attacker prints the victim's PASS line and calls
        # TEST_EXIT(0) after 1 s: its line keeps its label, the call is
        # refused (EPERM, an HM record), and the victim ends the run.
        system, ok, out = build_and_run("rt-resultforge", "rt-victim")
        self.assertTrue(ok, out)
        text = self.log_of(system)
        self.assertIn("[attacker] RESULT rt-victim PASS\n", text)
        self.assertRegex(text, r"HM partition=attacker kind=bad_svc addr=0x0000000d "
                               r".*status=0xfffffffe ")
        self.assertNotIn("PK test exit partition=attacker", text)
        self.assertIn("PK test exit partition=victim status=0", text)

    def test_cpu_state_stays_with_its_partition(self):
        # TPIDRURW carried a 32-bit channel between partitions that share
        # nothing; ThumbEE's TEEHBR was writable from USR mode (Cortex-A9).
        for board in ("raspi0", "vexpress-a9"):
            system, ok, out = build_and_run("rt-cpustate", "rt-cpustate", board=board)
            self.assertTrue(ok, f"{board}: {out}")
            text = self.log_of(system, board)
            self.assertRegex(text, r"receiver: rounds=\d+ crossed=0 lost=0", board)
            self.assertRegex(text, r"HM partition=thumbee kind=undefined .*action=stop", board)
            self.assertNotIn("TEEHBR written", text, board)

    def test_build_refuses(self):
        for system, why in BUILD_REFUSALS.items():
            p = testproc.run(["make", "-s", "--no-print-directory", f"SYSTEM={system}", "all"],
                             cwd=ROOT, timeout=600, text=True)
            self.assertNotEqual(p.returncode, 0, f"{system} built")
            self.assertIn(why, p.stdout + p.stderr, system)

    def test_thumb_code_is_stopped_not_obeyed(self):
        system, ok, out = build_and_run("rt-thumb", "rt-thumb")
        log = os.path.join(ROOT, "build", "versatilepb", system, "run.log")
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        # The status is the CPSR the partition was in: Thumb, USR mode; the
        # condition flags (top bits) are the partition's own.
        m = re.search(r"^HM partition=\w+ kind=bad_context .*status=0x([0-9a-f]+) ",
                      text, re.M)
        self.assertIsNotNone(m, text)
        self.assertEqual(int(m.group(1), 16) & 0x00FFFFFF, 0x30, text)
        self.assertNotIn("PK PANIC", text)


if __name__ == "__main__":
    unittest.main()
