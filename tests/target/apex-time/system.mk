# apex-time: APEX time services, periodic release and deadline misses
# reported to the health monitor (check.py reads the HM lines).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/apex-time/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/apex-time/check.py
