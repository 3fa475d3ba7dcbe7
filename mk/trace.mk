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
#   RUN_MS=n         a partitioned system (or a native trace build) stops
#                    after n ms of virtual time (drains every buffer and
#                    exits with status 0)
#
# Native systems (SYSTEM_KIND native): the glue's port side is
# rtos/port/$(BOARD_NATIVE_PORT)/trace/trace_port.c; the idle task drains the
# ring, every bsp_exit() drains the rest (--wrap=bsp_exit) and the idle
# task polls instead of halting in WFI (--wrap=bsp_cpu_idle), so that the
# analyzer's instruction count stays the virtual time.
#
# Targets:
#   make trace [SYSTEM=demo2] [TRACE_RUN_MS=1000]   (default system: demo2)
#       builds the system (partitioned or native) with TRACE=1 into
#       $(BUILD)/trace-build/, runs it under QEMU with icount and the
#       emulated logic analyzer for TRACE_RUN_MS ms of virtual time (or until
#       it ends itself), and writes $(OUT)/trace/:
#         console.log   the captured console
#         ctf/          CTF trace (babeltrace2, Trace Compass)
#         trace.json    Chrome/Perfetto JSON (ui.perfetto.dev)
#         trace.vcd     probe signals rebuilt from the trace (PulseView, GTKWave)
#         analyzer.vcd  the pins as the emulated analyzer saw them
#         jitter.txt    jitter report of the analyzer's capture
#         jitter.svg    its histograms
#         trace.txt     trace.py's account of frames read and records lost
#   make trace LIVE=1 [SYSTEM=...] [TRACE_RUN_MS=n]
#       the live mode (docs/tracepoints.md): tools/trace/live.py runs the
#       system (until it ends, a `ctl window`, or TRACE_RUN_MS if given),
#       writes console.log, ctf/, trace.json and trace.vcd as it goes,
#       shows per partition the current task, counts and last events, and
#       serves tools/trace/ctl on $(OUT)/trace/ctl.sock (LIVE_FLAGS: more
#       live.py options, e.g. --no-view)

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
	rtos/port/pv/trace/trace_port.c
TRACE_KERNEL_SRCS := $(if $(filter 1,$(TRACE)),rtos/trace/trace.c)
endif

# Native systems. The system's kind is read from its system.mk here,
# because that file (and mk/native.mk, whose object list is fixed when it
# is read) come after this one; the glue objects are added to the link
# through extra prerequisites and linker flags instead.
TRACE_SYSTEM_KIND := $(if $(SYSTEM_DIR),$(shell sed -n \
	's/^SYSTEM_KIND[[:space:]]*:*=[[:space:]]*\([a-z]*\).*/\1/p' \
	$(SYSTEM_DIR)/system.mk))
ifeq ($(TRACE_GLUE)$(TRACE_SYSTEM_KIND),1native)
# The tick core's glue with the native port's side, and the trace ring
# itself: source 0 is the tick core's buffer on a native system. A
# pins-only build (PROBE_TASK without TRACE) needs the ring too: the glue
# still sets it up, though a build mask of 0 never writes to it.
TRACE_NATIVE_SRCS := rtos/trace/os_trace_glue.c \
	rtos/port/$(BOARD_NATIVE_PORT)/trace/trace_port.c rtos/trace/trace.c
TRACE_NATIVE_OBJS := $(call src_to_obj,$(TRACE_NATIVE_SRCS))
# Every exit drains the buffer, the idle task polls instead of halting in
# WFI (rtos/port/$(BOARD_NATIVE_PORT)/trace/trace_port.c says why).
TARGET_LDFLAGS += $(TRACE_NATIVE_OBJS) -Wl,--wrap=bsp_exit \
	-Wl,--wrap=bsp_cpu_idle
# A native trace ring holds a whole bounded run when nothing idles (a
# CPU-bound background task): 16384 records, 256 KiB.
ifeq ($(TRACE)$(TRACE_RECORDS),1)
TARGET_CFLAGS += -DOS_TRACE_RECORDS=16384u
endif
ifneq ($(RUN_MS),)
TARGET_CFLAGS += -DOS_TRACE_RUN_STOP_MS=$(RUN_MS)
endif
$(ELF): $(TRACE_NATIVE_OBJS)
$(TRACE_NATIVE_OBJS): | $(GENDIR)/asm_offsets.h
-include $(TRACE_NATIVE_OBJS:.o=.d)
endif

