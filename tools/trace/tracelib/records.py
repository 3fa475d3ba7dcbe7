"""Trace records and frame extraction from a console log.

The wire format is specified in docs/trace-format.md and implemented on the
target by rtos/trace/trace.c. A frame line is

    @TRC <source> <seq> <hex payload: 1..4 records of 16 bytes> <crc32>

anywhere in a console line (partition output carries a label in front). The
CRC-32 (zlib's) covers "<source> <seq> <hex>" exactly as sent.
"""

import re
import struct
import zlib

RECORD_BYTES = 16
FRAME_MAX_RECORDS = 4

# Event types (enum trace_type in rtos/trace/trace.h).
OVERFLOW = 0x01
TASK_NAME = 0x02
PART_SWITCH = 0x10
VIT_SET = 0x11
VIT_EXPIRE = 0x12
WARP = 0x13
UNWARP = 0x14
SVC = 0x20
VIRQ = 0x30
HM = 0x40
TASK_SWITCH = 0x50
TASK_READY = 0x51
TASK_DELAY = 0x52
TASK_BLOCK = 0x53
TASK_CREATE = 0x54
SEM_GIVE = 0x60
SEM_TAKE = 0x61
QUEUE_SEND = 0x62
QUEUE_RECV = 0x63
MUTEX_LOCK = 0x64
MUTEX_UNLOCK = 0x65
PROBE = 0x70
TP_HIT = 0x71
TP_REG = 0x72

TYPE_NAMES = {
    OVERFLOW: "overflow",
    TASK_NAME: "task_name",
    PART_SWITCH: "part_switch",
    VIT_SET: "vit_set",
    VIT_EXPIRE: "vit_expire",
    WARP: "warp",
    UNWARP: "unwarp",
    SVC: "svc",
    VIRQ: "virq",
    HM: "hm",
    TASK_SWITCH: "task_switch",
    TASK_READY: "task_ready",
    TASK_DELAY: "task_delay",
    TASK_BLOCK: "task_block",
    TASK_CREATE: "task_create",
    SEM_GIVE: "sem_give",
    SEM_TAKE: "sem_take",
    QUEUE_SEND: "queue_send",
    QUEUE_RECV: "queue_recv",
    MUTEX_LOCK: "mutex_lock",
    MUTEX_UNLOCK: "mutex_unlock",
    PROBE: "probe",
    TP_HIT: "tp_hit",
    TP_REG: "tp_reg",
}

# The kernel's source id, and the record types only the kernel makes: a
# partition's frames carrying one of them are refused (docs/trace-format.md).
KERNEL_SOURCE = 0
KERNEL_ONLY_TYPES = {PART_SWITCH, VIT_SET, VIT_EXPIRE, WARP, UNWARP, SVC,
                     VIRQ, HM, TP_HIT, TP_REG}

# Previous-task states of a task switch (enum trace_task_state).
STATE_READY, STATE_BLOCKED, STATE_SUSPENDED, STATE_DELETED = 0, 1, 2, 3
NO_TASK = 0xFF

# Largest source id and sequence number of a frame: a record's source is
# one byte, the sequence counter 32 bits (docs/trace-format.md).
SOURCE_MAX = 0xFF
SEQ_MAX = 0xFFFFFFFF

FRAME_RE = re.compile(
    r"@TRC (\d{1,3}) (\d{1,10}) ([0-9a-f]+) ([0-9a-f]{8})\s*$")


class TraceError(Exception):
    """Bad input: reported as one line, exit status non-zero."""


class Record:
    """One decoded record. For task-name records `name` is set and `time`
    is the time of the task-create record it follows."""

    __slots__ = ("time", "type", "source", "a0", "a1", "a2", "name", "line")

    def __init__(self, time, type_, source, a0, a1, a2, line=0):
        self.time = time
        self.type = type_
        self.source = source
        self.a0 = a0
        self.a1 = a1
        self.a2 = a2
        self.name = None
        self.line = line

    @property
    def type_name(self):
        return TYPE_NAMES.get(self.type, "type_0x%02x" % self.type)

    def describe(self):
        text = "%15d ns  src %-3d %-12s a0=%-3d a1=%-3d a2=0x%08x" % (
            self.time, self.source, self.type_name, self.a0, self.a1,
            self.a2)
        if self.name is not None:
            text += "  name=%r" % self.name
        return text


def decode_record(raw, line=0):
    """Decode 16 little-endian bytes into a Record."""
    if len(raw) != RECORD_BYTES:
        raise TraceError("record of %d bytes (want 16)" % len(raw))
    time, type_, source, a0, a1, a2 = struct.unpack("<QBBBBI", raw)
    rec = Record(time, type_, source, a0, a1, a2, line)
    if type_ == TASK_NAME:
        rec.name = raw[:8].split(b"\0", 1)[0].decode("ascii", "replace")
    return rec


def encode_record(rec):
    """Encode a Record to its 16 wire bytes (used by tests)."""
    return struct.pack("<QBBBBI", rec.time, rec.type, rec.source, rec.a0,
                       rec.a1, rec.a2)


def frame_line(source, seq, records):
    """Build the text of one frame (no newline) from Record objects."""
    body = "%d %d %s" % (source, seq,
                         b"".join(encode_record(r) for r in records).hex())
    return "@TRC %s %08x" % (body, zlib.crc32(body.encode("ascii")))


