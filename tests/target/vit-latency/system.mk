# vit-latency: the matrix task's 30 ms sleeps end within 50 us of the VIT
# deadline while the hog runs, and late without VIT (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/vit-latency/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_SETS := smoke board
