# trace.mk - build switches of the trace and the probe pins, and the
# `make trace` target (docs/measuring.md). Included by the root Makefile
# right after mk/common.mk, before the system's kind fragment, because the
# switches add to TARGET_CFLAGS and to the source lists of mk/partitioned.mk.
#
# Build switches (make variables):
#   PROBE=1|0        the kernel drives the running partition on probe pins
#                    0..2 and serves PK_SVC_PROBE (default 1)
#   TRACE=0|1        kernel and guest trace buffers, drained as @TRC frames
#                    on the console (default 0; `make trace` sets it)
#   TRACE_MASK=0xff  build-time category mask (TRACE_BUILD_MASK)
#   TRACE_RUN_MASK=  initial run-time category mask (default all)
#   TRACE_RECORDS=k,g  ring sizes in records, kernel and each guest (powers
#                    of two; default 16384,4096)
#   PROBE_TASK=name  the guest task with that name drives probe pins 3..5
#                    (release, job, run; default for `make trace`: see below)
#   RUN_MS=n         a partitioned system stops after n ms of virtual time
#                    (drains every buffer and exits with status 0)
#
# Targets:
#   make trace [SYSTEM=demo2] [TRACE_RUN_MS=1000]   (default system: demo2)
#       builds the system with TRACE=1 into $(BUILD)/trace-build/, runs it
#       under QEMU with icount and the emulated logic analyzer for
#       TRACE_RUN_MS ms of virtual time, and writes $(OUT)/trace/:
#         console.log   the captured console
#         ctf/          CTF trace (babeltrace2, Trace Compass)
#         trace.json    Chrome/Perfetto JSON (ui.perfetto.dev)
#         trace.vcd     probe signals rebuilt from the trace (PulseView, GTKWave)
#         analyzer.vcd  the pins as the emulated analyzer saw them
#         jitter.txt    jitter report of the analyzer's capture
#         jitter.svg    its histograms
#         trace.txt     trace.py's account of frames read and records lost

PROBE ?= 1
comma := ,
TRACE ?= 0
TRACE_MASK ?= 0xff

ifeq ($(PROBE),1)
TARGET_CFLAGS += -DPK_PROBE_PINS=1
endif

ifneq ($(RUN_MS),)
TARGET_CFLAGS += -DPK_RUN_STOP_MS=$(RUN_MS)
endif

# The tick core's glue is compiled in when it has something to do: records
# (TRACE=1) or a probed task. Without TRACE the build mask is 0, so only
# the pins remain.
TRACE_GLUE :=
ifeq ($(TRACE),1)
TRACE_GLUE := 1
TARGET_CFLAGS += -DPK_TRACE_ENABLED=1 -DTRACE_BUILD_MASK=$(TRACE_MASK)
ifneq ($(TRACE_RECORDS),)
TARGET_CFLAGS += -DPK_TRACE_RECORDS=$(word 1,$(subst $(comma), ,$(TRACE_RECORDS)))u \
	-DOS_TRACE_RECORDS=$(word 2,$(subst $(comma), ,$(TRACE_RECORDS)))u
endif
ifneq ($(TRACE_RUN_MASK),)
TARGET_CFLAGS += -DPK_TRACE_RUN_MASK=$(TRACE_RUN_MASK) \
	-DOS_TRACE_RUN_MASK=$(TRACE_RUN_MASK)
endif
else ifneq ($(PROBE_TASK),)
TRACE_GLUE := 1
TARGET_CFLAGS += -DTRACE_BUILD_MASK=0
endif

ifeq ($(TRACE_GLUE),1)
TARGET_CFLAGS += -Irtos/trace -include rtos/trace/os_trace_glue.h
ifneq ($(PROBE_TASK),)
TARGET_CFLAGS += '-DOS_TRACE_PROBE_TASK="$(PROBE_TASK)"'
endif
# Extra sources for mk/partitioned.mk: the guests' guest-kernel range and
# the kernel.
TRACE_GK_SRCS := rtos/trace/trace.c rtos/trace/os_trace_glue.c \
	rtos/trace/os_trace_glue_pv.c
