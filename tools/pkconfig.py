#!/usr/bin/python3
"""pkconfig.py - check a partitioned system's configuration and generate its C
table and make variables.

Usage:
    pkconfig.py check <system.toml> [--board <board.toml>] [--apps-dir <dir>]
    pkconfig.py gen   <system.toml> [--board <board.toml>] [--apps-dir <dir>]
                      --out <dir>

`check` validates the system table against the board description and the
limits of the partitioning kernel; `gen` does the same and then writes
<dir>/pk_system_config.c (the `pk_system` definition, see
partitions/include/pk_config.h) and <dir>/system.mk (make variables for the
build). The format and every check are described in docs/configuration.md.

Every error is one line "<file>: <entry>: <problem>" on stderr, exit status 2.
Python 3.11 standard library only (tomllib).
"""

import argparse
import os
import re
import sys
import tomllib

MIB = 1 << 20
SECTION = MIB
PAGE = 4096
MAX_PARTITIONS = 32         # PK_MAX_PARTITIONS
MAX_WINDOWS = 32            # PK_MAX_WINDOWS
MAX_DEVICES = 4             # PK_MAX_DEVICES
DMA_MAX_REGS = 8            # PK_DMA_MAX_REGS
DMA_SHADOW_BYTES = 16 * 4   # BSP_DMA_SHADOW_WORDS registers of 4 bytes
FIXED_DOMAINS = 2           # D0 kernel, D1 shared I/O
DOMAINS_PER_PARTITION = 2   # guest kernel + user
TICK_HZ_MAX = 100000
U32_MAX = (1 << 32) - 1
U64_NS_MAX_US = ((1 << 64) - 1) // 1000

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BOARD = os.path.join(REPO, "bsp", "versatilepb", "board.toml")
DEFAULT_APPS = os.path.join(REPO, "apps")
DRIVERS_DIR = os.path.join(REPO, "bsp", "drivers")

POLICIES = {"bvt": "PK_POLICY_BVT", "static": "PK_POLICY_STATIC",
            "cyclic": "PK_POLICY_CYCLIC"}
# Restarts a partition may need within its window before the health monitor
# stops it (restart_limit), and the probe pins that show the running
# partition (bsp: PK_PROBE_PART_PINS), which no partition may own.
RESTART_LIMIT_MAX = 1000
PROBE_PART_PINS = 3
FAULT_ACTIONS = {"restart": "PK_HM_RESTART", "stop": "PK_HM_STOP",
                 "log": "PK_HM_LOG"}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,31}$")


class ConfigError(Exception):
    """A list of one-line error messages about the configuration."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))
        self.lines = lines


# Schema: key -> (type, default). A default of REQUIRED means the key must be
# given. Types: "int", "str", "strlist", "bool", "intlist", "table".
REQUIRED = object()

SYSTEM_KEYS = {
    "name": ("str", REQUIRED),
    "policy": ("str", "bvt"),
    "window_us": ("int", 10000),
    "csw_allowance_us": ("int", 1000),
    "major_frame_us": ("int", None),
    # Cyclic: the name of the module schedule [system] and the [[window]]
    # entries without a "schedule" key describe (schedule 0).
    "schedule_name": ("str", "main"),
    # Test kernels (PK_CONFIG_TEST_EXIT): the one partition whose verdict
    # counts, its RESULT lines printed unlabelled and its PK_SVC_TEST_EXIT
    # honoured; another's RESULT line keeps its label and its TEST_EXIT is
    # refused. None: any partition (systems without a hostile one).
    "test_judge": ("str", None),
}

# More module schedules of the cyclic policy (ARINC 653 Part 2): each a
# major frame; its windows are the [[window]] entries naming it.
SCHEDULE_KEYS = {
    "name": ("str", REQUIRED),
    "major_frame_us": ("int", REQUIRED),
}
MAX_SCHEDULES = 4           # PK_MAX_SCHEDULES

# Health-monitor tables (docs/arinc653.md). The errors in the kernel's
# numbering (enum pk_hm_kind), the states of the system table
# (PK_HM_STATE_*) and the actions per level.
HM_ERRORS = ["data_abort", "prefetch_abort", "undefined", "bad_svc",
             "bad_pointer", "bad_context", "guest_error", "deadline_missed",
             "application_error", "stack_overflow", "numeric_error",
             "illegal_request", "config_error", "restart_storm"]
HM_STATES = ["init", "task", "kernel"]
HM_LEVELS = {"partition": "PK_HM_LEVEL_PARTITION",
             "process": "PK_HM_LEVEL_PROCESS",
             "module": "PK_HM_LEVEL_MODULE"}
HM_PART_ACTIONS = {"ignore": "PK_HMP_IGNORE", "idle": "PK_HMP_IDLE",
                   "cold_start": "PK_HMP_COLD_START",
                   "warm_start": "PK_HMP_WARM_START"}
HM_MODULE_ACTIONS = {"ignore": "PK_HMM_IGNORE", "reset": "PK_HMM_RESET",
                     "shutdown": "PK_HMM_SHUTDOWN"}

PARTITION_KEYS = {
    "name": ("str", REQUIRED),
    "app": ("str", REQUIRED),
    # Bases may be left out: the range is then placed after the previous
    # one (the kernel's range first), 1 MiB aligned, so one system.toml
    # fits every board's RAM.
    "kernel_base": ("int", None),
    "kernel_size": ("int", REQUIRED),
    "user_base": ("int", None),
    "user_size": ("int", REQUIRED),
    # The top of the user range a warm start keeps (OS_PERSIST data); the
    # rest of the range is reloaded by every start.
    "persistent_size": ("int", 0),
    "tick_hz": ("int", 1000),
    "weight": ("int", 1),
    "warp_us": ("int", 0),
    "warp_limit_us": ("int", 5000),
    "unwarp_us": ("int", 20000),
    "priority": ("int", 0),
    "on_fault": ("str", "restart"),
    "restart_limit": ("int", 0),
    "restart_window_ms": ("int", 1000),
    "devices": ("strlist", []),
    "probe_pins": ("intlist", []),
    "status_of": ("strlist", []),
    # System partition rights: set (and read) the operating mode of these
    # partitions, read the health-monitor log, set the module schedule.
    "mode_of": ("strlist", []),
    "hm_log": ("bool", False),
    "schedule_control": ("bool", False),
    # The partition's HM table: error -> action (errors not listed take
    # on_fault's action).
    "hm": ("table", {}),
    # The tracer (the host's control channel) may plant tracepoints in the
    # partition's code (docs/tracepoints.md).
    "tracepoints": ("bool", False),
}

# Inter-partition ports ([[port]]) and channels ([[channel]]).
PORT_KEYS = {
    "partition": ("str", REQUIRED),
    "name": ("str", REQUIRED),
    "kind": ("str", REQUIRED),            # "sampling" | "queuing"
    "direction": ("str", REQUIRED),       # "source" | "destination"
    "max_message_size": ("int", REQUIRED),
    "refresh_us": ("int", None),          # sampling only (required)
    "max_messages": ("int", None),        # queuing only (required)
    "discipline": ("str", None),          # queuing: "fifo" | "priority"
    "urgent": ("bool", False),            # destination only
}

CHANNEL_KEYS = {
    "source": ("str", REQUIRED),          # "partition.port"
    "destinations": ("strlist", REQUIRED),
}

# Limits of the ports (pk_config.h): the longest message (one copy of it
# is the longest stretch a port call adds with interrupts masked), the
# kernel memory for all buffers, the ports of one partition (one bit each
# in vcpu.port_events), a queue's slots (16 bits of the receive result).
# The persistent region's grain: the loader's line (partitions/part.c).
PERSIST_GRAIN = 32

PORT_MSG_MAX = 4096             # PK_PORT_MSG_MAX
PORT_MEMORY_MAX = 65536         # PK_PORT_MEMORY_MAX
PORTS_PER_PARTITION = 32        # PK_PORTS_PER_PARTITION
PORT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,30}$")
PORT_SLOTS_MAX = 65535
CHANNEL_DESTS_MAX = 32          # PK_CHANNEL_DESTS_MAX: a write's work
PORT_KINDS = {"sampling": 0, "queuing": 1}
PORT_DIRECTIONS = {"source": 0, "destination": 1}
PORT_DISCIPLINES = {"fifo": 0, "priority": 1}


def port_memory(port):
    """Bytes of kernel memory port's buffers take (what gen_c emits)."""
    slot = (port["max_message_size"] + 3) // 4 * 4
    if port["kind"] == "sampling" and port["direction"] == "source":
        return slot
    if port["kind"] == "queuing" and port["direction"] == "destination":
        return port["max_messages"] * (slot + 4)
    return 0


