# pk-bench: figures of the partitioning kernel seen from one partition
# (tools/bench_pk.py, make bench).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 300
PK_APPS_DIR := tests/bench/pk-bench/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
