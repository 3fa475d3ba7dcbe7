"""CTF 1.8 trace directory: `metadata` (TSDL text) and one binary stream.

The CPU timeline becomes LTTng-style `sched_switch` events and task releases
`sched_wakeup` events, with LTTng's field names and the environment of an
LTTng kernel trace (domain "kernel"), so Trace Compass's scheduler views
(Control Flow, Resources) work on it unchanged. Every other record becomes
an event of its own with its fields (names in docs/trace-format.md).
Thread ids are the ones of model.Thread.tid; tid 0 ("swapper/0") is the
CPU while no partition code runs.
"""

import os
import struct

from . import records as R

CTF_MAGIC = 0xC1FC1FC1
U64_MAX = (1 << 64) - 1

# LTTng's prev_state values for our previous-task states.
LINUX_STATE = {R.STATE_READY: 0, R.STATE_BLOCKED: 1, R.STATE_SUSPENDED: 4,
               R.STATE_DELETED: 64}

COMM = "integer { size = 8; align = 8; signed = 0; encoding = UTF8; " \
       "base = 10; }"

# (id, name, [(field, ctf type, struct format)])
EVENTS = [
    (0, "sched_switch", [("prev_comm", "comm", "16s"),
                         ("prev_tid", "int32_t", "i"),
                         ("prev_prio", "int32_t", "i"),
                         ("prev_state", "int64_t", "q"),
                         ("next_comm", "comm", "16s"),
                         ("next_tid", "int32_t", "i"),
                         ("next_prio", "int32_t", "i")]),
    (1, "sched_wakeup", [("comm", "comm", "16s"), ("tid", "int32_t", "i"),
                         ("prio", "int32_t", "i"),
                         ("target_cpu", "int32_t", "i")]),
    (2, "pk_partition_switch", [("prev_partition", "uint8_t", "B"),
                                ("next_partition", "uint8_t", "B")]),
    (3, "pk_vit_set", [("partition", "uint8_t", "B"),
                       ("expiry", "uint64_t", "Q")]),
    (4, "pk_vit_expire", [("partition", "uint8_t", "B")]),
    (5, "pk_warp", [("partition", "uint8_t", "B")]),
    (6, "pk_unwarp", [("partition", "uint8_t", "B"),
                      ("reason", "uint8_t", "B")]),
    (7, "pk_service_call", [("partition", "uint8_t", "B"),
                            ("number", "uint8_t", "B"),
                            ("arg", "uint32_t", "I")]),
    (8, "pk_virq", [("partition", "uint8_t", "B"),
                    ("kind", "uint8_t", "B")]),
    (9, "pk_hm_event", [("partition", "uint8_t", "B"),
                        ("kind", "uint8_t", "B"),
                        ("addr", "uint32_hex_t", "I")]),
    (10, "os_task_delay", [("source", "uint8_t", "B"),
                           ("tid", "int32_t", "i"),
                           ("ticks", "uint32_t", "I")]),
    (11, "os_task_block", [("source", "uint8_t", "B"),
                           ("tid", "int32_t", "i"),
                           ("object", "uint32_hex_t", "I")]),
    (12, "os_task_create", [("source", "uint8_t", "B"),
                            ("tid", "int32_t", "i"),
                            ("prio", "int32_t", "i"),
                            ("name", "comm", "16s")]),
    (13, "os_sem_give", [("source", "uint8_t", "B"), ("tid", "int32_t", "i"),
                         ("count", "uint8_t", "B"),
                         ("object", "uint32_hex_t", "I")]),
    (14, "os_sem_take", [("source", "uint8_t", "B"), ("tid", "int32_t", "i"),
                         ("count", "uint8_t", "B"),
                         ("object", "uint32_hex_t", "I")]),
    (15, "os_queue_send", [("source", "uint8_t", "B"),
                           ("tid", "int32_t", "i"),
                           ("length", "uint8_t", "B"),
                           ("queue", "uint32_hex_t", "I")]),
    (16, "os_queue_receive", [("source", "uint8_t", "B"),
                              ("tid", "int32_t", "i"),
                              ("length", "uint8_t", "B"),
                              ("queue", "uint32_hex_t", "I")]),
    (17, "probe_pin", [("source", "uint8_t", "B"), ("pin", "uint8_t", "B"),
                       ("level", "uint8_t", "B")]),
    (18, "trace_overflow", [("source", "uint8_t", "B"),
                            ("lost", "uint32_t", "I")]),
    (19, "os_mutex_lock", [("source", "uint8_t", "B"),
                           ("tid", "int32_t", "i"),
                           ("object", "uint32_hex_t", "I")]),
    (20, "os_mutex_unlock", [("source", "uint8_t", "B"),
                             ("tid", "int32_t", "i"),
                             ("object", "uint32_hex_t", "I")]),
    (21, "pk_tracepoint", [("partition", "uint8_t", "B"),
                           ("tid", "int32_t", "i"),
                           ("addr", "uint32_hex_t", "I")]),
    (22, "pk_tracepoint_reg", [("partition", "uint8_t", "B"),
                               ("reg", "uint8_t", "B"),
                               ("value", "uint32_hex_t", "I")]),
]
EVENT_BY_NAME = {name: (eid, fields) for eid, name, fields in EVENTS}

