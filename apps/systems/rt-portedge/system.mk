# rt-portedge: a guest kernel checks the boundaries of calls 16..28
# (apps/rtgk/gk/portedge.c) beside the victim.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := portedge
include apps/rtgk/rtgk.mk
