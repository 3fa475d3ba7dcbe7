# rt-resultforge: the victim beside a guest kernel that forges its verdict
# (apps/rtgk/gk/resultforge.c). The attacking partition's guest kernel is
# not the para-virtual port: its objects are replaced (apps/rtgk/rtgk.mk).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := resultforge
include apps/rtgk/rtgk.mk
