# freertos-native-dynamic: apps/freertos/dynamic (dynamic create and delete of tasks and objects, static creation, heap accounting) on the tick core alone.
SYSTEM_KIND := native
include rtos/freertos/freertos.mk
SYSTEM_SRCS := $(wildcard apps/freertos/dynamic/*.c) apps/freertos/common/result_native.c \
	$(FREERTOS_SRCS)
SYSTEM_CONFIG_DIR := apps/freertos/dynamic
SYSTEM_INCLUDES := $(FREERTOS_INCLUDES) -Iapps/freertos/common \
	-DAPP_TEST_NAME='"freertos-native-dynamic"'
SYSTEM_TIMEOUT := 60
