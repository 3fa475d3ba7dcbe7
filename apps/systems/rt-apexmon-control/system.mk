# rt-apexmon-control: rt-apexmon without the suspension of the monitor
# (apps/rtapexmon built with RTAPEXMON_CONTROL): the deadline miss is
# reported, the verdict is PASS.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
PK_APP_DEFINES := -DRTAPEXMON_CONTROL=1
