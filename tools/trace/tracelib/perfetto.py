"""Chrome JSON trace event format (opened by Perfetto UI, chrome://tracing).

Mapping (docs/trace-format.md): a source (kernel or partition) is a process,
pid = source + 1; a task is a thread, tid = source * 1000 + task + 1; the
partition's own thread (tid = source * 1000 + 999, named "windows", or
"kernel" in the kernel process) shows its CPU windows and carries the
process-wide events. Execution slices are B/E pairs,
kernel events (VIT, warp, faults, service calls, virtual interrupts,
overflow) are instant events, queue lengths and semaphore counts are counter
events, names are metadata events. Times are microseconds (floats with ns
precision).
"""

import json

from . import records as R


def pid_of(source):
    return source + 1


def _us(ns):
    return ns / 1000.0


def _window_tid(source):
    # Task tids of a source are source * 1000 + 1 .. + 256, so + 999 is free.
    return source * 1000 + 999


INSTANTS = {
    R.VIT_SET: "vit_set",
    R.VIT_EXPIRE: "vit_expire",
    R.WARP: "warp",
    R.UNWARP: "unwarp",
    R.SVC: "svc",
    R.VIRQ: "virq",
    R.HM: "hm_fault",
    R.OVERFLOW: "trace_overflow",
    R.TASK_READY: "ready",
    R.TASK_DELAY: "delay",
    R.TASK_BLOCK: "block",
    R.PROBE: "probe",
    R.MUTEX_LOCK: "mutex_lock",
    R.MUTEX_UNLOCK: "mutex_unlock",
}


def _instant_args(r):
    if r.type == R.VIT_SET:
        return {"partition": r.a0, "expiry_ns": r.time + r.a2}
    if r.type in (R.VIT_EXPIRE, R.WARP):
        return {"partition": r.a0}
    if r.type == R.UNWARP:
        return {"partition": r.a0, "reason": "limit" if r.a1 else "blocked"}
    if r.type == R.SVC:
        return {"partition": r.a0, "number": r.a1, "arg": r.a2}
    if r.type == R.VIRQ:
        return {"partition": r.a0, "kind": r.a1}
    if r.type == R.HM:
        return {"partition": r.a0, "kind": r.a1, "addr": "0x%08x" % r.a2}
    if r.type == R.OVERFLOW:
        return {"lost": r.a2}
    if r.type == R.TASK_DELAY:
        return {"task": r.a0, "ticks": r.a2}
    if r.type in (R.TASK_BLOCK, R.MUTEX_LOCK, R.MUTEX_UNLOCK):
        return {"task": r.a0, "object": "0x%08x" % r.a2}
    if r.type == R.PROBE:
        return {"pin": r.a0, "level": r.a1}
    return {"task": r.a0}


