/* Tick core configuration of the native demo: 1 kHz tick, 8 priorities. */
#define OS_CONFIG_TICK_HZ 1000
#define OS_CONFIG_MAX_PRIORITIES 8
