# rt-capwake: see system.toml. Both partitions are the red-team guest
# kernel of apps/rtgk, in one role each of apps/rtgk/gk/capwake.c.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
include apps/rtgk/rtgk.mk
$(eval $(call rtgk_role,sleeper,capwake,-DCAPWAKE_ROLE=1))
$(eval $(call rtgk_role,attacker,capwake,-DCAPWAKE_ROLE=2))
