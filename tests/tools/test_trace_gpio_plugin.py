"""Test of the emulated logic analyzer (tools/qemu-plugin/gpio_vcd.c).

Builds the plugin with host gcc and the bare-metal firmware
tests/tools/plugin_fw/gpio_toggle.S with arm-none-eabi-gcc, runs it on
QEMU versatilepb under -icount shift=2 (4 ns per instruction) and checks
that every edge in the VCD comes at the virtual time given by the
firmware's instruction count, including an "x" for the store whose value
the plugin cannot know.
"""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PLUGIN_SRC = os.path.join(ROOT, "tools", "qemu-plugin", "gpio_vcd.c")
FW_SRC = os.path.join(ROOT, "tests", "tools", "plugin_fw", "gpio_toggle.S")
JITTER = os.path.join(ROOT, "tools", "jitter", "jitter.py")
NS = 4  # ns per instruction with -icount shift=2

# Edges as (instruction index of the store, counted from 1 at reset, pin,
# new level), from the comments of gpio_toggle.S.
EXPECTED = [(5, 0, "1"), (107, 0, "0"), (109, 0, "1"), (109, 2, "1")]
for k in range(10):
    EXPECTED += [(112 + 6 * k, 1, "1"), (114 + 6 * k, 1, "0")]
EXPECTED += [(172, 2, "x"), (174, 0, "0"), (174, 2, "0")]

MISSING = [t for t in ("qemu-system-arm", "arm-none-eabi-gcc", "gcc")
           if shutil.which(t) is None]


def parse_vcd_changes(text):
    """[(time, pin, level)] from the plugin's VCD (ids '!' + pin)."""
    changes = []
    time = 0
    body = text.split("$enddefinitions $end", 1)[1]
    body = body.split("$end", 1)[1]  # after the $dumpvars block
    for tok in body.split():
        if tok.startswith("#"):
            time = int(tok[1:])
        else:
            changes.append((time, ord(tok[1]) - ord("!"), tok[0]))
    return changes


@unittest.skipIf(MISSING, "missing tools: %s" % ", ".join(MISSING))
class GpioPluginTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        # Removed even when the set-up below fails (tearDownClass would
        # then not run).
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        cls.so = os.path.join(cls.tmp, "gpio_vcd.so")
        cls.elf = os.path.join(cls.tmp, "gpio_toggle.elf")
        cls.vcd = os.path.join(cls.tmp, "gpio.vcd")
        subprocess.run(["gcc", "-std=c11", "-O2", "-Wall", "-Wextra",
                        "-Werror", "-shared", "-fPIC", "-fvisibility=hidden",
                        "-o", cls.so, PLUGIN_SRC], check=True, timeout=120)
        subprocess.run(["arm-none-eabi-gcc", "-mcpu=arm926ej-s",
                        "-nostdlib", "-nostartfiles", "-Wl,-Ttext=0x0",
                        "-Wl,-e,_start", "-o", cls.elf, FW_SRC],
                       check=True, timeout=120)
        # QEMU is the direct child: the timeout kills QEMU itself.
        cls.run_qemu = subprocess.run(
            ["qemu-system-arm", "-M", "versatilepb",
             "-nographic", "-kernel", cls.elf,
             "-semihosting-config", "enable=on,target=native",
             "-icount", "shift=2,align=off,sleep=off",
             "-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0",
             "-plugin", "%s,vcd=%s,shift=2" % (cls.so, cls.vcd),
             "-d", "plugin"],
            capture_output=True, text=True, timeout=30)

    def test_qemu_exits_cleanly_and_plugin_reports(self):
        r = self.run_qemu
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("gpio_vcd: 25 GPIO stores (1 of unknown value)",
                      r.stderr + r.stdout)

    def test_edges_at_expected_virtual_times(self):
        with open(self.vcd) as f:
            text = f.read()
        self.assertIn("$timescale 1 ns $end", text)
        want = [(i * NS, pin, lvl) for i, pin, lvl in EXPECTED]
        self.assertEqual(parse_vcd_changes(text), want)

    def test_jitter_tool_reads_the_capture(self):
        p = subprocess.run(["/usr/bin/python3", JITTER, self.vcd, "-c",
                            "gpio", "--json"], capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        ch = json.loads(p.stdout)["channels"]["gpio"]
        self.assertEqual(ch["period"]["count"], 9)
        self.assertEqual(ch["period"]["min"], 6 * NS)
        self.assertEqual(ch["period"]["max"], 6 * NS)
        self.assertEqual(ch["width"]["mean"], 2 * NS)

    def test_bad_argument_is_refused(self):
        r = subprocess.run(
            ["qemu-system-arm", "-M", "versatilepb",
             "-nographic", "-kernel", self.elf, "-semihosting-config",
             "enable=on,target=native", "-plugin",
             "%s,colour=blue" % self.so],
            capture_output=True, text=True, timeout=30)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("gpio_vcd: bad argument 'colour=blue'", r.stderr)


if __name__ == "__main__":
    unittest.main()
