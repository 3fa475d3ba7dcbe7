# gdb set-up of `make debug`, sourced by build/<board>/<system>/debug.gdb
# after the symbols of the kernel and of every partition are loaded
# (docs/building.md, "Debugging").

# A backtrace ends at a task's entry function, never at address 0.
source tools/gdb/pk.py

# Further commands: one `source tools/gdb/<file>` line each, below.
# pk-tasks: the partitions and their current tasks (docs/tracepoints.md).
source tools/gdb/pk_tasks.py
