# rt-cpu: a task probes CPU state bits and privileged instructions
# (apps/rtcpu).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 20
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
