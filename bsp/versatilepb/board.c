/*
 * board.c - bsp.h for the ARM Versatile PB (QEMU -M versatilepb).
 *
 * Clock: the 24 MHz system counter, a free-running 32-bit up-counter,
 * extended to 64-bit nanoseconds in software. Timer: SP804 timer 0 in
 * one-shot mode, re-armed against absolute deadlines (never periodic).
 * Interrupts: PL190, non-vectored, dispatched in software.
 */
#include <stdbool.h>
#include <stdint.h>

#include "board.h"
#include "bsp.h"
#include "cpu.h"
#include "mmu.h"
#include "pl011.h"
#include "pl061.h"
#include "pl190.h"
#include "semihost.h"
#include "sp804.h"

const char bsp_board_name[] = "versatilepb";

/* Defined with the newlib glue (syscalls.c): stdout unbuffered etc. */
void arm_stdio_init(void);

/* ---- Console ---- */

void bsp_console_putc(char c)
{
    pl011_putc(BOARD_UART0_BASE, c);
}

void bsp_console_write(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') {
            pl011_putc(BOARD_UART0_BASE, '\r');
        }
        pl011_putc(BOARD_UART0_BASE, s[i]);
    }
}

int bsp_console_getc(void)
{
    return pl011_getc(BOARD_UART0_BASE);
}

/* ---- Clock ---- */

/* State of the software extension of the 24 MHz counter. Invariant: clk_ns
 * + clk_rem/3 ns is exactly clk_last counts since boot (one count is 125/3
 * ns), so no error accumulates however often or rarely the clock is read,
 * as long as reads are less than 2^32 counts (178 s) apart; the one-shot
 * timer's 1 s cap guarantees that. */
static uint32_t clk_last; /* counter value at the last read */
static uint32_t clk_rem;  /* leftover thirds of a nanosecond, 0..2 */
static uint64_t clk_ns;   /* nanoseconds at clk_last */

static inline uint32_t counter_read(void)
{
    return *(volatile uint32_t *)BOARD_SYS_24MHZ;
}

uint64_t bsp_clock_ns(void)
{
    uint32_t psr = cpu_irq_save();
    uint32_t now = counter_read();
    uint32_t delta = now - clk_last;
    clk_last = now;
    if (delta < (1u << 24)) {
        /* Fast path: delta * 125 + 2 fits in 32 bits (under 0.7 s). */
        uint32_t x = delta * 125u + clk_rem;
        clk_ns += x / 3u;
        clk_rem = x % 3u;
    } else {
        uint64_t x = (uint64_t)delta * 125u + clk_rem;
        clk_ns += x / 3u;
        clk_rem = (uint32_t)(x % 3u);
    }
    uint64_t ns = clk_ns;
    cpu_irq_restore(psr);
    return ns;
}

/* ---- One-shot timer ---- */

/* Longest single countdown: the clock must be read at least this often. */
#define TIMER_CAP_US 1000000u

static void (*timer_handler)(void); /* called in IRQ context on expiry */
static uint64_t timer_deadline;      /* absolute deadline, ns */
static bool timer_armed;             /* a deadline is pending */

/* Program the SP804 for the current deadline. IRQs are masked. */
static void timer_program(void)
{
    uint64_t now = bsp_clock_ns();
    uint32_t us = 1u;
    if (timer_deadline > now) {
        uint64_t diff = timer_deadline - now;
        if (diff >= (uint64_t)TIMER_CAP_US * 1000u) {
            us = TIMER_CAP_US;
        } else {
            /* Round up: the timer never fires before the deadline. */
            us = ((uint32_t)diff + 999u) / 1000u;
        }
    }
    sp804_oneshot(BOARD_SYSTIMER_BASE, us);
}

static void timer_irq(void *arg)
{
    (void)arg;
    sp804_clear(BOARD_SYSTIMER_BASE);
    if (!timer_armed) {
        return;
    }
    if (bsp_clock_ns() < timer_deadline) {
        /* A capped countdown, or rounding against the counter: not yet. */
        timer_program();
        return;
    }
    timer_armed = false;
    if (timer_handler != NULL) {
        timer_handler();
    }
}

void bsp_timer_set_handler(void (*handler)(void))
{
    timer_handler = handler;
}

void bsp_timer_arm(uint64_t deadline_ns)
{
    uint32_t psr = cpu_irq_save();
    timer_deadline = deadline_ns;
    timer_armed = true;
    timer_program();
    cpu_irq_restore(psr);
}

void bsp_timer_cancel(void)
{
    uint32_t psr = cpu_irq_save();
    timer_armed = false;
    sp804_stop(BOARD_SYSTIMER_BASE);
    cpu_irq_restore(psr);
}

