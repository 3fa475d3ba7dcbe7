# freertos-native-queue: apps/freertos/queue (producer/consumer over
# FreeRTOS queues, semaphores and a mutex) on the tick core alone.
SYSTEM_KIND := native
include rtos/freertos/freertos.mk
SYSTEM_SRCS := $(wildcard apps/freertos/queue/*.c) apps/freertos/common/result_native.c \
	$(FREERTOS_SRCS)
SYSTEM_CONFIG_DIR := apps/freertos/queue
SYSTEM_INCLUDES := $(FREERTOS_INCLUDES) -Iapps/freertos/common \
	-DAPP_TEST_NAME='"freertos-native-queue"'
SYSTEM_TIMEOUT := 60
