# apex-isolation: a rogue process cannot touch the APEX's state.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/apex-isolation/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/apex-isolation/check.py
