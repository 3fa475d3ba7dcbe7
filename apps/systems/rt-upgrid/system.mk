# rt-upgrid: the victim beside upcall returns with a walking tick skip and VIT/timer requests on its grid.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := upgrid
include apps/rtgk/rtgk.mk
