# tm-native-bench: tests/target/tm-native with 2 s per test (scaled to 30 s), the figures of
# tools/bench_tm.py (make bench).
TM_PERIOD_MS := 2000u
include tests/target/tm-native/system.mk
SYSTEM_TIMEOUT := 300
