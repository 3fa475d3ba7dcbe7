# freertos-native-stream: apps/freertos/stream (a stream buffer fed from the tick interrupt, message buffers).
SYSTEM_KIND := native
include rtos/freertos/freertos.mk
SYSTEM_SRCS := $(wildcard apps/freertos/stream/*.c) apps/freertos/common/result_native.c \
	$(FREERTOS_SRCS)
SYSTEM_CONFIG_DIR := apps/freertos/stream
SYSTEM_INCLUDES := $(FREERTOS_INCLUDES) -Iapps/freertos/common \
	-DAPP_TEST_NAME='"freertos-native-stream"'
SYSTEM_TIMEOUT := 60
