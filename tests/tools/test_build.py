"""make as a user meets it: a configuration the checker rejects stops the
build with the checker's messages and nothing else, a build folder
follows its build switches (a change of TRACE, RUN_MS, ... rebuilds it;
the same switches again rebuild nothing), and `make run` runs QEMU in
virtual time (icount) unless ICOUNT=0, saying which on its first line.

Run from the repository root: /usr/bin/python3 -m unittest tests.tools.test_build
"""

import os
import json
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testproc  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3"
HAVE_TOOLS = shutil.which("arm-none-eabi-gcc") is not None


def make(*args, timeout=600):
    return testproc.run(["make", "--no-print-directory", *args], cwd=ROOT,
                        timeout=timeout, text=True)


class RejectedConfig(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="test-build-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write_bad(self, old, new):
        with open(os.path.join(ROOT, "apps", "systems", "demo",
                               "system.toml"), encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text)
        path = os.path.join(self.tmp, "bad.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))
        return path

    def check_only_the_checkers_message(self, bad):
        checker = subprocess.run(
            [PYTHON, "tools/pkconfig.py", "check", bad, "--board",
             "bsp/versatilepb/board.toml"], cwd=ROOT, capture_output=True,
            text=True, timeout=60)
        self.assertEqual(checker.returncode, 2, checker.stderr)
        self.assertTrue(checker.stderr.startswith(bad + ": "), checker.stderr)
        build = os.path.join(self.tmp, "build")
        for args in (["-s"], []):
            r = make(*args, "SYSTEM=demo", "PK_TOML=" + bad, "BUILD=" + build,
                     "all")
            self.assertNotEqual(r.returncode, 0)
            self.assertEqual(r.stderr, checker.stderr)
            # The build line of the step, nothing of make's.
            self.assertEqual(r.stdout, "  PKCONFIG %s\n" % bad)
        self.assertFalse(os.path.exists(
            os.path.join(build, "versatilepb", "demo", "demo.elf")))

    def test_unknown_device(self):
        self.check_only_the_checkers_message(
            self.write_bad('devices = ["display"]', 'devices = ["lcd"]'))

    def test_two_errors(self):
        self.check_only_the_checkers_message(
            self.write_bad('tick_hz = 100\n', 'tick_hz = 0\nweight = 0\n'))

    def test_clean_needs_no_valid_config(self):
        bad = self.write_bad('devices = ["display"]', 'devices = ["lcd"]')
        r = make("SYSTEM=demo", "PK_TOML=" + bad,
                 "BUILD=" + os.path.join(self.tmp, "build"), "clean")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc")
class Switches(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="test-build-")
        self.build = os.path.join(self.tmp, "build")
        self.elf = os.path.join(self.build, "versatilepb", "native-boot",
                                "native-boot.elf")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def build_with(self, *switches):
        r = make("-s", "SYSTEM=native-boot", "BUILD=" + self.build, *switches,
                 "all")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return r.stdout

    def traced(self):
        r = subprocess.run(["arm-none-eabi-nm", self.elf], capture_output=True,
                           text=True, timeout=60, check=True)
        # A native trace build wraps bsp_exit (mk/trace.mk).
        return " __wrap_bsp_exit\n" in r.stdout

    def test_switches_rebuild_the_folder(self):
        self.build_with()
        self.assertFalse(self.traced())
        # The same switches again: nothing to do.
        self.assertNotIn("CC", self.build_with())
        out = self.build_with("TRACE=1")
        self.assertIn("CC      rtos/src/task.c", out)
        self.assertTrue(self.traced())
        self.assertNotIn("CC", self.build_with("TRACE=1"))
        out = self.build_with("TRACE=1", "RUN_MS=300")
        self.assertIn("CC      rtos/src/task.c", out)
        self.assertIn("LD      ", out)
        # Back to the default: rebuilt without the trace.
        self.assertIn("CC      rtos/src/task.c", self.build_with())
        self.assertFalse(self.traced())

    def test_partition_flags_from_the_table_rebuild(self):
        # A partition's tick rate is a flag of its sources, from its table.
        with open(os.path.join(ROOT, "tests", "target", "pk-boot",
                               "system.toml"), encoding="utf-8") as f:
            text = f.read()
        self.assertIn("tick_hz = 100\n", text)
        toml = os.path.join(self.tmp, "system.toml")

        def build(tick_hz):
            with open(toml, "w", encoding="utf-8") as f:
                f.write(text.replace("tick_hz = 100\n",
                                     "tick_hz = %d\n" % tick_hz))
            r = make("-s", "SYSTEM=pk-boot", "PK_TOML=" + toml,
                     "BUILD=" + self.build, "all")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            return r.stdout

        build(100)
        out = build(250)
        self.assertIn("CC      rtos/src/task.c", out)
        self.assertIn("pk-boot/part/beta/beta.elf", out)
        self.assertNotIn("CC", build(250).replace("PKCONFIG", ""))


# A stand-in for QEMU: prints its arguments, one a line.
FAKE_QEMU = """#!/usr/bin/python3
import sys
print("ARGS", *sys.argv[1:], sep="\\n")
"""


class MakeRun(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="test-build-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def interactive(self, *args):
        qemu = os.path.join(self.tmp, "qemu")
        with open(qemu, "w", encoding="utf-8") as f:
            f.write(FAKE_QEMU)
        os.chmod(qemu, 0o755)
        elf = os.path.join(self.tmp, "x.elf")
        open(elf, "wb").close()
        cfg = os.path.join(self.tmp, "qemu.json")
        with open(cfg, "w", encoding="utf-8") as f:
            json.dump({"name": "x", "elf": elf, "qemu": qemu,
                       "machine": "versatilepb", "flags": ""}, f)
        r = subprocess.run([PYTHON, "tools/qemu_run.py", "--config", cfg,
                            "--interactive", *args], cwd=ROOT,
                           capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 0, r.stderr)
        first, rest = r.stdout.split("\n", 1)
        return first, rest.split("\n")

    def test_interactive_runs_in_virtual_time_and_says_so(self):
        first, args = self.interactive()
        self.assertIn("virtual time (icount shift=2,align=off,sleep=off", first)
        self.assertIn("quit with Ctrl-A x", first)
        self.assertIn("-icount", args)
        self.assertEqual(args[args.index("-icount") + 1],
                         "shift=2,align=off,sleep=off")
        # The console stays on the terminal with QEMU's Ctrl-A keys.
        self.assertIn("-nographic", args)

    def test_no_icount_runs_in_real_time_and_says_so(self):
        first, args = self.interactive("--no-icount")
        self.assertIn("real time (no icount)", first)
        self.assertNotIn("-icount", args)

    def test_make_run_passes_the_mode(self):
        build = "BUILD=" + os.path.join(self.tmp, "build")
        r = make("-n", "SYSTEM=native-boot", build, "run")
        self.assertEqual(r.returncode, 0, r.stderr)
        line = [ln for ln in r.stdout.splitlines() if "qemu_run.py" in ln]
        self.assertEqual(len(line), 1, r.stdout)
        self.assertIn("--interactive", line[0])
        self.assertNotIn("--no-icount", line[0])
        r = make("-n", "SYSTEM=native-boot", build, "ICOUNT=0", "run")
        self.assertIn("--no-icount", r.stdout)

if __name__ == "__main__":
    unittest.main()
