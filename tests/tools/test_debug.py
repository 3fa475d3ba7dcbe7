"""make debug: gdb (batch mode) against QEMU's gdb stub, as `make debug`
starts them, on the two-partition test system pk-boot.

- Every partition's symbols are loaded at its configured ranges
  (build/<board>/<system>/debug.gdb): `break os_delay` resolves in both
  partitions and stops in partition alpha's producer task.
- `pk-tasks` (tools/gdb/pk_tasks.py) lists both partitions and alpha's
  current task ("prod", the producer).
- A backtrace ends at the task's entry function (producer), not in the
  code before os_task_exit that a task's initial link register points at;
  with the task's saved return address set to 0 it still ends there,
  with no frame at address 0.
- The test's own make runs QEMU and gdb in a process group that is killed
  at the end; the gdb port is a free one, so two runs do not collide.

Run from the repository root: /usr/bin/python3 -m unittest tests.tools.test_debug
"""

import os
import re
import shutil
import socket
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testproc  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SYSTEM = "pk-boot"
HAVE_TOOLS = all(shutil.which(t) for t in
                 ("arm-none-eabi-gcc", "qemu-system-arm", "gdb-multiarch"))

# Sets the return address that partition alpha's producer task saved
# (frame 1) to 0, then selects frame 0 again.
ZERO_LR = (
    "python import re; gdb.execute('frame 1', to_string=True); "
    "t = gdb.execute('info frame', to_string=True); "
    "gdb.execute('set var *(unsigned int *)%s = 0' % "
    "re.search(r'lr at (0x[0-9a-f]+)', t).group(1)); "
    "gdb.execute('frame 0', to_string=True)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def backtrace(out, n):
    """The frame lines of the n-th `bt` (after a 'BT<n>' echo)."""
    part = out.split("BT%d\n" % n, 1)[1].split("BT-END\n", 1)[0]
    return [ln for ln in part.splitlines() if re.match(r"#\d+ ", ln)], part


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc, qemu-system-arm "
                     "and gdb-multiarch")
class Debug(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        r = testproc.run(["make", "-s", "--no-print-directory",
                          "SYSTEM=" + SYSTEM, "all"], cwd=ROOT, timeout=600,
                         text=True)
        assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
        gdb_args = " ".join([
            "-batch", "-ex 'break os_delay'", "-ex continue",
            "-ex 'echo BT1\\n'", "-ex bt", "-ex 'echo BT-END\\n'",
            "-ex 'echo TASKS\\n'", "-ex pk-tasks", "-ex 'echo TASKS-END\\n'",
            "-ex \"%s\"" % ZERO_LR,
            "-ex 'echo BT2\\n'", "-ex bt", "-ex 'echo BT-END\\n'"])
        r = testproc.run(["make", "--no-print-directory", "SYSTEM=" + SYSTEM,
                          "GDB_PORT=%d" % free_port(), "GDB_ARGS=" + gdb_args,
                          "debug"], cwd=ROOT, timeout=120, text=True)
        cls.out = r.stdout.replace("\r\n", "\n")
        cls.err = r.stderr

    def test_partition_symbols_and_breakpoint(self):
        with open(os.path.join(ROOT, "build", "versatilepb", SYSTEM,
                               "debug.gdb"), encoding="utf-8") as f:
            script = f.read()
        self.assertIn("add-symbol-file build/versatilepb/pk-boot/part/alpha/"
                      "alpha.elf -s .gk_text 0x01000000 -s .user_text "
                      "0x01100000", script)
        self.assertIn("part/beta/beta.elf -s .gk_text 0x01200000 -s "
                      ".user_text 0x01300000", script)
        self.assertIn("Breakpoint 1 at", self.out, self.out + self.err)
        self.assertIn("os_delay. (2 locations)", self.out)
        self.assertRegex(self.out, r"Breakpoint 1\.\d, os_delay \(")

    def test_backtrace_ends_at_the_task_entry(self):
        frames, part = backtrace(self.out, 1)
        self.assertEqual(len(frames), 2, part)
        self.assertIn(" os_delay (", frames[0])
        self.assertIn(" in producer (", frames[1])
        self.assertIn("pk-boot/apps/alpha/alpha.c", frames[1])
        self.assertNotIn("Backtrace stopped", part)

    def test_pk_tasks_lists_partitions_and_current_tasks(self):
        part = self.out.split("TASKS\n", 1)[1].split("TASKS-END\n", 1)[0]
        # Stopped in alpha's producer at os_delay: that is alpha's current
        # task, read from alpha's memory through the build's layout table.
        self.assertRegex(part, r"partition 0 alpha ready restarts 0: task "
                         r"\d+ prod prio \d+ ready", part)
        # beta has not started its tick core yet: no current task.
        self.assertRegex(part, r"partition 1 beta ready restarts 0: task: "
                         r"none", part)

    def test_no_frame_at_address_zero(self):
        frames, part = backtrace(self.out, 2)
        self.assertEqual(len(frames), 2, part)
        self.assertIn(" in producer (", frames[1])
        self.assertNotIn("0x00000000", part)


if __name__ == "__main__":
    unittest.main()
