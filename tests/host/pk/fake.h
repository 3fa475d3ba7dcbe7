/*
 * fake.h - the fake board and CPU under the partitioning kernel's host
 * build (tests/host/pk): what a test controls and what it can observe.
 *
 * The kernel's sources are compiled unchanged against the real bsp.h and
 * mmu.h, whose functions fake_board.c implements, and against the fake
 * cpu.h of tests/host/pk/fake (chosen by include path). Partition memory is
 * mapped at its configured (low) addresses, so the kernel's pointer checks
 * and copies run as on the target. The DACR is emulated with page
 * protections: a range whose domain the DACR makes "no access" is
 * PROT_NONE, so a kernel access to another partition's memory crashes the
 * test (under AddressSanitizer, with a report) just as the target's kernel
 * would take a data abort.
 */
#ifndef PK_FAKE_H
#define PK_FAKE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"

/* Fake kernel RAM below the partitions: the fake translation table lives
 * there (the kernel reads it through the 32-bit TTBR). */
#define FAKE_KRAM_BASE 0x00F00000u
#define FAKE_KRAM_SIZE 0x00100000u

/* ---- Memory ---- */
/* Maps the kernel RAM and every configured range of pk_system at their
 * addresses (once per process; later calls do nothing). Exits the process
 * with a clear message when the addresses are taken. */
void fake_mem_map(void);
/* Makes every range readable and writable, whatever the DACR (a test
 * preparing memory of a partition that is not current). */
void fake_mem_open(void);
/* Applies the current DACR to the ranges again (after fake_mem_open). */
void fake_mem_guard(void);

/* ---- Everything back to power-on (not the memory contents) ---- */
void fake_reset(void);

/* ---- Clock and one-shot timer ---- */
extern uint64_t fake_now_ns;        /* what bsp_clock_ns() returns */
extern unsigned fake_clock_reads;   /* bsp_clock_ns() calls */
extern bool fake_timer_armed;       /* bsp_timer_arm() called, not fired */
extern uint64_t fake_timer_deadline;/* its deadline */
extern unsigned fake_timer_arms;    /* bsp_timer_arm() calls */
/* Sets the clock; when the armed deadline is reached, the timer fires (its
 * handler runs, as the board's timer interrupt would). */
void fake_clock_set(uint64_t now_ns);

/* ---- Console ---- */
/* Everything written to the console since the last clear, NUL-terminated
 * (the board's "\r\n" is recorded as "\n"). Long output keeps its end. */
const char *fake_console_text(void);
void fake_console_clear(void);
/* Bytes the fake UART's transmit FIFO takes before it is full
 * (bsp_console_write_some); SIZE_MAX, the default after fake_reset:
 * unbounded. */
extern size_t fake_console_fifo_room;

/* ---- Interrupts ---- */
extern uint64_t fake_irq_enabled;   /* bit per source enabled */
extern uint64_t fake_irq_pending;   /* bit per source raised, not handled */
extern unsigned fake_irq_enable_calls;  /* bsp_irq_enable() calls */
extern unsigned fake_irq_disable_calls; /* bsp_irq_disable() calls */
extern unsigned fake_irq_last_enabled;  /* source of the last enable */

/* ---- Exits of the kernel (never returning functions) ---- */
/* bsp_exit(): status and count recorded, then longjmp to fake_exit_jmp
 * (the process aborts with a message when it is NULL). */
extern jmp_buf *fake_exit_jmp;
extern int fake_exit_status;
extern unsigned fake_exit_calls;
/* pk_arch_resume(): longjmp to fake_resume_jmp (main's last call). */
extern jmp_buf *fake_resume_jmp;
/* WFI with no interrupt that could ever come (no timer armed, none
 * pending): longjmp to fake_idle_jmp, or abort when it is NULL. */
extern jmp_buf *fake_idle_jmp;
extern unsigned fake_idle_waits;    /* WFIs so far */

/* ---- Probe pins ---- */
extern uint32_t fake_probe_level;   /* bit per pin driven high */
extern unsigned fake_probe_writes;  /* bsp_probe_set/clear/write calls */

/* ---- MMU ---- */
extern unsigned fake_dacr_writes;   /* mmu_set_dacr() calls */
extern uint32_t fake_dacr_union;    /* OR of every DACR since cleared */
extern unsigned fake_mmu_maps;      /* mmu_map() calls */
extern unsigned fake_mmu_page_maps; /* mmu_map_pages() calls */

/* ---- Scheduler invariant checks ---- */
/* Called by pk_sched_assert_fail(); the default prints and aborts. */
extern void (*fake_assert_hook)(const char *expr, const char *file, int line);

#endif /* PK_FAKE_H */
