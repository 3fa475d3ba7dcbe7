# pk-bench-switch: the cost of a partition switch by yield (tools/bench_pk.py).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 300
PK_APPS_DIR := tests/bench/pk-bench-switch/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
