# Native target test native-timers (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-timers/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-timers
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 60
SYSTEM_NEEDS := aux_timer
# Depends on the board (timers, interrupts, memory map): in the board set
# of the matrix (tools/run_tests.py).
SYSTEM_SETS := board
