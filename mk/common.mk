# common.mk - toolchain, flags and rules shared by every kind of target
# system (native.mk, partitioned.mk). Included by the root Makefile after
# the board's board.mk, before the system's kind fragment.

CROSS ?= arm-none-eabi-
# ccache, when it is installed, in front of the compilers: the test matrix
# builds the same kernel and guest sources for many systems and boards, and
# a cached object is the one the compiler made of the same preprocessed
# source with the same flags. Its cache lives in build/ (make clean empties
# it). CCACHE= on the command line compiles without it.
CCACHE ?= $(shell command -v ccache 2>/dev/null)
export CCACHE_DIR ?= $(abspath build/ccache)
TARGET_CC := $(CCACHE) $(CROSS)gcc
TARGET_OBJCOPY := $(CROSS)objcopy
TARGET_NM := $(CROSS)nm
TARGET_SIZE := $(CROSS)size
GDB ?= gdb-multiarch
PYTHON := /usr/bin/python3

# Quiet build lines ("CC file"); make V=1 shows the full commands.
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @echo '  $(1)'
endif

# Target C: C11, freestanding, warnings are errors.
TARGET_CFLAGS := $(BOARD_CPU_FLAGS) -std=c11 -ffreestanding -O2 -g \
	-Wall -Wextra -Werror -ffunction-sections -fdata-sections
TARGET_ASFLAGS := $(BOARD_CPU_FLAGS) -g -D__ASSEMBLER__
# The flags that pick the C library and libgcc (the multilib) at link
# time: the CPU flags, unless the board names others (BOARD_LIB_FLAGS). A
# partition must run in ARM state only, so its libraries must be ARM code:
# for ARMv7-A the toolchain's own choice is the Thumb-2 build.
BOARD_LIB_FLAGS ?= $(BOARD_CPU_FLAGS)
# newlib nano for printf; the board's syscalls.c supplies the hooks.
# (TARGET_LDFLAGS_IMAGE: what every image's link takes besides the library
# choice; the partitioning kernel's optimising link uses it too.)
TARGET_LDFLAGS_IMAGE := -nostartfiles -Wl,--gc-sections -Wl,--no-warn-rwx-segments
TARGET_LDFLAGS := $(BOARD_LIB_FLAGS) --specs=nano.specs $(TARGET_LDFLAGS_IMAGE)
TARGET_LDLIBS := -Wl,--start-group -lc -lgcc -Wl,--end-group

# Board support sources: the generic board code (bsp/common) over the
# board's data (bsp/<board>/board.h), the shared IP drivers the board names,
# and the architecture code: the family's (bsp/arch/arm) with the version's
# headers (bsp/arch/arm/v5, v6, v7) before it on the include path.
BSP_ARCH_DIR := bsp/arch/$(BOARD_ARCH)
BSP_ARCH_VERSION_DIR := $(BSP_ARCH_DIR)/$(BOARD_ARCH_VERSION)
BSP_SRCS := $(BOARD_SRCS) $(wildcard bsp/common/*.c) \
	$(foreach d,$(BOARD_DRIVERS),bsp/drivers/$(d).c) \
	$(wildcard $(BSP_ARCH_DIR)/*.c) $(wildcard $(BSP_ARCH_DIR)/*.S)
BSP_INCLUDES := -Ibsp/include -I$(BSP_ARCH_VERSION_DIR) -I$(BSP_ARCH_DIR) \
	-Ibsp/drivers -Ibsp/$(BOARD)

# Objects live under $(OUT)/obj mirroring the source tree. INCLUDES is set
# by the kind fragment (and may be refined per target).
OBJDIR := $(OUT)/obj
GENDIR := $(OUT)/gen
src_to_obj = $(patsubst %,$(OBJDIR)/%.o,$(basename $(1)))

$(OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet,CC      $<)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(INCLUDES) -MMD -MP -c $< -o $@

$(OBJDIR)/%.o: %.S
	@mkdir -p $(@D)
	$(call quiet,AS      $<)
	$(Q)$(TARGET_CC) $(TARGET_ASFLAGS) $(INCLUDES) -MMD -MP -c $< -o $@

# The board's linker script, run through cpp so it can use board.h.
$(OUT)/link.ld: linker/image.ld $(wildcard bsp/$(BOARD)/*.h)
	@mkdir -p $(@D)
	$(call quiet,CPP     $@)
	$(Q)$(TARGET_CC) -E -P -undef -x c -DBOARD_LDS $(BSP_INCLUDES) linker/image.ld -o $@

%.bin: %.elf
	$(call quiet,OBJCOPY $@)
	$(Q)$(TARGET_OBJCOPY) -O binary $< $@

# How to run this system: read by tools/qemu_run.py.
$(OUT)/qemu.json: bsp/$(BOARD)/board.mk $(SYSTEM_DIR)/system.mk
	@mkdir -p $(@D)
	@printf '{"name": "%s", "board": "%s", "elf": "%s", "qemu": "%s", "machine": "%s", "flags": "%s", "timeout": %s, "check": "%s"}\n' \
		'$(SYSTEM)' '$(BOARD)' '$(ELF)' '$(BOARD_QEMU)' '$(BOARD_QEMU_MACHINE)' \
		'$(BOARD_QEMU_FLAGS)' '$(or $(SYSTEM_TIMEOUT),60)' '$(SYSTEM_CHECK)' > $@
