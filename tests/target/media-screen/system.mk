# media-screen: the player's frames reach the display - a QEMU screen dump
# at a known frame matches the clip's source image - and the CLCD is the
# player's alone (see system.toml and check.py).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/media-screen/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/media-screen/check.py
SYSTEM_NEEDS := display
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
