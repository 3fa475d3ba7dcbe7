# rt-vitbase: baseline of rt-vitwarp, the victim beside a plain CPU hog.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
