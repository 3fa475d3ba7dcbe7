# rt-restartloop: a guest kernel that restarts itself with PK_SVC_SET_MODE
# past its restart_limit (apps/rtgk/gk/restartloop.c).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := restartloop
include apps/rtgk/rtgk.mk
