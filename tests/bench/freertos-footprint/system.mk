# freertos-footprint: built, not run (tools/bench_freertos.py): the
# software-timer application (apps/freertos/timers) with queue sets,
# mutexes and counting semaphores also on, so that every newer part of
# rtos/ and of the FreeRTOS layer is compiled; its objects' sizes against
# those of freertos-native-timers (the same configuration, queue sets off).
SYSTEM_KIND := native
include rtos/freertos/freertos.mk
SYSTEM_SRCS := $(wildcard apps/freertos/timers/*.c) apps/freertos/common/result_native.c \
	$(FREERTOS_SRCS)
SYSTEM_CONFIG_DIR := tests/bench/freertos-footprint
SYSTEM_INCLUDES := $(FREERTOS_INCLUDES) -Iapps/freertos/common \
	-DAPP_TEST_NAME='"freertos-footprint"'
SYSTEM_TIMEOUT := 60
