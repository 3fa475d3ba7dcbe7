# rt-staticwake: static priority; the high-priority victim is woken by its
# BLOCK deadline while a low-priority CPU hog runs (apps/rtvictim_nrt).
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
