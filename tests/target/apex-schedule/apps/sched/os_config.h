/* APEX partitions: 32 priorities (APEX 1..30), no round robin. */
#define OS_CONFIG_MAX_PRIORITIES 32
#define OS_CONFIG_ROUND_ROBIN 0
#define APEX_CONFIG_MAX_PROCESSES 8
