"""gdb command `pk-tasks` of `make debug` (sourced by tools/gdb/pk.gdb):
lists the partitions and each one's current task, read as the kernel's
tracepoints read it (partitions/tp.c, docs/tracepoints.md): the address of
the guest's os_current and the task record's layout come from the kernel's
table pk_tp_guests, which the build generates from each partition's ELF
and its compiled layout (rtos/layout/os_task_layout.c); the pointer read
from guest memory is trusted for nothing (the record must lie inside the
partition's guest-kernel range, the name inside its memory).
"""

import contextlib
import struct

import gdb

GUEST_WORDS = 6  # current, size, id, priority, state, name
STATES = {0: "ready", 1: "blocked", 2: "stopped"}
TASK_STATES = {0: "ready", 1: "blocked", 2: "suspended", 3: "deleted"}


def read(addr, n):
    return bytes(gdb.selected_inferior().read_memory(addr, n))


def word(addr):
    return struct.unpack("<I", read(addr, 4))[0]


def inside(addr, n, base, size):
    return base <= addr and addr + n <= base + size


def c_string(addr, ranges, limit=16):
    out = b""
    for i in range(limit):
        if not any(inside(addr + i, 1, b, s) for b, s in ranges):
            return None
        c = read(addr + i, 1)
        if c == b"\0":
            return out.decode("ascii", "replace")
        out += c
    return out.decode("ascii", "replace")


def current_task(i, cfg):
    """(id, name, priority, state) of partition i's current task, or a
    reason it cannot be read."""
    table = int(gdb.parse_and_eval("(unsigned int)&pk_tp_guests"))
    g = struct.unpack("<%dI" % GUEST_WORDS,
                      read(table + 4 * GUEST_WORDS * i, 4 * GUEST_WORDS))
    cur, size, off_id, off_prio, off_state, off_name = g
    kb, ks = int(cfg["kernel_base"]), int(cfg["kernel_size"])
    ub, us = int(cfg["user_base"]), int(cfg["user_size"])
    if cur == 0 or not inside(cur, 4, kb, ks):
        return "no os_current"
    t = word(cur)
    if t == 0:
        return "none"
    if t & 3 or not inside(t, size, kb, ks):
        return "os_current=0x%08x outside its guest-kernel range" % t
    tid = word(t + off_id)
    prio = read(t + off_prio, 1)[0]
    state = read(t + off_state, 1)[0]
    name = c_string(word(t + off_name), [(kb, ks), (ub, us)])
    return (tid & 0xff, name if name is not None else "?", prio, state)


@contextlib.contextmanager
def rodata_from_file():
    """QEMU's gdb stub reads memory with the rights of the CPU's current
    mode and address space: stopped in a partition (USR mode) the kernel's
    memory is out of reach, and only the current partition's own memory
    can be read at all. The kernel's constant tables (pk_system,
    pk_tp_guests) are read from the ELF file instead."""
    old = gdb.parameter("trust-readonly-sections")
    gdb.execute("set trust-readonly-sections on", to_string=True)
    # QEMU's stub can read physical memory instead (the mapping is the
    # identity): every partition's memory then, whatever the CPU's mode.
    phys = False
    try:
        out = gdb.execute("maintenance packet Qqemu.PhyMemMode:1",
                          to_string=True)
        phys = "OK" in out
    except gdb.error:
        pass
    try:
        yield
    finally:
        if phys:
            gdb.execute("maintenance packet Qqemu.PhyMemMode:0",
                        to_string=True)
        gdb.execute("set trust-readonly-sections %s" % ("on" if old else "off"),
                    to_string=True)


class PkTasks(gdb.Command):
    """List the partitions and each one's current task (pk-tasks)."""

    def __init__(self):
        super().__init__("pk-tasks", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        with rodata_from_file():
            self.list()

    def list(self):
        n = int(gdb.parse_and_eval("pk_system.n_partitions"))
        for i in range(n):
            cfg = gdb.parse_and_eval("pk_system.partitions[%d]" % i)
            name = cfg["name"].string()
            try:
                part = gdb.parse_and_eval("pk_parts[%d]" % i)
                st = int(part["state"])
                restarts = "%d" % int(part["restarts"])
                if int(part["load_phase"]) != 0:
                    state = "loading"
                else:
                    state = STATES.get(st, str(st))
            except gdb.MemoryError:
                state, restarts = "?", "?"  # kernel RAM, from a partition
            try:
                t = current_task(i, cfg)
            except gdb.MemoryError as e:
                t = "not readable from here (%s)" % e
            if isinstance(t, tuple):
                text = "task %d %s prio %d %s" % (
                    t[0], t[1], t[2], TASK_STATES.get(t[3], str(t[3])))
            else:
                text = "task: %s" % t
            gdb.write("partition %d %s %s restarts %s: %s\n" % (
                i, name, state, restarts, text))


PkTasks()
