# fuzz.mk - `make fuzz`: the long coverage-guided fuzzing run of the host
# tools' readers (tools/fuzz_readers.py; figures in docs/benchmarks.md,
# "Fuzzing the host tools' readers"). The short seeded run is a tool test
# (tests/tools/test_fuzz_readers.py) that `make test` runs.
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TOOLS_SEED=1] [FUZZ_READERS="trace pkconfig"]
#
# Failing inputs are written to $(BUILD)/fuzz/crashes/; replay one with
#   tools/fuzz_readers.py --reader NAME --replay FILE

FUZZ_SECONDS ?= 60
FUZZ_TOOLS_SEED ?= 1
FUZZ_READERS ?=

fuzz:
	$(PYTHON) tools/fuzz_readers.py --seed $(FUZZ_TOOLS_SEED) \
		--seconds $(FUZZ_SECONDS) --crash-dir $(BUILD)/fuzz/crashes \
		$(foreach r,$(FUZZ_READERS),--reader $(r))
