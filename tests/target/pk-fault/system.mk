# pk-fault: faulting partitions are restarted (or logged) by the health
# monitor while another partition keeps its timing (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/pk-fault/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
