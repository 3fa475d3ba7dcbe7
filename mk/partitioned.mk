# partitioned.mk - a partitioned system: the partitioning kernel plus one
# guest per partition (tick core + para-virtual port + application),
# described by the system's system.toml (docs/configuration.md).
#
# The system.mk provides:
#   SYSTEM_KIND := partitioned
#   SYSTEM_TIMEOUT     (optional) wall-clock limit of a QEMU run, seconds
#   PK_APPS_DIR        (optional) where the partitions' app folders are
#                      (default apps; a test keeps its own apps)
#   PK_KERNEL_DEFINES  (optional) e.g. -DPK_CONFIG_TEST_EXIT for test systems
#   PK_APP_DEFINES     (optional) extra -D flags for every partition's sources
#
# Steps: tools/pkconfig.py checks system.toml and generates
# pk_system_config.c and a make fragment (PK_PARTITIONS, PK_PART_<name>_*);
# each partition is compiled and linked by linker/partition.ld at its
# configured addresses; its guest-kernel and user ranges are cut out with
# objcopy and embedded into the kernel (generated pk_images.S with .incbin,
# defining pk_image_<name>_{kernel,user}_{start,end}); the kernel is linked
# by linker/image.ld (with IMAGE_KERNEL: confined to the kernel's range).

PK_APPS_DIR ?= apps
# A system may share another's configuration (PK_TOML in its system.mk).
PK_TOML ?= $(SYSTEM_DIR)/system.toml
PK_BOARD_TOML := bsp/$(BOARD)/board.toml
PK_GEN := $(GENDIR)/pk

ifeq ($(wildcard $(PK_TOML)),)
$(error partitioned system '$(SYSTEM)' has no $(PK_TOML))
endif

# The configuration fragment is generated while make reads this file,
# whenever the table, the board's description or the tool is newer than
# the last generation (pkconfig.stamp; pkconfig rewrites only files whose
# text changed). A bad table stops make with pkconfig's messages and
# nothing else: make would add its own lines after a failed recipe ("No
# such file or directory", "Error 2"), so make is stopped by SIGINT
# instead (no message; exit status 130), as Ctrl-C would. Goals that
# build nothing (clean, help) skip the generation.
PK_GEN_STAMP := $(PK_GEN)/pkconfig.stamp
PK_GEN_INPUTS := $(PK_TOML) $(PK_BOARD_TOML) tools/pkconfig.py
PK_GEN_ARGS := $(PK_TOML) --board $(PK_BOARD_TOML) --apps-dir $(PK_APPS_DIR) \
	--out $(PK_GEN) --address-spaces $(or $(BOARD_PK_SPACE),domains)
PK_EMPTY :=
ifeq ($(filter-out clean help,$(or $(MAKECMDGOALS),all)),)
PK_GEN_STALE :=
PK_GEN_OPTIONAL := -
else
PK_GEN_STALE := $(shell [ "$$(cat $(PK_GEN_STAMP) 2>/dev/null)" = '$(PK_GEN_ARGS)' ] || \
	echo stale; [ -f $(PK_GEN)/system.mk ] || echo stale; find $(PK_GEN_INPUTS) -newer $(PK_GEN_STAMP) 2>/dev/null)
endif
ifneq ($(PK_GEN_STALE),)
$(if $(filter 1,$(V)),$(info $(PYTHON) tools/pkconfig.py gen $(PK_GEN_ARGS)),\
	$(info $(PK_EMPTY)  PKCONFIG $(PK_TOML)))
PK_GEN_OK := $(shell mkdir -p $(PK_GEN) && $(PYTHON) tools/pkconfig.py gen \
	$(PK_GEN_ARGS) >&2 && echo '$(PK_GEN_ARGS)' > $(PK_GEN_STAMP) && echo ok)
ifneq ($(PK_GEN_OK),ok)
$(shell kill -INT $$PPID)
# Reached only where SIGINT is ignored (a job started with nohup).
$(error $(PK_TOML) rejected by tools/pkconfig.py)
endif
endif
ifeq ($(PK_GEN_OPTIONAL),-)
-include $(PK_GEN)/system.mk
else
include $(PK_GEN)/system.mk
endif

