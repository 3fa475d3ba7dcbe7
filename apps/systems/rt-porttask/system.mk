# rt-porttask: a task aims the port calls at guest-kernel memory
# (apps/rtportask).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
