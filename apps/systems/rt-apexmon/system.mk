# rt-apexmon: an APEX process stops the APEX deadline monitor with
# os_task_suspend (apps/rtapexmon).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
