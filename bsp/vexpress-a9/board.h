/*
 * board.h - memory map, interrupt numbers and clocks of the ARM Versatile
 * Express with the CoreTile Express A9x4 (QEMU -M vexpress-a9, Cortex-A9
 * MPCore r0p0, the "legacy" motherboard map). One core is used; every
 * per-core structure of bsp/common is sized for CPU_MAX_CPUS.
 *
 *   0xFFFFFFFF +----------------------------+
 *              |         (unused)           |
 *   0xF0200000 +----------------------------+
 *              | kernel alias of the A9's   |  BOARD_PRIV_KVA
 *              | private peripherals        |
 *   0xF0100000 +----------------------------+
 *              | kernel alias of the        |  BOARD_MB_KVA: the kernel's
 *              | motherboard peripherals    |  only view of those devices
 *   0xF0000000 +----------------------------+
 *              |         (unused)           |
 *   0x68000000 +----------------------------+
 *              |  RAM 128 MiB               |
 *              |  0x61000000.. partitions   |
 *              |  0x60000000 kernel range   |  16 MiB: image linked at
 *              |  (vectors through VBAR)    |  0x60000000, stacks, arena
 *   0x60000000 +----------------------------+
 *              |         (unused)           |  unmapped addresses read 0
 *   0x1E100000 +----------------------------+  in QEMU: no bus abort
 *              | 0x1E001000 GIC distributor |
 *              | 0x1E000600 private timer   |  PPI 29: the system one-shot
 *              | 0x1E000200 global timer    |  100 MHz: the clock
 *              | 0x1E000100 GIC CPU iface   |
 *              | 0x1E000000 SCU             |
 *   0x1E000000 +----------------------------+  private peripherals
 *              |         (unused)           |
 *   0x10100000 +----------------------------+
 *              | 0x10020000 PL111 CLCD      |  SPI 44 = ID 76 (display)
 *              | 0x10012000 SP804 timers 2/3|  SPI 3 = ID 35 (timer)
 *              | 0x10011000 SP804 timers 0/1|  SPI 2 = ID 34 (aux timer)
 *              | 0x1000A000 PL011 UART1     |  SPI 6 = ID 38 (uart)
 *              | 0x10009000 PL011 UART0     |  SPI 5 = ID 37 (console)
 *              | 0x10000000 system regs     |  SYS_LED at +0x08: probe pins
 *   0x10000000 +----------------------------+  motherboard peripherals
 *              |  flash (reads 0, no RAM)   |
 *   0x00000000 +----------------------------+
 *
 * Both device windows are 1 MiB sections. The kernel reaches them only
 * through their aliases; the identity addresses stay unmapped so that a
 * partitioned system can hand one device's 4 KiB page to one partition
 * (docs/memory.md). Register offsets inside each block live in the driver
 * headers (bsp/drivers/<ip>.h); this file says only where the blocks are.
 */
#ifndef BOARD_VEXPRESS_A9_H
#define BOARD_VEXPRESS_A9_H

/* RAM (QEMU's default 128 MiB; no suffixes: the linker script uses these) */
#define BOARD_RAM_BASE 0x60000000
#define BOARD_RAM_SIZE 0x08000000

/* The image is linked and entered at the start of RAM (QEMU's ELF loader
 * jumps to the entry; the vectors are reached through VBAR). The
 * partitioning kernel's own range (board.toml kernel_base, kernel_size:
 * no partition may overlap it) is the first 16 MiB. */
#define BOARD_LINK_ADDR 0x60000000
#define BOARD_KERNEL_BASE 0x60000000
#define BOARD_KERNEL_SIZE 0x01000000

/* Device windows: physical bases, and the kernel's aliases. */
#define BOARD_MB_PHYS 0x10000000u   /* motherboard peripherals, 1 MiB */
#define BOARD_MB_SIZE 0x00100000u
#define BOARD_MB_KVA 0xF0000000u
#define BOARD_PRIV_PHYS 0x1E000000u /* Cortex-A9 private peripherals */
#define BOARD_PRIV_SIZE 0x00100000u
#define BOARD_PRIV_KVA 0xF0100000u
#define BOARD_MB_KADDR(pa) ((pa) - BOARD_MB_PHYS + BOARD_MB_KVA)
#define BOARD_PRIV_KADDR(pa) ((pa) - BOARD_PRIV_PHYS + BOARD_PRIV_KVA)

