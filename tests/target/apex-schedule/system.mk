# apex-schedule: the APEX module-schedule services (see system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/apex-schedule/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
