# pk-restart: "faulty" faults every second and is restarted cold 10 times
# with fresh state each time, while "periodic" keeps its 10 ms deadlines
# (see system.toml). check.py checks the kernel's restart lines.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 400
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
SYSTEM_CHECK := tests/target/pk-restart/check.py
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
