/*
 * pk_env.h - booting the partitioning kernel on the host and driving it as
 * its partitions would (tests/host/pk: unit tests and the fuzzer).
 *
 * The kernel's main() (partitions/main.c, built with -Dmain=pk_boot_main)
 * boots on the fake board of fake.h; its final pk_arch_resume() returns
 * here. A test then plays the current partition: it sets registers in
 * pk_cur->ctx, places the instruction the exception came from, and calls
 * the kernel's trap handler, as partitions/arch/arm/entry.S would.
 */
#ifndef PK_ENV_H
#define PK_ENV_H

#include <stdbool.h>
#include <stdint.h>

#include "fake.h"
#include "pk_kernel.h"

/* Size of every range of the test system (pk_test_system.c). */
/* The top of every user range a warm start keeps (persistent_size). */
#define PKT_PERSIST 0x2000u
#ifndef PKT_RANGE
#define PKT_RANGE 0x00100000u
#endif
#define PKT_GK_BASE(i) (0x01000000u + (i) * 2u * PKT_RANGE)
#define PKT_USER_BASE(i) (PKT_GK_BASE(i) + PKT_RANGE)
#define PKT_TICK_HZ 1000u
#define PKT_TICK_NS 1000000ull
#define PKT_WINDOW_NS 10000000ull
/* The device assigned to partition 0 and its interrupt source. */
#define PKT_DEV_BASE 0x10120000u
#define PKT_DEV_IRQ 37 /* beyond 32, as a GIC SPI */
/* Beta's restart escalation: at most this many restarts in the window. */
#define PKT_RESTART_LIMIT 3u
#define PKT_RESTART_WINDOW_NS 100000000ull
/* The clock when the kernel boots. */
#define PKT_BOOT_NS 1000000ull

/* The kernel's boot, main() of partitions/main.c renamed. */
int pk_boot_main(void);

/* Power-on: clears the fake board and every kernel global, boots the
 * kernel. Returns false if the boot panicked. */
bool env_boot(void);
struct pk_part *env_part(unsigned i);
/* Makes partition i the current one in virtual mode vmode (DACR too). */
struct pk_part *env_current(unsigned i, uint32_t vmode);
/* A service call from the current partition p: r7 = nr, r0..r3, resuming
 * at pc (the svc instruction was at pc - 4). */
void env_svc_at(struct pk_part *p, uint32_t pc, uint32_t nr,
                uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3);
/* The same from an ordinary place of p's code for its virtual mode. */
void env_svc(struct pk_part *p, uint32_t nr, uint32_t r0, uint32_t r1,
             uint32_t r2, uint32_t r3);
/* The kernel queues all console output in a ring (partitions/console.c)
 * and writes a bounded piece of it at each kernel exit. env_console_drain()
 * writes everything queued to the fake UART (the "dropped" notes a full
 * drain may queue too); env_console_text() is what the UART shows once
 * that is done, and env_console_clear() empties both, so that no output
 * of an earlier step shows up after it. */
void env_console_drain(void);
const char *env_console_text(void);
void env_console_clear(void);
/* Health-monitor lines printed since the last console clear (drained
 * first), and the
 * value of field `key` ("kind", "addr", "action", ...) of the last one
 * (into buf, "" when there is none). */
unsigned env_hm_lines(void);
const char *env_hm_field(const char *key, char *buf, unsigned size);

#endif /* PK_ENV_H */
