# tm-pk-bench: tests/target/tm-pk with 2 s per test (scaled to 30 s), the figures of
# tools/bench_tm.py (make bench).
TM_PERIOD_MS := 2000u
include tests/target/tm-pk/system.mk
SYSTEM_TIMEOUT := 300
