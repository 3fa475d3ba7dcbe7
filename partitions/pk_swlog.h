/*
 * pk_swlog.h - a test-only log of partition switches (partitions/swlog.c).
 *
 * Built only into kernels compiled with -DPK_CONFIG_SWITCH_LOG (a test
 * system sets it in PK_KERNEL_DEFINES, e.g. tests/target/pk-cyclic); in
 * every other kernel the hooks are empty statements and swlog.c is empty.
 * The log keeps the first PK_SWLOG_SIZE switches with the global clock at
 * the moment of the switch, so a test can check from the kernel's own view
 * when each partition got and lost the CPU; PK_SVC_TEST_EXIT prints it:
 *
 *   SWLOG origin_ns=<cyclic frame origin> end_ns=<now> records=<n> dropped=<n>
 *   SW <time_ns> <partition index | idle>           (one line per switch)
 *
 * Hooks (kernel context, IRQs masked):
 *   PK_SWLOG_SWITCH(to)  the CPU goes to partition `to` (NULL: the kernel
 *                        idles); consecutive records never repeat a value
 *   PK_SWLOG_DUMP()      print the log (test exit)
 */
#ifndef PK_SWLOG_H
#define PK_SWLOG_H

struct pk_part;

#ifdef PK_CONFIG_SWITCH_LOG
/* Switches kept (the first ones; later ones are counted as dropped). */
#define PK_SWLOG_SIZE 1024u
void pk_swlog_switch(const struct pk_part *to);
void pk_swlog_dump(void);
#define PK_SWLOG_SWITCH(to) pk_swlog_switch(to)
#define PK_SWLOG_DUMP() pk_swlog_dump()
#else
#define PK_SWLOG_SWITCH(to) do { } while (0)
#define PK_SWLOG_DUMP() do { } while (0)
#endif

#endif /* PK_SWLOG_H */
