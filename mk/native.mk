# native.mk - a system where the tick core runs alone on the board: tick
# core + native port + board support + the system's application sources.
#
# The system.mk provides:
#   SYSTEM_SRCS        application sources (.c/.S, paths from the root)
#   SYSTEM_CONFIG_DIR  directory holding its os_config.h
#   SYSTEM_TIMEOUT     (optional) wall-clock limit of a QEMU run, seconds

PORT_DIR := rtos/port/$(BOARD_NATIVE_PORT)
CORE_SRCS := $(wildcard rtos/src/*.c)
# Task-level library over the core (task-safe stdio).
LIB_SRCS := $(wildcard rtos/lib/*.c)
PORT_SRCS := $(filter-out $(PORT_DIR)/asm_offsets.c,\
	$(wildcard $(PORT_DIR)/*.c) $(wildcard $(PORT_DIR)/*.S))
APP_SRCS := $(SYSTEM_SRCS)

# BSP_TICK_FAST: the board's interrupt dispatch tests the tick's one-shot
# first (bsp/common/irq.c); only here, where the tick runs (a partitioned
# kernel uses the one-shot through bsp_timer_*, and its dispatch is not
# made longer by the test).
INCLUDES := -I$(SYSTEM_CONFIG_DIR) -Irtos/include -I$(PORT_DIR) \
	$(BSP_INCLUDES) -I$(GENDIR) $(SYSTEM_INCLUDES) -DBSP_TICK_FAST=1

SIZE_COMPONENTS := core lib port bsp app
SIZE_OBJS_core := $(call src_to_obj,$(CORE_SRCS))
SIZE_OBJS_lib := $(call src_to_obj,$(LIB_SRCS))
SIZE_OBJS_port := $(call src_to_obj,$(PORT_SRCS))
SIZE_OBJS_bsp := $(call src_to_obj,$(BSP_SRCS))
SIZE_OBJS_app := $(call src_to_obj,$(APP_SRCS))
NATIVE_OBJS := $(SIZE_OBJS_core) $(SIZE_OBJS_lib) $(SIZE_OBJS_port) $(SIZE_OBJS_bsp) $(SIZE_OBJS_app)

# Offsets of C structures for the port's assembly, generated from C.
$(GENDIR)/asm_offsets.h: $(PORT_DIR)/asm_offsets.c
	@mkdir -p $(@D)
	$(call quiet,GEN     $@)
	$(Q)$(TARGET_CC) $(TARGET_CFLAGS) $(INCLUDES) -MMD -MP -MT $@ -MF $@.d -S $< -o $@.s
	@{ echo '/* Generated from $< - do not edit. */'; \
	   sed -n 's/^@@asm-offset \([A-Za-z0-9_]*\) #\{0,1\}\(.*\)$$/#define \1 \2/p' $@.s; } > $@.tmp
	@mv $@.tmp $@
-include $(GENDIR)/asm_offsets.h.d

$(NATIVE_OBJS): | $(GENDIR)/asm_offsets.h

$(ELF): $(NATIVE_OBJS) $(OUT)/link.ld
	$(call quiet,LD      $@)
	$(Q)$(TARGET_CC) $(TARGET_LDFLAGS) -T $(OUT)/link.ld -Wl,-Map=$(MAP) \
		-o $@ $(NATIVE_OBJS) $(TARGET_LDLIBS)

-include $(NATIVE_OBJS:.o=.d)

# The tick core and its port: GCC inlines only what the sources mark inline
# (their hot paths' helpers are); the rest stays one copy each (smaller
# text, the hot paths the same).
$(SIZE_OBJS_core) $(SIZE_OBJS_port): TARGET_CFLAGS += -fno-inline-small-functions