METADATA_HEAD = """/* CTF 1.8 */

typealias integer { size = 8; align = 8; signed = false; } := uint8_t;
typealias integer { size = 32; align = 8; signed = false; } := uint32_t;
typealias integer { size = 32; align = 8; signed = false; base = 16; } := uint32_hex_t;
typealias integer { size = 64; align = 8; signed = false; } := uint64_t;
typealias integer { size = 32; align = 8; signed = true; } := int32_t;
typealias integer { size = 64; align = 8; signed = true; } := int64_t;

trace {
    major = 1;
    minor = 8;
    byte_order = le;
    packet.header := struct {
        uint32_t magic;
        uint32_t stream_id;
    };
};

env {
    hostname = "%(host)s";
    domain = "kernel";
    sysname = "pk";
    tracer_name = "lttng-modules";
    tracer_major = 2;
    tracer_minor = 12;
};

clock {
    name = "monotonic";
    description = "global clock of the system, ns since boot";
    freq = 1000000000;
    precision = 1;
    offset_s = 0;
    offset = 0;
    absolute = false;
};

typealias integer {
    size = 64; align = 8; signed = false;
    map = clock.monotonic.value;
} := uint64_clock_monotonic_t;

stream {
    id = 0;
    packet.context := struct {
        uint64_clock_monotonic_t timestamp_begin;
        uint64_clock_monotonic_t timestamp_end;
        uint64_t content_size;
        uint64_t packet_size;
        uint64_t events_discarded;
        uint32_t cpu_id;
    };
    event.header := struct {
        uint32_t id;
        uint64_clock_monotonic_t timestamp;
    };
};
"""

PACKET_HEADER = struct.Struct("<II")
PACKET_CONTEXT = struct.Struct("<QQQQQI")
EVENT_HEADER = struct.Struct("<IQ")


def metadata(host):
    out = [METADATA_HEAD % {"host": host}]
    for eid, name, fields in EVENTS:
        out.append("event {\n    name = \"%s\";\n    id = %d;\n"
                   "    stream_id = 0;\n    fields := struct {\n" %
                   (name, eid))
        for fname, ftype, _ in fields:
            if ftype == "comm":
                out.append("        %s _%s[16];\n" % (COMM, fname))
            else:
                out.append("        %s _%s;\n" % (ftype, fname))
        out.append("    };\n};\n\n")
    return "".join(out)


def _comm(name):
    return name.encode("utf-8")[:15]


