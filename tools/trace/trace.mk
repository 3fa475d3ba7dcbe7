# trace.mk - capture a traced run and convert it (docs/measuring.md).
# Included by the root Makefile after mk/common.mk and the system's rules
# (it uses OUT, ELF, PYTHON and the run description $(OUT)/qemu.json).
#
#   make trace     [SYSTEM=...]  run under QEMU (icount), keep the console
#                                log, write $(OUT)/trace/{ctf,trace.json,trace.vcd}
#   make analyzer  [SYSTEM=...]  the same run with the emulated logic
#                                analyzer: $(OUT)/gpio.vcd, then jitter figures
include tools/qemu-plugin/plugin.mk

TRACE_LOG := $(OUT)/trace.log
TRACE_DIR := $(OUT)/trace
ANALYZER_VCD := $(OUT)/gpio.vcd

.PHONY: trace analyzer
trace: all
	-$(PYTHON) tools/qemu_run.py --config $(OUT)/qemu.json --log $(TRACE_LOG) --quiet --no-expect
	$(PYTHON) tools/trace/trace.py all $(TRACE_LOG) -o $(TRACE_DIR)

analyzer: all $(GPIO_VCD_SO)
	-$(PYTHON) tools/qemu_run.py --config $(OUT)/qemu.json --log $(OUT)/analyzer.log --quiet --no-expect \
	    --qemu-arg=-plugin --qemu-arg=$(GPIO_VCD_SO),vcd=$(ANALYZER_VCD),shift=2
	$(PYTHON) tools/jitter/jitter.py $(ANALYZER_VCD) --no-hist
