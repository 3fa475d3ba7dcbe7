# pk-prims-bench: the costs of the newer tick-core primitives in a
# partition (tools/bench_freertos.py, make bench): notification, event
# group, stream buffer and timer command, each from a lower-priority task's
# call to the woken task (or the timer service's call) running, as
# tests/bench/native-bench measures them natively.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/bench/pk-prims-bench/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
