"""Tests of tools/pkconfig.py, the system configuration checker/generator.

Run from the repository root: /usr/bin/python3 -m unittest tests/tools/test_pkconfig.py

Good examples (tests/tools/configs/good/) must be accepted; the generated C
must compile against partitions/include and, linked with a small probe
program, hold the configured values. Each bad example
(tests/tools/configs/bad/) names its expected message on its first line,
"# expect: <text>", and must be rejected with exactly one error line holding
that text, naming the file, with exit status 2 and no traceback.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
TOOL = os.path.join(REPO, "tools", "pkconfig.py")
CONFIGS = os.path.join(REPO, "tests", "tools", "configs")
APPS = os.path.join(CONFIGS, "apps")
BOARD = os.path.join(REPO, "bsp", "versatilepb", "board.toml")
INCLUDE = os.path.join(REPO, "partitions", "include")
# The generated table includes the drivers of assigned bus masters.
BSP_INCS = ["-I", os.path.join(REPO, "bsp", "include"),
            "-I", os.path.join(REPO, "bsp", "drivers")]
DMA_BOARD = os.path.join(CONFIGS, "boards", "dma.toml")
VEXPRESS_BOARD = os.path.join(REPO, "bsp", "vexpress-a9", "board.toml")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
    else sys.executable


def run_tool(*args):
    return subprocess.run([PYTHON, TOOL, *args], capture_output=True,
                          text=True, timeout=60)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def errors_of(stderr):
    """Error lines (warnings are not errors)."""
    return [l for l in stderr.splitlines() if l and ": warning: " not in l]


# A probe that prints the generated table in a fixed text form.
PROBE_C = r"""
#include <inttypes.h>
#include <stdio.h>
#include "pk_config.h"
#include "pl110.h"
unsigned pl110_dma_extent(const uint32_t *snap, struct bsp_dma_range *out)
{
    (void)snap;
    (void)out;
    return 0u;
}
void pl110_dma_quiesce(uintptr_t regs)
{
    (void)regs;
}
int main(void)
{
    const struct pk_system_config *s = &pk_system;
    printf("system %s %d %" PRIu64 " %" PRIu64 " %" PRIu64 " %u %u\n",
           s->name, (int)s->policy, s->window_ns, s->csw_allowance_ns,
           s->major_frame_ns, s->n_windows, s->n_partitions);
    for (uint32_t i = 0; i < s->n_windows; i++)
        printf("window %u %" PRIu64 " %" PRIu64 "\n", s->windows[i].partition,
               s->windows[i].offset_ns, s->windows[i].duration_ns);
    for (uint32_t i = 0; i < s->n_partitions; i++) {
        const struct pk_partition_config *p = &s->partitions[i];
        printf("partition %s %s %#x %#x %#x %#x %#x %u %u %" PRIu64 " %" PRIu64
               " %" PRIu64 " %u %d %u\n", p->name, p->app, p->kernel_base,
               p->kernel_size, p->user_base, p->user_size, p->entry,
               p->tick_hz, p->weight, p->warp_ns, p->warp_limit_ns,
               p->unwarp_ns, p->priority, (int)p->hm_action, p->n_devices);
        for (uint32_t d = 0; d < p->n_devices; d++) {
            const struct pk_device_config *dv = &p->devices[d];
            printf("device %s %#x %#x %d %#x", dv->name, dv->base, dv->size,
                   dv->irq, dv->regs);
            if (dv->dma != NULL) {
                printf(" dma %s", dv->dma->extent == pl110_dma_extent &&
                                  dv->dma->quiesce == pl110_dma_quiesce
                                      ? "pl110" : "?");
                for (uint32_t r = 0; r < dv->dma->n_regs; r++)
                    printf(" %#x", dv->dma->regs[r]);
            }
            printf("\n");
        }
    }
    return 0;
}
"""


# A probe of the modes, HM and schedule fields (good/modes.toml).
MODES_PROBE_C = r"""
#include <inttypes.h>
#include <stdio.h>
#include "pk_config.h"
int main(void)
{
    const struct pk_system_config *s = &pk_system;
    const struct pk_partition_config *a = &s->partitions[0];
    const struct pk_partition_config *b = &s->partitions[1];
    printf("rights %#x %u %u / %#x %u %u\n", a->mode_of, a->hm_log,
           a->schedule_control, b->mode_of, b->hm_log, b->schedule_control);
    printf("actions sys %u %u %u / a %u %u %u\n", a->hm_actions[0],
           a->hm_actions[10], a->hm_actions[13], b->hm_actions[0],
           b->hm_actions[10], b->hm_actions[13]);
    printf("levels init %u %u task %u %u kernel %u %u\n",
           s->hm_levels[0][0], s->hm_levels[0][7], s->hm_levels[1][7],
           s->hm_levels[1][8], s->hm_levels[2][0], s->hm_levels[2][7]);
    printf("module %u %u\n", s->hm_module_actions[0],
           s->hm_module_actions[13]);
    printf("schedules %u %s %" PRIu64 " %u %s %" PRIu64 " %u main %u\n",
           s->n_schedules, s->schedules[0].name,
           s->schedules[0].major_frame_ns, s->schedules[0].n_windows,
           s->schedules[1].name, s->schedules[1].major_frame_ns,
           s->schedules[1].n_windows, s->n_windows);
    return 0;
}
"""


@unittest.skipUnless(shutil.which("gcc"), "host gcc needed")
class GoodConfigs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pkconfig-test-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def gen(self, name, board=BOARD):
        path = os.path.join(CONFIGS, "good", name)
        r = run_tool("check", path, "--board", board, "--apps-dir", APPS)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(": ok:", r.stdout)
        out = os.path.join(self.tmp, "out")
        r = run_tool("gen", path, "--board", board, "--apps-dir", APPS,
                     "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        c = os.path.join(out, "pk_system_config.c")
        r = subprocess.run(["gcc", "-std=c11", "-Wall", "-Wextra", "-Werror",
                            "-pedantic", "-fsyntax-only", "-I", INCLUDE,
                            *BSP_INCS, c],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def probe(self, out, names):
        """Link the generated table with image stubs and the probe; return
        its output lines."""
        stubs = os.path.join(self.tmp, "stubs.c")
        with open(stubs, "w") as f:
            f.write("#include <stdint.h>\n")
            # The reset drivers the board names for its devices.
            for drv in ("pl011", "pl061", "sp804"):
                f.write("void %s_reset(uintptr_t regs);\n"
                        "void %s_reset(uintptr_t regs) { (void)regs; }\n"
                        % (drv, drv))
            for n in names:
                for r in ("kernel", "user"):
                    f.write("const uint8_t pk_image_%s_%s_start[4], "
                            "pk_image_%s_%s_end[1];\n" % (n, r, n, r))
        probe = os.path.join(self.tmp, "probe.c")
        with open(probe, "w") as f:
            f.write(PROBE_C)
        exe = os.path.join(self.tmp, "probe")
        r = subprocess.run(["gcc", "-std=c11", "-Wall", "-Wextra", "-Werror",
                            "-I", INCLUDE, *BSP_INCS, "-o", exe, probe,
                            stubs,
                            os.path.join(out, "pk_system_config.c")],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = subprocess.run([exe], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0)
        return r.stdout.splitlines()

    def read_mk(self, out):
        mk = {}
        with open(os.path.join(out, "system.mk")) as f:
            for line in f:
                if ":=" in line:
                    k, v = line.split(":=", 1)
                    mk[k.strip()] = v.strip()
        return mk

    def test_placement_and_layout(self):
        out = self.gen("placed.toml")
        mk = self.read_mk(out)
        # After the kernel's 16 MiB; "fixed" keeps its base; "last" follows.
        want = {"first": (0x01000000, 0x01100000), "fixed": (0x04000000, 0x04100000),
                "last": (0x04200000, 0x04300000)}
        for name, (k, u) in want.items():
            self.assertEqual(int(mk["PK_PART_%s_KERNEL_BASE" % name], 16), k)
            self.assertEqual(int(mk["PK_PART_%s_USER_BASE" % name], 16), u)
        lay = mk["PK_LAYOUT_DEFINES"].split()
        for d in ("-DPK_LAYOUT_KERNEL_BASE=0x00000000u",
                  "-DPK_LAYOUT_KERNEL_SIZE=0x01000000u",
                  "-DPK_LAYOUT_FIRST_USER_BASE=0x01100000u",
                  "-DPK_LAYOUT_FIRST_USER_SIZE=0x00200000u",
                  "-DPK_LAYOUT_LAST_KERNEL_BASE=0x04200000u",
                  "-DPK_LAYOUT_DEV_DISPLAY=0x10120000u",
                  "-DPK_LAYOUT_KDEV_CONSOLE=0x101f1000u",
                  "-DPK_LAYOUT_KDEV_CONSOLE_ALIAS=0xf01f1000u"):
            self.assertIn(d, lay)
        self.assertNotIn("-DPK_LAYOUT_ASID", lay)  # versatilepb: domains
        self.assertIn("-DPK_LAYOUT_SELF_KERNEL_BASE=0x04000000u",
                      mk["PK_PART_fixed_SELF_DEFINES"].split())

    def test_placement_from_the_kernel_range(self):
        # On a board whose RAM (and kernel range) starts at 0x60000000 the
        # same system.toml is placed after that kernel range.
        board = os.path.join(REPO, "bsp", "vexpress-a9", "board.toml")
        out = self.gen("placed_auto.toml", board=board)
        mk = self.read_mk(out)
        self.assertEqual(int(mk["PK_PART_first_KERNEL_BASE"], 16), 0x61000000)
        self.assertEqual(int(mk["PK_PART_first_USER_BASE"], 16), 0x61100000)
        self.assertEqual(int(mk["PK_PART_second_KERNEL_BASE"], 16), 0x61300000)
        # vexpress-a9 separates partitions by ASID (board.toml)
        self.assertIn("-DPK_LAYOUT_ASID", mk["PK_LAYOUT_DEFINES"].split())

    def test_build_model_must_match_the_board(self):
        # The kernel's build (BOARD_PK_SPACE, passed by mk/partitioned.mk)
        # and board.toml's address_spaces must agree.
        path = os.path.join(CONFIGS, "good", "bvt2.toml")
        r = run_tool("check", path, "--board", BOARD, "--apps-dir", APPS,
                     "--address-spaces", "asid")
        self.assertEqual(r.returncode, 2)
        self.assertIn('address_spaces "domains", but the kernel is built with '
                      "BOARD_PK_SPACE asid", r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        r = run_tool("check", path, "--board", BOARD, "--apps-dir", APPS,
                     "--address-spaces", "domains")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_address_spaces_bound_the_partitions(self):
        # Domains alone allow 7 partitions (8 is refused, naming the
        # count); a table and an ASID per partition allow 32 (33 refused),
        # and the partitions' builds are told (PK_LAYOUT_ASID).
        with open(BOARD) as f:
            text = f.read()
        def system(n):
            parts = "".join('[[partition]]\nname = "p%02d"\napp = "hog"\n'
                            'kernel_size = 0x00100000\nuser_size = 0x00100000\n\n'
                            % i for i in range(n))
            return ('[system]\nname = "many"\npolicy = "bvt"\n'
                    'window_us = 1000\n\n' + parts)
        with tempfile.TemporaryDirectory() as d:
            for spaces, n, ok in (("domains", 7, True), ("domains", 8, False),
                                  ("asid", 32, True), ("asid", 33, False)):
                board = os.path.join(d, "board.toml")
                with open(board, "w") as f:
                    f.write(text.replace("irq_count = 32",
                                         'irq_count = 32\naddress_spaces = "%s"'
                                         % spaces))
                path = os.path.join(d, "system.toml")
                with open(path, "w") as f:
                    f.write(system(n))
                out = os.path.join(d, "out")
                r = run_tool("gen", path, "--board", board, "--apps-dir", APPS,
                             "--out", out)
                self.assertNotIn("Traceback", r.stderr)
                if not ok:
                    self.assertEqual(r.returncode, 2, (spaces, n))
                    self.assertIn("%d partitions" % n, r.stderr)
                    continue
                self.assertEqual(r.returncode, 0, r.stderr)
                mk = self.read_mk(out)
                self.assertEqual("-DPK_LAYOUT_ASID" in mk["PK_LAYOUT_DEFINES"].split(),
                                 spaces == "asid")

    def test_bvt2(self):
        out = self.gen("bvt2.toml")
        lines = self.probe(out, ["matrix", "hog"])
        self.assertEqual(lines[0], "system demo_bvt 0 10000000 500000 0 0 2")
        m = lines[1].split()
        self.assertEqual(m[:15], [
            "partition", "matrix", "matrix", "0x1000000", "0x100000",
            "0x1100000", "0x200000", "0x1000000", "100", "2", "20000000",
            "3000000", "30000000", "0", "1"])  # hm_action 1 = stop
        self.assertEqual(m[15], "2")
        # The CLCD is a bus master: its DMA description, address registers
        # (UPBASE, LPBASE) first, then TIMING0, TIMING1, CONTROL.
        self.assertEqual(lines[2], "device display 0x10120000 0x1000 16 "
                                   "0x10120000 dma pl110 0x10 0x14 0 0x4 0x18")
        self.assertEqual(lines[3], "device gpio 0x101e5000 0x1000 7 "
                                   "0x101e5000")
        h = lines[4].split()
        # Defaults: tick 1000, weight 1, no warp (W 0; L 5 ms, U 20 ms),
        # prio 0, restart, no devices.
        self.assertEqual(h[:16], [
            "partition", "hog", "hog", "0x2000000", "0x100000", "0x2100000",
            "0x400000", "0x2000000", "1000", "1", "0", "5000000",
            "20000000", "0", "0", "0"])
        mk = self.read_mk(out)
        self.assertEqual(mk["PK_POLICY"], "bvt")
        self.assertEqual(mk["PK_PARTITIONS"], "matrix hog")
        self.assertEqual(mk["PK_PART_matrix_APP"], "matrix")
        self.assertEqual(mk["PK_PART_matrix_INDEX"], "0")
        self.assertEqual(mk["PK_PART_hog_INDEX"], "1")
        self.assertEqual(mk["PK_PART_hog_KERNEL_BASE"], "0x02000000")
        self.assertEqual(mk["PK_PART_hog_KERNEL_SIZE"], "0x00100000")
        self.assertEqual(mk["PK_PART_hog_USER_BASE"], "0x02100000")
        self.assertEqual(mk["PK_PART_hog_USER_SIZE"], "0x00400000")
        self.assertEqual(mk["PK_PART_matrix_TICK_HZ"], "100")
        # The kernel links the drivers of the assigned devices: the CLCD's
        # DMA description (pl110) and gpio's reset (pl061).
        self.assertEqual(mk["PK_DMA_DRIVERS"], "pl061 pl110")
        self.assertEqual(mk["PK_PART_matrix_DEVICE_DEFINES"],
                         "-DPK_DEVICE_DISPLAY_INDEX=0 "
                         "-DPK_DEVICE_DISPLAY_REGS=0x10120000u "
                         "-DPK_DEVICE_DISPLAY_MODEL_PL110=1 "
                         "-DPK_DEVICE_GPIO_INDEX=1 "
                         "-DPK_DEVICE_GPIO_REGS=0x101e5000u "
                         "-DPK_DEVICE_GPIO_MODEL_PL061=1")
        self.assertEqual(mk["PK_PART_hog_DEVICE_DEFINES"], "")

    def test_tracepoints_key(self):
        # `tracepoints = true` lets the tracer reach the partition; off by
        # default; anything but a boolean is refused with a message.
        with open(os.path.join(CONFIGS, "good", "bvt2.toml")) as f:
            text = f.read()
        on = text.replace('name = "hog"\n', 'name = "hog"\ntracepoints = true\n')
        self.assertNotEqual(on, text)
        system = os.path.join(self.tmp, "tp.toml")
        with open(system, "w") as f:
            f.write(on)
        out = os.path.join(self.tmp, "out")
        r = run_tool("gen", system, "--board", BOARD, "--apps-dir", APPS,
                     "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "pk_system_config.c")) as f:
            c = f.read()
        self.assertEqual(c.count(".tracepoints = 1,"), 1)
        self.assertEqual(c.count(".tracepoints = 0,"), 1)
        with open(system, "w") as f:
            f.write(on.replace("tracepoints = true", "tracepoints = 1"))
        r = run_tool("check", system, "--board", BOARD, "--apps-dir", APPS)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("tracepoints", r.stderr + r.stdout)
        self.assertNotIn("Traceback", r.stderr)

    def test_device_model_defines(self):
        # The model of an assigned device becomes a define an app can pick
        # its driver by (an identifier: BCM2835-FB -> BCM2835_FB); a device
        # without a model gets none. The Pi's frame buffer is a plain
        # device: no driver linked into the kernel for it.
        with open(os.path.join(CONFIGS, "good", "bvt2.toml")) as f:
            text = f.read()
        one = text.replace('devices = ["display", "gpio"]',
                           'devices = ["display"]')
        self.assertNotEqual(one, text)
        with open(BOARD) as f:
            vpb = f.read()
        nomodel = vpb.replace('model = "PL110"\n', "")
        self.assertNotEqual(nomodel, vpb)
        raspi = os.path.join(REPO, "bsp", "raspi0", "board.toml")
        d = self.tmp
        system = os.path.join(d, "one.toml")
        with open(system, "w") as f:
            f.write(one)
        board_nomodel = os.path.join(d, "nomodel.toml")
        with open(board_nomodel, "w") as f:
            f.write(nomodel)
        for board, expect in (
                (raspi, "-DPK_DEVICE_DISPLAY_INDEX=0 "
                        "-DPK_DEVICE_DISPLAY_REGS=0x1c100000u "
                        "-DPK_DEVICE_DISPLAY_MODEL_BCM2835_FB=1"),
                (board_nomodel, "-DPK_DEVICE_DISPLAY_INDEX=0 "
                                "-DPK_DEVICE_DISPLAY_REGS=0x10120000u")):
            out = os.path.join(d, "out-" + os.path.basename(board))
            r = run_tool("gen", system, "--board", board, "--apps-dir", APPS,
                         "--out", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            mk = self.read_mk(out)
            self.assertEqual(mk["PK_PART_matrix_DEVICE_DEFINES"], expect)
            if board == raspi:
                self.assertEqual(mk["PK_DMA_DRIVERS"], "")

    def test_dma_board(self):
        # A described bus master next to a plain device, on the test board.
        out = self.gen("dma.toml", board=DMA_BOARD)
        lines = self.probe(out, ["media"])
        self.assertEqual(lines[2], "device uart 0x101f2000 0x1000 13 "
                                   "0x101f2000")
        self.assertEqual(lines[3], "device display 0x10120000 0x1000 16 "
                                   "0x10120000 dma pl110 0x10 0x14 0 0x4 0x18")
        self.assertEqual(self.read_mk(out)["PK_DMA_DRIVERS"], "pl110")

    def test_cyclic3_windows_sorted(self):
        out = self.gen("cyclic3.toml")
        lines = self.probe(out, ["a", "b", "c"])
        self.assertEqual(lines[0], "system cyclic3 2 10000000 1000000 "
                                   "100000000 4 3")
        self.assertEqual(lines[1:5], [
            "window 0 0 20000000", "window 1 30000000 30000000",
            "window 0 70000000 10000000", "window 2 80000000 20000000"])
        self.assertEqual(self.read_mk(out)["PK_POLICY"], "cyclic")

    def test_modes_hm_schedules(self):
        """Mode rights, HM tables and module schedules reach the table."""
        out = self.gen("modes.toml")
        with open(os.path.join(self.tmp, "modes_probe.c"), "w") as f:
            f.write(MODES_PROBE_C)
        stubs = os.path.join(self.tmp, "stubs.c")
        with open(stubs, "w") as f:
            f.write("#include <stdint.h>\n")
            for n in ("sys", "a"):
                for r in ("kernel", "user"):
                    f.write("const uint8_t pk_image_%s_%s_start[4], "
                            "pk_image_%s_%s_end[1];\n" % (n, r, n, r))
        exe = os.path.join(self.tmp, "modes_probe")
        r = subprocess.run(["gcc", "-std=c11", "-Wall", "-Wextra", "-Werror",
                            "-I", INCLUDE, *BSP_INCS, "-o", exe,
                            os.path.join(self.tmp, "modes_probe.c"), stubs,
                            os.path.join(out, "pk_system_config.c")],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = subprocess.run([exe], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout.splitlines(), [
            "rights 0x2 1 1 / 0 0 0",
            # data_abort(0): a warm, in init: module reset; numeric(10)
            # ignored; restart_storm(13): a idle, module shutdown.
            "actions sys 0 0 0 / a 4 1 2",
            "levels init 2 0 task 1 1 kernel 0 0",
            "module 1 2",
            "schedules 2 nominal 100000000 2 alt 50000000 1 main 2",
        ])

    def test_seven_partitions(self):
        out = self.gen("seven.toml")
        lines = self.probe(out, ["p%d" % i for i in range(7)])
        self.assertEqual(lines[0].split()[2], "1")  # static
        parts = [l.split() for l in lines if l.startswith("partition ")]
        self.assertEqual([p[1] for p in parts],
                         ["p%d" % i for i in range(7)])
        self.assertEqual([p[13] for p in parts],
                         [str(i) for i in range(7)])  # priorities
        self.assertEqual(self.read_mk(out)["PK_PARTITIONS"],
                         "p0 p1 p2 p3 p4 p5 p6")

    def test_gen_is_stable(self):
        out = self.gen("bvt2.toml")
        c = os.path.join(out, "pk_system_config.c")
        before = os.stat(c).st_mtime_ns
        first = read(c)
        r = run_tool("gen", os.path.join(CONFIGS, "good", "bvt2.toml"),
                     "--board", BOARD, "--apps-dir", APPS, "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(read(c), first)
        self.assertEqual(os.stat(c).st_mtime_ns, before)  # not rewritten


def first_line_after(test, path, prefix):
    """The text after prefix on the first line of a config (its expected
    message); the test fails when the line lacks the prefix."""
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    test.assertTrue(first.startswith(prefix), path)
    return first[len(prefix):].rstrip("\n")


class BadConfigs(unittest.TestCase):
    def test_bad_examples(self):
        files = sorted(glob.glob(os.path.join(CONFIGS, "bad", "*.toml")))
        self.assertGreaterEqual(len(files), 30)
        for path in files:
            with self.subTest(config=os.path.basename(path)):
                expect = first_line_after(self, path, "# expect: ")
                r = run_tool("check", path, "--board", BOARD,
                             "--apps-dir", APPS)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertNotIn("Traceback", r.stderr)
                errs = errors_of(r.stderr)
                self.assertEqual(len(errs), 1, r.stderr)
                self.assertTrue(errs[0].startswith(path + ": "), errs[0])
                self.assertIn(expect, errs[0])
                # gen refuses too and writes nothing.
                out = tempfile.mkdtemp(prefix="pkconfig-bad-")
                try:
                    r = run_tool("gen", path, "--board", BOARD, "--apps-dir",
                                 APPS, "--out", os.path.join(out, "o"))
                    self.assertEqual(r.returncode, 2)
                    self.assertFalse(os.path.exists(os.path.join(out, "o")))
                finally:
                    shutil.rmtree(out, ignore_errors=True)

    def test_bus_master_without_dma(self):
        # tests/tools/configs/bad_dma/: checked against the test board whose
        # DMA controller is a bus master with no DMA description.
        files = sorted(glob.glob(os.path.join(CONFIGS, "bad_dma", "*.toml")))
        self.assertGreaterEqual(len(files), 1)
        for path in files:
            with self.subTest(config=os.path.basename(path)):
                with open(path, encoding="utf-8") as f:
                    expect = f.readline()[len("# expect: "):].rstrip("\n")
                r = run_tool("check", path, "--board", DMA_BOARD,
                             "--apps-dir", APPS)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertNotIn("Traceback", r.stderr)
                errs = errors_of(r.stderr)
                self.assertEqual(len(errs), 1, r.stderr)
                self.assertTrue(errs[0].startswith(path + ": "), errs[0])
                self.assertIn(expect, errs[0])

    def board_check(self, old, new):
        """Check bvt2.toml against the real board with old replaced by
        new; return (status, stderr)."""
        with open(BOARD) as f:
            text = f.read()
        bad = text.replace(old, new)
        self.assertNotEqual(bad, text)
        with tempfile.TemporaryDirectory() as d:
            board = os.path.join(d, "board.toml")
            with open(board, "w") as f:
                f.write(bad)
            r = run_tool("check", os.path.join(CONFIGS, "good", "bvt2.toml"),
                         "--board", board, "--apps-dir", APPS)
        self.assertNotIn("Traceback", r.stderr)
        return r.returncode, r.stderr

    def test_bad_dma_descriptions(self):
        desc = ('dma = { driver = "pl110", address_regs = [0x10, 0x14], '
                'extent_regs = [0x00, 0x04, 0x18] }')
        cases = [
            # The CLCD's description removed: it can no longer be assigned.
            (desc, "", 'partition "matrix": device "display" is a bus master '
                       "without a dma description"),
            ("bus_master = true\n", "",
             'device "display": has a dma description but is not a bus master'),
            ('driver = "pl110"', 'driver = "pl999"',
             'device "display": dma driver "pl999": pl999_dma_extent and '
             "pl999_dma_quiesce not declared in bsp/drivers/pl999.h"),
            ("[0x10, 0x14]", "[0x12, 0x14]",
             'device "display": dma: register offset 0x12 must be word aligned'),
            ("[0x10, 0x14]", "[0x10, 0x40]",
             'device "display": dma: register offset 0x40 must be word aligned '
             "and below 0x40"),
            ("[0x10, 0x14]", "[0x10, 0x10]",
             'device "display": dma: register offset 0x10 listed twice'),
            ("[0x10, 0x14]", "[]", 'device "display": dma: address_regs is empty'),
            ('driver = "pl110", ', "",
             'device "display": dma: missing required key "driver"'),
            ("[0x10, 0x14]", '["upbase"]',
             'key "address_regs" must be an array of integers, not array'),
            ("bus_master = true", 'bus_master = "yes"',
             'key "bus_master" must be a boolean, not string'),
        ]
        for old, new, expect in cases:
            with self.subTest(expect=expect):
                status, err = self.board_check(old, new)
                self.assertEqual(status, 2, err)
                self.assertEqual(len(errors_of(err)), 1, err)
                self.assertIn(expect, err)

    def test_missing_files(self):
        r = run_tool("check", "/nonexistent/system.toml", "--board", BOARD)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.strip(),
                         "/nonexistent/system.toml: file not found")
        r = run_tool("check", os.path.join(CONFIGS, "good", "bvt2.toml"),
                     "--board", "/nonexistent/board.toml")
        self.assertEqual(r.returncode, 2)
        self.assertIn("/nonexistent/board.toml: file not found", r.stderr)

    def test_bad_board(self):
        with tempfile.TemporaryDirectory() as d:
            board = os.path.join(d, "board.toml")
            with open(board, "w") as f:
                f.write('[board]\nname = "x"\nram_base = 0\nram_size = 1\n'
                        'kernel_base = 0\n')
            r = run_tool("check", os.path.join(CONFIGS, "good", "bvt2.toml"),
                         "--board", board, "--apps-dir", APPS)
            self.assertEqual(r.returncode, 2)
            self.assertIn('[board]: missing required key "kernel_size"',
                          r.stderr)
            self.assertNotIn("Traceback", r.stderr)

    def test_device_covering_kernel_device(self):
        # A device whose pages cover a register block the kernel keeps would
        # hand that block to a partition: the board itself is rejected.
        with open(BOARD) as f:
            text = f.read()
        bad = text.replace("regs = 0x10120000\nbase = 0x10120000\n"
                           "size = 0x00001000",
                           "regs = 0x10120000\nbase = 0x10100000\n"
                           "size = 0x00100000")
        self.assertNotEqual(bad, text)
        with tempfile.TemporaryDirectory() as d:
            board = os.path.join(d, "board.toml")
            with open(board, "w") as f:
                f.write(bad)
            r = run_tool("check", os.path.join(CONFIGS, "good", "bvt2.toml"),
                         "--board", board, "--apps-dir", APPS)
            self.assertEqual(r.returncode, 2)
            self.assertIn('device "display": its pages 0x10100000+1MiB cover '
                          "the kernel's console", r.stderr)
            self.assertNotIn("Traceback", r.stderr)

    def test_device_irq_beyond_controller(self):
        # A source the controller does not have would never be delivered:
        # rejected at build time, naming the device (one past the end), and
        # the last source is accepted.
        with open(BOARD) as f:
            text = f.read()
        for irq, ok in ((32, False), (31, True)):
            bad = text.replace("size = 0x00001000\nirq = 16",
                               "size = 0x00001000\nirq = %d" % irq)
            self.assertNotEqual(bad, text)
            with tempfile.TemporaryDirectory() as d:
                board = os.path.join(d, "board.toml")
                with open(board, "w") as f:
                    f.write(bad)
                r = run_tool("check", os.path.join(CONFIGS, "good",
                                                   "bvt2.toml"),
                             "--board", board, "--apps-dir", APPS)
                if ok:
                    self.assertEqual(r.returncode, 0, r.stderr)
                else:
                    self.assertEqual(r.returncode, 2)
                    self.assertIn('device "display": irq 32 is not a source of '
                                  "the board's interrupt controller (0..31, "
                                  "irq_count)", r.stderr)

    def test_warned_examples(self):
        # tests/tools/configs/warn/: accepted (exit 0, gen writes its
        # output), with exactly one warning line holding the text of the
        # first line, "# warn: <text>", naming the file.
        files = sorted(glob.glob(os.path.join(CONFIGS, "warn", "*.toml")))
        self.assertGreaterEqual(len(files), 2)
        for path in files:
            with self.subTest(config=os.path.basename(path)):
                expect = first_line_after(self, path, "# warn: ")
                r = run_tool("check", path, "--board", BOARD,
                             "--apps-dir", APPS)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertEqual(errors_of(r.stderr), [], r.stderr)
                lines = r.stderr.splitlines()
                self.assertEqual(len(lines), 1, r.stderr)
                self.assertTrue(lines[0].startswith(path + ": "), lines[0])
                self.assertIn(expect, lines[0])

    def test_no_warning_when_windows_fill_the_frame(self):
        # cyclic3 with its two idle gaps closed (a 0+30 ms, b 30+40 ms).
        with open(os.path.join(CONFIGS, "warn", "cyclic_partial.toml"),
                  encoding="utf-8") as f:
            text = f.read()
        full = text.replace("offset_us = 0\nduration_us = 20000",
                            "offset_us = 0\nduration_us = 30000")
        full = full.replace("offset_us = 30000\nduration_us = 30000",
                            "offset_us = 30000\nduration_us = 40000")
        self.assertNotEqual(full, text)
        d = tempfile.mkdtemp(prefix="pkconfig-full-")
        try:
            path = os.path.join(d, "full.toml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(full)
            r = run_tool("check", path, "--board", BOARD, "--apps-dir", APPS)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")

    def test_csw_allowance_within_the_window_has_no_warning(self):
        for name in ("bvt2.toml", "seven.toml"):
            r = run_tool("check", os.path.join(CONFIGS, "good", name),
                         "--board", BOARD, "--apps-dir", APPS)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stderr, "")

    def test_good_board_has_no_warning(self):
        r = run_tool("check", os.path.join(CONFIGS, "good", "bvt2.toml"),
                     "--board", BOARD, "--apps-dir", APPS)
        self.assertEqual(r.returncode, 0)
        self.assertNotIn("warning", r.stderr)


if __name__ == "__main__":
    unittest.main()
