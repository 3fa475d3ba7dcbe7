# freertos-demo: a FreeRTOS application (apps/freertos/demo: a data
# pipeline from the tick interrupt through a stream buffer and a queue,
# a timer, an event group, a task created each second) as a partition,
# beside a tick-core partition that checks its own memory and timing.
# `make run SYSTEM=freertos-demo`; docs/freertos.md.
SYSTEM_KIND := partitioned
PK_APPS_DIR := apps/freertos-pk
PK_APP_DEFINES := -I$(CURDIR)/rtos/freertos/include -I$(CURDIR)/apps/freertos/common \
	-DAPP_TEST_NAME='"freertos-demo"'
