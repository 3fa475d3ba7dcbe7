# rt-idledrain: see system.toml. Both partitions are the red-team guest
# kernel of apps/rtgk, in one role each of apps/rtgk/gk/idledrain.c.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
include apps/rtgk/rtgk.mk
$(eval $(call rtgk_role,victim,idledrain,-DIDLEDRAIN_ROLE=1))
$(eval $(call rtgk_role,filler,idledrain,-DIDLEDRAIN_ROLE=2))
