# rt-cpustate: see system.toml. Each partition is the red-team guest kernel
# of apps/rtgk built in one role of apps/rtgk/gk/cpustate.c (the object is
# compiled once per partition, with that partition's flags).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
include apps/rtgk/rtgk.mk
$(eval $(call rtgk_role,sender,cpustate,-DCPUSTATE_ROLE=1))
$(eval $(call rtgk_role,receiver,cpustate,-DCPUSTATE_ROLE=2))
$(eval $(call rtgk_role,thumbee,cpustate,-DCPUSTATE_ROLE=3))
