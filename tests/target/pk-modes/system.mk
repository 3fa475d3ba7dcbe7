# pk-modes: operating modes, warm and cold starts, IDLE, a system
# partition, the HM tables and the error handler (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/pk-modes/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/pk-modes/check.py
# Depends on the board (memory map, architecture): in the board set of
# the matrix (tools/run_tests.py).
SYSTEM_SETS := board
