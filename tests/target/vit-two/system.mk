# vit-two: two real-time partitions' wake-ups, each within its bound
# (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/vit-two/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/vit-two/check.py
SYSTEM_NEEDS := display
SYSTEM_SETS := board