class Extraction:
    """What extract() found: records in time order plus problem reports."""

    def __init__(self):
        self.records = []       # all records, sorted by time (stable)
        self.frames = 0         # good frames
        self.corrupt = []       # (line number, reason)
        self.missing = []       # (source, first missing seq, count)
        self.duplicates = 0     # frames seen twice (same source and seq)
        self.restarts = []      # (source, line): the source began again
        self.lost_records = {}  # source -> records lost in overflow
        self.sources = set()

    def problems(self):
        """Human-readable lines describing every loss or corruption."""
        out = []
        for line, why in self.corrupt:
            out.append("line %d: corrupt frame (%s)" % (line, why))
        for source, first, count in self.missing:
            out.append("source %d: %d frame(s) missing from seq %d" %
                       (source, count, first))
        for source, line in self.restarts:
            out.append("line %d: source %d restarted its trace (seq 0 "
                       "again)" % (line, source))
        if self.duplicates:
            out.append("%d duplicate frame(s) ignored" % self.duplicates)
        for source in sorted(self.lost_records):
            out.append("source %d: %d record(s) lost in buffer overflow" %
                       (source, self.lost_records[source]))
        return out


def payload_problem(payload):
    """Why a frame's hex payload is not 1..4 whole records, or None."""
    digits = 2 * RECORD_BYTES
    if len(payload) % 2:
        return "payload of %d hex digits: an odd count" % len(payload)
    if len(payload) % digits:
        return ("payload of %d hex digits: a truncated record (%d bytes "
                "after %d whole records)" % (len(payload),
                                            len(payload) % digits // 2,
                                            len(payload) // digits))
    count = len(payload) // digits
    if not 0 < count <= FRAME_MAX_RECORDS:
        return "payload of %d records (1 to %d in a frame)" % (
            count, FRAME_MAX_RECORDS)
    return None


def extract(text):
    """Extract and check every frame of a console log (a str)."""
    ex = Extraction()
    next_seq = {}
    seen = {}  # source -> sequence numbers seen since its (re)start
    for lineno, line in enumerate(text.splitlines(), 1):
        pos = line.find("@TRC")
        if pos < 0:
            continue
        if pos != 0:
            # Frames are written by the kernel at the start of a line;
            # a partition's console lines start with "[name] ", so text
            # that a partition prints can never pass for a frame.
            ex.corrupt.append((lineno, "frame not at the start of a line"))
            continue
        m = FRAME_RE.match(line[pos:])
        if m is None:
            ex.corrupt.append((lineno, "unreadable frame syntax"))
            continue
        body = line[pos + 5:pos + 5 + len(" ".join(m.group(1, 2, 3)))]
        if zlib.crc32(body.encode("ascii")) != int(m.group(4), 16):
            ex.corrupt.append((lineno, "checksum mismatch"))
            continue
        payload = m.group(3)
        why = payload_problem(payload)
        if why is not None:
            ex.corrupt.append((lineno, why))
            continue
        source, seq = int(m.group(1)), int(m.group(2))
        if source > SOURCE_MAX or seq > SEQ_MAX:
            ex.corrupt.append((lineno, "source %d or sequence number %d out "
                               "of range" % (source, seq)))
            continue
        raw = bytes.fromhex(payload)
        recs = [decode_record(raw[i:i + RECORD_BYTES], lineno)
                for i in range(0, len(raw), RECORD_BYTES)]
        bad = [r for r in recs if r.type not in TYPE_NAMES]
        if bad:
            # A checksum that matches over an unknown type: a firmware
            # newer than this tool, or a corruption the CRC missed. The
            # whole frame is suspect.
            ex.corrupt.append((lineno, "unknown record type 0x%02x" %
                               bad[0].type))
            continue
        if source != KERNEL_SOURCE:
            # A partition's buffer is written by the partition: records
            # only the kernel makes are forgeries, and every record belongs
            # to the frame's source, which the kernel set when it drained.
            forged = [r for r in recs if r.type in KERNEL_ONLY_TYPES]
            if forged:
                ex.corrupt.append((lineno, "kernel-only record %s from "
                                   "source %d" % (forged[0].type_name,
                                                  source)))
                continue
            for r in recs:
                r.source = source
        if seq == 0 and seq in seen.get(source, ()):
            # A partition restarted (cold start re-initialises its buffer):
            # a new numbering begins, not a duplicate.
            ex.restarts.append((source, lineno))
            seen[source] = set()
            next_seq[source] = 0
        if seq in seen.setdefault(source, set()):
            ex.duplicates += 1
            continue
        seen[source].add(seq)
        expected = next_seq.get(source, 0)
        if seq > expected:
            ex.missing.append((source, expected, seq - expected))
        next_seq[source] = max(expected, seq + 1)
        ex.frames += 1
        ex.sources.add(source)
        for rec in recs:
            if rec.source != source:
                ex.corrupt.append((lineno, "record of source %d in a frame "
                                   "of source %d" % (rec.source, source)))
                continue
            if rec.type == OVERFLOW:
                ex.lost_records[source] = (ex.lost_records.get(source, 0) +
                                           rec.a2)
            ex.records.append(rec)
    # Name records carry characters, not a time: give them the time of the
    # create record they follow (same source, same task).
    last_create = {}
    for rec in ex.records:
        if rec.type == TASK_CREATE:
            last_create[(rec.source, rec.a0)] = rec.time
        elif rec.type == TASK_NAME:
            rec.time = last_create.get((rec.source, rec.a0), 0)
    ex.records.sort(key=lambda r: r.time)
    return ex