# ---- Partitions ----

# Guest-kernel sources (linked into the guest-kernel range) and the
# partition's own newlib hooks and the task-level library (user range).
PV_DIR := rtos/port/pv
PV_GK_SRCS := $(wildcard rtos/src/*.c) $(wildcard $(PV_DIR)/*.c) $(PV_DIR)/pv_entry.S
PV_GK_SRCS += $(TRACE_GK_SRCS) # trace glue (mk/trace.mk), empty when off
PV_USER_SRCS := $(wildcard $(PV_DIR)/user/*.c) $(wildcard rtos/lib/*.c)
PK_PART_LDFLAGS := $(BOARD_LIB_FLAGS) --specs=nano.specs -nostartfiles \
	-Wl,--no-warn-rwx-segments

# What the guest kernel may refer to outside its own object: the linker
# script's symbols, main() and pv_user_init() (user-range code it calls
# once, at boot, before any task exists) and the VIT statistics it writes
# for the application. Anything else (a library function, an application
# hook) would be user-range code run with guest-kernel rights: the build
# fails, naming it. The APEX's guest kernel names two user-range symbols
# it never runs or trusts: apex_process_entry, the task-mode start of
# every process (a task's entry pc), and apex_stack_pool, the memory its
# processes' stacks are carved from (docs/arinc653.md). pv_hm_park is only
# an address: a failed task resumes there in task mode
# (rtos/port/pv/pv_hm.h), the guest kernel never calls it.
PV_GK_EXTERNS := main|pv_user_init|pv_gk_start|pv_gk_end|pv_kobj_start|pv_kobj_end|pv_kobj_map|pv_kobj_map_end|pv_vcpu|pv_vcpu_tick_skip|pv_vit_last_deadline_ns|pv_vit_requests|apex_process_entry|apex_stack_pool|pv_hm_park

# Libraries a partition's app may ask for (APP_LIBS in its app.mk):
# LIB_<l>_GK_SRCS are linked into the guest-kernel range (the services,
# reached through gates: docs/abi.md), LIB_<l>_USER_SRCS into the user
# range (the calls' task-side stubs), LIB_<l>_FLAGS for every source of
# the partition. apex: the ARINC 653 APEX (docs/arinc653.md); its
# services' sources are apex/src/*.c, their stubs apex/src/user/*.c.
LIB_apex_GK_SRCS := $(wildcard apex/src/*.c)
LIB_apex_USER_SRCS := $(wildcard apex/src/user/*.c)
LIB_apex_FLAGS := -Iapex/include -Iapex/src -DAPEX_LINKED=1

# pk_part_rules(name): build $(OUT)/part/<name>/<name>.elf and the two
# range images <name>_kernel.bin and <name>_user.bin.
define pk_part_rules
$(1)_DIR := $(OUT)/part/$(1)
$(1)_APPDIR := $(PK_APPS_DIR)/$$(PK_PART_$(1)_APP)
$(1)_APP_SRCS := $$(wildcard $$($(1)_APPDIR)/*.c) $$(wildcard $$($(1)_APPDIR)/*.S)
# Libraries the app asks for in its folder's app.mk (APP_LIBS := apex):
# each adds its guest-kernel and user-range sources and its include path.
# An app.mk may also take sources from elsewhere (APP_SRCS, e.g. another
# app's, built with this app's APP_DEFINES) into the user range.
APP_LIBS :=
APP_GK_HOOKS :=
APP_SRCS :=
APP_DEFINES :=
-include $$($(1)_APPDIR)/app.mk
$(1)_APP_SRCS += $$(APP_SRCS)
$(1)_APP_DEFINES := $$(APP_DEFINES)
$(1)_LIBS := $$(APP_LIBS)
$(1)_GK_HOOKS := $$(APP_GK_HOOKS)
$(1)_LIB_GK_SRCS := $$(foreach l,$$($(1)_LIBS),$$(LIB_$$(l)_GK_SRCS))
$(1)_LIB_USER_SRCS := $$(foreach l,$$($(1)_LIBS),$$(LIB_$$(l)_USER_SRCS))
$(1)_LIB_FLAGS := $$(foreach l,$$($(1)_LIBS),$$(LIB_$$(l)_FLAGS))
$(1)_FLAGS := -DOS_CONFIG_TICK_HZ=$$(PK_PART_$(1)_TICK_HZ) \
	-I$$($(1)_APPDIR) -I$(PV_DIR)/cfg -Irtos/include -I$(PV_DIR) \
	-Ipartitions/include $$(PK_PART_$(1)_DEVICE_DEFINES) $(PK_LAYOUT_DEFINES) $$(PK_PART_$(1)_SELF_DEFINES) \
	$(PK_APP_DEFINES) $$($(1)_APP_DEFINES) $$($(1)_LIB_FLAGS)
$(1)_GK_OBJS := $$(patsubst %,$$($(1)_DIR)/obj/%.o,$$(basename $(PV_GK_SRCS) $$($(1)_LIB_GK_SRCS)))
$(1)_USER_OBJS := $$(patsubst %,$$($(1)_DIR)/obj/%.o,$$(basename $(PV_USER_SRCS) $$($(1)_LIB_USER_SRCS) $$($(1)_APP_SRCS)))

$$($(1)_DIR)/obj/%.o: %.c
	@mkdir -p $$(@D)
	$$(call quiet,CC      $$<)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $$($(1)_FLAGS) -MMD -MP -c $$< -o $$@

$$($(1)_DIR)/obj/%.o: %.S
	@mkdir -p $$(@D)
	$$(call quiet,AS      $$<)
	$(Q)$(TARGET_CC) $(TARGET_ASFLAGS) $$($(1)_FLAGS) -MMD -MP -c $$< -o $$@

# The guest kernel as one relocatable object, so that partition.ld can
# place it as a whole into the guest-kernel range. It carries its own copy
# of the library functions it calls (memcpy, memset, strlen, the division
# helpers of libgcc), made local to it: the guest kernel must never call
# code in the user range, which its tasks can write. Only the symbols its
# own objects define stay global.
$$($(1)_DIR)/pv_gk.o: $$($(1)_GK_OBJS)
	$$(call quiet,LD -r   $$@)
	$(Q)$(TARGET_CC) $(PK_PART_LDFLAGS) -nostdlib -r -o $$@.lib.o $$^ \
		-Wl,--start-group -lc_nano -lgcc -Wl,--end-group
	$(Q)$(TARGET_NM) -g --defined-only $$^ | awk 'NF == 3 { print $$$$3 }' \
		> $$@.globals
	$(Q)$(TARGET_OBJCOPY) --keep-global-symbols=$$@.globals $$@.lib.o $$@.tmp
	$(Q)outside=$$$$($(TARGET_NM) -u $$@.tmp | awk '{ print $$$$2 }' | \
		grep -v -x -E '$(PV_GK_EXTERNS)' | tr '\n' ' '); \
	if [ -n "$$$$outside" ]; then \
		echo "$$@: the guest kernel refers to code or data outside its range: $$$$outside" >&2; \
		exit 1; \
	fi
	$(Q)mv $$@.tmp $$@

$$($(1)_DIR)/partition.ld: linker/partition.ld partitions/include/pk_abi.h $(PK_GEN)/system.mk
	@mkdir -p $$(@D)
	$$(call quiet,CPP     $$@)
	$(Q)$(TARGET_CC) -E -P -undef -x c -D__ASSEMBLER__ -Ipartitions/include \
		-DPK_KERNEL_BASE=$$(PK_PART_$(1)_KERNEL_BASE) \
		-DPK_KERNEL_SIZE=$$(PK_PART_$(1)_KERNEL_SIZE) \
		-DPK_USER_BASE=$$(PK_PART_$(1)_USER_BASE) \
		-DPK_USER_SIZE=$$(PK_PART_$(1)_USER_SIZE) \
		-DPK_USER_PERSIST_SIZE=$$(PK_PART_$(1)_USER_PERSIST_SIZE) $$< -o $$@

# A weak symbol of the guest kernel (a tick-core hook) must still be the
# guest kernel's own after the final link (tools/gk_hooks_check.py), unless
# the app says it means it (APP_GK_HOOKS := 1: test systems only).
$$($(1)_DIR)/$(1).elf: $$($(1)_DIR)/pv_gk.o $$($(1)_USER_OBJS) $$($(1)_DIR)/partition.ld tools/gk_hooks_check.py
	$$(call quiet,LD      $$@)
	$(Q)$(TARGET_CC) $(PK_PART_LDFLAGS) -T $$($(1)_DIR)/partition.ld \
		-Wl,-Map=$$($(1)_DIR)/$(1).map -o $$@.tmp $$($(1)_DIR)/pv_gk.o \
		$$($(1)_USER_OBJS) $(TARGET_LDLIBS)
	$(Q)$(PYTHON) tools/gk_hooks_check.py $$($(1)_DIR)/pv_gk.o $$@.tmp $$(if $$(filter 1,$$($(1)_GK_HOOKS)),--allow)
	$(Q)mv $$@.tmp $$@

$$($(1)_DIR)/$(1)_kernel.bin: $$($(1)_DIR)/$(1).elf
	$$(call quiet,OBJCOPY $$@)
	$(Q)$(TARGET_OBJCOPY) -O binary -j .gk_text -j .gk_data $$< $$@

$$($(1)_DIR)/$(1)_user.bin: $$($(1)_DIR)/$(1).elf
	$$(call quiet,OBJCOPY $$@)
	$(Q)$(TARGET_OBJCOPY) -O binary -j .user_text -j .ARM.extab -j .ARM.exidx \
		-j .user_init -j .user_data $$< $$@

# The tick core's task record layout as this partition is compiled
# (rtos/layout/os_task_layout.c, "NAME value" lines), for the kernel's
# table pk_tp_guests (pk_code.S): tracepoints and the gdb extension read
# a guest's current task with it.
$$($(1)_DIR)/os_layout.txt: rtos/layout/os_task_layout.c
	@mkdir -p $$(@D)
	$$(call quiet,GEN     $$@)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $$($(1)_FLAGS) -MMD -MP -MT $$@ -MF $$@.d -S $$< -o $$@.s
	$(Q)sed -n 's/^@@os-layout \([A-Z_]*\) #\{0,1\}\(.*\)$$$$/\1 \2/p' $$@.s > $$@.tmp
	@mv $$@.tmp $$@

PK_PART_IMAGES += $$($(1)_DIR)/$(1)_kernel.bin $$($(1)_DIR)/$(1)_user.bin
PK_PART_DEPS += $$($(1)_DIR)/os_layout.txt.d
PK_PART_DEPS += $$($(1)_GK_OBJS:.o=.d) $$($(1)_USER_OBJS:.o=.d)
SIZE_OBJS_guests += $$($(1)_GK_OBJS)
SIZE_OBJS_apps += $$($(1)_USER_OBJS)
endef

PK_PART_IMAGES :=
PK_PART_DEPS :=
$(foreach p,$(PK_PARTITIONS),$(eval $(call pk_part_rules,$(p))))

# ---- Embedding the images ----

$(PK_GEN)/pk_images.S: $(PK_GEN)/system.mk
	@mkdir -p $(@D)
	@{ echo '/* Generated by mk/partitioned.mk: pristine partition images. */'; \
	   echo '    .section .pk_images, "a"'; \
	   $(foreach p,$(PK_PARTITIONS),$(foreach r,kernel user, \
	   echo '    .balign 8'; \
	   echo '    .global pk_image_$(p)_$(r)_start, pk_image_$(p)_$(r)_end'; \
	   echo 'pk_image_$(p)_$(r)_start:'; \
	   echo '    .incbin "$(OUT)/part/$(p)/$(p)_$(r).bin"'; \
	   echo 'pk_image_$(p)_$(r)_end:';)) } > $@

# Sizes of each partition's read-only text at the start of its two ranges
# (.gk_text, .user_text), in configuration order, for the kernel's
# invariant checks (partitions/invariants.c): pk_code_sizes[i] = {gk, user}.
#
# And per partition, for tracepoints (partitions/tp.c): the address of the
# guest's os_current and its task record layout, pk_tp_guests[i] = {current,
# size, id, priority, state, name} (offsets from os_layout.txt).
$(PK_GEN)/pk_code.S: $(foreach p,$(PK_PARTITIONS),$(OUT)/part/$(p)/$(p).elf $(OUT)/part/$(p)/os_layout.txt)
	@mkdir -p $(@D)
	$(call quiet,GEN     $@)
	$(Q){ echo '/* Generated by mk/partitioned.mk: partition code sizes. */'; \
	   echo '    .section .rodata'; echo '    .balign 4'; \
	   echo '    .global pk_code_sizes'; echo 'pk_code_sizes:'; \
	   $(foreach p,$(PK_PARTITIONS), \
	   $(TARGET_SIZE) -A $(OUT)/part/$(p)/$(p).elf | \
	   awk '$$1 == ".gk_text" { g = $$2 } $$1 == ".user_text" { u = $$2 } \
	        END { printf "    .word %d, %d\n", g, u }';) \
	   echo '    .global pk_tp_guests'; echo 'pk_tp_guests:'; \
	   $(foreach p,$(PK_PARTITIONS), \
	   cur=$$($(TARGET_NM) $(OUT)/part/$(p)/$(p).elf | awk '$$3 == "os_current" { print "0x" $$1 }'); \
	   awk -v cur="$${cur:-0}" '{ v[$$1] = $$2 } END { printf "    .word %s, %d, %d, %d, %d, %d\n", \
	        cur, v["SIZE"], v["ID"], v["PRIORITY"], v["STATE"], v["NAME"] }' \
	        $(OUT)/part/$(p)/os_layout.txt;) } > $@.tmp
	@mv $@.tmp $@

# ---- The kernel ----

# The architecture's code, with the board's model of address spaces
# (BOARD_PK_SPACE: domains, one table; asid, a table and an ASID per
# partition, with one translation table per partition in the MMU code).
BOARD_PK_SPACE ?= domains
PK_ARCH_DIR := partitions/arch/$(BOARD_ARCH)
PK_KERNEL_SRCS := $(wildcard partitions/*.c) $(wildcard partitions/sched/*.c) \
	$(filter-out $(PK_ARCH_DIR)/space_%.c,$(wildcard $(PK_ARCH_DIR)/*.c)) \
	$(PK_ARCH_DIR)/space_$(BOARD_PK_SPACE).c $(wildcard $(PK_ARCH_DIR)/*.S)
ifeq ($(BOARD_PK_SPACE),asid)
TARGET_CFLAGS += -DPK_ARCH_ASID -DMMU_SPACES=33u
endif
PK_KERNEL_SRCS += $(TRACE_KERNEL_SRCS) # trace ring (mk/trace.mk), empty when off
# Drivers of assigned devices: bus masters' DMA extent and quiesce
# functions, the reset functions of devices the board gives one.
BSP_SRCS += $(filter-out $(BSP_SRCS),$(foreach d,$(PK_DMA_DRIVERS),bsp/drivers/$(d).c))
PK_GEN_SRCS := $(PK_GEN)/pk_system_config.c $(PK_GEN)/pk_images.S $(PK_GEN)/pk_code.S

INCLUDES := -Ipartitions/include -Ipartitions -Ipartitions/arch/$(BOARD_ARCH) $(BSP_INCLUDES) -I$(GENDIR) \
	-I$(PK_GEN) $(PK_KERNEL_DEFINES)

SIZE_COMPONENTS := kernel bsp guests apps
SIZE_OBJS_kernel := $(call src_to_obj,$(PK_KERNEL_SRCS))
SIZE_OBJS_bsp := $(call src_to_obj,$(BSP_SRCS))
PK_OBJS := $(SIZE_OBJS_kernel) $(SIZE_OBJS_bsp) $(call src_to_obj,$(PK_GEN_SRCS))

# Generated sources live in the build tree: compile them from there.
$(OBJDIR)/$(PK_GEN)/%.o: $(PK_GEN)/%.c
	@mkdir -p $(@D)
	$(call quiet,CC      $<)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(INCLUDES) -MMD -MP -c $< -o $@
$(OBJDIR)/$(PK_GEN)/pk_images.o: $(PK_GEN)/pk_images.S $(PK_PART_IMAGES)
	@mkdir -p $(@D)
	$(call quiet,AS      $<)
	$(Q)$(TARGET_CC) $(TARGET_ASFLAGS) -c $< -o $@
$(OBJDIR)/$(PK_GEN)/pk_code.o: $(PK_GEN)/pk_code.S
	@mkdir -p $(@D)
	$(call quiet,AS      $<)
	$(Q)$(TARGET_CC) $(TARGET_ASFLAGS) -c $< -o $@

# Offsets of C structures for entry.S, generated from C.
PK_ASM_OFFSETS_SRC := partitions/arch/$(BOARD_ARCH)/asm_offsets.c
$(GENDIR)/pk_asm_offsets.h: $(PK_ASM_OFFSETS_SRC)
	@mkdir -p $(@D)
	$(call quiet,GEN     $@)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(INCLUDES) -MMD -MP -MT $@ -MF $@.d -S $< -o $@.s
	@{ echo '/* Generated from $< - do not edit. */'; \
	   sed -n 's/^@@asm-offset \([A-Za-z0-9_]*\) #\{0,1\}\(.*\)$$/#define \1 \2/p' $@.s; } > $@.tmp
	@mv $@.tmp $@
-include $(GENDIR)/pk_asm_offsets.h.d

$(PK_OBJS): | $(GENDIR)/pk_asm_offsets.h

$(OUT)/kernel.ld: linker/image.ld $(wildcard bsp/$(BOARD)/*.h)
	@mkdir -p $(@D)
	$(call quiet,CPP     $@)
	$(Q)$(TARGET_CC) -E -P -undef -x c -DBOARD_LDS -DIMAGE_KERNEL $(BSP_INCLUDES) $< -o $@

# The kernel is optimised across its files at link time (PK_LTO=0 turns it
# off): its hot paths (a kernel exit's charge, decision and switch) run
# through small functions of several files, sched/ and time.c, which are
# inlined into one another. The objects keep their ordinary code too
# (fat objects), so the size reports of the files still read them. The
# link generates the code, so it runs with the CPU's own flags; the C
# library and libgcc it names by path, as the library flags pick them
# (BOARD_LIB_FLAGS: on ARMv7 the CPU's flags would pick the Thumb-2 ones).
PK_LTO ?= 1
ifeq ($(PK_LTO),1)
$(PK_OBJS): TARGET_CFLAGS += -flto -ffat-lto-objects
PK_ELF_LDFLAGS := $(BOARD_CPU_FLAGS) -O2 -flto=1 -nostdlib $(TARGET_LDFLAGS_IMAGE)
PK_ELF_LDLIBS := -Wl,--start-group \
	$(shell $(TARGET_CC) $(BOARD_LIB_FLAGS) -print-file-name=libc_nano.a) \
	$(shell $(TARGET_CC) $(BOARD_LIB_FLAGS) -print-libgcc-file-name) \
	-Wl,--end-group
else
PK_ELF_LDFLAGS := $(TARGET_LDFLAGS)
PK_ELF_LDLIBS := $(TARGET_LDLIBS)
endif

# pk_tp_guests stays in every kernel (a garbage-collection root): the gdb
# extension pk-tasks reads it (tools/gdb/pk_tasks.py).
$(ELF): $(PK_OBJS) $(OUT)/kernel.ld
	$(call quiet,LD      $@)
	$(Q)$(TARGET_CC) $(PK_ELF_LDFLAGS) -Wl,--undefined=pk_tp_guests \
		-T $(OUT)/kernel.ld -Wl,-Map=$(MAP) \
		-o $@ $(PK_OBJS) $(PK_ELF_LDLIBS)

-include $(PK_OBJS:.o=.d) $(PK_PART_DEPS)
