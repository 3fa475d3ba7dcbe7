/* A fast tick (100 us) so that round robin preempts the printing tasks
 * often, in the middle of formatting their lines. */
#define OS_CONFIG_TICK_HZ 10000
