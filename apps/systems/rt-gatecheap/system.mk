# rt-gatecheap: control of rt-gatesort: the same loop, refused at once
# (apps/rtgk/gk/gatecheap.c). The attacking partition's
# guest kernel is not the para-virtual port: its objects are replaced here
# (override wins over the per-partition assignments of mk/partitioned.mk).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
RTGK_ATTACK := gatecheap
include apps/rtgk/rtgk.mk
