# freertos-native-overhead: the FreeRTOS layer's cost per call over the
# tick core's (fails above 5 %), natively.
SYSTEM_KIND := native
include rtos/freertos/freertos.mk
SYSTEM_SRCS := tests/target/freertos-native-overhead/overhead.c \
	apps/freertos/common/result_native.c $(FREERTOS_SRCS)
SYSTEM_CONFIG_DIR := tests/target/freertos-native-overhead
SYSTEM_INCLUDES := $(FREERTOS_INCLUDES) -Iapps/freertos/common \
	-DAPP_TEST_NAME='"freertos-native-overhead"'
SYSTEM_TIMEOUT := 60
