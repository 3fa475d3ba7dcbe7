# vit-flood: a hostile partition floods the VIT service call; the matrix
# partition keeps its share and its deadlines (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/vit-flood/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