WINDOW_KEYS = {
    "partition": ("str", REQUIRED),
    "offset_us": ("int", REQUIRED),
    "duration_us": ("int", REQUIRED),
    "schedule": ("str", None),
}

BOARD_KEYS = {
    "name": ("str", REQUIRED),
    "ram_base": ("int", REQUIRED),
    "ram_size": ("int", REQUIRED),
    "kernel_base": ("int", REQUIRED),
    "kernel_size": ("int", REQUIRED),
    "domains": ("int", 16),
    "probe_pins": ("int", 8),
    "irq_count": ("int", REQUIRED),
    # How the kernel separates partitions: "domains" (one table, two ARM
    # domains per partition: at most 7) or "asid" (a table and an ASID per
    # partition, ARMv6/ARMv7: at most MAX_PARTITIONS).
    "address_spaces": ("str", "domains"),
}

DEVICE_KEYS = {
    "name": ("str", REQUIRED),
    "model": ("str", ""),
    "regs": ("int", None),
    "base": ("int", REQUIRED),
    "size": ("int", REQUIRED),
    "irq": ("int", -1),
    "bus_master": ("bool", False),
    "dma": ("table", None),
    "reset": ("str", ""),
}

# The "dma" table of a bus-master device: the driver whose
# <driver>_dma_extent / <driver>_dma_quiesce the kernel uses, the registers
# holding transfer addresses and those the transfers' extent depends on
# (offsets from regs). The kernel shadows exactly these registers.
DMA_KEYS = {
    "driver": ("str", REQUIRED),
    "address_regs": ("intlist", REQUIRED),
    "extent_regs": ("intlist", []),
}

KERNEL_DEVICE_KEYS = {
    "name": ("str", REQUIRED),
    "regs": ("int", REQUIRED),
    "alias": ("int", None),  # the kernel's own address of the registers
}


def type_name(value):
    """The TOML name of a parsed value's type, for messages."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


def fmt_range(base, size):
    """0x02100000+2MiB style, as in the messages of docs/configuration.md."""
    if size % MIB == 0:
        return "0x%08x+%dMiB" % (base, size // MIB)
    return "0x%08x+0x%x" % (base, size)


def load_toml(path):
    """Parse a TOML file; errors become one line naming the file."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(["%s: file not found" % path])
    except OSError as e:
        raise ConfigError(["%s: cannot read: %s" % (path, e.strerror)])
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(["%s: TOML syntax error: %s" % (path, e)])
    except UnicodeDecodeError:
        raise ConfigError(["%s: TOML syntax error: not UTF-8 text" % path])
    except ValueError as e:
        # tomllib lets Python's own limits through: an integer of more
        # than 4300 digits.
        raise ConfigError(["%s: TOML value error: %s" % (path, e)])
    except RecursionError:
        raise ConfigError(["%s: TOML syntax error: arrays or tables nested "
                           "too deep" % path])


def apply_schema(errs, where, table, schema):
    """Check one table against a schema; return a dict with defaults filled.

    where is the message prefix naming the file and entry. Unknown keys,
    missing required keys and wrong types each add one error line.
    """
    out = {}
    if not isinstance(table, dict):
        errs.append("%s: must be a table, not %s" % (where, type_name(table)))
        return None
    for key in table:
        if key not in schema:
            errs.append('%s: unknown key "%s"' % (where, key))
    for key, (kind, default) in schema.items():
        if key not in table:
            if default is REQUIRED:
                errs.append('%s: missing required key "%s"' % (where, key))
            else:
                out[key] = default
            continue
        value = table[key]
        ok = True
        if kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
            want = "an integer"
        elif kind == "str":
            ok = isinstance(value, str)
            want = "a string"
        elif kind == "strlist":
            ok = isinstance(value, list) and all(
                isinstance(v, str) for v in value)
            want = "an array of strings"
        elif kind == "intlist":
            ok = isinstance(value, list) and all(
                isinstance(v, int) and not isinstance(v, bool)
                for v in value)
            want = "an array of integers"
        elif kind == "bool":
            ok = isinstance(value, bool)
            want = "a boolean"
        elif kind == "table":
            ok = isinstance(value, dict)
            want = "a table"
        if not ok:
            errs.append('%s: key "%s" must be %s, not %s'
                        % (where, key, want, type_name(value)))
            continue
        out[key] = value
    return out


def entry_list(errs, where, doc, key):
    """The array of tables doc[key] (empty when absent)."""
    value = doc.get(key, [])
    if not isinstance(value, list):
        errs.append('%s: "%s" must be an array of tables ([[%s]])'
                    % (where, key, key))
        return []
    return value


def load_board(path):
    """Read and check the board description."""
    doc = load_toml(path)
    errs = []
    for key in doc:
        if key not in ("board", "device", "kernel_device"):
            errs.append('%s: unknown table "%s"' % (path, key))
    if "board" not in doc:
        errs.append("%s: missing [board] table" % path)
        raise ConfigError(errs)
    board = apply_schema(errs, "%s: [board]" % path, doc["board"], BOARD_KEYS)
    if board is not None and board.get("address_spaces") not in \
            ("domains", "asid"):
        errs.append('%s: [board]: address_spaces must be "domains" or "asid", '
                    'got "%s"' % (path, board.get("address_spaces")))
    devices = {}
    for i, raw in enumerate(entry_list(errs, path, doc, "device")):
        where = "%s: device #%d" % (path, i + 1)
        dev = apply_schema(errs, where, raw, DEVICE_KEYS)
        if dev is None or "name" not in dev:
            continue
        where = '%s: device "%s"' % (path, dev["name"])
        if dev["name"] in devices:
            errs.append("%s: duplicate name" % where)
        if "base" in dev and "size" in dev:
            if not 0 <= dev["base"] <= dev["base"] + dev["size"] <= \
                    U32_MAX + 1:
                # Also bounds the per-page walk of the device check.
                errs.append("%s: pages 0x%x+0x%x do not fit in the 32-bit "
                            "address space" % (where, dev["base"],
                                               dev["size"]))
                continue
            if dev["base"] % PAGE or dev["size"] % PAGE or \
                    dev["size"] <= 0:
                errs.append("%s: pages %s are not 4 KiB aligned"
                            % (where, fmt_range(dev["base"], dev["size"])))
            regs = dev.get("regs")
            if regs is not None and not \
                    dev["base"] <= regs < dev["base"] + dev["size"]:
                errs.append("%s: registers 0x%08x lie outside its pages %s"
                            % (where, regs, fmt_range(dev["base"],
                                                      dev["size"])))
        irq = dev.get("irq", -1)
        count = board.get("irq_count") if board else None
        if isinstance(count, int) and isinstance(irq, int) and \
                not -1 <= irq < count:
            errs.append("%s: irq %d is not a source of the board's interrupt "
                        "controller (0..%d, irq_count)" % (where, irq,
                                                           count - 1))
        check_dma(errs, where, dev)
        if dev.get("reset") and not IDENT.match(dev["reset"]):
            errs.append('%s: reset driver "%s" must be an identifier'
                        % (where, dev["reset"]))
        devices[dev["name"]] = dev
    kdevs = []
    for i, raw in enumerate(entry_list(errs, path, doc, "kernel_device")):
        kd = apply_schema(errs, "%s: kernel_device #%d" % (path, i + 1), raw,
                          KERNEL_DEVICE_KEYS)
        if kd is not None and "regs" in kd and "name" in kd:
            kdevs.append(kd)
    for dev in devices.values():
        if "base" not in dev or "size" not in dev:
            continue
        for kd in kdevs:
            if dev["base"] <= kd["regs"] < dev["base"] + dev["size"]:
                errs.append('%s: device "%s": its pages %s cover the '
                            "kernel's %s"
                            % (path, dev["name"],
                               fmt_range(dev["base"], dev["size"]),
                               kd["name"]))
    if errs:
        raise ConfigError(errs)
    board["devices"] = devices
    board["kernel_devices"] = kdevs
    return board


