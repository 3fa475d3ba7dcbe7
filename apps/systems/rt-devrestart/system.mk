# rt-devrestart: a partition's assigned timer across its cold restart
# (apps/rtgk/gk/devrestart.c).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 30
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := devrestart
include apps/rtgk/rtgk.mk
