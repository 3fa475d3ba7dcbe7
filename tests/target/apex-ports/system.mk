# apex-ports: the APEX sampling and queuing port services between two APEX
# partitions, their return codes and timeouts (docs/arinc653.md).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/apex-ports/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
SYSTEM_CHECK := tests/target/apex-common/no_hm.py