def check_dma(errs, where, dev):
    """Check a device's bus-master description; on success dev["dma"] is
    the table with defaults filled and "shadow" (the register offsets the
    kernel shadows, address registers first)."""
    raw = dev.get("dma")
    if raw is None or "bus_master" not in dev:
        return  # no description, or bus_master itself was refused
    if not dev.get("bus_master"):
        errs.append("%s: has a dma description but is not a bus master "
                    "(bus_master = true)" % where)
    dma = apply_schema(errs, where + ": dma", raw, DMA_KEYS)
    dev["dma"] = None
    if dma is None or "driver" not in dma or "address_regs" not in dma:
        return
    drv = dma["driver"]
    if not IDENT.match(drv):
        errs.append('%s: dma driver "%s" must be an identifier' % (where, drv))
        return
    header = os.path.join(DRIVERS_DIR, drv + ".h")
    try:
        with open(header, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        text = None
    missing = [fn for fn in (drv + "_dma_extent", drv + "_dma_quiesce")
               if text is None or
               not re.search(r"\b%s\s*\(" % fn, text)]
    if missing:
        errs.append('%s: dma driver "%s": %s not declared in bsp/drivers/%s.h'
                    % (where, drv, " and ".join(missing), drv))
    shadow = dma["address_regs"] + dma["extent_regs"]
    if not dma["address_regs"]:
        errs.append("%s: dma: address_regs is empty" % where)
    if len(shadow) > DMA_MAX_REGS:
        errs.append("%s: dma: %d registers, at most %d"
                    % (where, len(shadow), DMA_MAX_REGS))
    regs = dev.get("regs")
    if regs is None:
        regs = dev.get("base", 0)
    end = dev.get("base", 0) + dev.get("size", 0)
    seen = set()
    for off in shadow:
        if off < 0 or off % 4 or off >= DMA_SHADOW_BYTES:
            errs.append("%s: dma: register offset 0x%x must be word aligned "
                        "and below 0x%x" % (where, off, DMA_SHADOW_BYTES))
        elif regs + off + 4 > end:
            errs.append("%s: dma: register offset 0x%x lies outside the "
                        "device's pages" % (where, off))
        elif off in seen:
            errs.append("%s: dma: register offset 0x%x listed twice"
                        % (where, off))
        seen.add(off)
    dma["shadow"] = shadow
    dev["dma"] = dma


def overlaps(a_base, a_size, b_base, b_size):
    return a_base < b_base + b_size and b_base < a_base + a_size


def check_system(path, board, apps_dir):
    """Read and check a system table. Returns (system, partitions, windows,
    warnings) with defaults filled in, or raises ConfigError."""
    doc = load_toml(path)
    errs = []

    # Phase 1: shape (tables, keys, types).
    for key in doc:
        if key not in ("system", "partition", "window", "schedule", "hm",
                       "port", "channel"):
            errs.append('%s: unknown table "%s"' % (path, key))
    if "system" not in doc:
        errs.append("%s: missing [system] table" % path)
        raise ConfigError(errs)
    system = apply_schema(errs, "%s: [system]" % path, doc["system"],
                          SYSTEM_KEYS)
    parts = []
    for i, raw in enumerate(entry_list(errs, path, doc, "partition")):
        label = "partition #%d" % (i + 1)
        if isinstance(raw, dict) and isinstance(raw.get("name"), str):
            label = 'partition "%s"' % raw["name"]
        p = apply_schema(errs, "%s: %s" % (path, label), raw, PARTITION_KEYS)
        if p is not None:
            p["label"] = label
            parts.append(p)
    windows = []
    for i, raw in enumerate(entry_list(errs, path, doc, "window")):
        w = apply_schema(errs, "%s: window #%d" % (path, i + 1), raw,
                         WINDOW_KEYS)
        if w is not None:
            w["label"] = "window #%d" % (i + 1)
            windows.append(w)
    ports = []
    for i, raw in enumerate(entry_list(errs, path, doc, "port")):
        label = "port #%d" % (i + 1)
        if isinstance(raw, dict) and isinstance(raw.get("partition"), str) \
                and isinstance(raw.get("name"), str):
            label = 'port #%d ("%s.%s")' % (i + 1, raw["partition"],
                                            raw["name"])
        q = apply_schema(errs, "%s: %s" % (path, label), raw, PORT_KEYS)
        if q is not None:
            q["label"] = label
            ports.append(q)
    channels = []
    for i, raw in enumerate(entry_list(errs, path, doc, "channel")):
        label = "channel #%d" % (i + 1)
        if isinstance(raw, dict) and isinstance(raw.get("source"), str):
            label = 'channel #%d (from "%s")' % (i + 1, raw["source"])
        ch = apply_schema(errs, "%s: %s" % (path, label), raw, CHANNEL_KEYS)
        if ch is not None:
            ch["label"] = label
            channels.append(ch)
    schedules = []
    for i, raw in enumerate(entry_list(errs, path, doc, "schedule")):
        label = "schedule #%d" % (i + 1)
        if isinstance(raw, dict) and isinstance(raw.get("name"), str):
            label = 'schedule "%s"' % raw["name"]
        sc = apply_schema(errs, "%s: %s" % (path, label), raw, SCHEDULE_KEYS)
        if sc is not None:
            sc["label"] = label
            schedules.append(sc)
    hm_doc = doc.get("hm", {})
    if not isinstance(hm_doc, dict):
        errs.append("%s: [hm] must be a table, not %s"
                    % (path, type_name(hm_doc)))
    if errs:
        raise ConfigError(errs)

    # Phase 2: values of the system table and of each partition alone.
    sysw = "%s: [system]" % path
    if system["policy"] not in POLICIES:
        errs.append('%s: unknown policy "%s" (expected "bvt", "static" or '
                    '"cyclic")' % (sysw, system["policy"]))
    if not IDENT.match(system["name"]):
        errs.append('%s: name "%s" must be an identifier (letters, digits, '
                    '_; at most 32)' % (sysw, system["name"]))
    if not 1 <= system["window_us"] <= U64_NS_MAX_US:
        errs.append("%s: window_us must be > 0, got %d"
                    % (sysw, system["window_us"]))
    if not 0 <= system["csw_allowance_us"] <= U64_NS_MAX_US:
        errs.append("%s: csw_allowance_us must be >= 0, got %d"
                    % (sysw, system["csw_allowance_us"]))
    if not parts:
        errs.append("%s: no [[partition]] entries" % path)
    needed = FIXED_DOMAINS + DOMAINS_PER_PARTITION * len(parts)
    if board["address_spaces"] == "asid":
        if len(parts) > MAX_PARTITIONS:
            errs.append("%s: %d partitions, at most %d (one translation "
                        "table and ASID each)" % (path, len(parts),
                                                  MAX_PARTITIONS))
    elif needed > board["domains"] or len(parts) > MAX_PARTITIONS:
        errs.append("%s: %d partitions needs %d domains, the ARM has %d "
                    "(D0 kernel, D1 shared I/O, 2 per partition: at most %d "
                    "partitions)" % (path, len(parts), needed,
                                     board["domains"],
                                     min(MAX_PARTITIONS,
                                         (board["domains"] - FIXED_DOMAINS)
                                         // DOMAINS_PER_PARTITION)))

    names = {}
    pin_owner = {}  # probe pin -> partition label
    for i, p in enumerate(parts):
        where = "%s: %s" % (path, p["label"])
        if not IDENT.match(p["name"]):
            errs.append("%s: name must be an identifier (letters, digits, _; "
                        "not starting with a digit; at most 32)" % where)
        if p["name"] in names:
            errs.append("%s: duplicate name (also partition #%d)"
                        % (where, names[p["name"]] + 1))
        else:
            names[p["name"]] = i
        app = p["app"]
        app_path = os.path.join(apps_dir, app)
        if not app or os.path.isabs(app) or ".." in app.split("/") or \
                not os.path.isdir(app_path):
            errs.append('%s: app folder "%s" does not exist'
                        % (where, app_path))
        if p["weight"] <= 0 or p["weight"] > U32_MAX:
            errs.append("%s: weight must be > 0, got %d" % (where, p["weight"]))
        if not 1 <= p["tick_hz"] <= TICK_HZ_MAX:
            errs.append("%s: tick_hz %d out of range 1..%d"
                        % (where, p["tick_hz"], TICK_HZ_MAX))
        for key in ("warp_us", "warp_limit_us", "unwarp_us"):
            if not 0 <= p[key] <= U64_NS_MAX_US:
                errs.append("%s: %s must be >= 0, got %d"
                            % (where, key, p[key]))
        if not 0 <= p["priority"] <= U32_MAX:
            errs.append("%s: priority must be 0..%d, got %d"
                        % (where, U32_MAX, p["priority"]))
        if p["on_fault"] not in FAULT_ACTIONS:
            errs.append('%s: unknown on_fault action "%s" (expected '
                        '"restart", "stop" or "log")' % (where, p["on_fault"]))
        if not 0 <= p["restart_limit"] <= RESTART_LIMIT_MAX:
            errs.append("%s: restart_limit must be 0..%d (0: no escalation), "
                        "got %d" % (where, RESTART_LIMIT_MAX,
                                    p["restart_limit"]))
        if not 1 <= p["restart_window_ms"] <= U32_MAX:
            errs.append("%s: restart_window_ms must be 1..%d, got %d"
                        % (where, U32_MAX, p["restart_window_ms"]))
        for pin in p["probe_pins"]:
            if not PROBE_PART_PINS <= pin < board["probe_pins"]:
                errs.append("%s: probe pin %d out of range %d..%d (pins 0..%d "
                            "show the running partition)"
                            % (where, pin, PROBE_PART_PINS,
                               board["probe_pins"] - 1, PROBE_PART_PINS - 1))
            elif pin in pin_owner:
                errs.append("%s: probe pin %d is already owned by %s"
                            % (where, pin, pin_owner[pin]))
            else:
                pin_owner[pin] = p["label"]
        for kind in ("kernel", "user"):
            base, size = p[kind + "_base"], p[kind + "_size"]
            if base is None:
                continue  # placed below, after the checks of sizes
            if not 0 <= base <= U32_MAX or not 0 <= size <= U32_MAX:
                errs.append("%s: %s_base and %s_size must be 0..0x%08x"
                            % (where, kind, kind, U32_MAX))
                continue
            if base % SECTION:
                errs.append("%s: %s_base 0x%08x is not 1 MiB aligned"
                            % (where, kind, base))
            if size < MIB:
                errs.append("%s: %s_size 0x%x is smaller than 1 MiB"
                            % (where, kind, size))
            elif size % SECTION:
                errs.append("%s: %s_size 0x%x is not a multiple of 1 MiB"
                            % (where, kind, size))
        keep, usize = p["persistent_size"], p["user_size"]
        if not 0 <= keep <= U32_MAX or keep % PERSIST_GRAIN:
            errs.append("%s: persistent_size 0x%x is not a multiple of %d "
                        "bytes" % (where, keep, PERSIST_GRAIN))
        elif 0 <= usize <= U32_MAX and keep > usize // 2:
            errs.append("%s: persistent_size 0x%x is more than half of "
                        "user_size 0x%x" % (where, keep, usize))
    if system["test_judge"] is not None and system["test_judge"] not in names:
        errs.append('%s: test_judge names unknown partition "%s"'
                    % (sysw, system["test_judge"]))
    for p in parts:
        for other in p["status_of"]:
            if other not in names:
                errs.append('%s: %s: status_of names unknown partition "%s"'
                            % (path, p["label"], other))
        for other in p["mode_of"]:
            if other not in names:
                errs.append('%s: %s: mode_of names unknown partition "%s"'
                            % (path, p["label"], other))
        if p["schedule_control"] and system["policy"] != "cyclic":
            errs.append('%s: %s: schedule_control is only for policy '
                        '"cyclic" (policy is "%s")'
                        % (path, p["label"], system["policy"]))
    check_hm(errs, path, hm_doc, parts, system)
    if errs:
        raise ConfigError(errs)
    place_ranges(parts, board)

    # Phase 3: memory. Each range against RAM, the kernel's reserved range,
    # the partition's other range and every earlier partition's ranges.
    ram = (board["ram_base"], board["ram_size"])
    kres = (board["kernel_base"], board["kernel_size"])
    seen = []   # (partition label, kind, base, size)
    for p in parts:
        where = "%s: %s" % (path, p["label"])
        mine = []
        for kind in ("kernel", "user"):
            base, size = p[kind + "_base"], p[kind + "_size"]
            rng = fmt_range(base, size)
            if base < ram[0] or base + size > ram[0] + ram[1]:
                errs.append("%s: %s range %s lies outside RAM %s"
                            % (where, kind, rng, fmt_range(*ram)))
            if overlaps(base, size, *kres):
                errs.append("%s: %s range %s overlaps the partitioning "
                            "kernel's reserved range %s"
                            % (where, kind, rng, fmt_range(*kres)))
            for okind, obase, osize in mine:
                if overlaps(base, size, obase, osize):
                    errs.append("%s: %s range %s overlaps its own %s range"
                                % (where, kind, rng, okind))
            for olabel, okind, obase, osize in seen:
                if overlaps(base, size, obase, osize):
                    errs.append("%s: %s range %s overlaps %s %s range"
                                % (where, kind, rng, olabel, okind))
            mine.append((kind, base, size))
        seen.extend((p["label"], k, b, s) for k, b, s in mine)

    # Phase 4: devices. A device goes to one partition; two devices in one
    # 1 MiB section cannot go to different partitions (their pages share one
    # second-level table, whose domain is the section's).
    owner = {}          # device name -> partition label
    section_owner = {}  # section base -> (device name, partition label)
    warnings = []
    bdevs = board["devices"]
    for p in parts:
        where = "%s: %s" % (path, p["label"])
        if len(p["devices"]) > MAX_DEVICES:
            errs.append("%s: %d devices, at most %d"
                        % (where, len(p["devices"]), MAX_DEVICES))
        listed = set()
        for name in p["devices"]:
            if name not in bdevs:
                kdev = [kd for kd in board["kernel_devices"]
                        if kd["name"] == name]
                if kdev:
                    errs.append('%s: device "%s" (0x%08x) is the kernel\'s: '
                                "it cannot be assigned to a partition "
                                "(board %s gives partitions: %s)"
                                % (where, name, kdev[0]["regs"],
                                   board["name"], ", ".join(bdevs) or "none"))
                else:
                    errs.append('%s: unknown device "%s" (board %s has: %s)'
                                % (where, name, board["name"],
                                   ", ".join(bdevs) or "none"))
                continue
            if name in listed:
                errs.append('%s: device "%s" listed twice' % (where, name))
                continue
            listed.add(name)
            if name in owner:
                errs.append('%s: device "%s" is already assigned to %s'
                            % (where, name, owner[name]))
                continue
            owner[name] = p["label"]
            dev = bdevs[name]
            if dev["bus_master"] and dev["dma"] is None:
                errs.append('%s: device "%s" is a bus master without a dma '
                            "description in board %s: its DMA could reach "
                            "any memory, it cannot be assigned"
                            % (where, name, board["name"]))
                continue
            sections = sorted({a - a % SECTION for a in
                               range(dev["base"], dev["base"] + dev["size"],
                                     PAGE)})
            for sec in sections:
                if sec in section_owner and \
                        section_owner[sec][1] != p["label"]:
                    other, olabel = section_owner[sec]
                    errs.append('%s: device "%s" shares the 1 MiB section '
                                '0x%08x with device "%s" of %s'
                                % (where, name, sec, other, olabel))
                    break
                section_owner.setdefault(sec, (name, p["label"]))

    # Phase 5: windows (cyclic only).
    policy = system["policy"]
    if policy == "bvt" and system["csw_allowance_us"] > system["window_us"]:
        warnings.append("%s: warning: csw_allowance_us %d is longer than "
                        "window_us %d: at a slice end the running partition "
                        "keeps the CPU until it is more than C ahead, so it "
                        "may run several windows in a row"
                        % (sysw, system["csw_allowance_us"],
                           system["window_us"]))
    if policy != "cyclic":
        for w in windows:
            errs.append('%s: %s: windows are only for policy "cyclic" '
                        '(policy is "%s")' % (path, w["label"], policy))
        if system["major_frame_us"] is not None:
            errs.append('%s: major_frame_us is only for policy "cyclic" '
                        '(policy is "%s")' % (sysw, policy))
        for sc in schedules:
            errs.append('%s: %s: schedules are only for policy "cyclic" '
                        '(policy is "%s")' % (path, sc["label"], policy))
    else:
        mf = system["major_frame_us"]
        if mf is None:
            errs.append('%s: policy "cyclic" needs major_frame_us' % sysw)
        elif not 1 <= mf <= U64_NS_MAX_US:
            errs.append("%s: major_frame_us must be > 0, got %d" % (sysw, mf))
            mf = None
        main_name = system["schedule_name"]
        if not IDENT.match(main_name):
            errs.append('%s: schedule_name "%s" must be an identifier'
                        % (sysw, main_name))
        if 1 + len(schedules) > MAX_SCHEDULES:
            errs.append("%s: %d schedules, at most %d (with [system]'s)"
                        % (path, 1 + len(schedules), MAX_SCHEDULES))
        plans = {main_name: (mf, sysw)}
        for sc in schedules:
            where = "%s: %s" % (path, sc["label"])
            if not IDENT.match(sc["name"]):
                errs.append("%s: name must be an identifier" % where)
            if sc["name"] in plans:
                errs.append('%s: duplicate schedule name "%s"'
                            % (where, sc["name"]))
                continue
            smf = sc["major_frame_us"]
            if not 1 <= smf <= U64_NS_MAX_US:
                errs.append("%s: major_frame_us must be > 0, got %d"
                            % (where, smf))
                smf = None
            plans[sc["name"]] = (smf, where)
        for w in windows:
            if w["schedule"] is None:
                w["schedule"] = main_name
            elif w["schedule"] not in plans:
                errs.append('%s: %s: unknown schedule "%s" (schedules: %s)'
                            % (path, w["label"], w["schedule"],
                               ", ".join(plans)))
        for name, (pmf, pwhere) in plans.items():
            mine = [w for w in windows if w["schedule"] == name]
            check_windows(errs, path, mine, pmf, names, parts,
                          name == main_name, warnings, pwhere)
        system["schedules"] = [
            {"name": n, "major_frame_us": plans[n][0] or 0}
            for n in plans]
    if errs:
        raise ConfigError(errs)

    for w in windows:
        w["index"] = names[w["partition"]]
    windows.sort(key=lambda w: w["offset_us"])
    for i, p in enumerate(parts):
        p["index"] = i
    system.setdefault("schedules", [])
    system["ports"] = check_ports(path, names, ports, channels, warnings)
    return system, parts, windows, warnings


def check_ports(path, names, ports, channels, warnings):
    """Phase 6: ports and channels. Returns the ports grouped by partition
    (configuration order within one), each with its index, bit, source
    index and destination indices; raises ConfigError."""
    errs = []
    by_key = {}
    per_part = {}
    for q in ports:
        where = "%s: %s" % (path, q["label"])
        ok = True
        if q["partition"] not in names:
            errs.append('%s: unknown partition "%s"' % (where, q["partition"]))
            ok = False
        if not PORT_NAME.match(q["name"]):
            errs.append("%s: name must be an identifier (letters, digits, _; "
                        "at most 31)" % where)
            ok = False
        key = "%s.%s" % (q["partition"], q["name"])
        if key in by_key:
            errs.append('%s: duplicate port "%s" (also %s)'
                        % (where, key, by_key[key]["label"]))
            ok = False
        if q["kind"] not in PORT_KINDS:
            errs.append('%s: unknown kind "%s" (expected "sampling" or '
                        '"queuing")' % (where, q["kind"]))
            ok = False
        if q["direction"] not in PORT_DIRECTIONS:
            errs.append('%s: unknown direction "%s" (expected "source" or '
                        '"destination")' % (where, q["direction"]))
            ok = False
        if not 1 <= q["max_message_size"] <= PORT_MSG_MAX:
            errs.append("%s: max_message_size must be 1..%d, got %d"
                        % (where, PORT_MSG_MAX, q["max_message_size"]))
            ok = False
        if q["kind"] == "sampling":
            if q["refresh_us"] is None:
                errs.append('%s: a sampling port needs refresh_us' % where)
                ok = False
            elif not 1 <= q["refresh_us"] <= U64_NS_MAX_US:
                errs.append("%s: refresh_us must be > 0, got %d"
                            % (where, q["refresh_us"]))
                ok = False
            for k in ("max_messages", "discipline"):
                if q[k] is not None:
                    errs.append('%s: %s is only for a queuing port'
                                % (where, k))
                    ok = False
        elif q["kind"] == "queuing":
            if q["max_messages"] is None:
                errs.append('%s: a queuing port needs max_messages' % where)
                ok = False
            elif not 1 <= q["max_messages"] <= PORT_SLOTS_MAX:
                errs.append("%s: max_messages must be 1..%d, got %d"
                            % (where, PORT_SLOTS_MAX, q["max_messages"]))
                ok = False
            if q["discipline"] is None:
                q["discipline"] = "fifo"
            if q["discipline"] not in PORT_DISCIPLINES:
                errs.append('%s: unknown discipline "%s" (expected "fifo" or '
                            '"priority")' % (where, q["discipline"]))
                ok = False
            if q["refresh_us"] is not None:
                errs.append("%s: refresh_us is only for a sampling port"
                            % where)
                ok = False
        if q["urgent"] and q["direction"] != "destination":
            errs.append("%s: urgent is only for a destination port" % where)
            ok = False
        if q["partition"] in names:
            per_part.setdefault(q["partition"], []).append(q)
            if len(per_part[q["partition"]]) == PORTS_PER_PARTITION + 1:
                errs.append('%s: partition "%s" has more than %d ports'
                            % (where, q["partition"], PORTS_PER_PARTITION))
        if ok:
            by_key.setdefault(key, q)
    if errs:
        raise ConfigError(errs)

    for q in ports:
        q["source"] = None
        q["dests"] = []
    in_channel = {}
    for ch in channels:
        where = "%s: %s" % (path, ch["label"])
        src = by_key.get(ch["source"])
        if src is None:
            errs.append('%s: unknown source port "%s" (name it '
                        '"partition.port")' % (where, ch["source"]))
            continue
        if src["direction"] != "source":
            errs.append('%s: source "%s" is a destination port'
                        % (where, ch["source"]))
            continue
        if ch["source"] in in_channel:
            errs.append('%s: port "%s" is already in %s'
                        % (where, ch["source"], in_channel[ch["source"]]))
            continue
        in_channel[ch["source"]] = ch["label"]
        if not ch["destinations"]:
            errs.append("%s: no destinations" % where)
            continue
        if len(ch["destinations"]) > CHANNEL_DESTS_MAX:
            errs.append("%s: %d destinations, at most %d"
                        % (where, len(ch["destinations"]), CHANNEL_DESTS_MAX))
            continue
        if src["kind"] == "queuing" and len(ch["destinations"]) != 1:
            errs.append("%s: a queuing channel has exactly one destination, "
                        "got %d" % (where, len(ch["destinations"])))
            continue
        for dn in ch["destinations"]:
            d = by_key.get(dn)
            if d is None:
                errs.append('%s: unknown destination port "%s" (name it '
                            '"partition.port")' % (where, dn))
                continue
            if d["direction"] != "destination":
                errs.append('%s: destination "%s" is a source port'
                            % (where, dn))
                continue
            if d["kind"] != src["kind"]:
                errs.append('%s: destination "%s" is a %s port, the source '
                            'a %s port' % (where, dn, d["kind"], src["kind"]))
                continue
            if dn in in_channel:
                errs.append('%s: port "%s" is already in %s'
                            % (where, dn, in_channel[dn]))
                continue
            in_channel[dn] = ch["label"]
            if d["max_message_size"] < src["max_message_size"]:
                errs.append('%s: destination "%s" max_message_size %d is '
                            'smaller than the source\'s %d'
                            % (where, dn, d["max_message_size"],
                               src["max_message_size"]))
                continue
            d["source"] = src
            src["dests"].append(d)
    if errs:
        raise ConfigError(errs)
    for key, q in by_key.items():
        if key not in in_channel:
            warnings.append('%s: %s: warning: port "%s" is in no channel'
                            % (path, q["label"], key))

    # Kernel memory: every buffer the generator emits, in configuration
    # order; the port that makes the total exceed the kernel's is named.
    total = 0
    for q in ports:
        total += port_memory(q)
        if port_memory(q) and total > PORT_MEMORY_MAX:
            errs.append("%s: %s: the port buffers need %d bytes of kernel "
                        "memory up to this port, the kernel holds %d "
                        "(PK_PORT_MEMORY_MAX)"
                        % (path, q["label"], total, PORT_MEMORY_MAX))
            break
    if errs:
        raise ConfigError(errs)

    ordered = sorted(ports, key=lambda q: names[q["partition"]])
    seen = {}
    for i, q in enumerate(ordered):
        q["index"] = i
        q["part_index"] = names[q["partition"]]
        q["bit"] = seen.get(q["partition"], 0)
        seen[q["partition"]] = q["bit"] + 1
    return ordered


def check_windows(errs, path, windows, mf, names, parts, main, warnings,
                  sched_where):
    """The windows of one module schedule (mf: its major frame in us, or
    None when that is already reported). The main schedule (the one of
    [system]) must give every partition a window."""
    if len(windows) > MAX_WINDOWS:
        errs.append("%s: %d windows, at most %d"
                    % (sched_where, len(windows), MAX_WINDOWS))
    has_window = set()
    placed = []
    for w in windows:
        where = "%s: %s (partition \"%s\", %d+%dus)" % (
            path, w["label"], w["partition"], w["offset_us"],
            w["duration_us"])
        if w["partition"] not in names:
            errs.append('%s: unknown partition "%s"'
                        % (where, w["partition"]))
            continue
        has_window.add(w["partition"])
        if w["offset_us"] < 0:
            errs.append("%s: offset_us must be >= 0" % where)
            continue
        if w["duration_us"] <= 0:
            errs.append("%s: duration_us must be > 0" % where)
            continue
        end = w["offset_us"] + w["duration_us"]
        if mf is not None and end > mf:
            errs.append("%s: ends at %dus, after the major frame of %dus"
                        % (where, end, mf))
        for o in placed:
            if overlaps(w["offset_us"], w["duration_us"],
                        o["offset_us"], o["duration_us"]):
                errs.append('%s: overlaps %s (partition "%s", %d+%dus)'
                            % (where, o["label"], o["partition"],
                               o["offset_us"], o["duration_us"]))
        placed.append(w)
    if main:
        for p in parts:
            if p["name"] not in has_window:
                errs.append("%s: %s: has no window in the major frame"
                            % (path, p["label"]))
    elif not placed:
        errs.append("%s: has no windows" % sched_where)
    covered = sum(w["duration_us"] for w in placed)
    if main and mf is not None and placed and covered < mf:
        warnings.append("%s: [system]: warning: the windows cover %dus of "
                        "the major frame of %dus: the CPU idles for the "
                        "other %dus of every frame"
                        % (path, covered, mf, mf - covered))


def check_hm(errs, path, hm_doc, parts, system):
    """The health-monitor tables: [hm.<state>] error -> level, [hm.module]
    error -> module action, each partition's hm error -> action. Fills
    system["hm_levels"], system["hm_module"] and p["hm_actions"]."""
    levels = {}   # (state, error) -> level
    module = {}   # error -> module action
    if not isinstance(hm_doc, dict):
        hm_doc = {}

    def error_ok(where, err):
        if err not in HM_ERRORS:
            errs.append('%s: unknown error "%s" (expected one of: %s)'
                        % (where, err, ", ".join(HM_ERRORS)))
            return False
        return True

    for key, table in hm_doc.items():
        where = "%s: [hm.%s]" % (path, key)
        if key != "module" and key not in HM_STATES:
            errs.append('%s: [hm]: unknown key "%s" (expected a state: %s, '
                        'or "module")' % (path, key, ", ".join(HM_STATES)))
            continue
        if not isinstance(table, dict):
            errs.append("%s: must be a table of error = %s, not %s"
                        % (where, "action" if key == "module" else "level",
                           type_name(table)))
            continue
        for err, value in table.items():
            ew = "%s: %s" % (where, err)
            if not error_ok(where, err):
                continue
            choices = HM_MODULE_ACTIONS if key == "module" else HM_LEVELS
            if not isinstance(value, str) or value not in choices:
                if key == "module":
                    module[err] = None  # reported here, not again below
                errs.append('%s: %s "%s" (expected %s)'
                            % (ew, "unknown module action" if key == "module"
                               else "unknown level",
                               value if isinstance(value, str)
                               else type_name(value),
                               ", ".join('"%s"' % c for c in choices)))
                continue
            if key == "module":
                module[err] = value
            else:
                if err == "restart_storm" and value == "process":
                    errs.append('%s: level "process": the kernel\'s own '
                                'error goes to the partition or the module, '
                                'never to a process' % ew)
                    continue
                levels[(key, err)] = value
    for (state, err), lvl in sorted(levels.items()):
        if lvl == "module" and err not in module:
            errs.append('%s: [hm.%s]: %s: level "module" but [hm.module] has '
                        'no action for "%s"' % (path, state, err, err))
    for p in parts:
        where = "%s: %s: hm" % (path, p["label"])
        acts = {}
        for err, value in p["hm"].items():
            if not error_ok(where, err):
                continue
            ew = "%s: %s" % (where, err)
            if not isinstance(value, str) or value not in HM_PART_ACTIONS:
                errs.append('%s: unknown partition action "%s" (expected %s)'
                            % (ew, value if isinstance(value, str)
                               else type_name(value),
                               ", ".join('"%s"' % c for c in
                                         HM_PART_ACTIONS)))
                continue
            if err == "restart_storm" and value in ("cold_start",
                                                    "warm_start"):
                errs.append('%s: "%s": a restart storm cannot be answered by '
                            'another restart (expected "idle" or "ignore")'
                            % (ew, value))
                continue
            acts[err] = value
        p["hm_actions"] = acts
    system["hm_levels"] = levels
    system["hm_module"] = module


def c_string(s):
    """A C string literal (names are identifiers; app paths are checked)."""
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def place_ranges(parts, board):
    """Give every range without a base one: the next 1 MiB boundary after
    the previous range in configuration order (the kernel's range before
    the first). Ranges with a base stay where they are and move the
    cursor past them."""
    cursor = board["kernel_base"] + board["kernel_size"]
    for p in parts:
        for kind in ("kernel", "user"):
            size = p[kind + "_size"]
            if p[kind + "_base"] is None:
                p[kind + "_base"] = (cursor + SECTION - 1) // SECTION * SECTION
            cursor = max(cursor, p[kind + "_base"] + size)


def gen_c(src, system, parts, windows, board):
    """The text of pk_system_config.c."""
    ns = lambda us: "%dull" % (us * 1000)  # noqa: E731
    out = []
    out.append("/* Generated by tools/pkconfig.py from %s: do not edit. */"
               % src)
    out.append("#include <stdint.h>")
    out.append("")
    out.append('#include "pk_config.h"')
    drivers = dma_drivers(parts, board)
    for drv in drivers:
        out.append('#include "%s.h"' % drv)
    out.append("")
    described = [(p, d) for p in parts for d in p["devices"]
                 if board["devices"][d]["dma"] is not None]
    if described:
        out.append("/* Bus-master descriptions of the assigned devices "
                   "(board.toml \"dma\"):")
        out.append(" * the registers the kernel shadows, address registers "
                   "first. */")
    for p, d in described:
        dma = board["devices"][d]["dma"]
        out.append("static const struct pk_dma_config pk_dma_%s = {"
                   % c_ident(d))
        out.append("    .extent = %s_dma_extent," % dma["driver"])
        out.append("    .quiesce = %s_dma_quiesce," % dma["driver"])
        out.append("    .n_regs = %du," % len(dma["shadow"]))
        out.append("    .regs = {%s}," % ", ".join("0x%02xu" % r for r in
                                                  dma["shadow"]))
        out.append("};")
    if described:
        out.append("")
    out.append("/* Pristine partition images, embedded by the build. */")
    for p in parts:
        n = p["name"]
        out.append("extern const uint8_t pk_image_%s_kernel_start[], "
                   "pk_image_%s_kernel_end[];" % (n, n))
        out.append("extern const uint8_t pk_image_%s_user_start[], "
                   "pk_image_%s_user_end[];" % (n, n))
    out.append("")
    ports = system.get("ports", [])
    if ports:
        gen_ports(out, ports)
    out.append("const struct pk_system_config pk_system = {")
    out.append("    .name = %s," % c_string(system["name"]))
    out.append("    .policy = %s," % POLICIES[system["policy"]])
    out.append("    .window_ns = %s," % ns(system["window_us"]))
    out.append("    .csw_allowance_ns = %s," % ns(system["csw_allowance_us"]))
    out.append("    .major_frame_ns = %s,"
               % ns(system["major_frame_us"] or 0))
    out.append("    .schedule_name = %s," % c_string(system["schedule_name"]))
    scheds = system.get("schedules", [])
    main_windows = [w for w in windows if not scheds or
                    w["schedule"] == scheds[0]["name"]]
    out.append("    .n_windows = %du," % len(main_windows))
    if main_windows:  # an empty initializer list is not C11
        out.append("    .windows = {")
        for w in main_windows:
            out.append("        {%du, %s, %s}, /* %s */"
                       % (w["index"], ns(w["offset_us"]),
                          ns(w["duration_us"]), w["partition"]))
        out.append("    },")
    by_name = {p["name"]: p for p in parts}
    judge = system["test_judge"]
    out.append("    .test_judge = %s,"
               % ("PK_JUDGE_ANY" if judge is None else "%du" % by_name[judge]["index"]))
    out.append("    .n_partitions = %du," % len(parts))
    out.append("    .partitions = {")
    for p in parts:
        n = p["name"]
        out.append("        [%d] = {" % p["index"])
        out.append("            .name = %s," % c_string(n))
        out.append("            .app = %s," % c_string(p["app"]))
        for key in ("kernel_base", "kernel_size", "user_base", "user_size"):
            out.append("            .%s = 0x%08xu," % (key, p[key]))
        out.append("            .user_persist_size = 0x%08xu,"
                   % p["persistent_size"])
        out.append("            .kernel_image = pk_image_%s_kernel_start," % n)
        out.append("            .kernel_image_end = pk_image_%s_kernel_end,"
                   % n)
        out.append("            .user_image = pk_image_%s_user_start," % n)
        out.append("            .user_image_end = pk_image_%s_user_end," % n)
        out.append("            .entry = 0x%08xu," % p["kernel_base"])
        out.append("            .tick_hz = %du," % p["tick_hz"])
        out.append("            .weight = %du," % p["weight"])
        out.append("            .warp_ns = %s," % ns(p["warp_us"]))
        out.append("            .warp_limit_ns = %s," % ns(p["warp_limit_us"]))
        out.append("            .unwarp_ns = %s," % ns(p["unwarp_us"]))
        out.append("            .priority = %du," % p["priority"])
        out.append("            .hm_action = %s," % FAULT_ACTIONS[p["on_fault"]])
        out.append("            .restart_limit = %du," % p["restart_limit"])
        out.append("            .restart_window_ns = %dull,"
                   % (p["restart_window_ms"] * 1000000))
        out.append("            .probe_pins = 0x%02xu,"
                   % sum(1 << pin for pin in set(p["probe_pins"])))
        status = {p["index"]} | {by_name[o]["index"] for o in p["status_of"]}
        out.append("            .status_of = 0x%02xu,"
                   % sum(1 << i for i in status))
        if p["hm_actions"]:
            out.append("            .hm_actions = {%s},"
                       % ", ".join("[%d] = %s" % (HM_ERRORS.index(e),
                                                  HM_PART_ACTIONS[a])
                                   for e, a in sorted(
                                       p["hm_actions"].items(),
                                       key=lambda x: HM_ERRORS.index(x[0]))))
        modes = {by_name[o]["index"] for o in p["mode_of"]}
        out.append("            .mode_of = 0x%02xu," % sum(1 << i for i in modes))
        out.append("            .hm_log = %d," % (1 if p["hm_log"] else 0))
        out.append("            .schedule_control = %d,"
                   % (1 if p["schedule_control"] else 0))
        out.append("            .tracepoints = %s," % ("1" if p["tracepoints"] else "0"))
        out.append("            .n_devices = %du," % len(p["devices"]))
        if p["devices"]:
            out.append("            .devices = {")
            for d in p["devices"]:
                dev = board["devices"][d]
                regs = dev["regs"] if dev["regs"] is not None else dev["base"]
                dma = ("&pk_dma_%s" % c_ident(d)) if dev["dma"] else "0"
                reset = ("%s_reset" % dev["reset"]) if dev.get("reset") \
                    else "0"
                out.append("                {%s, 0x%08xu, 0x%08xu, %d, "
                           "0x%08xu, %s, %s},"
                           % (c_string(d), dev["base"], dev["size"],
                              dev["irq"], regs, dma, reset))
            out.append("            },")
        out.append("        },")
    out.append("    },")
    out.append("    .n_ports = %du," % len(ports))
    out.append("    .ports = %s," % ("pk_ports" if ports else "0"))
    scheds = system.get("schedules", [])
    if len(scheds) > 1:
        out.append("    .n_schedules = %du," % len(scheds))
        out.append("    .schedules = {")
        for i, sc in enumerate(scheds):
            mine = [w for w in windows if w["schedule"] == sc["name"]]
            out.append("        [%d] = {" % i)
            out.append("            .name = %s," % c_string(sc["name"]))
            out.append("            .major_frame_ns = %s,"
                       % ns(sc["major_frame_us"]))
            out.append("            .n_windows = %du," % len(mine))
            if mine:
                out.append("            .windows = {")
                for w in mine:
                    out.append("                {%du, %s, %s}, /* %s */"
                               % (w["index"], ns(w["offset_us"]),
                                  ns(w["duration_us"]), w["partition"]))
                out.append("            },")
            out.append("        },")
        out.append("    },")
    levels = system.get("hm_levels", {})
    if levels:
        out.append("    .hm_levels = {")
        for si, st in enumerate(HM_STATES):
            row = [(HM_ERRORS.index(e), HM_LEVELS[l])
                   for (s2, e), l in levels.items() if s2 == st]
            if row:
                out.append("        [%d] = {%s}, /* %s */"
                           % (si, ", ".join("[%d] = %s" % r
                                            for r in sorted(row)), st))
        out.append("    },")
    module = system.get("hm_module", {})
    if module:
        out.append("    .hm_module_actions = {%s},"
                   % ", ".join("[%d] = %s" % (HM_ERRORS.index(e),
                                              HM_MODULE_ACTIONS[a])
                               for e, a in sorted(
                                   module.items(),
                                   key=lambda x: HM_ERRORS.index(x[0]))))
    out.append("};")
    return "\n".join(out) + "\n"


def gen_ports(out, ports):
    """The ports' buffers, state and table (pk_config.h), sized exactly."""
    out.append("/* Inter-partition ports: buffers in kernel memory, sized "
               "exactly (%d bytes;" % sum(port_memory(q) for q in ports))
    out.append(" * tools/pkconfig.py checks the total against "
               "PK_PORT_MEMORY_MAX). */")
    out.append("static struct pk_port_state pk_port_state[%d];" % len(ports))
    total = []
    for q in ports:
        i = q["index"]
        slot = (q["max_message_size"] + 3) // 4 * 4
        if q["kind"] == "sampling" and q["direction"] == "source":
            out.append("static uint8_t pk_port_buf_%d[%d] "
                       "__attribute__((aligned(8)));" % (i, slot))
            total.append("sizeof pk_port_buf_%d" % i)
        elif q["kind"] == "queuing" and q["direction"] == "destination":
            out.append("static uint8_t pk_port_buf_%d[%d] "
                       "__attribute__((aligned(8)));"
                       % (i, slot * q["max_messages"]))
            out.append("static uint32_t pk_port_lens_%d[%d];"
                       % (i, q["max_messages"]))
            total.append("sizeof pk_port_buf_%d + sizeof pk_port_lens_%d"
                         % (i, i))
        if q["dests"]:
            out.append("static const uint16_t pk_port_dests_%d[] = {%s};"
                       % (i, ", ".join("%du" % d["index"]
                                       for d in q["dests"])))
    if total:
        out.append("_Static_assert(%s <= PK_PORT_MEMORY_MAX, "
                   "\"port buffers fit the kernel's port memory\");"
                   % " + ".join(total))
    out.append("static const struct pk_port_config pk_ports[%d] = {"
               % len(ports))
    for q in ports:
        i = q["index"]
        slot = (q["max_message_size"] + 3) // 4 * 4
        has_buf = port_memory(q) != 0
        queue = q["kind"] == "queuing" and q["direction"] == "destination"
        out.append("    [%d] = { /* %s.%s */" % (i, q["partition"], q["name"]))
        out.append("        .name = %s, .partition = %du, .bit = %du,"
                   % (c_string(q["name"]), q["part_index"], q["bit"]))
        out.append("        .kind = %du, .direction = %du, .discipline = %du, "
                   ".urgent = %du," % (PORT_KINDS[q["kind"]],
                                       PORT_DIRECTIONS[q["direction"]],
                                       PORT_DISCIPLINES.get(q["discipline"],
                                                            0),
                                       1 if q["urgent"] else 0))
        out.append("        .max_message_size = %du, .max_messages = %du, "
                   ".refresh_ns = %dull," % (q["max_message_size"],
                                             q["max_messages"] or 1,
                                             (q["refresh_us"] or 0) * 1000))
        out.append("        .source = %d, .n_dests = %du, .dests = %s,"
                   % (q["source"]["index"] if q["source"] else -1,
                      len(q["dests"]),
                      ("pk_port_dests_%d" % i) if q["dests"] else "0"))
        out.append("        .buf = %s, .lens = %s, .slot_size = %du,"
                   % (("pk_port_buf_%d" % i) if has_buf else "0",
                      ("pk_port_lens_%d" % i) if queue else "0", slot))
        out.append("        .state = &pk_port_state[%d]," % i)
        out.append("    },")
    out.append("};")
    out.append("")


def c_ident(name):
    """A device name as part of a C identifier."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def dma_drivers(parts, board):
    """The drivers the kernel needs for the assigned devices, sorted: those
    of the bus masters' DMA descriptions and those that reset a device."""
    used = [board["devices"][d] for p in parts for d in p["devices"]]
    return sorted({dev["dma"]["driver"] for dev in used
                   if dev["dma"] is not None} |
                  {dev["reset"] for dev in used if dev.get("reset")})


def gen_mk(src, system, parts, board):
    """The text of system.mk."""
    out = ["# Generated by tools/pkconfig.py from %s: do not edit." % src,
           "PK_SYSTEM := %s" % system["name"],
           "PK_POLICY := %s" % system["policy"],
           "PK_PARTITIONS := %s" % " ".join(p["name"] for p in parts),
           ("PK_DMA_DRIVERS := %s"
            % " ".join(dma_drivers(parts, board))).rstrip()]
    for p in parts:
        pre = "PK_PART_%s_" % p["name"]
        out.append("")
        out.append(pre + "APP := %s" % p["app"])
        out.append(pre + "INDEX := %d" % p["index"])
        out.append(pre + "KERNEL_BASE := 0x%08x" % p["kernel_base"])
        out.append(pre + "KERNEL_SIZE := 0x%08x" % p["kernel_size"])
        out.append(pre + "USER_BASE := 0x%08x" % p["user_base"])
        out.append(pre + "USER_SIZE := 0x%08x" % p["user_size"])
        out.append(pre + "USER_PERSIST_SIZE := 0x%08x" % p["persistent_size"])
        out.append(pre + "TICK_HZ := %d" % p["tick_hz"])
        out.append((pre + "DEVICES := %s" % " ".join(p["devices"])).rstrip())
        # The partition's view of its devices: the index for
        # PK_SVC_DEV_WRITE, the register block and, when the board names
        # it, the model (PK_DEVICE_<NAME>_MODEL_<MODEL>, so that an app
        # picks the driver of the board's device of that role), as -D flags.
        defs = []
        for i, d in enumerate(p["devices"]):
            dev = board["devices"][d]
            regs = dev["regs"] if dev["regs"] is not None else dev["base"]
            up = c_ident(d).upper()
            defs.append("-DPK_DEVICE_%s_INDEX=%d" % (up, i))
            defs.append("-DPK_DEVICE_%s_REGS=0x%08xu" % (up, regs))
            if dev["model"]:
                defs.append("-DPK_DEVICE_%s_MODEL_%s=1"
                            % (up, c_ident(dev["model"]).upper()))
        out.append((pre + "DEVICE_DEFINES := %s" % " ".join(defs)).rstrip())
        # Its own ranges under a fixed name (an app used in several systems).
        own = ["-DPK_LAYOUT_SELF_%s_%s=0x%08xu" % (kind.upper(), what.upper(),
                                                   p[kind + "_" + what])
               for kind in ("kernel", "user") for what in ("base", "size")]
        out.append(pre + "SELF_DEFINES := %s" % " ".join(own))
    # The system's layout, for every partition's build: where each
    # partition's ranges and the kernel's lie (tests that attack a
    # neighbour, tools that read one; the layout is no secret).
    lay = ["-DPK_LAYOUT_KERNEL_BASE=0x%08xu" % board["kernel_base"],
           "-DPK_LAYOUT_KERNEL_SIZE=0x%08xu" % board["kernel_size"],
           "-DPK_LAYOUT_RAM_BASE=0x%08xu" % board["ram_base"],
           "-DPK_LAYOUT_RAM_SIZE=0x%08xu" % board["ram_size"],
           "-DPK_LAYOUT_RAM_END=0x%08xu" % (board["ram_base"] +
                                             board["ram_size"] - 1)]
    if board["address_spaces"] == "asid":
        lay.append("-DPK_LAYOUT_ASID")
    for name in sorted(board["devices"]):
        dev = board["devices"][name]
        regs = dev["regs"] if dev["regs"] is not None else dev["base"]
        lay.append("-DPK_LAYOUT_DEV_%s=0x%08xu" % (c_ident(name).upper(), regs))
    for kd in board["kernel_devices"]:
        up = c_ident(kd["name"]).upper()
        lay.append("-DPK_LAYOUT_KDEV_%s=0x%08xu" % (up, kd["regs"]))
        if kd.get("alias") is not None:
            lay.append("-DPK_LAYOUT_KDEV_%s_ALIAS=0x%08xu" % (up, kd["alias"]))
    for p in parts:
        up = c_ident(p["name"]).upper()
        for kind in ("kernel", "user"):
            lay.append("-DPK_LAYOUT_%s_%s_BASE=0x%08xu"
                       % (up, kind.upper(), p[kind + "_base"]))
            lay.append("-DPK_LAYOUT_%s_%s_SIZE=0x%08xu"
                       % (up, kind.upper(), p[kind + "_size"]))
    out.append("")
    out.append("PK_LAYOUT_DEFINES := %s" % " ".join(lay))
    return "\n".join(out) + "\n"


def write_if_changed(path, text):
    """Write text unless the file already holds it (keeps make quiet)."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    ap = argparse.ArgumentParser(
        prog="pkconfig.py",
        description="Check a partitioned system configuration and generate "
                    "its C table and make variables.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    for cmd in ("check", "gen"):
        sp = sub.add_parser(cmd)
        sp.add_argument("system", help="apps/systems/<name>/system.toml")
        sp.add_argument("--board", default=DEFAULT_BOARD,
                        help="board description (default: %(default)s)")
        sp.add_argument("--apps-dir", default=DEFAULT_APPS,
                        help="folder holding the apps (default: "
                             "%(default)s)")
        sp.add_argument("--address-spaces", default=None,
                        help="the model the kernel is built with (board.mk "
                             "BOARD_PK_SPACE): must be the board's "
                             "address_spaces")
        if cmd == "gen":
            sp.add_argument("--out", required=True,
                            help="output folder for pk_system_config.c and "
                                 "system.mk")
    args = ap.parse_args(argv)

    try:
        board = load_board(args.board)
        if args.address_spaces is not None and \
                args.address_spaces != board["address_spaces"]:
            raise ConfigError(['%s: [board]: address_spaces "%s", but the kernel '
                               'is built with BOARD_PK_SPACE %s (board.mk): '
                               'make them agree' % (args.board,
                                                    board["address_spaces"],
                                                    args.address_spaces)])
        system, parts, windows, warnings = check_system(
            args.system, board, args.apps_dir)
    except ConfigError as e:
        for line in e.lines:
            print(line, file=sys.stderr)
        return 2
    for w in warnings:
        print(w, file=sys.stderr)

    if args.cmd == "check":
        print("%s: ok: system \"%s\", policy %s, %d partitions (%s)"
              % (args.system, system["name"], system["policy"], len(parts),
                 " ".join(p["name"] for p in parts)))
        return 0

    try:
        os.makedirs(args.out, exist_ok=True)
        write_if_changed(os.path.join(args.out, "pk_system_config.c"),
                         gen_c(args.system, system, parts, windows, board))
        write_if_changed(os.path.join(args.out, "system.mk"),
                         gen_mk(args.system, system, parts, board))
    except OSError as e:
        print("%s: cannot write: %s" % (args.out, e.strerror or e),
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
