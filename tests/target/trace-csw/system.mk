# trace-csw: task-switch micro-benchmark of a guest, the trace's worst case
# (every switch traced); also a target test. Figures: bench.py.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/trace-csw/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
