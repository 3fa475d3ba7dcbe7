# rt-warmfault: a task plants code in the user range and faults; the health
# monitor's warm restart runs it in guest-kernel mode (apps/rtwarm).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
PK_APP_DEFINES := -DRTWARM_FAULT=1
