/* The suite's configuration: a 1 kHz tick, 8 priorities (apps/tm/tm.c). */
#define OS_CONFIG_TICK_HZ 1000
#define OS_CONFIG_MAX_PRIORITIES 8
