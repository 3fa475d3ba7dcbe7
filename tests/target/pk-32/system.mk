# pk-32: 32 partitions, isolation and fairness at that count (see
# system.toml). Needs one translation table and ASID per partition.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 400
PK_APPS_DIR := tests/target/pk-32/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/pk-32/check.py
SYSTEM_NEEDS := asid
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
