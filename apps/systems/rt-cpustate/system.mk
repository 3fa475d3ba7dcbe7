# rt-cpustate: see system.toml. Each partition is the red-team guest kernel
# of apps/rtgk built in one role of apps/rtgk/gk/cpustate.c (the object is
# compiled once per partition, with that partition's flags).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
define rt_cpustate_role
override $(1)_GK_OBJS = $$(OUT)/part/$(1)/obj/apps/rtgk/gk/rtgk_entry.o \
	$$(OUT)/part/$(1)/obj/apps/rtgk/gk/cpustate.o
override $(1)_USER_OBJS = $$(OUT)/part/$(1)/obj/apps/rtgk/user.o
override $(1)_APP_DEFINES = -DCPUSTATE_ROLE=$(2)
endef
$(eval $(call rt_cpustate_role,sender,1))
$(eval $(call rt_cpustate_role,receiver,2))
$(eval $(call rt_cpustate_role,thumbee,3))
