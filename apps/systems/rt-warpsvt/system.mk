# rt-warpsvt: see system.toml. Two partitions are the red-team guest kernel
# of apps/rtgk, in one role each of apps/rtgk/gk/warpsvt.c.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 90
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
include apps/rtgk/rtgk.mk
$(eval $(call rtgk_role,attacker,warpsvt,-DWARPSVT_ROLE=1))
$(eval $(call rtgk_role,attacker2,warpsvt,-DWARPSVT_ROLE=2))