/* Physical addresses of the IP blocks. */
#define BOARD_SYSREG_PHYS 0x10000000u  /* system registers (arm-sysctl) */
#define BOARD_UART0_PHYS 0x10009000u   /* PL011, console */
#define BOARD_UART1_PHYS 0x1000A000u   /* PL011, assignable "uart" */
#define BOARD_TIMER01_PHYS 0x10011000u /* SP804, timers 0 and 1 */
#define BOARD_TIMER23_PHYS 0x10012000u /* SP804, assignable "timer" */
#define BOARD_CLCD_PHYS 0x10020000u    /* PL111 (daughterboard) */
#define BOARD_GIC_CPU_PHYS 0x1E000100u /* GIC CPU interface (per core) */
#define BOARD_GTIMER_PHYS 0x1E000200u  /* global timer */
#define BOARD_PTIMER_PHYS 0x1E000600u  /* private timer (per core) */
#define BOARD_GIC_DIST_PHYS 0x1E001000u /* GIC distributor */

/* Kernel addresses of the IP blocks (valid once bsp_init has run). */
#define BOARD_SYSREG_BASE BOARD_MB_KADDR(BOARD_SYSREG_PHYS)
#define BOARD_UART0_BASE BOARD_MB_KADDR(BOARD_UART0_PHYS)
#define BOARD_TIMER01_BASE BOARD_MB_KADDR(BOARD_TIMER01_PHYS)
#define BOARD_TIMER23_BASE BOARD_MB_KADDR(BOARD_TIMER23_PHYS)
#define BOARD_CLCD_BASE BOARD_MB_KADDR(BOARD_CLCD_PHYS)
#define BOARD_GIC_CPU_BASE BOARD_PRIV_KADDR(BOARD_GIC_CPU_PHYS)
#define BOARD_GIC_DIST_BASE BOARD_PRIV_KADDR(BOARD_GIC_DIST_PHYS)
#define BOARD_GTIMER_BASE BOARD_PRIV_KADDR(BOARD_GTIMER_PHYS)
#define BOARD_PTIMER_BASE BOARD_PRIV_KADDR(BOARD_PTIMER_PHYS)

/* Clocks (QEMU 7.2): the A9's timers count PERIPHCLK at 100 MHz, the
 * SP804s 1 MHz. */
#define BOARD_COUNTER_HZ 100000000u
#define BOARD_A9_TIMER_HZ 100000000u
#define BOARD_TIMER_HZ 1000000u

/* GIC interrupt IDs. The motherboard's interrupt lines are SPIs, ID =
 * 32 + line (QEMU's pic[n] is SPI n). */
#define BOARD_IRQ_PTIMER 29u  /* A9_TIMER_IRQ, a PPI: every core its own */
#define BOARD_IRQ_TIMER01 34u /* SPI 2 */
#define BOARD_IRQ_TIMER23 35u /* SPI 3 */
#define BOARD_IRQ_UART0 37u   /* SPI 5 */
#define BOARD_IRQ_UART1 38u   /* SPI 6 */
#define BOARD_IRQ_CLCD 76u    /* SPI 44 */
/* Sources QEMU's Cortex-A9 GIC implements (GICD_TYPER ITLinesNumber 2):
 * the handler table's size (board.toml irq_count). */
#define BOARD_GIC_SOURCES 96u

/* Stack sizes of the exception modes, in bytes (linker script). */
#define BOARD_STACK_SVC 0x2000
#define BOARD_STACK_IRQ 0x1000
#define BOARD_STACK_ABT 0x800
#define BOARD_STACK_UND 0x800
#define BOARD_STACK_FIQ 0x400
#define BOARD_STACK_SYS 0x1000
/* Heap handed to newlib through _sbrk (not used by kernel code). */
#define BOARD_NEWLIB_ARENA 0x4000

/* ---- Roles: which shared driver does what (bsp/common) ----
 * Not for the linker script, which includes this file for the stack sizes
 * (it is preprocessed with BOARD_LDS defined). */
#ifndef BOARD_LDS
#include "a9_timer.h"
#include "gic.h"
#include "pl011.h"
#include "semihost.h"
#include "sp804.h"
#include "sysled.h"

#define BOARD_NAME "vexpress-a9"

/* Device windows mapped for the kernel: { physical, size, kernel alias }. */
#define BOARD_DEV_WINDOWS                                                  \
    {{BOARD_MB_PHYS, BOARD_MB_SIZE, BOARD_MB_KVA},                         \
     {BOARD_PRIV_PHYS, BOARD_PRIV_SIZE, BOARD_PRIV_KVA}}

/* Console: UART0. */
#define BOARD_CONSOLE_INIT() pl011_init(BOARD_UART0_BASE)
#define BOARD_CONSOLE_PUTC(c) pl011_putc(BOARD_UART0_BASE, (c))
#define BOARD_CONSOLE_TRY_PUTC(c) pl011_try_putc(BOARD_UART0_BASE, (c))
#define BOARD_CONSOLE_GETC() pl011_getc(BOARD_UART0_BASE)

