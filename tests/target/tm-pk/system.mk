# tm-pk: the Thread-Metric style suite in a partition, 200 ms per test; the
# counts must follow each test's pattern (apps/tm/tm.h).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := tests/target/tm-pk/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
PK_APP_DEFINES := -I$(CURDIR)/apps/tm -DTM_PERIOD_MS=$(or $(TM_PERIOD_MS),200u)
