/*
 * fuzz_map.h - the memory map the fuzzer attacks: the layout of
 * tests/target/pk-fuzz/system.toml and tests/bench/pk-fuzz-long/system.toml
 * (change them together) and the board's fixed addresses
 * (bsp/versatilepb/board.h, docs/memory.md).
 */
#ifndef FUZZ_MAP_H
#define FUZZ_MAP_H

#define RANGE_SIZE 0x00100000u   /* every range is 1 MiB */
#define VICTIM_GK 0x01000000u    /* partition 0: victim1k */
#define VICTIM_USER 0x01100000u
#define OWN_GK 0x01200000u       /* partition 1: this fuzzer */
#define OWN_USER 0x01300000u
#define JUMPER_GK 0x01400000u    /* partition 2: fuzzjump */
#define JUMPER_USER 0x01500000u
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

/* The kernel's 16 MiB: vectors at 0x0, text, data, bss, mode stacks, the
 * translation table; the high vector page is not mapped. */
#define KERNEL_END 0x01000000u
#define HIGH_VECTORS 0xffff0000u
/* Devices at their physical addresses (unmapped unless assigned) and the
 * kernel's privileged alias of them. */
#define UART0_PA 0x101f1000u
#define VIC_PA 0x10140000u
#define UART0_KVA 0xf01f1000u
#define VIC_KVA 0xf0140000u
#define UNMAPPED 0x20000000u

#endif /* FUZZ_MAP_H */
