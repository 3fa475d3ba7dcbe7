/* rt-apexmon: an APEX partition (no round robin). */
#define OS_CONFIG_ROUND_ROBIN 0
