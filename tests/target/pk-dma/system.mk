# pk-dma: the PL110 CLCD is a bus master; its owner "dmatest" tries to make
# it read memory outside its user range (directly and through
# PK_SVC_DEV_WRITE) and must be refused every time, while "periodic" keeps
# its 10 ms deadline; "judge" ends the run once dmatest has stopped.
# check.py pairs every attempt with the kernel's HM line.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := tests/target/pk-dma/apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_MASKED_STATS
SYSTEM_CHECK := tests/target/pk-dma/check.py
SYSTEM_NEEDS := dma
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
