/* The host unit tests of the APEX: an APEX partition's tick core. */
#ifndef OS_CONFIG_H
#define OS_CONFIG_H
#define OS_CONFIG_MAX_PRIORITIES 32
#define OS_CONFIG_TICK_HZ 1000
#define OS_CONFIG_ROUND_ROBIN 0
#define OS_CONFIG_STACK_CHECK 1
#define OS_CONFIG_ASSERT 1
#define APEX_CONFIG_MAX_PROCESSES 8
#define APEX_CONFIG_STACK_POOL_BYTES (8u * 65536u)
#endif
