# Native target test native-stack (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-stack/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-stack
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
