# pk-iso: isolation matrix. "isotest" (on_fault = "log") tries every kind of
# forbidden access from its guest kernel and from a task, "isojump"
# (on_fault = "restart") the attempts that cannot be skipped, one per cold
# start; "periodic" keeps a 10 ms deadline meanwhile. check.py pairs every
# attempt with the kernel's HM line and prints the table.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
SYSTEM_CHECK := tests/target/pk-iso/check.py
SYSTEM_SETS := smoke board