def events(model):
    """The list of (time, event name, field values) in time order."""
    out = []
    segs = model.segments
    for prev, nxt in zip(segs, segs[1:]):
        p, n = prev.thread, nxt.thread
        out.append((nxt.start, "sched_switch", [
            _comm(p.name if p else "swapper/0"), p.tid if p else 0,
            p.prio if p else 20, LINUX_STATE.get(prev.leave_state, 0),
            _comm(n.name if n else "swapper/0"), n.tid if n else 0,
            n.prio if n else 20]))
    names = {}
    for r in model.records:
        if r.type == R.TASK_NAME:
            names[(r.source, r.a0)] = r.name
    for r in model.records:
        t = r.type
        tid = None
        if t in (R.TASK_READY, R.TASK_DELAY, R.TASK_BLOCK, R.TASK_CREATE,
                 R.SEM_GIVE, R.SEM_TAKE, R.QUEUE_SEND, R.QUEUE_RECV,
                 R.MUTEX_LOCK, R.MUTEX_UNLOCK):
            th = model.thread(r.source, r.a0)
            tid = th.tid
        if t == R.TASK_READY:
            e = ("sched_wakeup", [_comm(th.name), tid, th.prio, 0])
        elif t == R.PART_SWITCH:
            e = ("pk_partition_switch", [r.a1, r.a0])
        elif t == R.VIT_SET:
            # The expiry is a 64-bit field: saturate like the firmware.
            e = ("pk_vit_set", [r.a0, min(r.time + r.a2, U64_MAX)])
        elif t == R.VIT_EXPIRE:
            e = ("pk_vit_expire", [r.a0])
        elif t == R.WARP:
            e = ("pk_warp", [r.a0])
        elif t == R.UNWARP:
            e = ("pk_unwarp", [r.a0, r.a1])
        elif t == R.SVC:
            e = ("pk_service_call", [r.a0, r.a1, r.a2])
        elif t == R.VIRQ:
            e = ("pk_virq", [r.a0, r.a1])
        elif t == R.HM:
            e = ("pk_hm_event", [r.a0, r.a1, r.a2])
        elif t == R.TASK_DELAY:
            e = ("os_task_delay", [r.source, tid, r.a2])
        elif t == R.TASK_BLOCK:
            e = ("os_task_block", [r.source, tid, r.a2])
        elif t == R.TASK_CREATE:
            name = names.get((r.source, r.a0), "")
            e = ("os_task_create", [r.source, tid, r.a1,
                                    name.encode("utf-8")])
        elif t in (R.SEM_GIVE, R.SEM_TAKE, R.QUEUE_SEND, R.QUEUE_RECV):
            e = ({R.SEM_GIVE: "os_sem_give", R.SEM_TAKE: "os_sem_take",
                  R.QUEUE_SEND: "os_queue_send",
                  R.QUEUE_RECV: "os_queue_receive"}[t],
                 [r.source, tid, r.a1, r.a2])
        elif t in (R.MUTEX_LOCK, R.MUTEX_UNLOCK):
            e = ("os_mutex_lock" if t == R.MUTEX_LOCK else "os_mutex_unlock",
                 [r.source, tid, r.a2])
        elif t == R.PROBE:
            e = ("probe_pin", [r.source, r.a0, r.a1])
        elif t == R.OVERFLOW:
            e = ("trace_overflow", [r.source, r.a2])
        elif t == R.TP_HIT:
            e = ("pk_tracepoint", [r.a0, model.thread(r.a0, r.a1).tid
                                   if r.a1 != R.NO_TASK else r.a0 * 1000,
                                   r.a2])
        elif t == R.TP_REG:
            e = ("pk_tracepoint_reg", [r.a0, r.a1, r.a2])
        else:
            # Task switches are in sched_switch; names in os_task_create;
            # unknown types have no schema and are left out.
            continue
        out.append((r.time, e[0], e[1]))
    out.sort(key=lambda e: e[0])
    return out


def write(model, directory, host="pk"):
    """Write the CTF directory; returns the number of events written."""
    evs = events(model)
    body = bytearray()
    for time, name, values in evs:
        eid, fields = EVENT_BY_NAME[name]
        fmt = "<" + "".join(f[2] for f in fields)
        body += EVENT_HEADER.pack(eid, time)
        body += struct.pack(fmt, *values)
    size_bits = (PACKET_HEADER.size + PACKET_CONTEXT.size + len(body)) * 8
    begin = evs[0][0] if evs else 0
    end = evs[-1][0] if evs else 0
    lost = sum(r.a2 for r in model.records if r.type == R.OVERFLOW)
    packet = (PACKET_HEADER.pack(CTF_MAGIC, 0) +
              PACKET_CONTEXT.pack(begin, end, size_bits, size_bits, lost, 0) +
              bytes(body))
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "metadata"), "w",
              encoding="utf-8") as f:
        f.write(metadata(host))
    with open(os.path.join(directory, "stream_0"), "wb") as f:
        f.write(packet)
    return len(evs)
