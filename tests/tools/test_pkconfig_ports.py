"""Tests of the inter-partition ports in tools/pkconfig.py ([[port]] and
[[channel]], docs/configuration.md "Ports and channels").

Run from the repository root:
    /usr/bin/python3 -m unittest tests.tools.test_pkconfig_ports

Each example of tests/tools/configs/bad_ports/ names its expected message
on its first line ("# expect: <text>") and must be rejected with exactly
that one error line, naming the file, exit status 2, nothing generated.
The good example (configs/good/ports.toml) is generated, compiled with the
kernel's headers and linked with a probe that prints the port table.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import unittest

from tests.tools.test_pkconfig import (APPS, BOARD, BSP_INCS, CONFIGS,
                                       INCLUDE, errors_of, first_line_after,
                                       run_tool)

PROBE_C = r"""
#include <inttypes.h>
#include <stdio.h>
#include "pk_config.h"
int main(void)
{
    const struct pk_system_config *s = &pk_system;
    for (uint32_t i = 0; i < s->n_ports; i++) {
        const struct pk_port_config *c = &s->ports[i];
        printf("port %u %s p%u bit%u k%u d%u disc%u u%u size%u n%u r%" PRIu64
               " src%d nd%u", i, c->name, c->partition, c->bit, c->kind,
               c->direction, c->discipline, c->urgent, c->max_message_size,
               c->max_messages, c->refresh_ns, (int)c->source, c->n_dests);
        for (uint32_t d = 0; d < c->n_dests; d++)
            printf(" ->%u", c->dests[d]);
        printf(" buf%d lens%d slot%u\n", c->buf != 0, c->lens != 0,
               c->slot_size);
    }
    return 0;
}
"""


class BadPorts(unittest.TestCase):
    def test_bad_port_examples(self):
        files = sorted(glob.glob(os.path.join(CONFIGS, "bad_ports", "*.toml")))
        self.assertGreaterEqual(len(files), 29)
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
                out = tempfile.mkdtemp(prefix="pkconfig-bad-")
                try:
                    r = run_tool("gen", path, "--board", BOARD, "--apps-dir",
                                 APPS, "--out", os.path.join(out, "o"))
                    self.assertEqual(r.returncode, 2)
                    self.assertFalse(os.path.exists(os.path.join(out, "o")))
                finally:
                    shutil.rmtree(out, ignore_errors=True)

    def test_too_many_ports_in_a_partition(self):
        tmp = tempfile.mkdtemp(prefix="pkconfig-ports-")
        try:
            path = os.path.join(tmp, "many.toml")
            with open(path, "w", encoding="utf-8") as f:
                f.write('[system]\nname = "many"\n[[partition]]\nname = "a"\n'
                        'app = "hog"\nkernel_size = 0x00100000\n'
                        'user_size = 0x00100000\n')
                for i in range(33):
                    f.write('[[port]]\npartition = "a"\nname = "p%d"\n'
                            'kind = "sampling"\ndirection = "source"\n'
                            'max_message_size = 4\nrefresh_us = 1\n' % i)
            r = run_tool("check", path, "--board", BOARD, "--apps-dir", APPS)
            self.assertEqual(r.returncode, 2, r.stderr)
            errs = errors_of(r.stderr)
            self.assertEqual(len(errs), 1, r.stderr)
            self.assertIn('port #33 ("a.p32"): partition "a" has more than '
                          '32 ports', errs[0])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class GoodPorts(unittest.TestCase):
    def test_ports_table(self):
        tmp = tempfile.mkdtemp(prefix="pkconfig-ports-")
        try:
            path = os.path.join(CONFIGS, "good", "ports.toml")
            r = run_tool("gen", path, "--board", BOARD, "--apps-dir", APPS,
                         "--out", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            c = os.path.join(tmp, "pk_system_config.c")
            with open(c, encoding="utf-8") as f:
                text = f.read()
            # Buffers sized exactly: a.s 16; b.q 8 slots of 64 + lengths.
            self.assertIn("static uint8_t pk_port_buf_0[16]", text)
            self.assertIn("static uint8_t pk_port_buf_3[512]", text)
            self.assertIn("static uint32_t pk_port_lens_3[8];", text)
            stubs = os.path.join(tmp, "stubs.c")
            with open(stubs, "w", encoding="utf-8") as f:
                f.write("#include <stdint.h>\n")
                for n in ("a", "b", "c"):
                    for k in ("kernel", "user"):
                        f.write("const uint8_t pk_image_%s_%s_start[1], "
                                "pk_image_%s_%s_end[1];\n" % (n, k, n, k))
            probe = os.path.join(tmp, "probe.c")
            with open(probe, "w", encoding="utf-8") as f:
                f.write(PROBE_C)
            exe = os.path.join(tmp, "probe")
            r = subprocess.run(["gcc", "-std=c11", "-Wall", "-Wextra",
                                "-Werror", "-I", INCLUDE, *BSP_INCS, c, stubs,
                                probe, "-o", exe], capture_output=True,
                               text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            out = subprocess.run([exe], capture_output=True, text=True,
                                 timeout=30).stdout.splitlines()
            # Grouped by partition (a, b, c), each port's bit its place.
            self.assertEqual(out, [
                "port 0 s p0 bit0 k0 d0 disc0 u0 size16 n1 r10000000 src-1 "
                "nd2 ->2 ->4 buf1 lens0 slot16",
                "port 1 q p0 bit1 k1 d0 disc0 u0 size64 n2 r0 src-1 nd1 ->3 "
                "buf0 lens0 slot64",
                "port 2 s p1 bit0 k0 d1 disc0 u0 size16 n1 r5000000 src0 nd0 "
                "buf0 lens0 slot16",
                "port 3 q p1 bit1 k1 d1 disc1 u1 size64 n8 r0 src1 nd0 "
                "buf1 lens1 slot64",
                "port 4 s p2 bit0 k0 d1 disc0 u0 size32 n1 r10000000 src0 "
                "nd0 buf0 lens0 slot32",
            ])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def test_no_ports(self):
        # A system without ports has an empty table.
        tmp = tempfile.mkdtemp(prefix="pkconfig-ports-")
        try:
            path = os.path.join(CONFIGS, "good", "bvt2.toml")
            r = run_tool("gen", path, "--board", BOARD, "--apps-dir", APPS,
                         "--out", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(tmp, "pk_system_config.c"),
                      encoding="utf-8") as f:
                text = f.read()
            self.assertIn(".n_ports = 0u,", text)
            self.assertIn(".ports = 0,", text)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