/* Clock: the global timer's low word, 100 MHz, 10 ns per count; started
 * by bsp_clock_init (the counter is shared by every core). */
#define BOARD_COUNTER_NS_NUM 10u
#define BOARD_COUNTER_NS_DEN 1u
#define BOARD_COUNTER_INIT() a9_gt_init(BOARD_GTIMER_BASE)
#define BOARD_COUNTER_READ() a9_gt_count(BOARD_GTIMER_BASE)

/* System one-shot: the calling core's private timer (banked), 100 MHz. */
#define BOARD_ONESHOT_HZ BOARD_A9_TIMER_HZ
#define BOARD_ONESHOT_NS_NUM 10u
#define BOARD_ONESHOT_NS_DEN 1u
#define BOARD_ONESHOT_IRQ BOARD_IRQ_PTIMER
#define BOARD_ONESHOT_START(t) a9_timer_oneshot(BOARD_PTIMER_BASE, (t))
#define BOARD_ONESHOT_CLEAR() a9_timer_clear(BOARD_PTIMER_BASE)
#define BOARD_ONESHOT_STOP() a9_timer_stop(BOARD_PTIMER_BASE)

/* Auxiliary one-shot (tests, benchmarks): SP804 timer 0 of the first
 * block, microseconds. */
#define BOARD_AUX_IRQ BOARD_IRQ_TIMER01
#define BOARD_AUX_START(us) sp804_oneshot(BOARD_TIMER01_BASE, (us))
#define BOARD_AUX_CLEAR() sp804_clear(BOARD_TIMER01_BASE)
#define BOARD_AUX_STOP() sp804_stop(BOARD_TIMER01_BASE)

/* Interrupt controller: the GIC. A claimed value carries an SGI's sender
 * in its upper bits: the handler is found by the ID, the completion gets
 * the value itself. */
#define BOARD_IRQ_COUNT BOARD_GIC_SOURCES
#define BOARD_INTC_INIT() gic_init(BOARD_GIC_DIST_BASE, BOARD_GIC_CPU_BASE)
#define BOARD_INTC_ENABLE(s) gic_enable(BOARD_GIC_DIST_BASE, (s))
#define BOARD_INTC_DISABLE(s) gic_disable(BOARD_GIC_DIST_BASE, (s))
#define BOARD_INTC_CLAIM() gic_claim(BOARD_GIC_CPU_BASE)
#define BOARD_INTC_COMPLETE(s) gic_complete(BOARD_GIC_CPU_BASE, (s))
#define BOARD_INTC_PEEK() gic_peek(BOARD_GIC_CPU_BASE)
#define BOARD_INTC_PEEK_IS(w, s) gic_peek_is((w), (s))
#define BOARD_INTC_CLAIM_PEEKED(w) gic_claim_peeked(w)
#define BOARD_INTC_SOURCE(claimed) GIC_SOURCE_ID(claimed)

/* Probe pins 0..7: bits 0..7 of SYS_LED, each change one store of a
 * MOV-loaded constant (sysled.h). */
#define BOARD_PROBE_INIT() sysled_probe_init(BOARD_SYSREG_BASE)
#define BOARD_PROBE_SET(pin) sysled_probe_set(BOARD_SYSREG_BASE, (pin))
#define BOARD_PROBE_CLEAR(pin) sysled_probe_clear(BOARD_SYSREG_BASE, (pin))
#define BOARD_PROBE_WRITE(mask) sysled_probe_write(BOARD_SYSREG_BASE, (mask))

/* Start-up: the four SP804 timers and this core's private timer stopped
 * (QEMU's reset leaves them so; a warm reboot may not). */
#define BOARD_QUIESCE()                                                    \
    do {                                                                   \
        sp804_stop(BOARD_TIMER01_BASE);                                    \
        sp804_stop(BOARD_TIMER01_BASE + SP804_TIMER2_OFFSET);              \
        sp804_stop(BOARD_TIMER23_BASE);                                    \
        sp804_stop(BOARD_TIMER23_BASE + SP804_TIMER2_OFFSET);              \
        a9_timer_stop(BOARD_PTIMER_BASE);                                  \
    } while (0)

/* Leaving the system: semihosting SYS_EXIT_EXTENDED (QEMU). */
#define BOARD_EXIT(status) semihost_exit(status)
#endif /* BOARD_LDS */

#endif /* BOARD_VEXPRESS_A9_H */