/* ---- Interrupts ---- */

/* One handler per PL190 source. */
struct irq_slot {
    bsp_irq_handler_t handler; /* NULL: source not attached */
    void *arg;                 /* passed to handler */
};

static struct irq_slot irq_slots[BOARD_IRQ_COUNT];

void bsp_irq_attach(unsigned source, bsp_irq_handler_t handler, void *arg)
{
    if (source >= BOARD_IRQ_COUNT) {
        return;
    }
    uint32_t psr = cpu_irq_save();
    irq_slots[source].handler = handler;
    irq_slots[source].arg = arg;
    pl190_enable(BOARD_VIC_BASE, source);
    cpu_irq_restore(psr);
}

void bsp_irq_enable(unsigned source)
{
    if (source < BOARD_IRQ_COUNT) {
        pl190_enable(BOARD_VIC_BASE, source);
    }
}

void bsp_irq_disable(unsigned source)
{
    if (source < BOARD_IRQ_COUNT) {
        pl190_disable(BOARD_VIC_BASE, source);
    }
}

/*
 * Priority is the source number: the highest-numbered pending source runs
 * first, and the status is read again after each handler so that a source
 * raised meanwhile with a higher number goes next. A pending source with no
 * handler is disabled (it would otherwise keep the CPU in the IRQ path).
 */
unsigned bsp_irq_dispatch(void)
{
    unsigned handled = 0;
    uint32_t status;
    while ((status = pl190_status(BOARD_VIC_BASE)) != 0u) {
        unsigned source = 31u - cpu_clz(status);
        struct irq_slot *slot = &irq_slots[source];
        if (slot->handler == NULL) {
            pl190_disable(BOARD_VIC_BASE, source);
            continue;
        }
        slot->handler(slot->arg);
        handled++;
    }
    return handled;
}

/* ---- Probe pins ---- */

/*
 * Each change is one store of a constant (0xFF or 0) to the pin's masked
 * address. The two functions are aligned so that each lies within one 1 KiB
 * block of code: QEMU translates no block across such a boundary, and the
 * emulated logic analyzer (tools/qemu-plugin) learns the stored value from
 * the constant loaded in the same block as the store.
 */
#define PROBE_FN_ALIGN __attribute__((aligned(32)))

PROBE_FN_ALIGN void bsp_probe_set(unsigned pin)
{
    pl061_write(BOARD_PROBE_GPIO_BASE, 1u << (pin & 7u), 0xFFu);
}

PROBE_FN_ALIGN void bsp_probe_clear(unsigned pin)
{
    pl061_write(BOARD_PROBE_GPIO_BASE, 1u << (pin & 7u), 0u);
}

void bsp_probe_write(unsigned mask)
{
    pl061_write(BOARD_PROBE_GPIO_BASE, BOARD_PROBE_MASK, mask);
}

/* ---- CPU ---- */

void bsp_cpu_idle(void)
{
    cpu_wfi();
}

void bsp_exit(int status)
{
    if (status < 0) {
        status = 1;
    } else if (status > 255) {
        status = 255;
    }
    semihost_exit(status);
}

/* ---- Start-up ---- */

void bsp_init(void)
{
    /* Flat map of RAM (cacheable) and the kernel's alias of the device
     * window (not cacheable); everything privileged-only in domain 0, a
     * client (permissions checked). Devices are touched only after this. */
    mmu_table_clear();
    mmu_map(BOARD_RAM_BASE, BOARD_RAM_BASE, BOARD_RAM_SIZE, MMU_AP_PRIV_ONLY,
            MMU_MEM_NORMAL, 0u);
    mmu_map(BOARD_DEV_KVA, BOARD_DEV_BASE, BOARD_DEV_SIZE, MMU_AP_PRIV_ONLY,
            MMU_MEM_DEVICE, 0u);
    mmu_enable(MMU_DACR(0u, MMU_DOM_CLIENT));

    pl011_init(BOARD_UART0_BASE);
    pl190_init(BOARD_VIC_BASE);
    sp804_stop(BOARD_TIMER01_BASE);
    sp804_stop(BOARD_TIMER01_BASE + SP804_TIMER2_OFFSET);
    sp804_stop(BOARD_TIMER23_BASE);
    sp804_stop(BOARD_TIMER23_BASE + SP804_TIMER2_OFFSET);
    pl061_init_outputs(BOARD_PROBE_GPIO_BASE, BOARD_PROBE_MASK);

    clk_last = counter_read();
    clk_ns = 0u;
    clk_rem = 0u;
    bsp_irq_attach(BOARD_SYSTIMER_IRQ, timer_irq, NULL);

    arm_stdio_init();
}
