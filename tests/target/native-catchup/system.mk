# Native target test native-catchup (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-catchup/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-catchup
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
