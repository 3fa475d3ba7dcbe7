# Native benchmarks of the tick core (make bench, tools/bench_native.py).
SYSTEM_KIND := native
SYSTEM_SRCS := tests/bench/native-bench/main.c tests/target/native-common/tn.c
SYSTEM_CONFIG_DIR := tests/bench/native-bench
SYSTEM_INCLUDES := -Itests/target/native-common
SYSTEM_TIMEOUT := 120
