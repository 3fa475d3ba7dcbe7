# pk-fuzz-long: the service-call fuzzer's long run, 10^6 calls (make
# fuzz-target): the partitions of tests/target/pk-fuzz, placed by pkconfig
# as on every board.
SYSTEM_KIND := partitioned
PK_TOML := tests/target/pk-fuzz/system.toml
SYSTEM_TIMEOUT := 1200
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT -DPK_CONFIG_INVARIANTS \
	-DPK_CONFIG_INVARIANTS_OWN_CODE=0x2u
FUZZ_SEED ?= 0x5eed0001
FUZZ_CALLS ?= 1000000
PK_APP_DEFINES := -DFUZZ_SEED=$(FUZZ_SEED)u -DFUZZ_CALLS=$(FUZZ_CALLS)u \
	-DFUZZ_REPORT_EVERY=100000u -DFUZZ_HUGE_WRITES=4u
SYSTEM_CHECK := tests/target/pk-fuzz/check.py
