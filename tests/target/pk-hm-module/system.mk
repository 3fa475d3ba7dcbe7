# pk-hm-module: a module reset by the HM tables (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/pk-hm-module/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/pk-hm-module/check.py
# Depends on the board (memory map, architecture): in the board set of
# the matrix (tools/run_tests.py).
SYSTEM_SETS := board
