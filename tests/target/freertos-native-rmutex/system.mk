# freertos-native-rmutex: apps/freertos/rmutex (recursive mutex, priority inheritance, normal mutex) on the tick core alone.
SYSTEM_KIND := native
include rtos/freertos/freertos.mk
SYSTEM_SRCS := $(wildcard apps/freertos/rmutex/*.c) apps/freertos/common/result_native.c \
	$(FREERTOS_SRCS)
SYSTEM_CONFIG_DIR := apps/freertos/rmutex
SYSTEM_INCLUDES := $(FREERTOS_INCLUDES) -Iapps/freertos/common \
	-DAPP_TEST_NAME='"freertos-native-rmutex"'
SYSTEM_TIMEOUT := 60
