# freertos-native-qset: apps/freertos/qset (queue sets over two queues and a semaphore) on the tick core alone.
SYSTEM_KIND := native
include rtos/freertos/freertos.mk
SYSTEM_SRCS := $(wildcard apps/freertos/qset/*.c) apps/freertos/common/result_native.c \
	$(FREERTOS_SRCS)
SYSTEM_CONFIG_DIR := apps/freertos/qset
SYSTEM_INCLUDES := $(FREERTOS_INCLUDES) -Iapps/freertos/common \
	-DAPP_TEST_NAME='"freertos-native-qset"'
SYSTEM_TIMEOUT := 60
