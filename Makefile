# Root Makefile. See docs/building.md.
#
#   make [BOARD=versatilepb] [SYSTEM=demo] [all|run|debug|size|sdcard]
#   make test | test-host | test-target | bench | clean
#
# A board is data (bsp/<board>/board.mk); a system is data
# (apps/systems/<name>/system.mk, tests/target/<name>/system.mk or
# tests/bench/<name>/system.mk) naming its SYSTEM_KIND, whose rules are in
# mk/$(SYSTEM_KIND).mk.

BOARD ?= versatilepb
SYSTEM ?= demo

BUILD := build
OUT := $(BUILD)/$(BOARD)/$(SYSTEM)
ELF := $(OUT)/$(SYSTEM).elf
BIN := $(OUT)/$(SYSTEM).bin
MAP := $(OUT)/$(SYSTEM).map

.DEFAULT_GOAL := all
.PHONY: all run debug size test test-host test-target bench clean setup help fuzz fuzz-host fuzz-target

ifeq ($(wildcard bsp/$(BOARD)/board.mk),)
$(error unknown BOARD '$(BOARD)': there is no bsp/$(BOARD)/board.mk)
endif
include bsp/$(BOARD)/board.mk

SYSTEM_DIR := $(firstword $(patsubst %/system.mk,%,$(wildcard \
	apps/systems/$(SYSTEM)/system.mk tests/target/$(SYSTEM)/system.mk \
	tests/bench/$(SYSTEM)/system.mk)))

include mk/common.mk
include mk/trace.mk

# Goals that need no system.
NO_SYSTEM_GOALS := clean test test-host test-target bench setup help list-host-tests fuzz fuzz-host fuzz-target
ifeq ($(SYSTEM_DIR),)
ifneq ($(filter-out $(NO_SYSTEM_GOALS),$(or $(MAKECMDGOALS),all)),)
$(error unknown SYSTEM '$(SYSTEM)': no system.mk in apps/systems/$(SYSTEM), tests/target/$(SYSTEM) or tests/bench/$(SYSTEM))
endif
else
include $(SYSTEM_DIR)/system.mk
ifeq ($(wildcard mk/$(SYSTEM_KIND).mk),)
$(error system '$(SYSTEM)' has SYSTEM_KIND '$(SYSTEM_KIND)' but there is no mk/$(SYSTEM_KIND).mk)
endif
include mk/$(SYSTEM_KIND).mk
endif

include mk/host-tests.mk
include mk/fuzz-host.mk
include mk/target-tests.mk
include mk/fuzz.mk
include mk/fuzz-target.mk
include mk/sdcard.mk

all: $(ELF) $(BIN) $(OUT)/qemu.json

# A build follows its switches (TRACE=1, RUN_MS=..., PROBE_TASK=...,
# PK_KERNEL_DEFINES=...): the effective flags are kept in
# $(OUT)/build-flags, rewritten when they differ from the last build's,
# and every object and link of the folder depends on that file, so a
# change of switches rebuilds the folder (and only then).
BUILD_FLAGS_FILE := $(OUT)/build-flags
BUILD_FLAGS := CROSS=$(CROSS) CFLAGS=$(TARGET_CFLAGS) ASFLAGS=$(TARGET_ASFLAGS) \
	LDFLAGS=$(TARGET_LDFLAGS) INCLUDES=$(INCLUDES) APP=$(PK_APP_DEFINES) \
	SRCS=$(TRACE_GK_SRCS) $(TRACE_KERNEL_SRCS) $(TRACE_NATIVE_SRCS)
ifneq ($(file <$(BUILD_FLAGS_FILE)),$(BUILD_FLAGS))
$(BUILD_FLAGS_FILE): FORCE
endif
$(BUILD_FLAGS_FILE):
	$(shell mkdir -p $(@D))$(file >$@,$(BUILD_FLAGS))
$(ELF) $(PK_OBJS) $(NATIVE_OBJS) $(TRACE_NATIVE_OBJS) $(SIZE_OBJS_guests) \
	$(SIZE_OBJS_apps): $(BUILD_FLAGS_FILE)
$(if $(filter partitioned,$(SYSTEM_KIND)),$(GENDIR)/pk_asm_offsets.h,\
	$(if $(filter native,$(SYSTEM_KIND)),$(GENDIR)/asm_offsets.h)): $(BUILD_FLAGS_FILE)
.PHONY: FORCE
FORCE:

setup:
	@tools/setup

# Boot in QEMU on the console; quit with Ctrl-A x. In virtual time (the
# tests' icount), so that timing figures are those of docs/; ICOUNT=0: in
# real time. The first line says which.
ICOUNT ?= 1
run: setup all
	$(PYTHON) tools/qemu_run.py --config $(OUT)/qemu.json --interactive $(if $(GUI),--gui) $(if $(filter 0,$(ICOUNT)),--no-icount)

# QEMU halted with a gdb server, then gdb attached to it.
debug: all
	@echo "QEMU waits for gdb on tcp::1234"
	$(BOARD_QEMU) -M $(BOARD_QEMU_MACHINE) $(BOARD_QEMU_FLAGS) -nographic \
		-semihosting-config enable=on,target=native -kernel $(ELF) \
		-S -gdb tcp::1234 & qemu=$$!; \
	$(GDB) -q $(ELF) -ex 'target remote localhost:1234'; \
	kill $$qemu 2>/dev/null || true

# text/data/bss per component, from the object files.
SIZE_AWK = { printf "%-5s text %7d  data %6d  bss %6d\n", c, $$1, $$2, $$3 }
size: all
	@$(foreach c,$(SIZE_COMPONENTS),$(if $(SIZE_OBJS_$(c)),\
		$(TARGET_SIZE) -t $(SIZE_OBJS_$(c)) | tail -n 1 | awk -v c=$(c) '$(SIZE_AWK)';))
	@$(TARGET_SIZE) $(ELF)

help:
	@sed -n '3,6p' Makefile

clean:
	rm -rf $(BUILD)
