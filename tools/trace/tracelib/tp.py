"""Tracepoints on the host side (docs/tracepoints.md): the symbols of a
partition's ELF (name, name+offset, file:line to an address; an address
back to a name), and the client of a live session's control socket.

Standard library only; file:line uses the toolchain's objdump (its decoded
DWARF line table), which builds the system anyway.
"""

import os
import re
import shutil
import socket
import struct
import subprocess


class TpError(Exception):
    """Bad input or a refused command: reported as one line."""


STT_FUNC = 2
STT_OBJECT = 1


class Elf:
    """The symbol table of a 32-bit little-endian ARM ELF."""

    def __init__(self, path):
        self.path = path
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise TpError("cannot read %s: %s" % (path, e.strerror))
        if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
            raise TpError("%s: not a 32-bit little-endian ELF file" % path)
        try:
            shoff, = struct.unpack_from("<I", data, 0x20)
            shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2e)
            secs = [struct.unpack_from("<IIIIIIIIII", data,
                                       shoff + i * shentsize)
                    for i in range(shnum)]
        except struct.error:
            raise TpError("%s: truncated ELF file" % path)
        self.symbols = {}   # name -> (value, size, type)
        self.funcs = []     # (start, end, name), sorted
        for sec in secs:
            if sec[1] != 2:  # SHT_SYMTAB
                continue
            strtab = secs[sec[6]]
            for off in range(sec[4], sec[4] + sec[5], 16):
                name_off, value, size, info, _, shndx = struct.unpack_from(
                    "<IIIBBH", data, off)
                if shndx == 0:
                    continue
                s = strtab[4] + name_off
                name = data[s:data.index(b"\0", s)].decode("ascii", "replace")
                kind = info & 0xf
                if not name or name.startswith("$"):
                    continue
                if kind in (STT_FUNC, STT_OBJECT) or name not in self.symbols:
                    if name not in self.symbols or kind == STT_FUNC:
                        self.symbols[name] = (value, size, kind)
                if kind == STT_FUNC:
                    start = value & ~1
                    self.funcs.append((start, start + max(size, 4), name))
        self.funcs.sort()

    def resolve(self, spec):
        """An address from "name", "name+off", "0xADDR" or "file:line"."""
        spec = spec.strip()
        if re.fullmatch(r"0[xX][0-9a-fA-F]+", spec):
            return int(spec, 16)
        if ":" in spec:
            return self.line_address(spec)
        name, _, off = spec.partition("+")
        if name not in self.symbols:
            raise TpError("%s: no symbol %r in %s" % (spec, name, self.path))
        value, _, kind = self.symbols[name]
        if kind == STT_FUNC and value & 1:
            raise TpError("%s: %s is Thumb code; tracepoints are planted in "
                          "ARM code only" % (spec, name))
        try:
            extra = int(off, 0) if off else 0
        except ValueError:
            raise TpError("%s: bad offset %r" % (spec, off))
        return value + extra

    def line_address(self, spec):
        """The lowest statement address of file:line."""
        fname, _, line = spec.rpartition(":")
        if not line.isdigit() or not fname:
            raise TpError("%s: want FILE:LINE" % spec)
        objdump = shutil.which("arm-none-eabi-objdump") or "objdump"
        try:
            out = subprocess.run([objdump, "--dwarf=decodedline", self.path],
                                 capture_output=True, text=True,
                                 timeout=60).stdout
        except (OSError, subprocess.TimeoutExpired) as e:
            raise TpError("cannot run objdump: %s" % e)
        base = os.path.basename(fname)
        best = None
        for row in out.splitlines():
            cols = row.split()
            if len(cols) < 3 or not cols[2].startswith("0x"):
                continue
            if os.path.basename(cols[0]) != base or cols[1] != line:
                continue
            addr = int(cols[2], 16)
            if best is None or addr < best:
                best = addr
        if best is None:
            raise TpError("%s: no code for that line in %s (built with -g?)"
                          % (spec, self.path))
        return best

    def name_of(self, addr):
        """"func" or "func+0xN" for an address inside a function."""
        for start, end, name in self.funcs:
            if start <= addr < end:
                return name if addr == start else "%s+0x%x" % (name,
                                                              addr - start)
        return "0x%08x" % addr


def part_elfs(build_dir):
    """{partition name: Elf path} of a partitioned build folder."""
    out = {}
    part = os.path.join(build_dir, "part")
    if os.path.isdir(part):
        for name in sorted(os.listdir(part)):
            path = os.path.join(part, name, name + ".elf")
            if os.path.isfile(path):
                out[name] = path
    return out


class Client:
    """One connection to a live session's control socket (tools/trace/
    live.py): a command line out, its answer lines back."""

    def __init__(self, path, timeout=30.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        try:
            self.sock.connect(path)
        except OSError as e:
            raise TpError("cannot reach the live session at %s: %s (is "
                          "`make trace LIVE=1` running?)" % (path,
                                                              e.strerror))
        self.buf = b""

    def command(self, text):
        """Answer lines of one command (without "PK ctl <tag> ")."""
        self.sock.sendall(text.encode("ascii") + b"\n")
        lines = []
        while True:
            while b"\n" not in self.buf:
                try:
                    chunk = self.sock.recv(4096)
                except socket.timeout:
                    raise TpError("no answer to %r" % text)
                if not chunk:
                    raise TpError("the live session ended")
                self.buf += chunk
            line, self.buf = self.buf.split(b"\n", 1)
            line = line.decode("ascii", "replace")
            if line == ".":
                return lines
            lines.append(line)

    def close(self):
        self.sock.close()


def parse_fields(text):
    """key=value words of an answer line."""
    return dict(w.split("=", 1) for w in text.split() if "=" in w)
