# pk-schedule: a module schedule switch at the major-frame boundary,
# checked from the kernel's switch log (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 400
PK_APPS_DIR := tests/target/pk-schedule/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_SWITCH_LOG
SYSTEM_CHECK := tests/target/pk-schedule/check.py
# Depends on the board (timers, memory map): in the board set of the
# matrix (tools/run_tests.py).
SYSTEM_SETS := board
