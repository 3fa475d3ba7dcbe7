"""A model of a run built from decoded records: who ran on the CPU when.

The kernel's partition switches say which partition holds the CPU; each
guest's task switches say which of its tasks is current. A task executes
only while both hold, so the CPU timeline is their combination. A trace with
no partition switch is a native system: the tick core's tasks (any source)
own the CPU directly.
"""

from . import records as R


class Thread:
    """A schedulable entity on the CPU timeline."""

    __slots__ = ("source", "task", "name", "prio")

    def __init__(self, source, task, name, prio):
        self.source = source  # partition source id (0 = kernel/native)
        self.task = task      # task id, or None for the guest kernel
        self.name = name      # display name, e.g. "media/media"
        self.prio = prio      # priority (0 when unknown)

    @property
    def tid(self):
        """A system-wide thread id: unique over sources and tasks."""
        if self.task is None:
            return self.source * 1000
        return self.source * 1000 + self.task + 1


class Segment:
    """One stretch of CPU time given to one thread (None = kernel/idle)."""

    __slots__ = ("start", "end", "thread", "leave_state")

    def __init__(self, start, end, thread, leave_state):
        self.start = start
        self.end = end
        self.thread = thread
        self.leave_state = leave_state  # the thread's state when it left


class Model:
    def __init__(self, recs, partition_names=None, tp_names=None):
        self.records = recs
        self.partition_names = dict(partition_names or {})
        # (source, address) -> name of a tracepoint (symbol+offset)
        self.tp_names = dict(tp_names or {})
        self.task_names = {}   # (source, task) -> name
        self.task_prios = {}   # (source, task) -> prio
        self.sources = sorted({r.source for r in recs} | {0})
        for r in recs:
            if r.type == R.TASK_NAME:
                self.task_names[(r.source, r.a0)] = r.name
            elif r.type == R.TASK_CREATE:
                self.task_prios[(r.source, r.a0)] = r.a1
            elif r.type == R.TASK_SWITCH:
                self.task_prios.setdefault((r.source, r.a0), r.a1)
        self.partitioned = any(r.type == R.PART_SWITCH for r in recs)
        self.start = recs[0].time if recs else 0
        self.end = recs[-1].time if recs else 0
        self.threads = {}
        self.segments = self._timeline()

    def source_name(self, source):
        if source in self.partition_names:
            return self.partition_names[source]
        return "kernel" if source == 0 else "P%d" % source

    def thread(self, source, task):
        key = (source, task)
        th = self.threads.get(key)
        if th is None:
            if task is None:
                name = "%s/kernel" % self.source_name(source)
            else:
                tname = self.task_names.get(key, "task%d" % task)
                name = ("%s/%s" % (self.source_name(source), tname)
                        if self.partitioned or source != 0 else tname)
            th = Thread(source, task, name, self.task_prios.get(key, 0))
            self.threads[key] = th
        return th

    def _timeline(self):
        """Sweep the records and cut the CPU time into Segments.

        Invariant: segments are contiguous (one's end is the next's start)
        and cover [start, end]; thread None means no partition's code runs
        (the kernel or idle)."""
        running_source = None   # partition on the CPU (partitioned only)
        current = {}            # source -> current task id (or None)
        segments = []
        occupant = None
        since = self.start
        for r in self.records:
            leave_state = R.STATE_READY
            if r.type == R.PART_SWITCH and r.source == 0:
                running_source = r.a0 if r.a0 != 0 else None
            elif r.type == R.TASK_SWITCH:
                current[r.source] = None if r.a0 == R.NO_TASK else r.a0
                leave_state = (r.a2 >> 8) & 0xFF
                if not self.partitioned:
                    running_source = r.source
            else:
                continue
            if running_source is None:
                new = None
            else:
                new = self.thread(running_source,
                                  current.get(running_source))
            if new is not occupant:
                segments.append(Segment(since, r.time, occupant,
                                        leave_state))
                occupant = new
                since = r.time
        segments.append(Segment(since, self.end, occupant, R.STATE_READY))
        return segments
