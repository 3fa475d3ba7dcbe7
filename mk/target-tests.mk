# target-tests.mk - QEMU target tests and benchmarks. Every directory
# tests/target/<name>/ with a system.mk is a test system: built with
# SYSTEM=<name>, run under QEMU with icount by tools/qemu_run.py, it prints
# "RESULT <name> PASS" (or FAIL <reason>) and exits through semihosting.

# The target tests run on every board (the matrix) unless BOARD is given on
# the command line: `make test BOARD=raspi0` runs them on raspi0 alone.
ifeq ($(origin BOARD),command line)
TEST_BOARDS ?= $(BOARD)
else
TEST_BOARDS ?= all
endif

test: setup
	$(PYTHON) tools/run_tests.py --board $(BOARD) --boards '$(TEST_BOARDS)' all

test-target: setup
	$(PYTHON) tools/run_tests.py --board $(BOARD) --boards '$(TEST_BOARDS)' target

bench: setup
	$(PYTHON) tools/bench_native.py --board $(BOARD)
	$(PYTHON) tools/bench_vit.py --board $(BOARD) --update-doc
	$(PYTHON) tools/bench_pk.py --board $(BOARD)
	$(PYTHON) tools/bench_hostile.py --board $(BOARD)
	$(PYTHON) tools/bench_switch.py --board $(BOARD)
