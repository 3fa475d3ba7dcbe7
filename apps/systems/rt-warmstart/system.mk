# rt-warmstart: a task plants code in the user range that the guest kernel
# runs after a warm restart (apps/rtwarm).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