# ---- make trace ----

include tools/qemu-plugin/plugin.mk

# The analyzer watches the board's probe register: the board says which
# model and base (BOARD_PLUGIN_ARGS in board.mk, comma-separated plugin
# options; none: the plugin's default, versatilepb's PL061 GPIO0).
GPIO_VCD_BOARD_ARGS := $(if $(BOARD_PLUGIN_ARGS),$(comma)$(BOARD_PLUGIN_ARGS))

TRACE_RUN_MS ?= $(if $(filter 1,$(LIVE)),,1000)
TRACE_BUILD := $(BUILD)/trace-build
TRACE_OUT := $(OUT)/trace
TRACE_ELF_OUT := $(TRACE_BUILD)/$(BOARD)/$(SYSTEM)
# The probed task of each system traced by default.
TRACE_PROBE_TASK_demo2 := periodic
TRACE_PROBE_TASK_pk-vit := rt
TRACE_PROBE_TASK_trace-periodic := rt
TRACE_PROBE_TASK_matrix-vit := matrix
TRACE_PROBE_TASK_trace-matrix-vit := matrix
TRACE_PROBE_TASK_native-periodic := periodic
TRACE_PROBE_TASK_trace-native := periodic
TRACE_PROBE_TASK_native-demo := heartbeat
TRACE_PROBE_TASK := $(or $(PROBE_TASK),$(TRACE_PROBE_TASK_$(SYSTEM)))
# --name <source>=<partition> for trace.py (PK_PARTITIONS comes later,
# from the partitioned system's generated fragment: expanded at use).
# On a native system source 0 is the tick core: it is called "native".
trace_names = $(if $(filter native,$(SYSTEM_KIND)),--name 0=native,\
	$(foreach p,$(PK_PARTITIONS),--name $$(( $(PK_PART_$(p)_INDEX) + 1 ))=$(p)))

.PHONY: trace
ifeq ($(origin SYSTEM),file)
# No SYSTEM given: the root Makefile's default is a native system; trace
# the two-partition demo instead.
TRACE_DEFAULT_SYSTEM ?= demo2
trace:
	$(MAKE) --no-print-directory trace SYSTEM=$(TRACE_DEFAULT_SYSTEM)
else
trace: $(GPIO_VCD_SO)
	@test "$(SYSTEM_KIND)" = partitioned || test "$(SYSTEM_KIND)" = native || \
	    { echo "make trace: system '$(SYSTEM)' is neither partitioned nor native (SYSTEM_KIND=$(SYSTEM_KIND))"; exit 2; }
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
ifeq ($(LIVE),1)
	$(PYTHON) tools/trace/live.py --config $(TRACE_ELF_OUT)/qemu.json \
	    -o $(TRACE_OUT) $(LIVE_FLAGS)
else
	-$(PYTHON) tools/qemu_run.py --config $(TRACE_ELF_OUT)/qemu.json \
	    --log $(TRACE_OUT)/console.log --quiet --no-expect \
	    --qemu-arg=-plugin \
	    --qemu-arg=$(GPIO_VCD_SO),vcd=$(TRACE_OUT)/analyzer.vcd,shift=2$(GPIO_VCD_BOARD_ARGS)
	$(PYTHON) tools/trace/trace.py all $(TRACE_OUT)/console.log \
	    -o $(TRACE_OUT) $(trace_names) 2> $(TRACE_OUT)/trace.txt || \
	    { cat $(TRACE_OUT)/trace.txt; exit 1; }
	@cat $(TRACE_OUT)/trace.txt
	@# A system without a probed task may move no pin at all: say so
	@# instead of failing, the trace's outputs are still good.
	$(PYTHON) tools/jitter/jitter.py $(TRACE_OUT)/analyzer.vcd \
	    --svg $(TRACE_OUT)/jitter.svg > $(TRACE_OUT)/jitter.txt || \
	    echo "make trace: no probe pin moved twice; name a task with PROBE_TASK=<task>" \
	        > $(TRACE_OUT)/jitter.txt
	@sed -n '1,40p' $(TRACE_OUT)/jitter.txt
	@echo "make trace: results in $(TRACE_OUT)/"
endif
endif
