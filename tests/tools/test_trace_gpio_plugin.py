"""Test of the emulated logic analyzer (tools/qemu-plugin/gpio_vcd.c).

Builds the plugin with host gcc and the bare-metal firmware
tests/tools/plugin_fw/gpio_toggle.S with arm-none-eabi-gcc, runs it on
QEMU versatilepb under -icount shift=2 (4 ns per instruction) and checks
that every edge in the VCD comes at the virtual time given by the
firmware's instruction count, including an "x" for the store whose value
the plugin cannot know. The same for the plugin's other GPIO models:
model=bcm2835 (set and clear registers) with plugin_fw/bcm2835_toggle.S
on raspi0, and model=reg (one register holding every level) with
plugin_fw/sysled_loop.S on vexpress-a9's SYS_LED.
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
FW_DIR = os.path.join(ROOT, "tests", "tools", "plugin_fw")
FW_SRC = os.path.join(FW_DIR, "gpio_toggle.S")
JITTER = os.path.join(ROOT, "tools", "jitter", "jitter.py")
NS = 4  # ns per instruction with -icount shift=2

# Edges as (instruction index of the store, counted from 1 at reset, pin,
# new level), from the comments of gpio_toggle.S.
EXPECTED = [(5, 0, "1"), (107, 0, "0"), (109, 0, "1"), (109, 2, "1")]
for k in range(10):
    EXPECTED += [(112 + 6 * k, 1, "1"), (114 + 6 * k, 1, "0")]
EXPECTED += [(172, 2, "x"), (174, 0, "0"), (174, 2, "0")]

# model=bcm2835 on bcm2835_toggle.S, default pin map (pins 0..7 = GPIO 5, 6,
# 22..27): (instruction index of the store, pin, level).
BCM2835_EXPECTED = [(3, 0, "1"), (15, 0, "0")]
BCM2835_EXPECTED += [(17, p, "1") for p in range(2, 8)]
BCM2835_EXPECTED += [(19, 1, "1")]
BCM2835_EXPECTED += [(21, p, "x") for p in range(8)]
BCM2835_EXPECTED += [(23, p, "0") for p in range(8)]
# The same with gpios=5:32: pin 1 is GPIO 32, in the second bank, which
# the store of unknown value to GPCLR0 does not touch.
BCM2835_MAP_EXPECTED = [(3, 0, "1"), (15, 0, "0"), (21, 0, "x"),
                        (23, 0, "0"), (27, 1, "1"), (29, 1, "0")]

# model=reg on sysled_loop.S: 0x05 and 0xa0 alternately, four times.
REG_EXPECTED = []
for k in range(4):
    if k:
        REG_EXPECTED += [(4 + 6 * k, 0, "1"), (4 + 6 * k, 2, "1"),
                         (4 + 6 * k, 5, "0"), (4 + 6 * k, 7, "0")]
    else:
        REG_EXPECTED += [(4, 0, "1"), (4, 2, "1")]
    REG_EXPECTED += [(6 + 6 * k, 0, "0"), (6 + 6 * k, 2, "0"),
                     (6 + 6 * k, 5, "1"), (6 + 6 * k, 7, "1")]
REG_EXPECTED += [(28, p, "x") for p in range(8)]
REG_EXPECTED += [(30, p, "1") for p in range(8)]

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
                            "gpio1", "--json"], capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        ch = json.loads(p.stdout)["channels"]["gpio1"]
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


def build_plugin(tmp):
    so = os.path.join(tmp, "gpio_vcd.so")
    subprocess.run(["gcc", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror",
                    "-shared", "-fPIC", "-fvisibility=hidden", "-o", so,
                    PLUGIN_SRC], check=True, timeout=120)
    return so


def run_fw(machine, elf, plugin_arg, extra=()):
    """Runs elf on machine under icount with the plugin; QEMU is the
    direct child, so the timeout kills QEMU itself."""
    return subprocess.run(
        ["qemu-system-arm", "-M", machine, "-nographic", "-monitor", "none",
         "-serial", "stdio", "-kernel", elf,
         "-semihosting-config", "enable=on,target=native",
         "-icount", "shift=2,align=off,sleep=off", *extra,
         "-plugin", plugin_arg, "-d", "plugin"],
        capture_output=True, text=True, timeout=30)


@unittest.skipIf(MISSING, "missing tools: %s" % ", ".join(MISSING))
class OtherModelsTest(unittest.TestCase):
    """model=bcm2835 on raspi0 and model=reg on vexpress-a9."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.addClassCleanup(shutil.rmtree, cls.tmp, True)
        cls.so = build_plugin(cls.tmp)
        cls.bcm_elf = os.path.join(cls.tmp, "bcm2835_toggle.elf")
        cls.reg_elf = os.path.join(cls.tmp, "sysled_loop.elf")
        subprocess.run(["arm-none-eabi-gcc", "-mcpu=arm1176jzf-s", "-marm",
                        "-nostdlib", "-nostartfiles", "-Wl,-Ttext=0x8000",
                        "-Wl,-e,_start", "-o", cls.bcm_elf,
                        os.path.join(FW_DIR, "bcm2835_toggle.S")],
                       check=True, timeout=120)
        subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-a9", "-marm",
                        "-nostdlib", "-nostartfiles", "-Wl,-Ttext=0x60000000",
                        "-Wl,-e,_start", "-o", cls.reg_elf,
                        os.path.join(FW_DIR, "sysled_loop.S")],
                       check=True, timeout=120)

    def capture(self, machine, elf, args, extra=()):
        vcd = os.path.join(self.tmp, "%s.vcd" % machine)
        r = run_fw(machine, elf, "%s,vcd=%s,shift=2,%s" % (self.so, vcd, args),
                   extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(vcd) as f:
            return r.stdout + r.stderr, f.read()

    def test_bcm2835_set_and_clear(self):
        out, text = self.capture("raspi0", self.bcm_elf, "model=bcm2835")
        self.assertIn("gpio_vcd: 6 GPIO stores (1 of unknown value)", out)
        self.assertIn("$comment BCM2835 GPIO at 0x20200000, pins 0..7 = "
                      "line 5 6 22 23 24 25 26 27,", text)
        want = [(i * NS, pin, lvl) for i, pin, lvl in BCM2835_EXPECTED]
        self.assertEqual(parse_vcd_changes(text), want)

    def test_bcm2835_pin_map(self):
        out, text = self.capture("raspi0", self.bcm_elf,
                                 "model=bcm2835,gpios=5:32")
        self.assertIn("gpio_vcd: 6 GPIO stores (1 of unknown value)", out)
        self.assertIn("$var wire 1 \" gpio1 $end", text)
        self.assertNotIn("gpio2", text)
        want = [(i * NS, pin, lvl) for i, pin, lvl in BCM2835_MAP_EXPECTED]
        self.assertEqual(parse_vcd_changes(text), want)

    def test_reg_sysled(self):
        out, text = self.capture(
            "vexpress-a9", self.reg_elf, "model=reg",
            ("-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0"))
        self.assertIn("gpio_vcd: 10 GPIO stores (1 of unknown value)", out)
        self.assertIn("$comment register at 0x10000008,", text)
        want = [(i * NS, pin, lvl) for i, pin, lvl in REG_EXPECTED]
        self.assertEqual(parse_vcd_changes(text), want)

    def test_bad_pin_maps_are_refused(self):
        for args, msg in (
                ("model=pl061,gpios=8", "gpios=: line 8 does not exist"),
                ("model=bcm2835,gpios=54", "gpios=: line 54 does not exist"),
                ("model=bcm2835,gpios=5:6,pins=3", "pins=3 but gpios= names 2"),
                ("gpios=0:1:2:3:4:5:6:7:0", "bad argument 'gpios="),
                ("model=gic", "bad argument 'model=gic'")):
            r = run_fw("raspi0", self.bcm_elf, "%s,%s" % (self.so, args))
            self.assertNotEqual(r.returncode, 0, args)
            self.assertIn("gpio_vcd: " + msg, r.stderr, args)


if __name__ == "__main__":
    unittest.main()
