#!/usr/bin/python3
"""Check a boot SD card folder written by `make sdcard` (mk/sdcard.mk).

    sdcard_check.py build/raspi0/<system>/sdcard

Checks, printing one line per failure and "sdcard: ok: <dir>" at the end:
  - kernel.img, kernel.elf, config.txt and README.txt are there;
  - kernel.img is exactly `objcopy -O binary kernel.elf`, and the ELF's
    entry and first loaded address are the firmware's load address 0x8000;
  - the ELF holds no semihosting call (svc 0x123456 in ARM state): on the
    hardware it would trap as an SVC;
  - config.txt names kernel.img, enables the UART, and does not ask for a
    64-bit kernel (arm_64bit).
Exit status 0 when everything holds, 1 otherwise, 2 on a usage error.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

CROSS = os.environ.get("CROSS", "arm-none-eabi-")
LOAD_ADDR = 0x8000
FILES = ("kernel.img", "kernel.elf", "config.txt", "README.txt")
# The semihosting trap in ARM state, as objdump prints it.
SEMIHOST_SVC = re.compile(r"\bsvc\s+0x00123456\b")


def config_lines(path):
    """config.txt's settings as (key, value), comments and blanks left out."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            out.append((key, value))
    return out


def elf_facts(elf):
    """(entry, lowest load address of a loaded segment) from readelf."""
    text = subprocess.run([CROSS + "readelf", "-lh", elf], capture_output=True,
                          text=True, check=True).stdout
    entry = int(re.search(r"Entry point address:\s+(0x[0-9a-f]+)", text).group(1), 16)
    loads = [int(m.group(1), 16) for m in
             re.finditer(r"^\s+LOAD\s+0x[0-9a-f]+ 0x[0-9a-f]+ (0x[0-9a-f]+)", text, re.M)]
    return entry, min(loads) if loads else None


def check(folder):
    errs = []
    for name in FILES:
        if not os.path.isfile(os.path.join(folder, name)):
            errs.append("%s: missing" % name)
    if errs:
        return errs
    img = os.path.join(folder, "kernel.img")
    elf = os.path.join(folder, "kernel.elf")
    with tempfile.TemporaryDirectory() as tmp:
        ref = os.path.join(tmp, "kernel.img")
        subprocess.run([CROSS + "objcopy", "-O", "binary", elf, ref], check=True)
        with open(ref, "rb") as a, open(img, "rb") as b:
            if a.read() != b.read():
                errs.append("kernel.img: not objcopy -O binary of kernel.elf")
    entry, first = elf_facts(elf)
    if entry != LOAD_ADDR or first != LOAD_ADDR:
        errs.append("kernel.elf: entry 0x%x, first load address %s, not 0x%x"
                    % (entry, "none" if first is None else "0x%x" % first, LOAD_ADDR))
    dis = subprocess.run([CROSS + "objdump", "-d", elf], capture_output=True,
                         text=True, check=True).stdout
    if SEMIHOST_SVC.search(dis):
        errs.append("kernel.elf: holds a semihosting call (not built with HW=1)")
    cfg = dict(config_lines(os.path.join(folder, "config.txt")))
    if cfg.get("kernel") != "kernel.img":
        errs.append("config.txt: kernel=kernel.img missing")
    if cfg.get("enable_uart") != "1":
        errs.append("config.txt: enable_uart=1 missing")
    if "arm_64bit" in cfg and cfg["arm_64bit"] != "0":
        errs.append("config.txt: arm_64bit set (the kernel is 32-bit)")
    return errs


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="the sdcard folder (build/<board>/<system>/sdcard)")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.folder):
        print("sdcard: %s: not a folder" % args.folder)
        return 2
    errs = check(args.folder)
    for e in errs:
        print("sdcard: %s: %s" % (args.folder, e))
    if errs:
        return 1
    print("sdcard: ok: %s" % args.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
