# pk-tp: tracepoints (docs/tracepoints.md). Partition "tp" calls functions
# whose first (or a marked) instruction is of each displaced class and
# checks their results; it executes the trap encoding itself once (an
# ordinary undefined instruction: the health monitor restarts it) and runs
# on after the restart. "other" may not be traced. Alone (make test) it
# checks the guest's side; tests/tools/test_tp_e2e.py plants, hits and
# removes tracepoints in it from the host while it runs.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/pk-tp/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
