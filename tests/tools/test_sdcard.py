"""make BOARD=raspi0 sdcard and tools/sdcard_check.py: the boot SD card
folder of a system for the real Raspberry Pi Zero (docs/boards.md)."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CHECK = os.path.join(REPO, "tools", "sdcard_check.py")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
    else sys.executable


def check(folder):
    return subprocess.run([PYTHON, CHECK, folder], capture_output=True,
                          text=True, timeout=120)


@unittest.skipIf(shutil.which("arm-none-eabi-gcc") is None,
                 "no arm-none-eabi toolchain")
class SdcardTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.build = tempfile.mkdtemp(prefix="sdcard-test-")
        r = subprocess.run(["make", "--no-print-directory", "BOARD=raspi0",
                            "SYSTEM=native-boot", "BUILD=" + cls.build,
                            "sdcard"], cwd=REPO, capture_output=True,
                           text=True, timeout=900)
        cls.make = r
        cls.folder = os.path.join(cls.build, "raspi0", "native-boot", "sdcard")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.build, ignore_errors=True)

    def copy(self):
        """A scratch copy of the folder for a test that damages it."""
        d = tempfile.mkdtemp(prefix="sdcard-copy-")
        self.addCleanup(shutil.rmtree, d, True)
        dst = os.path.join(d, "sdcard")
        shutil.copytree(self.folder, dst)
        return dst

    def test_folder_checks(self):
        self.assertEqual(self.make.returncode, 0, self.make.stdout + self.make.stderr)
        r = check(self.folder)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("sdcard: ok:", r.stdout)
        with open(os.path.join(self.folder, "config.txt")) as f:
            cfg = f.read()
        self.assertIn("kernel=kernel.img\n", cfg)
        self.assertIn("enable_uart=1\n", cfg)
        self.assertNotIn("arm_64bit", cfg.replace("arm_64bit is not set", ""))

    def test_damaged_folders_fail(self):
        cases = [
            ("kernel.img", lambda p: open(p, "ab").write(b"\0"),
             "not objcopy -O binary"),
            ("config.txt", lambda p: open(p, "w").write("enable_uart=1\n"),
             "kernel=kernel.img missing"),
            ("config.txt",
             lambda p: open(p, "a").write("arm_64bit=1\n"),
             "arm_64bit set"),
            ("README.txt", os.remove, "README.txt: missing"),
        ]
        for name, damage, expect in cases:
            with self.subTest(name=name, expect=expect):
                d = self.copy()
                damage(os.path.join(d, name))
                r = check(d)
                self.assertEqual(r.returncode, 1, r.stdout)
                self.assertIn(expect, r.stdout)

    @unittest.skipIf(shutil.which("qemu-system-arm") is None, "no QEMU")
    def test_raw_image_boots_like_the_firmware(self):
        # kernel.img as the firmware runs it: the raw binary at 0x8000,
        # entered there. The system passes, then halts with its status
        # (no semihosting: QEMU keeps running and is stopped here).
        img = os.path.join(self.folder, "kernel.img")
        cmd = ["qemu-system-arm", "-M", "raspi0", "-nographic",
               "-monitor", "none", "-serial", "stdio",
               "-icount", "shift=2,align=off,sleep=off",
               "-device", "loader,file=%s,addr=0x8000,force-raw=on" % img,
               "-device", "loader,addr=0x8000,cpu-num=0"]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                start_new_session=True)
        killer = threading.Timer(60.0, os.killpg, (proc.pid, signal.SIGKILL))
        killer.start()
        lines = []
        try:
            for raw in proc.stdout:
                lines.append(raw.decode(errors="replace").strip())
                if lines[-1].startswith("raspi: halted"):
                    break
        finally:
            killer.cancel()
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            proc.stdout.close()
        self.assertIn("RESULT native-boot PASS", lines)
        self.assertEqual(lines[-1], "raspi: halted, exit status 0")

    def test_qemu_image_is_refused(self):
        # The QEMU build exits through semihosting: not for the card.
        d = self.copy()
        qemu_elf = os.path.join(self.build, "raspi0", "native-boot",
                                "native-boot.elf")
        r = subprocess.run(["make", "--no-print-directory", "BOARD=raspi0",
                            "SYSTEM=native-boot", "BUILD=" + self.build,
                            qemu_elf], cwd=REPO, capture_output=True,
                           text=True, timeout=900)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        shutil.copy(qemu_elf, os.path.join(d, "kernel.elf"))
        subprocess.run(["arm-none-eabi-objcopy", "-O", "binary", qemu_elf,
                        os.path.join(d, "kernel.img")], check=True)
        r = check(d)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("semihosting", r.stdout)


if __name__ == "__main__":
    unittest.main()
