/* Benchmarks run with the default configuration: 1 kHz tick, stack check on. */
#define OS_CONFIG_TICK_HZ 1000
