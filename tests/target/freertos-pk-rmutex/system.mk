# freertos-pk-rmutex: apps/freertos/rmutex (recursive mutex, priority inheritance, normal mutex) as a partition, beside the
# neighbour partition (apps/freertos-pk/neighbour) on BVT.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 60
PK_APPS_DIR := apps/freertos-pk
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
PK_APP_DEFINES := -I$(CURDIR)/rtos/freertos/include -I$(CURDIR)/apps/freertos/common \
	-DAPP_TEST_NAME='"freertos-pk-rmutex"' -DNEIGHBOUR_DEADLINE_MS=10000
