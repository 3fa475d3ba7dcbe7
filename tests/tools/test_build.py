"""make as a user meets it: a configuration the checker rejects stops the
build with the checker's messages and nothing else, and a build folder
follows its build switches (a change of TRACE, RUN_MS, ... rebuilds it;
the same switches again rebuild nothing).

Run from the repository root: /usr/bin/python3 -m unittest tests.tools.test_build
"""

import os
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

if __name__ == "__main__":
    unittest.main()
