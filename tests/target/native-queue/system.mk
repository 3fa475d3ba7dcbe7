# Native target test native-queue (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-queue/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-queue
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
