# Boot and console: banner, printf from two tasks never interleaved.
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-boot/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-boot
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_CHECK := tests/target/native-boot/check.py
SYSTEM_TIMEOUT := 60
SYSTEM_SETS := smoke board
