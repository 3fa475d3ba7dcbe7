/* Tick core configuration of this test: 1 kHz tick, two notification
 * slots per task. */
#define OS_CONFIG_TASK_NOTIFY_COUNT 2
