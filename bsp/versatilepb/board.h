/*
 * board.h - memory map, interrupt numbers and clocks of the ARM Versatile
 * Platform Baseboard (QEMU -M versatilepb, ARM926EJ-S).
 *
 *   0xFFFFFFFF +----------------------------+
 *              |         (unused)           |
 *   0xF0200000 +----------------------------+
 *              | kernel alias of the device |  BOARD_DEV_KVA: the kernel's
 *              | window (privileged-only)   |  only view of the devices
 *   0xF0000000 +----------------------------+
 *              |         (unused)           |
 *   0x10200000 +----------------------------+
 *              | 0x101F1000 PL011 UART0     |  IRQ 12
 *              | 0x101E4000 PL061 GPIO0     |  IRQ 6, probe pins 0..7
 *              | 0x101E3000 SP804 timers 2/3|  IRQ 5 (test/bench timer)
 *              | 0x101E2000 SP804 timers 0/1|  IRQ 4 (system one-shot)
 *              | 0x10140000 PL190 VIC       |
 *              | 0x10120000 PL110 CLCD      |  IRQ 16
 *              | 0x10000000 system regs     |  24 MHz counter at +0x5C
 *   0x10000000 +----------------------------+  devices (physical); identity
 *                                              pages given to partitions only
 *              |         (unused)           |
 *   0x08000000 +----------------------------+
 *              |  RAM 128 MiB               |
 *              |  image linked at 0x0:      |
 *              |  vectors, text, data, bss, |
 *              |  mode stacks, newlib arena |
 *   0x00000000 +----------------------------+
 *
 * Register offsets inside each block live in the driver headers
 * (bsp/drivers/<ip>.h); this file says only where the blocks are.
 */
#ifndef BOARD_VERSATILEPB_H
#define BOARD_VERSATILEPB_H

/* RAM */
#define BOARD_RAM_BASE 0x00000000
#define BOARD_RAM_SIZE 0x08000000 /* 128 MiB (no suffix: the linker script uses it) */

/* The image is linked and entered at 0, where the ARM926 takes its
 * exceptions. The partitioning kernel's own range (board.toml kernel_base,
 * kernel_size: no partition may overlap it) is the first 16 MiB. */
#define BOARD_LINK_ADDR 0x00000000
#define BOARD_KERNEL_BASE 0x00000000
#define BOARD_KERNEL_SIZE 0x01000000

/* Peripheral window: physical addresses of the device blocks. */
#define BOARD_DEV_BASE 0x10000000u
#define BOARD_DEV_SIZE 0x00200000u

/*
 * The kernel (and a native system) reaches every device through an alias of
 * the peripheral window at BOARD_DEV_KVA, privileged-only. The identity
 * addresses of the window are left unmapped, so that a partitioned system can
 * hand one device's 4 KiB page(s) to one partition (docs/memory.md): on this
 * board every device shares the same 1 MiB section.
 */
#define BOARD_DEV_KVA 0xF0000000u
#define BOARD_KVA(pa) ((pa) - BOARD_DEV_BASE + BOARD_DEV_KVA)

/* Physical addresses of the IP blocks. */
#define BOARD_SYSREG_PHYS 0x10000000u
#define BOARD_CLCD_PHYS 0x10120000u    /* PL110 */
#define BOARD_VIC_PHYS 0x10140000u     /* PL190 */
#define BOARD_TIMER01_PHYS 0x101E2000u /* SP804, timers 0 and 1 */
#define BOARD_TIMER23_PHYS 0x101E3000u /* SP804, timers 2 and 3 */
#define BOARD_GPIO0_PHYS 0x101E4000u   /* PL061 */
#define BOARD_UART0_PHYS 0x101F1000u   /* PL011 */

/* Kernel addresses of the IP blocks (valid once bsp_init has run). */
#define BOARD_SYSREG_BASE BOARD_KVA(BOARD_SYSREG_PHYS)
#define BOARD_SYS_24MHZ (BOARD_SYSREG_BASE + 0x5Cu) /* 24 MHz counter */
#define BOARD_COUNTER_HZ 24000000u
#define BOARD_UART0_BASE BOARD_KVA(BOARD_UART0_PHYS)
#define BOARD_VIC_BASE BOARD_KVA(BOARD_VIC_PHYS)
#define BOARD_TIMER01_BASE BOARD_KVA(BOARD_TIMER01_PHYS)
#define BOARD_TIMER23_BASE BOARD_KVA(BOARD_TIMER23_PHYS)
#define BOARD_GPIO0_BASE BOARD_KVA(BOARD_GPIO0_PHYS)
#define BOARD_CLCD_BASE BOARD_KVA(BOARD_CLCD_PHYS)
#define BOARD_TIMER_HZ 1000000u      /* SP804 clock: 1 MHz */

/* PL190 interrupt sources */
#define BOARD_IRQ_WDOG 0u
#define BOARD_IRQ_SOFT 1u
#define BOARD_IRQ_TIMER01 4u
#define BOARD_IRQ_TIMER23 5u
#define BOARD_IRQ_GPIO0 6u
#define BOARD_IRQ_UART0 12u
#define BOARD_IRQ_CLCD 16u

/* The system's one-shot timer (bsp_timer_*) is timer 0 of the first SP804;
 * the second SP804 (timer 2, IRQ 5) is free for tests and benchmarks. */