def build(model):
    """Return the trace as a dict ready for json.dump."""
    ev = []
    names = set()

    def meta_process(source):
        if ("p", source) not in names:
            names.add(("p", source))
            ev.append({"name": "process_name", "ph": "M",
                       "pid": pid_of(source), "tid": _window_tid(source),
                       "args": {"name": model.source_name(source)}})
            ev.append({"name": "process_sort_index", "ph": "M",
                       "pid": pid_of(source), "tid": _window_tid(source),
                       "args": {"sort_index": source}})

    def meta_thread(source, tid, name):
        meta_process(source)
        if ("t", tid) not in names:
            names.add(("t", tid))
            ev.append({"name": "thread_name", "ph": "M",
                       "pid": pid_of(source), "tid": tid,
                       "args": {"name": name}})

    for source in model.sources:
        meta_thread(source, _window_tid(source),
                    "kernel" if source == 0 else "windows")

    # Execution: a slice per CPU segment on the task's thread, plus (when
    # partitioned) one per partition window on the partition's own thread.
    window = None
    for seg in model.segments:
        th = seg.thread
        if seg.end <= seg.start:
            continue
        if th is not None:
            meta_thread(th.source, th.tid, th.name)
            ev.append({"name": th.name.split("/")[-1], "cat": "task",
                       "ph": "B", "ts": _us(seg.start),
                       "pid": pid_of(th.source), "tid": th.tid,
                       "args": {"prio": th.prio}})
            ev.append({"ph": "E", "ts": _us(seg.end),
                       "pid": pid_of(th.source), "tid": th.tid})
        src = th.source if (th is not None and model.partitioned) else None
        if window is not None and (src != window[0]):
            ev.append({"ph": "E", "ts": _us(seg.start),
                       "pid": pid_of(window[0]),
                       "tid": _window_tid(window[0])})
            window = None
        if src is not None and window is None:
            window = (src, seg.start)
            ev.append({"name": "window", "cat": "partition", "ph": "B",
                       "ts": _us(seg.start), "pid": pid_of(src),
                       "tid": _window_tid(src)})
    if window is not None:
        ev.append({"ph": "E", "ts": _us(model.end), "pid": pid_of(window[0]),
                   "tid": _window_tid(window[0])})

    # A tracepoint hit: an instant on the thread of the partition's task
    # that hit it, with the registers of its tp_reg records as arguments.
    last_hit = None
    for r in model.records:
        if r.type == R.TP_HIT:
            th = model.thread(r.a0, r.a1) if r.a1 != R.NO_TASK else None
            tid = th.tid if th is not None else r.a0 * 1000
            if th is not None:
                meta_thread(r.a0, th.tid, th.name)
            else:
                meta_process(r.a0)
            name = model.tp_names.get((r.a0, r.a2), "0x%08x" % r.a2)
            last_hit = {"name": "tp " + name, "cat": "tracepoint", "ph": "i",
                        "s": "t", "ts": _us(r.time), "pid": pid_of(r.a0),
                        "tid": tid, "args": {"addr": "0x%08x" % r.a2,
                                             "task": r.a1}}
            ev.append(last_hit)
            continue
        if r.type == R.TP_REG:
            if last_hit is not None:
                last_hit["args"]["r%d" % r.a1] = "0x%08x" % r.a2
            continue
        if r.type in INSTANTS:
            if r.type in (R.TASK_READY, R.TASK_DELAY, R.TASK_BLOCK,
                          R.MUTEX_LOCK, R.MUTEX_UNLOCK):
                th = model.thread(r.source, r.a0)
                meta_thread(r.source, th.tid, th.name)
                pid, tid, scope = pid_of(r.source), th.tid, "t"
            else:
                pid, tid = pid_of(r.source), _window_tid(r.source)
                scope = "g" if r.type == R.OVERFLOW else "p"
            ev.append({"name": INSTANTS[r.type], "cat": r.type_name,
                       "ph": "i", "s": scope, "ts": _us(r.time),
                       "pid": pid, "tid": tid, "args": _instant_args(r)})
        elif r.type in (R.QUEUE_SEND, R.QUEUE_RECV, R.SEM_GIVE, R.SEM_TAKE):
            kind = "queue" if r.type in (R.QUEUE_SEND, R.QUEUE_RECV) else "sem"
            key = "length" if kind == "queue" else "count"
            ev.append({"name": "%s 0x%08x" % (kind, r.a2), "ph": "C",
                       "ts": _us(r.time), "pid": pid_of(r.source),
                       "tid": _window_tid(r.source), "args": {key: r.a1}})
        elif r.type == R.PART_SWITCH:
            ev.append({"name": "part_switch", "cat": "part_switch",
                       "ph": "i", "s": "p", "ts": _us(r.time),
                       "pid": pid_of(0), "tid": _window_tid(0),
                       "args": {"from": r.a1, "to": r.a0}})
    return {"traceEvents": ev, "displayTimeUnit": "ns",
            "otherData": {"clock": "global, ns since boot"}}


def write(model, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(build(model), f, indent=0)
        f.write("\n")
