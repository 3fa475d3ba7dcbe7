# Native target test native-inherit (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-inherit/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-inherit
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
