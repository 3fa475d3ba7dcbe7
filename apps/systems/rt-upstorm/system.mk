# rt-upstorm: the victim beside a storm of upcall returns changing their tick skip.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
