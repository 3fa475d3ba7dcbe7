# freertos-pk-overhead: apps/freertos/overhead (the layer's cost per call
# over the tick core's, failing above 5 %) in a partition alone.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 90
PK_APPS_DIR := apps/freertos-pk
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
PK_APP_DEFINES := -I$(CURDIR)/rtos/freertos/include -I$(CURDIR)/apps/freertos/common \
	-DAPP_TEST_NAME='"freertos-pk-overhead"' -DNEIGHBOUR_DEADLINE_MS=10000
