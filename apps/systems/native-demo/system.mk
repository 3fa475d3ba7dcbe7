# native-demo: the tick core alone on the board, no partitions (see apps/demo).
SYSTEM_KIND := native
SYSTEM_SRCS := $(wildcard apps/demo/*.c)
SYSTEM_CONFIG_DIR := apps/demo
