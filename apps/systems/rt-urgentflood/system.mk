# rt-urgentflood: the victim beside a receiver with a warp right for its
# urgent port and a sender that writes that port in a loop
# (apps/rtgk/gk/urgentflood.c, apps/rtrecv).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := urgentflood
include apps/rtgk/rtgk.mk
