# Native target test native-irqstray (see main.c).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/target/native-irqstray/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/target/native-irqstray
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 30
SYSTEM_NEEDS := aux_timer
# Depends on the board (timers, interrupts): in the board set of the matrix
# (tools/run_tests.py).
SYSTEM_SETS := board
