/* Tick core configuration of this test: 1 kHz tick, tickless idle. */
#define OS_CONFIG_TICKLESS 1
