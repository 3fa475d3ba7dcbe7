"""gdb helpers of `make debug` (sourced by tools/gdb/pk.gdb).

A backtrace of a task ends at the task's entry function: a task starts
with its link register pointing at os_task_exit (rtos/port/*/port.c: a
task function that returns exits), so the frame above the entry is not a
call at all, and what gdb would unwind from there (the code before
os_task_exit, then whatever the stack holds) is noise. The frame filter
below stops a backtrace after the frame whose return address is the start
of os_task_exit, and before any frame at address 0 (an empty link
register: the vector table sits there on versatilepb, and gdb would name
the frame after it).
"""

import gdb

# Return addresses that mean "the frame below was the task's entry".
TASK_RETURNS = ("os_task_exit",)


def symbol_at(pc):
    """The name of the symbol that starts exactly at pc, or None."""
    try:
        text = gdb.execute("info symbol %#x" % pc, to_string=True)
    except gdb.error:
        return None
    head = text.split(" in section ")[0] if " in section " in text else ""
    if not head or " + " in head:
        return None
    return head.strip()


def is_end(frame):
    """True when no frame above this one is a real caller."""
    try:
        older = frame.older()
    except gdb.error:
        return True
    if older is None:
        return True
    pc = older.pc()
    return pc == 0 or symbol_at(pc) in TASK_RETURNS


class TaskEntryFilter:
    """Ends a backtrace at a task's entry function (see the module)."""

    def __init__(self):
        self.name = "pk-task-entry"
        self.priority = 100
        self.enabled = True
        gdb.frame_filters[self.name] = self

    def filter(self, frames):
        for decorator in frames:
            yield decorator
            frame = decorator.inferior_frame()
            # Inlined frames share their caller's pc: only a real frame
            # (or the outermost inlined one) can end the backtrace.
            try:
                if frame.older() is not None and \
                        frame.older().pc() == frame.pc():
                    continue
            except gdb.error:
                pass
            if is_end(frame):
                return


TaskEntryFilter()
