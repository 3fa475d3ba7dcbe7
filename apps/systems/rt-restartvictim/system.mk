# rt-restartvictim: the victim beside a guest kernel that restarts itself
# with PK_SVC_SET_MODE for ever (apps/rtgk/gk/restartforever.c).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := restartforever
include apps/rtgk/rtgk.mk
