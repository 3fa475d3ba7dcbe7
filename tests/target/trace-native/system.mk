# Native target test trace-native (see main.c); also the native system of
# `make trace SYSTEM=trace-native` (docs/measuring.md).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/trace-native/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/trace-native
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
