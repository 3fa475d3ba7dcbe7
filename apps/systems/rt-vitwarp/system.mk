# rt-vitwarp: the victim beside a CPU hog that keeps itself warped by VIT requests.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
