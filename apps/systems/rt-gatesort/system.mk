# rt-gatesort: the victim beside a guest kernel that repeats a failing
# PK_SVC_GATE_SETUP (apps/rtgk/gk/gatesort.c). The attacking partition's
# guest kernel is not the para-virtual port: its objects are replaced here
# (override wins over the per-partition assignments of mk/partitioned.mk).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := gatesort
include apps/rtgk/rtgk.mk
