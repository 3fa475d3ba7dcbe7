# rt-nlflood: the victim beside a guest kernel whose console writes are 64
# newlines each (apps/rtgk/gk/nlflood.c, on_fault = "log"). The attacking
# partition's guest kernel is not the para-virtual port: its objects are
# replaced (apps/rtgk/rtgk.mk).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
RTGK_ATTACK := nlflood
include apps/rtgk/rtgk.mk
