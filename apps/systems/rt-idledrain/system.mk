# rt-idledrain: see system.toml. Both partitions are the red-team guest
# kernel of apps/rtgk, in one role each of apps/rtgk/gk/idledrain.c.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
define rt_idledrain_role
override $(1)_GK_OBJS = $$(OUT)/part/$(1)/obj/apps/rtgk/gk/rtgk_entry.o \
	$$(OUT)/part/$(1)/obj/apps/rtgk/gk/idledrain.o
override $(1)_USER_OBJS = $$(OUT)/part/$(1)/obj/apps/rtgk/user.o
override $(1)_APP_DEFINES = -DIDLEDRAIN_ROLE=$(2)
endef
$(eval $(call rt_idledrain_role,victim,1))
$(eval $(call rt_idledrain_role,filler,2))
