# apex-event: the APEX event services and their return codes.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/apex-event/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/apex-common/no_hm.py
SYSTEM_CHECK := tests/target/apex-common/no_hm.py