TRACE_KERNEL_SRCS := $(if $(filter 1,$(TRACE)),rtos/trace/trace.c)
endif

# ---- make trace ----

include tools/qemu-plugin/plugin.mk

TRACE_RUN_MS ?= 1000
TRACE_BUILD := $(BUILD)/trace-build
TRACE_OUT := $(OUT)/trace
TRACE_ELF_OUT := $(TRACE_BUILD)/$(BOARD)/$(SYSTEM)
# The probed task of each system traced by default.
TRACE_PROBE_TASK_demo2 := periodic
TRACE_PROBE_TASK_pk-vit := rt
TRACE_PROBE_TASK_trace-periodic := rt
TRACE_PROBE_TASK := $(or $(PROBE_TASK),$(TRACE_PROBE_TASK_$(SYSTEM)))
# --name <source>=<partition> for trace.py (PK_PARTITIONS comes later,
# from the partitioned system's generated fragment: expanded at use).
trace_names = $(foreach p,$(PK_PARTITIONS),--name $$(( $(PK_PART_$(p)_INDEX) + 1 ))=$(p))

.PHONY: trace
ifeq ($(origin SYSTEM),file)
# No SYSTEM given: the root Makefile's default is a native system; trace
# the two-partition demo instead.
TRACE_DEFAULT_SYSTEM ?= demo2
trace:
	$(MAKE) --no-print-directory trace SYSTEM=$(TRACE_DEFAULT_SYSTEM)
else
trace: $(GPIO_VCD_SO)
	@test "$(SYSTEM_KIND)" = partitioned || \
	    { echo "make trace: system '$(SYSTEM)' is not partitioned (SYSTEM_KIND=$(SYSTEM_KIND))"; exit 2; }
	@# Objects do not depend on make variables: rebuild the traced tree
	@# from scratch when its settings changed.
	@f="RUN_MS=$(TRACE_RUN_MS) PROBE_TASK=$(TRACE_PROBE_TASK) TRACE_MASK=$(TRACE_MASK) TRACE_RUN_MASK=$(TRACE_RUN_MASK)"; \
	    s=$(TRACE_ELF_OUT)/trace-settings; \
	    [ "$$(cat $$s 2>/dev/null)" = "$$f" ] || \
	    { rm -rf $(TRACE_ELF_OUT); mkdir -p $(TRACE_ELF_OUT); echo "$$f" > $$s; }
	$(MAKE) --no-print-directory BUILD=$(TRACE_BUILD) TRACE=1 \
	    RUN_MS=$(TRACE_RUN_MS) PROBE_TASK=$(TRACE_PROBE_TASK) \
	    TRACE_MASK=$(TRACE_MASK) TRACE_RUN_MASK=$(TRACE_RUN_MASK) \
	    BOARD=$(BOARD) SYSTEM=$(SYSTEM) all
	@rm -rf $(TRACE_OUT) && mkdir -p $(TRACE_OUT)
	-$(PYTHON) tools/qemu_run.py --config $(TRACE_ELF_OUT)/qemu.json \
	    --log $(TRACE_OUT)/console.log --quiet --no-expect \
	    --qemu-arg=-plugin \
	    --qemu-arg=$(GPIO_VCD_SO),vcd=$(TRACE_OUT)/analyzer.vcd,shift=2
	$(PYTHON) tools/trace/trace.py all $(TRACE_OUT)/console.log \
	    -o $(TRACE_OUT) $(trace_names) 2> $(TRACE_OUT)/trace.txt || \
	    { cat $(TRACE_OUT)/trace.txt; exit 1; }
	@cat $(TRACE_OUT)/trace.txt
	$(PYTHON) tools/jitter/jitter.py $(TRACE_OUT)/analyzer.vcd \
	    --svg $(TRACE_OUT)/jitter.svg > $(TRACE_OUT)/jitter.txt
	@sed -n '1,40p' $(TRACE_OUT)/jitter.txt
	@echo "make trace: results in $(TRACE_OUT)/"
endif
