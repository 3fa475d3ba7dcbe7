# Native target test native-tickless (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-tickless/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-tickless
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
