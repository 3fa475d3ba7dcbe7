# rt-idlehook: a task rewrites the application's os_hook_idle, which the
# guest kernel's idle task calls in guest-kernel mode (apps/rthook).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
