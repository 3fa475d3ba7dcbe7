# pk-fair-block: a partition runnable half of every 100 ms keeps its 1:1
# share against a CPU-bound one while runnable (BVT wake rule), see
# system.toml.
SYSTEM_KIND := partitioned
SYSTEM_TIMEOUT := 400
PK_APPS_DIR := apps
PK_KERNEL_DEFINES := -DPK_CONFIG_TEST_EXIT
