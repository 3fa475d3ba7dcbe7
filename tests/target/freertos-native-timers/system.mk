# freertos-native-timers: apps/freertos/timers (software timers: auto-reload, one-shot, reset, change, stop, from the tick interrupt) on the tick core alone.
SYSTEM_KIND := native
include rtos/freertos/freertos.mk
SYSTEM_SRCS := $(wildcard apps/freertos/timers/*.c) apps/freertos/common/result_native.c \
	$(FREERTOS_SRCS)
SYSTEM_CONFIG_DIR := apps/freertos/timers
SYSTEM_INCLUDES := $(FREERTOS_INCLUDES) -Iapps/freertos/common \
	-DAPP_TEST_NAME='"freertos-native-timers"'
SYSTEM_TIMEOUT := 60
