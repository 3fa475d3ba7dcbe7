# trace-periodic: a 10 ms periodic real-time task (VIT) next to a CPU-bound
# partition; the system of the trace end-to-end test (make trace,
# tests/tools/test_trace_e2e.py) and a target test of its own.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/trace-periodic/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
