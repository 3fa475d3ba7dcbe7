# vit-fair: VIT does not cost the hog its share (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/vit-fair/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