#define BOARD_SYSTIMER_BASE BOARD_TIMER01_BASE
#define BOARD_SYSTIMER_IRQ BOARD_IRQ_TIMER01
#define BOARD_AUXTIMER_BASE BOARD_TIMER23_BASE
#define BOARD_AUXTIMER_IRQ BOARD_IRQ_TIMER23

/* Probe pins 0..7 are GPIO0 pins 0..7. */
#define BOARD_PROBE_GPIO_BASE BOARD_GPIO0_BASE
#define BOARD_PROBE_MASK 0xFFu

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
#include "pl011.h"
#include "pl061.h"
#include "pl190.h"
#include "semihost.h"
#include "sp804.h"

#define BOARD_NAME "versatilepb"

/* Device windows mapped for the kernel: { physical, size, kernel alias }. */
#define BOARD_DEV_WINDOWS {{BOARD_DEV_BASE, BOARD_DEV_SIZE, BOARD_DEV_KVA}}

/* Console: UART0. */
#define BOARD_CONSOLE_INIT() pl011_init(BOARD_UART0_BASE)
#define BOARD_CONSOLE_PUTC(c) pl011_putc(BOARD_UART0_BASE, (c))
#define BOARD_CONSOLE_TRY_PUTC(c) pl011_try_putc(BOARD_UART0_BASE, (c))
#define BOARD_CONSOLE_GETC() pl011_getc(BOARD_UART0_BASE)

/* Clock: the 24 MHz system counter; one count is 125/3 ns. */
#define BOARD_COUNTER_NS_NUM 125u
#define BOARD_COUNTER_NS_DEN 3u
#define BOARD_COUNTER_READ() (*(volatile uint32_t *)BOARD_SYS_24MHZ)

/* System one-shot: SP804 timer 0 at 1 MHz (1000 ns per count). */
#define BOARD_ONESHOT_HZ BOARD_TIMER_HZ
#define BOARD_ONESHOT_NS_NUM 1000u
#define BOARD_ONESHOT_NS_DEN 1u
#define BOARD_ONESHOT_IRQ BOARD_SYSTIMER_IRQ
#define BOARD_ONESHOT_START(t) sp804_oneshot(BOARD_SYSTIMER_BASE, (t))
#define BOARD_ONESHOT_CLEAR() sp804_clear(BOARD_SYSTIMER_BASE)
#define BOARD_ONESHOT_STOP() sp804_stop(BOARD_SYSTIMER_BASE)

/* Auxiliary one-shot (tests, benchmarks): SP804 timer 2, microseconds. */
#define BOARD_AUX_IRQ BOARD_AUXTIMER_IRQ
#define BOARD_AUX_START(us) sp804_oneshot(BOARD_AUXTIMER_BASE, (us))
#define BOARD_AUX_CLEAR() sp804_clear(BOARD_AUXTIMER_BASE)
#define BOARD_AUX_STOP() sp804_stop(BOARD_AUXTIMER_BASE)

/* Interrupt controller: the PL190. */
#define BOARD_IRQ_COUNT PL190_SOURCES
#define BOARD_INTC_INIT() pl190_init(BOARD_VIC_BASE)
#define BOARD_INTC_ENABLE(s) pl190_enable(BOARD_VIC_BASE, (s))
#define BOARD_INTC_DISABLE(s) pl190_disable(BOARD_VIC_BASE, (s))
#define BOARD_INTC_CLAIM() pl190_claim(BOARD_VIC_BASE)
#define BOARD_INTC_COMPLETE(s) pl190_complete(BOARD_VIC_BASE, (s))
#define BOARD_INTC_PEEK() pl190_peek(BOARD_VIC_BASE)
#define BOARD_INTC_PEEK_IS(w, s) pl190_peek_is((w), (s))
#define BOARD_INTC_CLAIM_PEEKED(w) pl190_claim_peeked(w)

/* Probe pins: one store of 0xFF or 0 to the pin's masked address. */
#define BOARD_PROBE_INIT() pl061_init_outputs(BOARD_PROBE_GPIO_BASE, BOARD_PROBE_MASK)
#define BOARD_PROBE_SET(pin) pl061_write(BOARD_PROBE_GPIO_BASE, 1u << ((pin) & 7u), 0xFFu)
#define BOARD_PROBE_CLEAR(pin) pl061_write(BOARD_PROBE_GPIO_BASE, 1u << ((pin) & 7u), 0u)
#define BOARD_PROBE_WRITE(mask) pl061_write(BOARD_PROBE_GPIO_BASE, BOARD_PROBE_MASK, (mask))

/* Start-up: the four SP804 timers stopped (QEMU's reset leaves them so;
 * a warm reboot may not). */
#define BOARD_QUIESCE()                                                    \
    do {                                                                   \
        sp804_stop(BOARD_TIMER01_BASE);                                    \
        sp804_stop(BOARD_TIMER01_BASE + SP804_TIMER2_OFFSET);              \
        sp804_stop(BOARD_TIMER23_BASE);                                    \
        sp804_stop(BOARD_TIMER23_BASE + SP804_TIMER2_OFFSET);              \
    } while (0)

/* Leaving the system: semihosting SYS_EXIT_EXTENDED (QEMU). */
#define BOARD_EXIT(status) semihost_exit(status)
#endif /* BOARD_LDS */

#endif /* BOARD_VERSATILEPB_H */
