/* Tick core configuration of partition "prims": queue sets on, two
 * notification slots per task. */
#define OS_CONFIG_QUEUE_SETS 1
#define OS_CONFIG_TASK_NOTIFY_COUNT 2
