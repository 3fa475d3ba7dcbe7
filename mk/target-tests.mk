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

# `make bench` runs the benchmarks on every board but the machine variants
# (a board.mk that includes another board's: raspi1ap is raspi0's SoC), one
# board after the other; `make bench BOARD=raspi0` on that board alone. Each
# benchmark rewrites its section for the board in docs/benchmarks.md and its
# data in docs/bench/<board>/; the side-by-side table is made from the data.
ifeq ($(origin BOARD),command line)
BENCH_BOARDS ?= $(BOARD)
else
BENCH_BOARDS ?= $(patsubst bsp/%/board.mk,%,$(shell grep -L '^include bsp/' bsp/*/board.mk))
endif

bench: setup
	@for b in $(BENCH_BOARDS); do \
	  start=$$(date +%s); \
	  echo "bench: board $$b"; \
	  $(PYTHON) tools/bench_native.py --board $$b && \
	  $(PYTHON) tools/bench_vit.py --board $$b --update-doc && \
	  $(PYTHON) tools/bench_pk.py --board $$b && \
	  $(PYTHON) tools/bench_hostile.py --board $$b && \
	  $(PYTHON) tools/bench_switch.py --board $$b && \
	  $(PYTHON) tools/bench_demo.py --board $$b && \
	  $(PYTHON) tools/bench_tm.py --board $$b && \
	  $(PYTHON) tools/bench_tp.py --board $$b && \
	  $(PYTHON) tools/bench_ports.py --board $$b && \
	  $(PYTHON) tools/bench_freertos.py --board $$b && \
	  $(PYTHON) tools/benchdoc.py switch-data --board $$b || \
	  { echo "bench: board $$b FAILED"; exit 1; }; \
	  echo "bench: board $$b done in $$(( $$(date +%s) - start )) s of wall time"; \
	done
