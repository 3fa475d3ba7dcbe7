# rt-escalate: a task rewrites memcpy in the user range and so runs its
# code in guest-kernel mode (apps/rtesc).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
