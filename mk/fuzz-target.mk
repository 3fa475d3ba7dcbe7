# fuzz-target.mk - the on-target service-call fuzzer's long run:
#   make fuzz-target [FUZZ_TARGET_SEED=0x...] [FUZZ_CALLS=n]
# builds tests/bench/pk-fuzz-long (apps/fuzz against a kernel with its
# invariant checks, docs/abi.md), runs it under QEMU with icount and checks
# the log with tests/target/pk-fuzz/check.py (coverage table, throughput,
# the victim's lateness). The short run is the pk-fuzz target test.
.PHONY: fuzz-target

FUZZ_LONG_OUT := $(BUILD)/$(BOARD)/pk-fuzz-long

fuzz-target: setup
	$(MAKE) --no-print-directory SYSTEM=pk-fuzz-long BOARD=$(BOARD) \
		$(if $(FUZZ_TARGET_SEED),FUZZ_SEED=$(FUZZ_TARGET_SEED)) \
		$(if $(FUZZ_CALLS),FUZZ_CALLS=$(FUZZ_CALLS)) all
	$(PYTHON) tools/qemu_run.py --name pk-fuzz --config $(FUZZ_LONG_OUT)/qemu.json

# The host fuzzers' target (mk/fuzz.mk, where present) runs this one too.
ifneq ($(wildcard mk/fuzz.mk),)
fuzz: fuzz-target
endif
