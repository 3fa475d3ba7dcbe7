# pk-switch-8: the partition switch with 8 partitions (tools/bench_switch.py).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 300
PK_APPS_DIR := tests/bench/pk-switch-common/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_NEEDS := asid
