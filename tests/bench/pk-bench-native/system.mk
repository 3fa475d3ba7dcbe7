# pk-bench-native: the matmul workload natively (tools/bench_pk.py).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/bench/pk-bench-native/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/bench/pk-bench-native
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 120
