# Native target test native-preempt (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-preempt/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-preempt
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
SYSTEM_NEEDS := aux_timer
# Depends on the board (devices, timers, memory map, architecture): in
# the board set of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
