# pk-vit: a real-time task's sleep ends on time through VIT while a
# CPU-bound partition holds the CPU (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/pk-vit/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
