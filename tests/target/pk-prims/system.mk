# pk-prims: the newer tick-core objects inside a partition (see
# apps/prims/prims.c): created by main() before os_start, used by tasks
# through the gates.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/pk-prims/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
# Depends on the board (timers, interrupts, memory map): in the board set
# of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
