# apex-hm: the APEX partition and health-monitoring services (system.toml).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/apex-hm/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/apex-hm/check.py
