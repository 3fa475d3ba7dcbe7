/*
 * fuzz_map.h - the memory map the fuzzer attacks: the partitions of
 * tests/target/pk-fuzz/system.toml and tests/bench/pk-fuzz-long/system.toml
 * (victim, fuzz, fuzzjump, in that order) and the board's kernel range and
 * kernel devices, all from the configuration (tools/pkconfig.py's
 * PK_MAP_*, PK_BOARD_* and PK_KERNEL_* defines), so that the same source
 * runs on every board.
 */
#ifndef FUZZ_MAP_H
#define FUZZ_MAP_H

#define RANGE_SIZE 0x00100000u   /* every range is 1 MiB */
#define VICTIM_GK PK_LAYOUT_VICTIM_KERNEL_BASE     /* partition 0: victim1k */
#define VICTIM_USER PK_LAYOUT_VICTIM_USER_BASE
#define OWN_GK PK_LAYOUT_FUZZ_KERNEL_BASE          /* partition 1: this fuzzer */
#define OWN_USER PK_LAYOUT_FUZZ_USER_BASE
#define JUMPER_GK PK_LAYOUT_FUZZJUMP_KERNEL_BASE   /* partition 2: fuzzjump */
#define JUMPER_USER PK_LAYOUT_FUZZJUMP_USER_BASE
#define VICTIM 0
#define JUMPER 2
#define N_PARTITIONS 3
/* The partitions whose PART_STATUS the fuzzer may read (its status_of in
 * system.toml, itself included): bit n = partition n. */
#define STATUS_OF 0x7u
/* Probe pins of the board (BSP_PROBE_PINS) and the first one a partition
 * may own (the kernel's PK_PROBE_PART_PINS show the running partition). */
#define PROBE_PINS 8u
#define PROBE_PART_PINS 3u

/* The kernel's range: vectors, text, data, bss, mode stacks, the
 * translation table; the high vector page is not mapped. */
#define KERNEL_BASE PK_LAYOUT_KERNEL_BASE
#define KERNEL_SIZE PK_LAYOUT_KERNEL_SIZE
#define KERNEL_END (PK_LAYOUT_KERNEL_BASE + PK_LAYOUT_KERNEL_SIZE)
#define HIGH_VECTORS 0xffff0000u
/* The kernel's console and interrupt controller at their physical
 * addresses (unmapped unless assigned) and at the kernel's privileged
 * alias of them. */
#define UART0_PA PK_LAYOUT_KDEV_CONSOLE
#define VIC_PA PK_LAYOUT_KDEV_INTC
#define UART0_KVA PK_LAYOUT_KDEV_CONSOLE_ALIAS
#define VIC_KVA PK_LAYOUT_KDEV_INTC_ALIAS
/* No board maps this section (outside RAM and the device aliases). */
#define UNMAPPED 0x20000000u

#endif /* FUZZ_MAP_H */
