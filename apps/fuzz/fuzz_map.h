/*
 * fuzz_map.h - the memory map the fuzzer attacks: the layout of
 * tests/target/pk-fuzz/system.toml and tests/bench/pk-fuzz-long/system.toml
 * (the same three partitions, in this order) and the board's kernel range
 * and devices, all from the configuration of the board it is built for.
 */
#ifndef FUZZ_MAP_H
#define FUZZ_MAP_H

#define RANGE_SIZE 0x00100000u   /* every range is 1 MiB */
/* The partitions' ranges, from the configuration (tools/pkconfig.py's
 * PK_LAYOUT_* defines): partition 0 victim1k, 1 this fuzzer, 2 fuzzjump. */
#define VICTIM_GK PK_LAYOUT_VICTIM_KERNEL_BASE
#define VICTIM_USER PK_LAYOUT_VICTIM_USER_BASE
#define OWN_GK PK_LAYOUT_FUZZ_KERNEL_BASE
#define OWN_USER PK_LAYOUT_FUZZ_USER_BASE
#define JUMPER_GK PK_LAYOUT_FUZZJUMP_KERNEL_BASE
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
 * translation tables; the high vector page is not mapped. */
#define KERNEL_BASE PK_LAYOUT_KERNEL_BASE
#define KERNEL_SIZE PK_LAYOUT_KERNEL_SIZE
#define KERNEL_END (PK_LAYOUT_KERNEL_BASE + PK_LAYOUT_KERNEL_SIZE)
#define HIGH_VECTORS 0xffff0000u
/* The kernel's devices at their physical addresses (never mapped for a
 * partition) and at the kernel's privileged alias; an address past RAM. */
#define UART0_PA PK_LAYOUT_KDEV_CONSOLE
#define VIC_PA PK_LAYOUT_KDEV_INTC
#define UART0_KVA PK_LAYOUT_KDEV_CONSOLE_ALIAS
#define VIC_KVA PK_LAYOUT_KDEV_INTC_ALIAS
#define UNMAPPED (PK_LAYOUT_RAM_END + 1u)

#endif /* FUZZ_MAP_H */
