# rt-tpflood: plant from the host in a live session (docs/tracepoints.md):
#   make trace LIVE=1 SYSTEM=rt-tpflood LIVE_FLAGS=--no-view
#   tools/trace/ctl --dir build/versatilepb/rt-tpflood/trace tp attacker tp_spot \
#       --regs r0,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,r11,r12,sp,lr,pc
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
