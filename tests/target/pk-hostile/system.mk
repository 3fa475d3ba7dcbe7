# pk-hostile: time isolation against hostile partitions. "victim" keeps a
# 1 ms real-time period while "hostile" floods the console, yields, floods
# VIT requests, timers and blocks, then storms restarts at the largest
# ranges (until its restart limit stops it), and "faultstorm" storms
# faults and fuzzes service calls, one attack per phase of
# apps/hostile/phases.h. check.py compares the victim's lateness in every
# phase with the calm first phase and checks every kernel path's longest
# masked stretch (PK_CONFIG_MASKED_STATS) against the 20 us bound.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 240
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS \
	-DPK_CONFIG_NO_LOAD_VERIFY
SYSTEM_CHECK := tests/target/pk-hostile/check.py
