# rt-hmflood: the victim beside a guest kernel that reports 5000 errors
# (apps/rtgk/gk/hmflood.c, on_fault = "log"). The attacking partition's
# guest kernel is not the para-virtual port: its objects are replaced here
# (override wins over the per-partition assignments of mk/partitioned.mk).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := hmflood
include apps/rtgk/rtgk.mk
