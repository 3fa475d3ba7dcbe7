/* The same 1 kHz tick as the partition of tests/bench/pk-bench. */
#define OS_CONFIG_TICK_HZ 1000
