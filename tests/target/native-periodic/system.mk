# Native target test native-periodic (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-periodic/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-periodic
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
