# The emulated logic analyzer: a QEMU TCG plugin (host shared object).
# It declares the few QEMU 7.2 plugin API items it uses itself (QEMU
# installs no plugin header), so it needs no glib headers.
#   make gpio-vcd-plugin  ->  $(BUILD)/tools/gpio_vcd.so
GPIO_VCD_SO := $(or $(BUILD),build)/tools/gpio_vcd.so
HOST_CC ?= gcc

$(GPIO_VCD_SO): tools/qemu-plugin/gpio_vcd.c
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=c11 -O2 -Wall -Wextra -Werror -shared -fPIC \
	    -fvisibility=hidden -o $@ $<

.PHONY: gpio-vcd-plugin
gpio-vcd-plugin: $(GPIO_VCD_SO)
