# rt-thumb: a task that runs Thumb code (apps/rtthumb).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 20
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
