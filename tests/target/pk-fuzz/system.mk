# pk-fuzz: the service-call fuzzer, short run (see system.toml and
# apps/fuzz/fuzz.c). The kernel checks its invariants at every exit; the
# fuzzer rewrites its own code (partition 1), so that one is not compared.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 120
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_INVARIANTS \
	-DPK_CONFIG_INVARIANTS_OWN_CODE=0x2u
FUZZ_SEED ?= 0x5eed0001
PK_APP_DEFINES := -DFUZZ_SEED=$(FUZZ_SEED)u -DFUZZ_CALLS=30000u
SYSTEM_CHECK := tests/target/pk-fuzz/check.py
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
