# pk-window: a guest's view of the cyclic policy (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/pk-window/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
